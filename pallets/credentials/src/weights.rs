//! Weights for `pallet_credentials`.
//!
//! Placeholder until `scripts/bench` generates this file on the reference machine with
//! `carechain-node benchmark pallet`; the figures below are conservative estimates
//! (each call's storage reads and writes at ParityDB cost plus 50 µs of execution).

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// Weight functions needed for `pallet_credentials`.
pub trait WeightInfo {
	fn register_issuer(k: u32) -> Weight;
	fn remove_issuer() -> Weight;
	fn issue() -> Weight;
	fn renew() -> Weight;
	fn suspend() -> Weight;
	fn reinstate() -> Weight;
	fn revoke() -> Weight;
	fn clear() -> Weight;
}

/// Weights for `pallet_credentials` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_issuer(k: u32) -> Weight {
		Weight::from_parts(50_000_000, 3_600)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_issuer() -> Weight {
		Weight::from_parts(50_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn issue() -> Weight {
		Weight::from_parts(50_000_000, 7_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn renew() -> Weight {
		Weight::from_parts(50_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn suspend() -> Weight {
		Weight::from_parts(50_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn reinstate() -> Weight {
		Weight::from_parts(50_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn revoke() -> Weight {
		Weight::from_parts(50_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn clear() -> Weight {
		Weight::from_parts(50_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

// For tests.
impl WeightInfo for () {
	fn register_issuer(_k: u32) -> Weight {
		Weight::zero()
	}
	fn remove_issuer() -> Weight {
		Weight::zero()
	}
	fn issue() -> Weight {
		Weight::zero()
	}
	fn renew() -> Weight {
		Weight::zero()
	}
	fn suspend() -> Weight {
		Weight::zero()
	}
	fn reinstate() -> Weight {
		Weight::zero()
	}
	fn revoke() -> Weight {
		Weight::zero()
	}
	fn clear() -> Weight {
		Weight::zero()
	}
}
