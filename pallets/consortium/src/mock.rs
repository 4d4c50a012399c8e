//! A test runtime: System and this pallet, with account 1 standing in for the consortium's
//! supermajority (in the runtime, a Council motion of two thirds).

use crate as pallet_consortium;
use frame::{deps::sp_runtime::BuildStorage, prelude::*, testing_prelude::*};

pub type AccountId = u64;

/// The stand-in for a supermajority motion.
pub const CONSORTIUM: AccountId = 1;
/// Any other signer.
pub const MEMBER: AccountId = 2;

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Consortium: pallet_consortium,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

frame::deps::frame_support::ord_parameter_types! {
	pub const Supermajority: AccountId = CONSORTIUM;
}

impl pallet_consortium::Config for Test {
	type RuntimeCall = RuntimeCall;
	type AsRootOrigin = EnsureSignedBy<Supermajority, AccountId>;
	type WeightInfo = ();
}

/// Runs `test` on a fresh state at block 1 (so events are kept).
pub fn new_test_ext(test: impl FnOnce()) {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		test();
	});
}

/// The state the benchmarks run on as tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
