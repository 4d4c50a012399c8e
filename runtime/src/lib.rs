//! # Carechain runtime
//!
//! The state transition function of Carechain, compiled to Wasm and stored on chain. It composes
//! the standard FRAME pallets that run a permissioned proof-of-authority chain (Aura authoring,
//! GRANDPA finality, Utility for batching) and the consortium's governance (Council,
//! CouncilMembership, Consortium, TxPause: no sudo key; see [`configs`]'s governance table)
//! with Carechain's own healthcare pallets.
//!
//! - [`configs`]: one file per domain with each pallet's `Config`;
//! - [`apis`]: the runtime APIs the node and apps call;
//! - [`genesis_config_presets`]: the `development`, `local_testnet` and `testnet` presets from
//!   which the chain specs are generated.

#![cfg_attr(not(feature = "std"), no_std)]
// No panics in chain code: errors are returned, arithmetic is checked or saturating, slices are
// read with `get`. Tests, benchmarks and mocks may panic (they are not chain code).
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects,
		clippy::panic
	)
)]
// The `runtime` macro expands to deeply nested types.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Declared before `apis`, which uses the macros it defines.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(feature = "runtime-benchmarks")]
pub mod population;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256, MultiAddress};
use sp_version::RuntimeVersion;

pub use carechain_primitives::{AccountId, Balance, BlockNumber, Hash, Moment, Nonce, Signature};
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's extrinsic format: it sees extrinsics as
/// opaque bytes and leaves decoding them to the runtime.
pub mod opaque {
	use super::*;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// The block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// A block as the node handles it.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
}

impl_opaque_keys! {
	/// The keys a validator registers: Aura (sr25519) to author, GRANDPA (ed25519) to vote.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// Declares [`VERSION`] with the `spec_version` given: a literal token, as `runtime_version` needs
/// to write the Wasm's version section.
macro_rules! declare_version {
	($spec_version:tt) => {
		/// The runtime's version. `spec_version` must rise with every change of behaviour, and
		/// `transaction_version` with every change to a call's index or arguments.
		#[sp_version::runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: Cow::Borrowed("carechain"),
			impl_name: Cow::Borrowed("carechain"),
			authoring_version: 1,
			spec_version: $spec_version,
			impl_version: 1,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 3,
			system_version: 1,
		};
	};
}

#[cfg(not(feature = "next-spec-version"))]
declare_version!(111);
// The same runtime one `spec_version` later, which the test build also compiles to Wasm
// (`build.rs`) for the live upgrade test (`zombienet/governance.zndsl`). Keep it one above.
#[cfg(feature = "next-spec-version")]
declare_version!(112);

/// Block time: one block every 6 seconds, one Aura slot per block.
pub const MILLISECS_PER_BLOCK: u64 = 6000;
/// Aura's slot length equals the block time.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Time in blocks, for configuration that counts blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// An hour in blocks.
pub const HOURS: BlockNumber = MINUTES * 60;
/// A day in blocks.
pub const DAYS: BlockNumber = HOURS * 24;

/// Time in milliseconds, for configuration in `Moment`s (the healthcare pallets reason in
/// Timestamp time, not block numbers).
pub const MILLISECS_PER_HOUR: Moment = 60 * 60 * 1000;
/// A day in milliseconds.
pub const MILLISECS_PER_DAY: Moment = 24 * MILLISECS_PER_HOUR;

/// One unit of the chain's token (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a unit.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// A millionth of a unit.
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
/// The smallest balance an account may hold and still exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The deposit for storage a user creates: per item and per byte, so that filling the state
/// costs in proportion to what it occupies. Returned when the storage is removed.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	(items as Balance)
		.saturating_mul(20 * MILLI_UNIT)
		.saturating_add((bytes as Balance).saturating_mul(100 * MICRO_UNIT))
}

/// How an extrinsic names accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// A block with the runtime's own extrinsic type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The checks every signed transaction passes before it is dispatched.
///
/// Patients hold no tokens: a patient-side call made by the patient's key or a live delegate is
/// free (`SkipCheckIfFeeless` around the fee, for the calls the pallets mark
/// `#[pallet::feeless_if]`, in `SkipFeelessPayment`, which refunds the weight of the fee it
/// skipped), and counted against the patient's quota by `CheckPatientQuota`,
/// which refuses a call over quota at validation, before `CheckNonce` would refuse an account
/// that holds nothing (`pallet-patient-quota` has the rules). Everyone else pays fees as before.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	pallet_patient_quota::CheckPatientQuota<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_patient_quota::SkipFeelessPayment<
		Runtime,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as it appears in a block.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// What a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on the next runtime upgrade (the spec version rises), each a
/// `VersionedMigration` that runs only on a chain at the storage version it was written for: a
/// chain made at genesis is already at every pallet's current version and runs none. Keep each
/// until every live chain has upgraded past it.
///
/// - `Trials` 0 → 1 (spec 109): builds `ConsentUses`, which spec 108 began to keep, from the stored
///   participations.
/// - `Trials` 1 → 2 (spec 110): `StudiesOf` becomes one list per patient (it was an index entry per
///   participation and a count, `StudyCount`); rebuilt from the stored participations.
pub type Migrations = (
	pallet_trials::migrations::v1::MigrateToV1<Runtime>,
	pallet_trials::migrations::v2::MigrateToV2<Runtime>,
);

/// Dispatches extrinsics and runs the pallets' hooks.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The pallets and their indices. Indices are part of the encoding of every call and event:
/// never reuse or reorder them.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	// The validator set (and the session clock) before Session, and Session before Aura and
	// GRANDPA: genesis builds in this order, and each block's hooks run in it.
	#[runtime::pallet_index(24)]
	pub type ValidatorManager = pallet_validator_manager;

	#[runtime::pallet_index(25)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	// 6 was Sudo, which left the runtime when the consortium took over governance.

	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(8)]
	pub type SkipFeelessPayment = pallet_skip_feeless_payment;

	#[runtime::pallet_index(15)]
	pub type PatientQuota = pallet_patient_quota;

	// Carechain's own pallets start at 10.
	#[runtime::pallet_index(10)]
	pub type Credentials = pallet_credentials;

	#[runtime::pallet_index(11)]
	pub type Patients = pallet_patients;

	#[runtime::pallet_index(12)]
	pub type Consent = pallet_consent;

	#[runtime::pallet_index(13)]
	pub type Records = pallet_records;

	#[runtime::pallet_index(14)]
	pub type SupplyChain = pallet_supply_chain;

	#[runtime::pallet_index(16)]
	pub type Claims = pallet_claims;

	#[runtime::pallet_index(17)]
	pub type Trials = pallet_trials;

	// Governance by the consortium starts at 20 (`configs/governance.rs`); the validator set and
	// Session (24, 25) are declared before Aura above.
	#[runtime::pallet_index(20)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(21)]
	pub type CouncilMembership = pallet_membership<Instance1>;

	#[runtime::pallet_index(22)]
	pub type Consortium = pallet_consortium;

	#[runtime::pallet_index(23)]
	pub type TxPause = pallet_tx_pause;
}
