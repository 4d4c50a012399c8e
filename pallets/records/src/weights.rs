//! Weights for `pallet_records`.
//!
//! Placeholder until `scripts/bench` generates this file on the reference machine with
//! `carechain-node benchmark pallet`; conservative estimates meanwhile.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// The weight of each call of `pallet_records`.
pub trait WeightInfo {
	fn anchor() -> Weight;
	fn amend() -> Weight;
	fn log_access() -> Weight;
	fn erase(v: u32) -> Weight;
}

/// Estimated weights, with storage costed by the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn anchor() -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn amend() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn log_access() -> Weight {
		Weight::from_parts(40_000_000, 8_000).saturating_add(T::DbWeight::get().reads(8_u64))
	}
	fn erase(v: u32) -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(v.into())))
	}
}

impl WeightInfo for () {
	fn anchor() -> Weight {
		Weight::zero()
	}
	fn amend() -> Weight {
		Weight::zero()
	}
	fn log_access() -> Weight {
		Weight::zero()
	}
	fn erase(_v: u32) -> Weight {
		Weight::zero()
	}
}
