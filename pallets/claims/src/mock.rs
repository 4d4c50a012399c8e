//! A test runtime: System, Balances (for deposits) and this pallet, with stand-ins for the
//! patient registry, the credentials, the access decision and the records that the tests set
//! directly.

use crate as pallet_claims;
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use carechain_primitives::{
	Access, AccessDecision, CategoryTag, CredentialKind, Day, Moment, PatientId, Purpose,
	RecordCategory, RecordFacts, RecordId, RecordInspect, MILLIS_PER_DAY,
};
use frame::{
	deps::sp_runtime::BuildStorage, prelude::*, testing_prelude::*, traits::fungible::InspectHold,
};

pub use carechain_primitives::mock::{
	advance, deny_all, deregister_patient, open_emergency, reset_access, set_credential,
	set_decision, tag, AccountId, MockAccess, MockCredentials, MockPatients, MockTime, Now,
	PatientKeys, ValidCredentials,
};
pub type Balance = u64;

pub const PATIENT: AccountId = 1;
pub const OTHER_PATIENT: AccountId = 2;
pub const DOCTOR: AccountId = 10;
pub const NURSE: AccountId = 11;
pub const INSURER: AccountId = 40;
pub const OTHER_INSURER: AccountId = 41;
pub const STRANGER: AccountId = 99;
/// A physician who cannot pay a claim deposit.
pub const POOR_DOCTOR: AccountId = 30;

pub const PATIENT_ID: PatientId = 3;
pub const OTHER_PATIENT_ID: PatientId = 4;
/// The patient's encounter, written by `DOCTOR`.
pub const ENCOUNTER: RecordId = 7;
/// An encounter of the other patient.
pub const OTHER_ENCOUNTER: RecordId = 8;

pub const CLAIM_DEPOSIT: Balance = 20;
pub const COVERAGE_DEPOSIT: Balance = 30;
pub const MAX_CLAIMS: u32 = 4;
pub const MAX_CLAIMS_PER_PROVIDER: u32 = 3;
pub const MAX_COVERAGES: u32 = 2;
pub const MAX_APPEALS: u32 = 2;
pub const APPEAL_WINDOW: Moment = 30 * MILLIS_PER_DAY;
pub const TIMELY_FILING_DAYS: Day = 90;
pub const ENDOWMENT: Balance = 10_000;
/// Noon of day 20,000 (2024-10-04).
pub const TODAY: Day = 20_000;
pub const START: Moment = TODAY as Moment * MILLIS_PER_DAY + MILLIS_PER_DAY / 2;

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Claims: pallet_claims,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
	// Storage costs something, so the refunds of reads a call did not make can be seen.
	type DbWeight = frame::deps::frame_support::weights::constants::RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type Balance = Balance;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	/// The stored records.
	pub static StoredRecords: BTreeMap<RecordId, RecordFacts<AccountId>> = BTreeMap::new();
}

pub struct MockRecords;
impl RecordInspect<AccountId> for MockRecords {
	fn record(record_id: RecordId) -> Option<RecordFacts<AccountId>> {
		StoredRecords::get().get(&record_id).copied()
	}
}

/// Lets `who` have `access` to `patient`'s `category` records for `purpose`.
pub fn permit(
	patient: PatientId,
	who: AccountId,
	category: CategoryTag,
	access: Access,
	purpose: Purpose,
) {
	set_decision(patient, who, category, access, purpose, AccessDecision::Permitted(9));
}

/// Stores record `record_id` of `patient`, written by `author`, in `category`.
pub fn store_record(
	record_id: RecordId,
	patient: PatientId,
	author: AccountId,
	category: RecordCategory,
) {
	let mut records = StoredRecords::get();
	records.insert(record_id, RecordFacts { patient_id: patient, author, category: tag(category) });
	StoredRecords::set(records);
}

/// Erases record `record_id`.
pub fn erase_record(record_id: RecordId) {
	let mut records = StoredRecords::get();
	records.remove(&record_id);
	StoredRecords::set(records);
}

/// The patient's billing tag, under which it consents to payers for payment.
pub fn billing() -> CategoryTag {
	tag(RecordCategory::Billing)
}

