//! Weights for `pallet_consent`.
//!
//! Placeholder until `scripts/bench` generates this file on the reference machine with
//! `carechain-node benchmark pallet`; conservative estimates meanwhile.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// The weight of each call of `pallet_consent`.
pub trait WeightInfo {
	fn grant(g: u32) -> Weight;
	fn revoke(g: u32) -> Weight;
	fn break_glass() -> Weight;
	fn end_emergency() -> Weight;
}

/// Estimated weights, with storage costed by the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn grant(g: u32) -> Weight {
		Weight::from_parts(80_000_000, 8_000)
			.saturating_add(Weight::from_parts(5_000_000, 3_000).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(g.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(g.into())))
	}
	fn revoke(g: u32) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(500_000, 0).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn break_glass() -> Weight {
		Weight::from_parts(80_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn end_emergency() -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
}

impl WeightInfo for () {
	fn grant(_g: u32) -> Weight {
		Weight::zero()
	}
	fn revoke(_g: u32) -> Weight {
		Weight::zero()
	}
	fn break_glass() -> Weight {
		Weight::zero()
	}
	fn end_emergency() -> Weight {
		Weight::zero()
	}
}
