//! A test runtime: System, Balances (for deposits) and this pallet, with small stand-ins for
//! the patient registry and the credentials that the tests set up directly, and a clock the
//! tests move by hand.

use crate as pallet_consent;
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use carechain_primitives::{CredentialKind, Moment, PatientId, RecordCategory};
use frame::{
	deps::sp_runtime::BuildStorage, prelude::*, testing_prelude::*, traits::fungible::InspectHold,
};

pub use carechain_primitives::mock::{
	advance, deregister_patient, set_credential, set_paused, set_sponsored, tag, AccountId,
	Delegates, MockCredentials, MockPatients, MockPauses, MockTime, Now, PatientKeys,
	ValidCredentials,
};
pub type Balance = u64;

pub const PATIENT: AccountId = 1;
pub const GUARDIAN: AccountId = 2;
pub const DOCTOR: AccountId = 10;
pub const NURSE: AccountId = 11;
pub const PHARMACIST: AccountId = 12;
pub const RELATIVE: AccountId = 20;
pub const STRANGER: AccountId = 99;
pub const POOR: AccountId = 30;

/// `PATIENT`'s id in the stand-in registry.
pub const PATIENT_ID: PatientId = 7;
/// Unknown to the registry.
pub const UNKNOWN_PATIENT: PatientId = 8;

pub const CONSENT_DEPOSIT: Balance = 20;
pub const EMERGENCY_DEPOSIT: Balance = 30;
pub const ENDOWMENT: Balance = 10_000;
pub const START: Moment = 1_000_000;
pub const HOUR: Moment = 3_600_000;
pub const EMERGENCY_DURATION: Moment = 24 * HOUR;
pub const MAX_PER_GRANTEE: u32 = 3;
pub const MAX_PER_PATIENT: u32 = 7;

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Consent: pallet_consent,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
	// Storage costs something, so that refunds of reads not made show in the tests.
	type DbWeight = frame::deps::frame_support::weights::constants::ParityDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type Balance = Balance;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_consent::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = MockTime;
	type Patients = MockPatients;
	type Credentials = MockCredentials;
	type ResearchPauses = MockPauses;
	type MaxCategories = ConstU32<13>;
	type MaxConsentsPerGrantee = ConstU32<MAX_PER_GRANTEE>;
	type MaxConsentsPerPatient = ConstU32<MAX_PER_PATIENT>;
	type EmergencyAccessDuration = ConstU64<EMERGENCY_DURATION>;
	type ConsentDeposit = ConstU64<CONSENT_DEPOSIT>;
	type EmergencyDeposit = ConstU64<EMERGENCY_DEPOSIT>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

/// Benchmark set-up through the stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockHelper {
	fn register_patient(who: &AccountId) -> PatientId {
		let mut keys = PatientKeys::get();
		let id = keys.keys().last().map_or(0, |id| id + 1);
		keys.insert(id, *who);
		PatientKeys::set(keys);
		id
	}
	fn set_credential(who: &AccountId, kind: CredentialKind, valid: bool) {
		set_credential(*who, kind, valid);
	}
	fn add_delegate(patient: PatientId, _patient_key: &AccountId, delegate: &AccountId) {
		let mut delegates = Delegates::get();
		delegates.insert((patient, *delegate));
		Delegates::set(delegates);
	}
	fn advance_time(by: Moment) {
		advance(by);
	}
}

pub fn consent_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&crate::HoldReason::ConsentDeposit.into(), &who)
}

pub fn emergency_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&crate::HoldReason::EmergencyDeposit.into(), &who)
}

/// The test patient's tags for `list`, bounded as `grant` takes them.
pub fn categories(list: &[RecordCategory]) -> crate::CategoriesOf<Test> {
	list.iter()
		.map(|category| tag(*category))
		.collect::<Vec<_>>()
		.try_into()
		.expect("within the bound")
}

/// Builds the test state: `PATIENT` registered as `PATIENT_ID` with `GUARDIAN` as delegate;
/// `DOCTOR` a valid Physician, `NURSE` a valid Nurse, `PHARMACIST` a valid Pharmacist.
#[derive(Default)]
pub struct ExtBuilder {
	// Not a unit struct, so that `ExtBuilder::default()` reads as the builder it is.
	_private: (),
}

impl ExtBuilder {
	pub fn build(self) -> TestState {
		Now::set(START);
		PatientKeys::set(BTreeMap::from([(PATIENT_ID, PATIENT)]));
		Delegates::set(BTreeSet::from([(PATIENT_ID, GUARDIAN)]));
		set_sponsored(PATIENT_ID, false);
		ValidCredentials::set(BTreeSet::from([
			(DOCTOR, CredentialKind::Physician),
			(NURSE, CredentialKind::Nurse),
			(PHARMACIST, CredentialKind::Pharmacist),
		]));
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		pallet_balances::GenesisConfig::<Test> {
			balances: [PATIENT, GUARDIAN, DOCTOR, NURSE, PHARMACIST, RELATIVE, STRANGER]
				.into_iter()
				.map(|who| (who, ENDOWMENT))
				.chain([(POOR, 5)])
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.expect("balances genesis builds");
		let mut ext = TestState::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks every invariant the pallet promises.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Consent::do_try_state().expect("invariants hold after the test");
		});
	}
}