impl pallet_claims::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = MockTime;
	type Patients = MockPatients;
	type Credentials = MockCredentials;
	type AccessPolicy = MockAccess;
	type Records = MockRecords;
	type CoverageDeposit = ConstU64<COVERAGE_DEPOSIT>;
	type ClaimDeposit = ConstU64<CLAIM_DEPOSIT>;
	type MaxCoveragesPerPatient = ConstU32<MAX_COVERAGES>;
	type MaxClaimsPerPatient = ConstU32<MAX_CLAIMS>;
	type MaxClaimsPerProvider = ConstU32<MAX_CLAIMS_PER_PROVIDER>;
	type MaxAppeals = ConstU32<MAX_APPEALS>;
	type AppealWindow = ConstU64<APPEAL_WINDOW>;
	type TimelyFilingDays = ConstU32<TIMELY_FILING_DAYS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockHelper {
	fn register_patient(who: &AccountId) -> PatientId {
		let mut keys = PatientKeys::get();
		keys.insert(PATIENT_ID, *who);
		PatientKeys::set(keys);
		PATIENT_ID
	}
	fn set_credential(who: &AccountId, kind: CredentialKind) {
		set_credential(*who, kind, true);
	}
	fn consent_to_payment(_: &AccountId, patient: PatientId, payer: &AccountId, tag: CategoryTag) {
		permit(patient, *payer, tag, Access::Read, Purpose::Payment);
	}
	fn anchor_encounter(
		_: &AccountId,
		patient: PatientId,
		author: &AccountId,
		biller: &AccountId,
	) -> RecordId {
		store_record(ENCOUNTER, patient, *author, RecordCategory::Encounters);
		permit(
			patient,
			*biller,
			tag(RecordCategory::Encounters),
			Access::Write,
			Purpose::Treatment,
		);
		ENCOUNTER
	}
	fn set_now(now: Moment) {
		Now::set(now);
	}
}

/// What `who` holds for `reason`.
pub fn held(who: AccountId, reason: crate::HoldReason) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

/// Builds the test state, at noon of `TODAY`: `PATIENT` registered as `PATIENT_ID` and
/// `OTHER_PATIENT` as `OTHER_PATIENT_ID`; `DOCTOR` and `POOR_DOCTOR` valid physicians, `NURSE`
/// a valid nurse; `INSURER` and `OTHER_INSURER` valid insurers, and the patient consented to
/// `INSURER` (only) reading its billing tag for payment; `ENCOUNTER`, the patient's, written by
/// `DOCTOR`; `OTHER_ENCOUNTER`, the other patient's, written by `DOCTOR`.
#[derive(Default)]
pub struct ExtBuilder {
	// Not a unit struct, so that `ExtBuilder::default()` reads as the builder it is.
	_private: (),
}

impl ExtBuilder {
	pub fn build(self) -> TestState {
		Now::set(START);
		PatientKeys::set(BTreeMap::from([
			(PATIENT_ID, PATIENT),
			(OTHER_PATIENT_ID, OTHER_PATIENT),
		]));
		ValidCredentials::set(BTreeSet::from([
			(DOCTOR, CredentialKind::Physician),
			(POOR_DOCTOR, CredentialKind::Physician),
			(NURSE, CredentialKind::Nurse),
			(INSURER, CredentialKind::Insurer),
			(OTHER_INSURER, CredentialKind::Insurer),
		]));
		reset_access();
		StoredRecords::set(BTreeMap::new());
		permit(PATIENT_ID, INSURER, billing(), Access::Read, Purpose::Payment);
		store_record(ENCOUNTER, PATIENT_ID, DOCTOR, RecordCategory::Encounters);
		store_record(OTHER_ENCOUNTER, OTHER_PATIENT_ID, DOCTOR, RecordCategory::Encounters);
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		pallet_balances::GenesisConfig::<Test> {
			balances: [PATIENT, OTHER_PATIENT, DOCTOR, NURSE, INSURER, OTHER_INSURER, STRANGER]
				.into_iter()
				.map(|who| (who, ENDOWMENT))
				.chain([(POOR_DOCTOR, 5)])
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.expect("balances genesis builds");
		let mut ext = TestState::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Claims::do_try_state().expect("invariants hold after the test");
		});
	}
}
