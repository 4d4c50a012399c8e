//! Weights for `pallet_validator_manager`.
//!
//! Interim, written by hand until `scripts/bench` (which lists this pallet) measures it. Each
//! call reads and writes the validator set (at most `MaxValidators` accounts) and the change
//! flag, and reads the account's session keys; `remove_validator` also purges the keys
//! (`Session::purge_keys`: the keys, two key owners, the deposit hold and the account). The
//! execution times are set above what comparable calls measured on this machine
//! (`Credentials::register_issuer`, 19 µs; `Session::purge_keys` on polkadot-sdk's reference
//! machine, about 40 µs).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// The weight of each call of `pallet_validator_manager`.
pub trait WeightInfo {
	fn add_validator() -> Weight;
	fn remove_validator() -> Weight;
}

/// Weights for the runtime, with storage costed by its `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_validator() -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(100_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
}

/// For tests: the same figures with the test runtime's `DbWeight` left out.
impl WeightInfo for () {
	fn add_validator() -> Weight {
		Weight::from_parts(40_000_000, 4_000)
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(100_000_000, 8_000)
	}
}
