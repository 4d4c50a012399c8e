//! A test runtime: System and this pallet, with stand-in credentials and a clock the tests
//! set directly.

use crate as pallet_supply_chain;
use alloc::collections::btree_set::BTreeSet;
use carechain_primitives::{CredentialKind, Gtin, Moment};
use frame::{deps::sp_runtime::BuildStorage, prelude::*, testing_prelude::*, traits::BlakeTwo256};

pub use carechain_primitives::mock::{
	set_credential, AccountId, MockCredentials, MockTime, Now, ValidCredentials,
};

pub const MAKER: AccountId = 1;
pub const OTHER_MAKER: AccountId = 2;
pub const WHOLESALER: AccountId = 10;
pub const PHARMACY: AccountId = 20;
pub const HOSPITAL: AccountId = 21;
pub const REGULATOR: AccountId = 30;
pub const STRANGER: AccountId = 99;

/// A valid GTIN-14 (check digit 5).
pub const GTIN: Gtin = *b"00012345678905";
pub const START: Moment = 1_000_000;
pub const YEAR: Moment = 365 * 86_400_000;
pub const MAX_DEPTH: u32 = 4;

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		SupplyChain: pallet_supply_chain,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	// Storage costs something, so that refunds of reads not made show in the tests.
	type DbWeight = frame::deps::frame_support::weights::constants::ParityDbWeight;
}

impl pallet_supply_chain::Config for Test {
	type Time = MockTime;
	type Credentials = MockCredentials;
	type MaxSplitDepth = ConstU32<MAX_DEPTH>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockHelper {
	fn set_credential(who: &AccountId, kind: CredentialKind) {
		set_credential(*who, kind, true);
	}

	fn revoke_credential(who: &AccountId, kind: CredentialKind) {
		set_credential(*who, kind, false);
	}
}

/// How many units the test lot is commissioned with: one serial each.
pub const LOT_QUANTITY: u32 = 100;

/// The serial numbers of the test lot.
pub fn serials() -> Vec<Vec<u8>> {
	(0..LOT_QUANTITY).map(|n| alloc::format!("SN{n:05}").into_bytes()).collect()
}

/// The tree's leaf values: `0x00 ‖ serial` (the recipe in `gs1`'s docs).
fn leaves() -> Vec<Vec<u8>> {
	serials().iter().map(|serial| crate::serial_leaf(serial)).collect()
}

/// The Merkle root of `serials()`.
pub fn serials_root() -> H256 {
	binary_merkle_tree::merkle_root::<BlakeTwo256, _>(leaves())
}

/// The proof for serial `index` of `serials()`.
pub fn proof(index: u32) -> carechain_primitives::SerialProof {
	let proof = binary_merkle_tree::merkle_proof::<BlakeTwo256, _, _>(leaves(), index);
	carechain_primitives::SerialProof {
		leaf_index: proof.leaf_index,
		number_of_leaves: proof.number_of_leaves,
		items: proof.proof,
	}
}

pub fn lot(text: &str) -> crate::Lot {
	text.as_bytes().to_vec().try_into().expect("short enough")
}

/// Builds the test state with credentials: MAKER and OTHER_MAKER manufacturers, WHOLESALER a
/// distributor, PHARMACY a pharmacy, HOSPITAL a hospital, REGULATOR a regulator.
#[derive(Default)]
pub struct ExtBuilder {
	// Not a unit struct, so that `ExtBuilder::default()` reads as the builder it is.
	_private: (),
}

impl ExtBuilder {
	pub fn build(self) -> TestState {
		Now::set(START);
		ValidCredentials::set(BTreeSet::from([
			(MAKER, CredentialKind::Manufacturer),
			(OTHER_MAKER, CredentialKind::Manufacturer),
			(WHOLESALER, CredentialKind::Distributor),
			(PHARMACY, CredentialKind::Pharmacy),
			(HOSPITAL, CredentialKind::Hospital),
			(REGULATOR, CredentialKind::Regulator),
		]));
		let storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		let mut ext = TestState::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			SupplyChain::do_try_state().expect("invariants hold after the test");
		});
	}
}
