//! Weights for `pallet_supply_chain`.
//!
//! Placeholder until `scripts/bench` generates this file with `carechain-node benchmark
//! pallet`; conservative estimates meanwhile.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// The weight of each call of `pallet_supply_chain`.
pub trait WeightInfo {
	fn register_product() -> Weight;
	fn commission_batch() -> Weight;
	fn ship(d: u32) -> Weight;
	fn receive(d: u32) -> Weight;
	fn dispense(d: u32) -> Weight;
	fn recall() -> Weight;
	fn quarantine() -> Weight;
	fn release() -> Weight;
	fn destroy() -> Weight;
}

/// Estimated weights, with storage costed by the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_product() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn commission_batch() -> Weight {
		Weight::from_parts(80_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn ship(d: u32) -> Weight {
		Weight::from_parts(100_000_000, 6_000)
			.saturating_add(Weight::from_parts(5_000_000, 3_000).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn receive(d: u32) -> Weight {
		Weight::from_parts(80_000_000, 6_000)
			.saturating_add(Weight::from_parts(5_000_000, 3_000).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn dispense(d: u32) -> Weight {
		Weight::from_parts(80_000_000, 6_000)
			.saturating_add(Weight::from_parts(5_000_000, 3_000).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn recall() -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn quarantine() -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn release() -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn destroy() -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

impl WeightInfo for () {
	fn register_product() -> Weight {
		Weight::zero()
	}
	fn commission_batch() -> Weight {
		Weight::zero()
	}
	fn ship(_d: u32) -> Weight {
		Weight::zero()
	}
	fn receive(_d: u32) -> Weight {
		Weight::zero()
	}
	fn dispense(_d: u32) -> Weight {
		Weight::zero()
	}
	fn recall() -> Weight {
		Weight::zero()
	}
	fn quarantine() -> Weight {
		Weight::zero()
	}
	fn release() -> Weight {
		Weight::zero()
	}
	fn destroy() -> Weight {
		Weight::zero()
	}
}
