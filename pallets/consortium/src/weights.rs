//! Weights for `pallet_consortium`.
//!
//! Interim, written by hand until `scripts/bench` (which now lists this pallet) measures it:
//! `as_root` itself reads and writes no storage and does what a Sudo dispatch did, so it is
//! charged what `pallet_sudo::sudo` measured on this machine (`runtime/src/weights`, before Sudo
//! left the runtime) rounded up, plus the event. The dispatched call's weight comes on top.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// The weight of each call of `pallet_consortium`.
pub trait WeightInfo {
	fn as_root() -> Weight;
}

/// Weights for the runtime, with storage costed by its `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn as_root() -> Weight {
		Weight::from_parts(20_000_000, 0)
	}
}

/// For tests: the same figures without a runtime.
impl WeightInfo for () {
	fn as_root() -> Weight {
		Weight::from_parts(20_000_000, 0)
	}
}
