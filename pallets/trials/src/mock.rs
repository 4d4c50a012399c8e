//! A test runtime: System, Balances (for deposits) and this pallet, with stand-ins for the
//! patient registry, the credentials and the `Consent` pallet's consents that the tests set
//! directly.

use crate as pallet_trials;
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use carechain_primitives::{
	study_categories_hash, Access, ConsentFacts, ConsentId, CredentialKind, Moment, PatientId,
	Purpose, RecordCategory, MILLIS_PER_DAY, MIN_COHORT_FLOOR,
};
use frame::{
	deps::sp_runtime::BuildStorage, prelude::*, testing_prelude::*, traits::fungible::InspectHold,
};

pub use carechain_primitives::mock::{
	advance, deregister_patient, remove_consent, reset_consents, revoked, set_credential,
	store_consent, AccountId, Delegates, MockConsents, MockCredentials, MockPatients, MockTime,
	Now, PatientKeys, ValidCredentials,
};
pub type Balance = u64;

/// The sponsor, a researcher.
pub const SPONSOR: AccountId = 10;
/// Another researcher.
pub const OTHER_SPONSOR: AccountId = 11;
/// A physician the tests name as investigator.
pub const INVESTIGATOR: AccountId = 20;
/// A nurse.
pub const NURSE: AccountId = 21;
/// A researcher who cannot pay a study deposit.
pub const POOR_SPONSOR: AccountId = 30;
/// A live delegate of the first patient.
pub const DELEGATE: AccountId = 40;
pub const STRANGER: AccountId = 99;

/// The patients: `COHORT` of them, patient `i` (from 0) with id `FIRST_PATIENT_ID + i` and key
/// `FIRST_PATIENT + i`.
pub const COHORT: u64 = 13;
pub const FIRST_PATIENT_ID: PatientId = 100;
pub const FIRST_PATIENT: AccountId = 1_000;
/// The first patient, the one most tests follow.
pub const PATIENT_ID: PatientId = FIRST_PATIENT_ID;
pub const PATIENT: AccountId = FIRST_PATIENT;

pub const STUDY_DEPOSIT: Balance = 50;
pub const MIN_COHORT: u32 = MIN_COHORT_FLOOR;
pub const MAX_VERSIONS: u32 = 3;
pub const MAX_INVESTIGATORS: u32 = 2;
pub const MAX_PARTICIPANTS: u32 = 14;
pub const MAX_STUDIES_PER_PATIENT: u32 = 2;
pub const ENDOWMENT: Balance = 10_000;
/// Noon of day 20,000 (2024-10-04).
pub const START: Moment = 20_000 * MILLIS_PER_DAY + MILLIS_PER_DAY / 2;

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Trials: pallet_trials,
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

impl pallet_trials::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = MockTime;
	type Patients = MockPatients;
	type Credentials = MockCredentials;
	type Consents = MockConsents;
	type StudyDeposit = ConstU64<STUDY_DEPOSIT>;
	type MinCohort = ConstU32<MIN_COHORT>;
	type MaxCategories = ConstU32<13>;
	type MaxVersions = ConstU32<MAX_VERSIONS>;
	type MaxInvestigators = ConstU32<MAX_INVESTIGATORS>;
	type MaxParticipants = ConstU32<MAX_PARTICIPANTS>;
	type MaxStudiesPerPatient = ConstU32<MAX_STUDIES_PER_PATIENT>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

/// Patient `i`'s id and key.
pub fn patient(i: u64) -> (PatientId, AccountId) {
	(FIRST_PATIENT_ID + i, FIRST_PATIENT + i)
}

/// The id of patient `i`'s consent to `sponsor` (consent ids are the tests' to choose).
pub fn consent_id_of(i: u64, sponsor: AccountId) -> ConsentId {
	sponsor * 10_000 + i
}

/// Stores patient `i`'s consent to `sponsor` for `Research`, with `Read`, on `categories` tags,
/// until `expires_at`; returns its id.
pub fn grant_research(
	i: u64,
	sponsor: AccountId,
	categories: u32,
	expires_at: Option<Moment>,
) -> ConsentId {
	let consent_id = consent_id_of(i, sponsor);
	store_consent(
		consent_id,
		ConsentFacts {
			patient_id: patient(i).0,
			grantee: sponsor,
			purpose: Purpose::Research,
			access: Access::Read,
			expires_at,
			categories,
		},
	);
	consent_id
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockHelper {
	fn register_patient(who: &AccountId) -> PatientId {
		let mut keys = PatientKeys::get();
		let id = 10_000 + *who;
		keys.insert(id, *who);
		PatientKeys::set(keys);
		id
	}
	fn set_credential(who: &AccountId, kind: CredentialKind) {
		set_credential(*who, kind, true);
	}
	fn consent_to_research(
		_: &AccountId,
		patient: PatientId,
		sponsor: &AccountId,
		categories: u32,
	) -> ConsentId {
		let consent_id = 1_000_000 + patient;
		store_consent(
			consent_id,
			ConsentFacts {
				patient_id: patient,
				grantee: *sponsor,
				purpose: Purpose::Research,
				access: Access::Read,
				expires_at: None,
				categories,
			},
		);
		consent_id
	}
	fn set_now(now: Moment) {
		Now::set(now);
	}
}

/// What `who` holds for `reason`.
pub fn held(who: AccountId, reason: crate::HoldReason) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

/// The tests' study's commitment to its two categories, lab results and medications.
pub fn study_categories() -> H256 {
	study_categories_hash(&[0x5a; 32], &[RecordCategory::LabResults, RecordCategory::Medications])
}

/// How many categories the tests' study uses.
pub const STUDY_CATEGORIES: u32 = 2;

/// Builds the test state, at noon of day 20,000: `COHORT` patients registered (see
/// [`patient`]); `DELEGATE` a live delegate of the first; `SPONSOR`, `OTHER_SPONSOR` and
/// `POOR_SPONSOR` researchers; `INVESTIGATOR` a physician and `NURSE` a nurse. No consent yet.
#[derive(Default)]
pub struct ExtBuilder {
	// Not a unit struct, so that `ExtBuilder::default()` reads as the builder it is.
	_private: (),
}

impl ExtBuilder {
	pub fn build(self) -> TestState {
		Now::set(START);
		PatientKeys::set((0..COHORT).map(patient).collect::<BTreeMap<_, _>>());
		Delegates::set(BTreeSet::from([(PATIENT_ID, DELEGATE)]));
		ValidCredentials::set(BTreeSet::from([
			(SPONSOR, CredentialKind::Researcher),
			(OTHER_SPONSOR, CredentialKind::Researcher),
			(POOR_SPONSOR, CredentialKind::Researcher),
			(INVESTIGATOR, CredentialKind::Physician),
			(NURSE, CredentialKind::Nurse),
		]));
		reset_consents();
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		pallet_balances::GenesisConfig::<Test> {
			balances: [SPONSOR, OTHER_SPONSOR, INVESTIGATOR, NURSE, STRANGER]
				.into_iter()
				.map(|who| (who, ENDOWMENT))
				.chain([(POOR_SPONSOR, 5)])
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
			Trials::do_try_state().expect("invariants hold after the test");
		});
	}
}
