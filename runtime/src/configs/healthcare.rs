//! Carechain's healthcare pallets and how they couple: each names the others only through the
//! traits in `carechain-primitives`, and this file decides which pallet provides each trait.

use carechain_primitives::CredentialKind;
use frame_support::{parameter_types, traits::ConstU32};

use crate::MILLISECS_PER_DAY;

use crate::{
	deposit, AccountId, Balance, Balances, BlockNumber, Consent, Credentials, Patients, Records,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, Timestamp, Trials,
};

parameter_types! {
	/// A stored credential (about 100 bytes, plus its key).
	pub const CredentialDeposit: Balance = deposit(1, 160);
	/// A patient record and its two index entries (without delegates).
	pub const PatientRegistrationDeposit: Balance = deposit(2, 200);
	/// One delegate inside the patient record.
	pub const PatientDelegateDeposit: Balance = deposit(0, 60);
	/// A proposed key rotation may be accepted for a week.
	pub const KeyRotationPeriod: u64 = 7 * MILLISECS_PER_DAY;
	/// A consent (about 100 bytes with its categories) and its index entry.
	pub const ConsentDeposit: Balance = deposit(2, 150);
	/// An emergency access and its index entry, returned when it is ended.
	pub const EmergencyDeposit: Balance = deposit(2, 120);
	/// Break-glass access lasts 24 hours.
	pub const EmergencyAccessDuration: u64 = MILLISECS_PER_DAY;
	/// No deposit per anchored record. A deposit is the right tool for state its payer can
	/// clean up, but only the patient (or a delegate) may erase a record, and medical records
	/// are kept for years by law, so a provider's deposit would in effect be locked for good
	/// while charging every anchor two extra reads and writes (the hold). Record state is
	/// bounded instead: each patient holds at most `MaxRecordsPerPatient` live versions, only
	/// providers the patient consented to (or the patient) can add them, every anchor pays its
	/// transaction fee, and erasure frees the room.
	pub const RecordDeposit: Balance = 0;
	/// A self-reported record (about 150 bytes) and its index entry, held from the patient or
	/// delegate who reported it until it is erased: unlike a provider, the reporter can always
	/// erase it and get the deposit back, and without it anyone who registers could fill a
	/// patient's index for fees alone and leave it behind on deregistering.
	pub const SelfReportDeposit: Balance = deposit(2, 200);
}

impl pallet_credentials::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	// Licensing boards are admitted and removed by a majority of the consortium.
	type GovernanceOrigin = super::governance::ConsortiumMajority;
	type MaxKindsPerIssuer = ConstU32<{ CredentialKind::ALL.len() as u32 }>;
	type CredentialDeposit = CredentialDeposit;
	type WeightInfo = pallet_credentials::weights::SubstrateWeight<Runtime>;
}

impl pallet_patients::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Credentials = Credentials;
	type MaxDelegates = ConstU32<8>;
	type RegistrationDeposit = PatientRegistrationDeposit;
	type DelegateDeposit = PatientDelegateDeposit;
	type RotationPeriod = KeyRotationPeriod;
	type WeightInfo = pallet_patients::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::HealthcareBenchmarkHelper;
}

impl pallet_consent::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Patients = Patients;
	type Credentials = Credentials;
	// A study pauses the research use of a participant's consent until it consents to a
	// re-consent amendment.
	type ResearchPauses = Trials;
	type MaxCategories = ConstU32<13>;
	type MaxConsentsPerGrantee = ConstU32<8>;
	type MaxConsentsPerPatient = ConstU32<64>;
	type EmergencyAccessDuration = EmergencyAccessDuration;
	type ConsentDeposit = ConsentDeposit;
	type EmergencyDeposit = EmergencyDeposit;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::HealthcareBenchmarkHelper;
}

impl pallet_records::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Patients = Patients;
	type Credentials = Credentials;
	type AccessPolicy = Consent;
	type MaxVersions = ConstU32<64>;
	type MaxRecordsPerPatient = ConstU32<10_000>;
	type RecordDeposit = RecordDeposit;
	type SelfReportDeposit = SelfReportDeposit;
	// An encounter's results, or a day's lab batch for one patient, in one extrinsic.
	type MaxAnchorBatch = ConstU32<128>;
	type WeightInfo = pallet_records::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::HealthcareBenchmarkHelper;
}

parameter_types! {
	/// A coverage (about 110 bytes) and its count entry, held from the payer until it removes the
	/// ended coverage.
	pub const CoverageDeposit: Balance = deposit(2, 150);
	/// A claim (about 300 bytes), its index entry and its duplicate key, held from the provider
	/// until the settled claim is cleared.
	pub const ClaimDeposit: Balance = deposit(3, 400);
	/// A provider may appeal a decision for 180 days, the window US federal rules give a patient
	/// for an internal appeal (45 CFR 147.136).
	pub const ClaimAppealWindow: u64 = 180 * MILLISECS_PER_DAY;
	/// Claims may be filed up to a year after the care (Medicare's limit, 42 CFR 424.44; most
	/// payers' are shorter, and they deny later claims with `TimelyFilingExpired` off chain).
	pub const TimelyFilingDays: carechain_primitives::Day = 365;
}

