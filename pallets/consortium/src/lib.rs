//! # Consortium pallet
//!
//! Carechain has no sudo key. The member organisations govern it through `Council`
//! (`pallet-collective`, fed by `CouncilMembership`), and what polkadot-sdk's pallets keep for
//! Root (a runtime upgrade's `System::authorize_upgrade`, `Balances`' forced transfers, a
//! credential issuer's forced revocation) must still be reachable, by vote and by nothing else.
//! This pallet is that one path: [`as_root`](Pallet::as_root) dispatches a call as Root when its
//! origin is [`Config::AsRootOrigin`], which the runtime sets to a supermajority motion of the
//! Council. A motion that wraps its proposal in `Consortium::as_root` therefore acts as Root;
//! any smaller motion, any member alone and any signed account is refused with `BadOrigin`.
//!
//! Its place in Carechain (the origins table, the other pallets, the call contract) is
//! described in the repository's `docs/ARCHITECTURE.md`.
//!
//! ## Who may call what
//!
//! | call | origin | notes |
//! | --- | --- | --- |
//! | [`as_root`](Pallet::as_root) | `AsRootOrigin` (the runtime: two thirds of the Council) | dispatches `call` as Root; the inner result is evented, not returned |
//!
//! ## Why the inner result is evented
//!
//! As with a Council motion itself, the vote is what is recorded: `as_root` succeeds once the
//! origin is proven, and [`Event::DispatchedAsRoot`] carries the call's hash and the inner
//! call's result, so that a failed upgrade authorisation is visible on chain and in apps.
//!
//! ## What a motion cannot do through it
//!
//! Root bypasses the runtime's base call filter. The runtime's filter therefore looks inside
//! `as_root` (and inside Council proposals): a call that signs as an account it holds no key
//! of, or writes storage raw, is refused before it is proposed and again when it would run.

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

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

use alloc::boxed::Box;
use frame::{
	deps::frame_support::{
		dispatch::{extract_actual_weight, GetDispatchInfo},
		traits::UnfilteredDispatchable,
	},
	prelude::*,
};

pub use pallet::*;
pub use weights::WeightInfo;

// FRAME's expansion of `#[pallet::pallet]`, storage and errors calls `expect` on values it
// has just built.
#[allow(clippy::expect_used)]
#[frame::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// A call that may be dispatched as Root.
		type RuntimeCall: Parameter
			+ UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>
			+ GetDispatchInfo;

		/// Who may act as Root: in the runtime, a motion of at least two thirds of the Council.
		type AsRootOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weights of this pallet's own work (the dispatched call's weight is added to it).
		type WeightInfo: WeightInfo;
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A call was dispatched as Root on the consortium's decision.
		DispatchedAsRoot {
			/// The hash of the dispatched call (as `Council` hashes proposals).
			call_hash: T::Hash,
			/// What the call returned.
			result: DispatchResult,
		},
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispatches `call` as Root.
		///
		/// - Origin: [`Config::AsRootOrigin`] (the runtime: two thirds of the Council).
		/// - Emits [`Event::DispatchedAsRoot`] with the inner call's result, success or not.
		/// - Errors: `BadOrigin` for any other origin; nothing is dispatched.
		///
		/// ## Complexity
		/// O(1) here, plus the dispatched call's own weight; what the call did not use is
		/// refunded.
		#[pallet::call_index(0)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(T::WeightInfo::as_root().saturating_add(info.call_weight), info.class)
		})]
		pub fn as_root(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			T::AsRootOrigin::ensure_origin(origin)?;
			let call_hash = T::Hashing::hash_of(&call);
			let info = call.get_dispatch_info();
			let outcome = call.dispatch_bypass_filter(frame_system::RawOrigin::Root.into());
			let used = extract_actual_weight(&outcome, &info);
			Self::deposit_event(Event::DispatchedAsRoot {
				call_hash,
				result: outcome.map(|_| ()).map_err(|failed| failed.error),
			});
			Ok(Some(T::WeightInfo::as_root().saturating_add(used)).into())
		}
	}
}
