//! Each pallet's configuration, one file per domain:
//!
//! - this file: the chain itself (System, Timestamp, Aura, GRANDPA, and the validator set: Session
//!   and the ValidatorManager);
//! - [`monetary`]: Balances and TransactionPayment;
//! - [`governance`]: the consortium's Council and its members, acting as Root by vote, pausing
//!   calls, and the base call filter; Utility;
//! - [`healthcare`]: Carechain's own pallets.

#[cfg(feature = "runtime-benchmarks")]
mod benchmark_helpers;
pub mod governance;
pub mod healthcare;
mod monetary;

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::Perbill;
use sp_version::RuntimeVersion;

use super::{
	AccountId, Aura, Balance, Block, BlockNumber, Hash, Moment, Nonce, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeOrigin, RuntimeTask, SLOT_DURATION, VERSION,
};

/// Share of a block that ordinary transactions may fill; the rest is kept for operational
/// (governance) calls so that a full block never locks out an urgent fix.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// The most validators the consortium may have.
pub const MAX_AUTHORITIES: u32 = 32;

/// The largest block, in bytes, whose extrinsics the runtime accepts (an operational
/// transaction, such as a runtime upgrade's code, may fill it whole). The node's block author
/// builds blocks up to this size too, not to its own default of 4 MiB.
pub const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;

	/// Two seconds of computation in each 6-second block, leaving time to gossip and import;
	/// every block and every extrinsic charged what `benchmark overhead` measured on this
	/// machine.
	pub RuntimeBlockWeights: BlockWeights = block_weights();
	/// 5 MiB blocks, of which ordinary transactions may fill the normal share.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO.mul_floor(*max))
		.build();
	/// The generic Substrate address format; Carechain has no registered SS58 prefix.
	pub const SS58Prefix: u16 = 42;
}

/// polkadot-sdk's `BlockWeights::with_sensible_defaults` (two seconds a block, the normal share
/// for ordinary transactions, the rest reserved for operational ones), with the base weights of
/// a block and of an extrinsic measured here (`weights::{block,extrinsic}_weights`) instead of
/// polkadot-sdk's reference machine's. The combination is checked by a test; should it ever be
/// invalid, the chain falls back to the sensible defaults rather than panic.
pub fn block_weights() -> BlockWeights {
	let block = Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);
	let normal = Weight::from_parts(
		NORMAL_DISPATCH_RATIO.mul_floor(block.ref_time()),
		NORMAL_DISPATCH_RATIO.mul_floor(block.proof_size()),
	);
	BlockWeights::builder()
		.base_block(crate::weights::block_weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |class| {
			class.base_extrinsic = crate::weights::extrinsic_weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |class| class.max_total = Some(normal))
		.for_class(DispatchClass::Operational, |class| {
			class.max_total = Some(block);
			class.reserved = Some(block.saturating_sub(normal));
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build()
		.unwrap_or_else(|_| BlockWeights::with_sensible_defaults(block, NORMAL_DISPATCH_RATIO))
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// Nodes store state in ParityDB: storage access is costed at what a read and a write
	/// measured on this machine (`scripts/bench`, `benchmark storage`).
	type DbWeight = crate::weights::paritydb_weights::constants::ParityDbWeight;
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	/// No origin acts as a signed account it holds no key of, and what the consortium paused
	/// does not run (`governance.rs`).
	type BaseCallFilter = governance::BaseCallFilter;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

parameter_types! {
	/// What registering session keys holds until they are purged: the keys and their two
	/// key-owner entries are state anyone with a fee could otherwise leave behind.
	pub const SessionKeyDeposit: Balance = crate::deposit(3, 64 + 2 * 40 + 2 * 32);
}

/// The fewest validators the consortium may vote the set down to: with four, GRANDPA's three
/// of four still finalise while one validator is down.
pub const MIN_VALIDATORS: u32 = 4;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	// The ValidatorManager keeps the consortium's set and the session clock.
	type ShouldEndSession = crate::ValidatorManager;
	type NextSessionRotation = crate::ValidatorManager;
	type SessionManager = crate::ValidatorManager;
	type SessionHandler =
		<crate::SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = crate::SessionKeys;
	// No staking and no slashing: a misbehaving validator is removed by the consortium's vote.
	type DisablingStrategy = ();
	// polkadot-sdk's reference weights until `scripts/bench` measures Session here.
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = crate::Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_validator_manager::Config for Runtime {
	type ManagerOrigin = governance::ConsortiumRoot;
	type MinValidators = ConstU32<MIN_VALIDATORS>;
	type MaxValidators = ConstU32<MAX_AUTHORITIES>;
	type WeightInfo = pallet_validator_manager::weights::SubstrateWeight<Runtime>;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = Moment;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = crate::weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	// No staking: there are no nominators and no session history to prove equivocations
	// against. Misbehaving validators are dealt with by the consortium's governance.
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}