impl pallet_claims::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Patients = Patients;
	type Credentials = Credentials;
	type AccessPolicy = Consent;
	type Records = Records;
	type CoverageDeposit = CoverageDeposit;
	type ClaimDeposit = ClaimDeposit;
	// A patient with a primary and a secondary payer over several years of changing plans.
	type MaxCoveragesPerPatient = ConstU32<16>;
	// Claims stay until settled and a year past their care: a dialysis patient's three a week
	// are about 300 a year; 2,000 leaves room for the busiest.
	type MaxClaimsPerPatient = ConstU32<2_000>;
	// One provider may hold a quarter of a patient's room: a clinic billing every visit of a
	// chronic patient, and no single provider able to crowd out the others.
	type MaxClaimsPerProvider = ConstU32<500>;
	// An internal appeal and a second level.
	type MaxAppeals = ConstU32<2>;
	type AppealWindow = ClaimAppealWindow;
	type TimelyFilingDays = TimelyFilingDays;
	type WeightInfo = pallet_claims::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::HealthcareBenchmarkHelper;
}

parameter_types! {
	/// A study (about 200 bytes with its categories) and the most versions (16, about 110 bytes
	/// each) and investigators (32, about 50 bytes each) it may store, held from the sponsor for
	/// as long as it is registered: a trial registry keeps every entry. Participations are the
	/// patients' (no deposit), bounded per study and per patient.
	pub const StudyDeposit: Balance = deposit(1 + 16 + 32, 200 + 16 * 110 + 32 * 50);
}

impl pallet_trials::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Patients = Patients;
	type Credentials = Credentials;
	type Consents = Consent;
	type StudyDeposit = StudyDeposit;
	// The CMS cell-size rule: no cohort of fewer than 11 patients is released.
	type MinCohort = ConstU32<{ carechain_primitives::MIN_COHORT_FLOOR }>;
	// One per category.
	type MaxCategories = ConstU32<13>;
	// Protocols are amended a handful of times over a trial's life; 16 leaves room.
	type MaxVersions = ConstU32<16>;
	// The sites' principal and sub-investigators of a multi-site study.
	type MaxInvestigators = ConstU32<32>;
	// A release walks every participation of a study (about 70 µs each): 1,000 keep the
	// largest release under a tenth of a block. Larger trials register a study per site or arm.
	type MaxParticipants = ConstU32<1_000>;
	// Studies a patient takes part in at once (withdrawn ones until cleared).
	type MaxStudiesPerPatient = ConstU32<16>;
	type WeightInfo = pallet_trials::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::HealthcareBenchmarkHelper;
}

impl pallet_supply_chain::Config for Runtime {
	type Time = Timestamp;
	type Credentials = Credentials;
	// Manufacturer → wholesaler → distributor → pharmacy takes three; eight leaves room for
	// repackagers and hospital transfers.
	type MaxSplitDepth = ConstU32<8>;
	type WeightInfo = pallet_supply_chain::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::HealthcareBenchmarkHelper;
}

parameter_types! {
	/// Fee-free calls per patient (with their delegates) per quota period: enough for a busy
	/// day of consents, delegates and erasures, few enough that a patient's spam fills little of a
	/// block.
	pub const PatientQuotaCalls: u32 = 20;
	/// A quota period: one hour of blocks.
	pub const PatientQuotaPeriod: BlockNumber = crate::HOURS;
}

impl pallet_patient_quota::Config for Runtime {
	type PatientCalls = FeeFreePatientCalls;
	type Patients = Patients;
	type Quota = PatientQuotaCalls;
	type Period = PatientQuotaPeriod;
}

/// The fee-free patient calls: each pallet classifies its own.
pub struct FeeFreePatientCalls;
impl pallet_patient_quota::PatientCalls<RuntimeCall, AccountId> for FeeFreePatientCalls {
	fn classify(call: &RuntimeCall, who: &AccountId) -> carechain_primitives::PatientCall {
		match call {
			RuntimeCall::Patients(call) => Patients::fee_free_patient(call, who),
			RuntimeCall::Consent(call) => Consent::fee_free_patient(call, who),
			RuntimeCall::Records(call) => Records::fee_free_patient(call, who),
			RuntimeCall::Trials(call) => Trials::fee_free_patient(call, who),
			_ => carechain_primitives::PatientCall::Other,
		}
	}

	fn may_be_patient_side(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::Patients(call) => Patients::may_be_fee_free(call),
			RuntimeCall::Consent(call) => Consent::may_be_fee_free(call),
			RuntimeCall::Records(call) => Records::may_be_fee_free(call),
			RuntimeCall::Trials(call) => Trials::may_be_fee_free(call),
			_ => false,
		}
	}

	fn dispatch_reads_patient(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::Patients(call) => Patients::dispatch_reads_patient(call),
			RuntimeCall::Consent(call) => Consent::dispatch_reads_patient(call),
			RuntimeCall::Records(call) => Records::dispatch_reads_patient(call),
			RuntimeCall::Trials(call) => Trials::dispatch_reads_patient(call),
			_ => false,
		}
	}
}

impl pallet_skip_feeless_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
}
