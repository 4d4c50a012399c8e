//! The pallets whose benchmarks `carechain-node benchmark pallet` runs against this runtime.
//! Each pallet's `weights.rs` is generated from these (see `scripts/bench`). The Council is not
//! among them: its benchmarks set members as Root, which this runtime allows no one
//! (`configs/governance.rs`), so it keeps polkadot-sdk's reference weights.

// Benchmark setup may panic: a benchmark whose setup fails must stop loudly.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::panic,
	// `define_benchmarks!` expands our list into a macro, where `crate::` is what we mean.
	clippy::crate_in_macro_def
)]

pub use frame_benchmarking::baseline::Pallet as BaselineBench;
pub use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};

use crate::Runtime;

impl frame_benchmarking::baseline::Config for Runtime {}
impl frame_system_benchmarking::Config for Runtime {
	/// `System::set_code` is weighed with this runtime's own code, what `:code` holds on the
	/// benchmark chain, rather than with polkadot-sdk's kitchensink runtime: its default here
	/// would embed those 4.25 MB (compressed already) in every runtime built with benchmarks.
	fn prepare_set_code_data() -> alloc::vec::Vec<u8> {
		frame_support::storage::unhashed::get_raw(sp_core::storage::well_known_keys::CODE)
			.unwrap_or_default()
	}
}

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, crate::Balances]
	[pallet_timestamp, crate::Timestamp]
	[pallet_utility, crate::Utility]
	[pallet_membership, crate::CouncilMembership]
	[pallet_consortium, crate::Consortium]
	[pallet_validator_manager, crate::ValidatorManager]
	[pallet_tx_pause, crate::TxPause]
	[pallet_credentials, crate::Credentials]
	[pallet_patients, crate::Patients]
	[pallet_consent, crate::Consent]
	[pallet_records, crate::Records]
	[pallet_claims, crate::Claims]
	[pallet_trials, crate::Trials]
	[pallet_supply_chain, crate::SupplyChain]
);
