//! Weights for `pallet_patients`.
//!
//! Placeholder until `scripts/bench` generates this file on the reference machine with
//! `carechain-node benchmark pallet`; conservative estimates meanwhile.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// The weight of each call of `pallet_patients`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn update_commitment() -> Weight;
	fn add_delegate(d: u32) -> Weight;
	fn remove_delegate(d: u32) -> Weight;
	fn propose_key_rotation() -> Weight;
	fn accept_key_rotation(d: u32) -> Weight;
	fn cancel_key_rotation() -> Weight;
	fn deregister(d: u32) -> Weight;
}

/// Estimated weights, with storage costed by the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn update_commitment() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn add_delegate(d: u32) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn remove_delegate(d: u32) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn propose_key_rotation() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn accept_key_rotation(d: u32) -> Weight {
		Weight::from_parts(90_000_000, 6_000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn cancel_key_rotation() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn deregister(d: u32) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
}

impl WeightInfo for () {
	fn register() -> Weight {
		Weight::zero()
	}
	fn update_commitment() -> Weight {
		Weight::zero()
	}
	fn add_delegate(_d: u32) -> Weight {
		Weight::zero()
	}
	fn remove_delegate(_d: u32) -> Weight {
		Weight::zero()
	}
	fn propose_key_rotation() -> Weight {
		Weight::zero()
	}
	fn accept_key_rotation(_d: u32) -> Weight {
		Weight::zero()
	}
	fn cancel_key_rotation() -> Weight {
		Weight::zero()
	}
	fn deregister(_d: u32) -> Weight {
		Weight::zero()
	}
}
