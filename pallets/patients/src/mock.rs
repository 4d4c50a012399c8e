//! A test runtime: System, Balances (for deposits), and this pallet with a clock the tests
//! move by hand.

use crate as pallet_patients;
use carechain_primitives::Moment;
use frame::{
	deps::sp_runtime::BuildStorage, prelude::*, testing_prelude::*, traits::fungible::InspectHold,
};

pub use carechain_primitives::mock::{
	advance, set_credential, MockCredentials, MockTime, Now, ValidCredentials,
};

pub type AccountId = u64;
pub type Balance = u64;

pub const PATIENT: AccountId = 1;
pub const GUARDIAN: AccountId = 2;
pub const CAREGIVER: AccountId = 3;
pub const NEW_KEY: AccountId = 4;
pub const POOR: AccountId = 5;
pub const OTHER_PATIENT: AccountId = 6;
/// A hospital with a valid `Hospital` credential: it onboards patients.
pub const HOSPITAL: AccountId = 7;
/// An account that has never held a token.
pub const NEWCOMER: AccountId = 8;
/// Another account that has never held a token.
pub const NEWCOMER_KEY: AccountId = 9;
pub const STRANGER: AccountId = 99;

pub const REGISTRATION_DEPOSIT: Balance = 100;
pub const DELEGATE_DEPOSIT: Balance = 10;
pub const MAX_DELEGATES: u32 = 3;
pub const ENDOWMENT: Balance = 1_000;
pub const START: Moment = 1_000_000;
pub const DAY: Moment = 86_400_000;
pub const ROTATION_PERIOD: Moment = 7 * DAY;

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Patients: pallet_patients,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type Balance = Balance;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_patients::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = MockTime;
	type Credentials = MockCredentials;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
	type MaxDelegates = ConstU32<MAX_DELEGATES>;
	type RegistrationDeposit = ConstU64<REGISTRATION_DEPOSIT>;
	type DelegateDeposit = ConstU64<DELEGATE_DEPOSIT>;
	type RotationPeriod = ConstU64<ROTATION_PERIOD>;
	type WeightInfo = ();
}

/// Gives credentials in the mock's registry.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockHelper {
	fn set_credential(who: &AccountId, kind: carechain_primitives::CredentialKind) {
		set_credential(*who, kind, true);
	}
}

/// What an account has held in patient deposits.
pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&crate::HoldReason::PatientDeposit.into(), &who)
}

/// Builds the test state with endowed accounts; `with_patient` registers `PATIENT` as id 0.
#[derive(Default)]
pub struct ExtBuilder {
	patient: bool,
}

impl ExtBuilder {
	pub fn with_patient(mut self) -> Self {
		self.patient = true;
		self
	}

	pub fn build(self) -> TestState {
		Now::set(START);
		ValidCredentials::set([(HOSPITAL, carechain_primitives::CredentialKind::Hospital)].into());
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		pallet_balances::GenesisConfig::<Test> {
			balances: [PATIENT, GUARDIAN, CAREGIVER, NEW_KEY, OTHER_PATIENT, HOSPITAL, STRANGER]
				.into_iter()
				.map(|who| (who, ENDOWMENT))
				.chain([(POOR, REGISTRATION_DEPOSIT / 2)])
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.expect("balances genesis builds");
		let mut ext = TestState::new(storage);
		ext.execute_with(|| {
			// Events are only recorded from block 1 on.
			System::set_block_number(1);
			if self.patient {
				Patients::register(RuntimeOrigin::signed(PATIENT), H256::repeat_byte(0xc0))
					.expect("the patient registers");
			}
		});
		ext
	}

	/// Runs `test`, then checks every invariant the pallet promises.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Patients::do_try_state().expect("invariants hold after the test");
		});
	}
}
