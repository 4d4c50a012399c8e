//! A test runtime: System, Balances (for deposits) and this pallet, with stand-ins for the
//! patient registry, the credentials and the access decision that the tests set directly.

use crate as pallet_records;
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use carechain_primitives::{
	Access, AccessDecision, CategoryTag, CredentialKind, Moment, PatientId, Purpose, RecordCategory,
};
use frame::{
	deps::sp_runtime::BuildStorage, prelude::*, testing_prelude::*, traits::fungible::InspectHold,
};

pub use carechain_primitives::mock::{
	deny_all, deregister_patient, open_emergency, reset_access, set_credential, set_decision, tag,
	AccountId, Delegates, MockAccess, MockCredentials, MockPatients, MockTime, Now, PatientKeys,
	ValidCredentials,
};
pub type Balance = u64;

pub const PATIENT: AccountId = 1;
pub const GUARDIAN: AccountId = 2;
pub const DOCTOR: AccountId = 10;
pub const NURSE: AccountId = 11;
pub const RELATIVE: AccountId = 20;
pub const STRANGER: AccountId = 99;
pub const POOR: AccountId = 30;

pub const PATIENT_ID: PatientId = 3;
pub const RECORD_DEPOSIT: Balance = 15;
/// Different from a provider's, so the tests tell which one a version holds.
pub const SELF_REPORT_DEPOSIT: Balance = 25;
pub const MAX_VERSIONS: u32 = 3;
pub const MAX_RECORDS: u32 = 5;
pub const MAX_BATCH: u32 = 4;
pub const ENDOWMENT: Balance = 10_000;
pub const START: Moment = 1_000_000;

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Records: pallet_records,
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

/// Lets `who` have `access` to the patient's `category` records for treatment, by `decision`.
pub fn permit(who: AccountId, category: CategoryTag, access: Access, decision: AccessDecision) {
	permit_for(who, category, access, Purpose::Treatment, decision);
}

/// Lets `who` have `access` to the patient's `category` records for `purpose`, by `decision`.
pub fn permit_for(
	who: AccountId,
	category: CategoryTag,
	access: Access,
	purpose: Purpose,
	decision: AccessDecision,
) {
	set_decision(PATIENT_ID, who, category, access, purpose, decision);
}

impl pallet_records::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = MockTime;
	type Patients = MockPatients;
	type Credentials = MockCredentials;
	type AccessPolicy = MockAccess;
	type MaxVersions = ConstU32<MAX_VERSIONS>;
	type MaxRecordsPerPatient = ConstU32<MAX_RECORDS>;
	type RecordDeposit = ConstU64<RECORD_DEPOSIT>;
	type SelfReportDeposit = ConstU64<SELF_REPORT_DEPOSIT>;
	type MaxAnchorBatch = ConstU32<MAX_BATCH>;
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
	fn permit(
		_patient: &AccountId,
		_id: PatientId,
		provider: &AccountId,
		kind: CredentialKind,
		category: CategoryTag,
	) {
		set_credential(*provider, kind, true);
		for access in [Access::Read, Access::Write] {
			permit(*provider, category, access, AccessDecision::Permitted(0));
		}
	}
	fn break_glass(patient_id: PatientId, clinician: &AccountId) {
		set_credential(*clinician, CredentialKind::Nurse, true);
		open_emergency(patient_id, *clinician);
	}
}

pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&crate::HoldReason::RecordDeposit.into(), &who)
}

/// Builds the test state: `PATIENT` registered as `PATIENT_ID` with `GUARDIAN` as delegate;
/// `DOCTOR` a valid Physician permitted to read and write lab results (consent 5); `NURSE` a
/// valid Nurse with no permission; `RELATIVE` permitted to read lab results but no provider.
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
		ValidCredentials::set(BTreeSet::from([
			(DOCTOR, CredentialKind::Physician),
			(NURSE, CredentialKind::Nurse),
		]));
		reset_access();
		for access in [Access::Read, Access::Write] {
			permit(DOCTOR, tag(RecordCategory::LabResults), access, AccessDecision::Permitted(5));
		}
		permit(
			RELATIVE,
			tag(RecordCategory::LabResults),
			Access::Read,
			AccessDecision::Permitted(6),
		);
		permit(
			RELATIVE,
			tag(RecordCategory::LabResults),
			Access::Write,
			AccessDecision::Permitted(6),
		);
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		pallet_balances::GenesisConfig::<Test> {
			balances: [PATIENT, GUARDIAN, DOCTOR, NURSE, RELATIVE, STRANGER]
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

	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Records::do_try_state().expect("invariants hold after the test");
		});
	}
}
