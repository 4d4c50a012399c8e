//! A test runtime: System, Balances (key deposits), Session with one test key per validator, and
//! this pallet as Session's manager and clock. Account 100 stands in for the consortium's
//! supermajority.

use crate as pallet_validator_manager;
use frame::{
	deps::sp_runtime::{
		impl_opaque_keys,
		testing::UintAuthorityId,
		traits::{ConvertInto, OpaqueKeys},
		BuildStorage, KeyTypeId, RuntimeAppPublic,
	},
	prelude::*,
	testing_prelude::*,
};

pub type AccountId = u64;
pub type Balance = u64;

/// The stand-in for a supermajority motion.
pub const CONSORTIUM: AccountId = 100;
/// The validators at genesis.
pub const GENESIS: [AccountId; 4] = [1, 2, 3, 4];
/// Blocks per session in the tests.
pub const SESSION: u64 = 5;
pub const KEY_DEPOSIT: Balance = 10;

impl_opaque_keys! {
	pub struct MockSessionKeys {
		pub dummy: UintAuthorityId,
	}
}

/// The session keys of `who`.
pub fn keys(who: AccountId) -> MockSessionKeys {
	MockSessionKeys { dummy: UintAuthorityId(who) }
}

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ValidatorManager: pallet_validator_manager,
		Session: pallet_session,
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

/// Records the authorities Session hands its handlers, as Aura and GRANDPA would hold them.
pub struct Authorities;

parameter_types! {
	pub static Active: Vec<AccountId> = Vec::new();
	pub const KeyDeposit: Balance = KEY_DEPOSIT;
}

frame::deps::frame_support::ord_parameter_types! {
	pub const Consortium: AccountId = CONSORTIUM;
}

impl pallet_session::SessionHandler<AccountId> for Authorities {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[UintAuthorityId::ID];

	fn on_genesis_session<K: OpaqueKeys>(validators: &[(AccountId, K)]) {
		Active::set(validators.iter().map(|(v, _)| *v).collect());
	}

	fn on_new_session<K: OpaqueKeys>(
		_changed: bool,
		validators: &[(AccountId, K)],
		_queued: &[(AccountId, K)],
	) {
		Active::set(validators.iter().map(|(v, _)| *v).collect());
	}

	fn on_disabled(_validator_index: u32) {}
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = ValidatorManager;
	type NextSessionRotation = ValidatorManager;
	type SessionManager = ValidatorManager;
	type SessionHandler = Authorities;
	type Keys = MockSessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
}

impl pallet_validator_manager::Config for Test {
	type ManagerOrigin = EnsureSignedBy<Consortium, AccountId>;
	type MinValidators = ConstU32<3>;
	type MaxValidators = ConstU32<6>;
	type WeightInfo = ();
}

/// The validators' genesis (keys for the four, endowed accounts 1 to 10), at block 1.
pub fn new_test_ext() -> TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=10).map(|who| (who, 1_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_validator_manager::GenesisConfig::<Test> {
		validators: GENESIS.to_vec(),
		session_length: SESSION,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: GENESIS.iter().map(|&v| (v, v, keys(v))).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		ValidatorManager::do_try_state().expect("the invariants hold");
	});
}

/// Ends sessions until `index` is the current one, block by block, as the chain would.
pub fn run_to_session(index: u32) {
	while pallet_session::CurrentIndex::<Test>::get() < index {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		<ValidatorManager as Hooks<u64>>::on_initialize(next);
		<Session as Hooks<u64>>::on_initialize(next);
	}
}

/// `who` registers its session keys with their proof of possession, as a validator's operator
/// does with `Session::set_keys`.
pub fn register_keys(who: AccountId) {
	let mut keys = keys(who);
	let proof = keys.create_ownership_proof(&who.encode()).expect("test keys prove themselves");
	assert_ok!(Session::set_keys(RuntimeOrigin::signed(who), keys, proof.encode()));
}
