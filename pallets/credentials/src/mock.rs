//! A test runtime: System, Balances (for deposits), and this pallet with a clock the tests
//! move by hand.

use crate as pallet_credentials;
use carechain_primitives::{CredentialKind, Moment};
use frame::{
	deps::sp_runtime::BuildStorage, prelude::*, testing_prelude::*, traits::fungible::InspectHold,
};

pub use carechain_primitives::mock::{advance, MockTime, Now};

pub type AccountId = u64;
pub type Balance = u64;

/// The Root-like governance account stand-in is Root itself; these are the signers.
pub const BOARD: AccountId = 1;
pub const OTHER_BOARD: AccountId = 2;
pub const DOCTOR: AccountId = 10;
pub const NURSE: AccountId = 11;
pub const STRANGER: AccountId = 99;
pub const POOR_BOARD: AccountId = 3;

pub const DEPOSIT: Balance = 50;
pub const ENDOWMENT: Balance = 1_000;
/// The clock starts here, in milliseconds.
pub const START: Moment = 1_000_000;
pub const DAY: Moment = 86_400_000;

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Credentials: pallet_credentials,
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

parameter_types! {
	pub static CredentialDeposit: Balance = DEPOSIT;
}

impl pallet_credentials::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = MockTime;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type MaxKindsPerIssuer = ConstU32<11>;
	type CredentialDeposit = CredentialDeposit;
	type WeightInfo = ();
}

/// What a board has held in credential deposits.
pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&crate::HoldReason::CredentialDeposit.into(), &who)
}

/// The kinds as a bounded list.
pub fn kinds(list: &[CredentialKind]) -> crate::KindsOf<Test> {
	list.to_vec().try_into().expect("within the bound")
}

/// Builds the test state: endowed accounts, and optionally a registered board.
#[derive(Default)]
pub struct ExtBuilder {
	issuers: Vec<(AccountId, Vec<CredentialKind>, H256)>,
	credentials: Vec<(AccountId, AccountId, CredentialKind, H256, Moment)>,
}

impl ExtBuilder {
	/// Registers `BOARD` for Physician and Nurse credentials at genesis.
	pub fn with_board(mut self) -> Self {
		self.issuers.push((
			BOARD,
			vec![CredentialKind::Physician, CredentialKind::Nurse],
			H256::repeat_byte(0xb0),
		));
		self
	}

	/// Seeds a genesis credential.
	pub fn with_credential(
		mut self,
		issuer: AccountId,
		subject: AccountId,
		kind: CredentialKind,
		valid_until: Moment,
	) -> Self {
		self.credentials
			.push((issuer, subject, kind, H256::repeat_byte(0x11), valid_until));
		self
	}

	pub fn build(self) -> TestState {
		Now::set(START);
		CredentialDeposit::set(DEPOSIT);
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![
				(BOARD, ENDOWMENT),
				(OTHER_BOARD, ENDOWMENT),
				(POOR_BOARD, DEPOSIT / 2),
				(DOCTOR, ENDOWMENT),
				(NURSE, ENDOWMENT),
				(STRANGER, ENDOWMENT),
			],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.expect("balances genesis builds");
		pallet_credentials::GenesisConfig::<Test> {
			issuers: self.issuers,
			credentials: self.credentials,
		}
		.assimilate_storage(&mut storage)
		.expect("credentials genesis builds");
		let mut ext = TestState::new(storage);
		// Events are only recorded from block 1 on.
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks every invariant the pallet promises.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Credentials::do_try_state().expect("invariants hold after the test");
		});
	}
}
