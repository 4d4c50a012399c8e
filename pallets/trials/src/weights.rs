//! Weights for `pallet_trials`: an estimate written by hand before the first benchmark run
//! (about twice what the other pallets' comparable calls measure), to be replaced by
//! `scripts/bench pallet_trials`. Do not keep it: regenerate.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// The weight of each call of `pallet_trials`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn amend() -> Weight;
	fn add_investigator() -> Weight;
	fn remove_investigator() -> Weight;
	fn set_status() -> Weight;
	fn consent() -> Weight;
	fn withdraw() -> Weight;
	fn clear() -> Weight;
	fn enrol() -> Weight;
	fn release(p: u32, ) -> Weight;
	fn commit_results() -> Weight;
}

/// Estimated weights, with storage costed by the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register() -> Weight {
		Weight::from_parts(120_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn amend() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn add_investigator() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_investigator() -> Weight {
		Weight::from_parts(55_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn set_status() -> Weight {
		Weight::from_parts(50_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn consent() -> Weight {
		Weight::from_parts(90_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(110_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn clear() -> Weight {
		Weight::from_parts(70_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn enrol() -> Weight {
		Weight::from_parts(80_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn release(p: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(p.into()))
	}
	fn commit_results() -> Weight {
		Weight::from_parts(50_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For tests and the fuzzer: costed by the `ParityDb` weights.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(120_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn amend() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn add_investigator() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn remove_investigator() -> Weight {
		Weight::from_parts(55_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn set_status() -> Weight {
		Weight::from_parts(50_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn consent() -> Weight {
		Weight::from_parts(90_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(110_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn clear() -> Weight {
		Weight::from_parts(70_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn enrol() -> Weight {
		Weight::from_parts(80_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn release(p: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().reads((3_u64).saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(p.into()))
	}
	fn commit_results() -> Weight {
		Weight::from_parts(50_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
