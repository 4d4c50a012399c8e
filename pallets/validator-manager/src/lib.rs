//! # Validator manager pallet
//!
//! Which nodes author and finalise Carechain's blocks is the consortium's decision. This pallet
//! keeps the validator set the consortium voted for and hands it to `pallet-session`, which
//! rotates Aura's and GRANDPA's authorities at a session boundary: a validator added or removed
//! in session `n` is queued when session `n + 1` starts and authors (or stops) from session
//! `n + 2`. Validators are accounts that have registered their session keys (Aura and GRANDPA)
//! with `Session::set_keys`, which proves they hold the private keys.
//!
//! Its place in Carechain (the origins table, the other pallets, the call contract) is
//! described in the repository's `docs/ARCHITECTURE.md`.
//!
//! ## Who may call what
//!
//! | call | origin | notes |
//! | --- | --- | --- |
//! | [`add_validator`](Pallet::add_validator) | `ManagerOrigin` (the runtime: two thirds of the Council) | the account must have session keys |
//! | [`remove_validator`](Pallet::remove_validator) | `ManagerOrigin` | never below [`Config::MinValidators`]; the validator's session keys are purged |
//!
//! ## Rules
//!
//! - The set has no duplicates and at most [`Config::MaxValidators`] members; removals stop at
//!   [`Config::MinValidators`], the size below which GRANDPA could not survive a faulty validator
//!   (the runtime: four, of which three finalise). A network may start smaller (the development
//!   chain has one validator); it cannot be voted smaller.
//! - A validator is added only if it has session keys, since `pallet-session` silently skips a
//!   validator without keys, and a vote that seems to succeed while nothing changes would mislead.
//! - A removed validator's session keys are purged (its key deposit returned), so it cannot be
//!   queued again without registering new keys and a new vote.
//! - A validator that purges its own keys (`Session::purge_keys`) leaves the authorities at the
//!   next session boundary, as if its node were shut down; it stays in this set until the
//!   consortium removes it, and adding it back needs keys again.
//! - Sessions last [`SessionLength`] blocks, set at genesis per network: a few blocks on test
//!   networks, an hour or more in production (`docs/VALIDATORS.md`). This pallet is the runtime's
//!   `ShouldEndSession` and `NextSessionRotation`.

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

use alloc::vec::Vec;
use frame::{
	prelude::*,
	traits::{EstimateNextSessionRotation, Zero},
};
use pallet_session::{SessionManager, ShouldEndSession};

#[cfg(any(feature = "try-runtime", feature = "std", test))]
use frame::deps::sp_runtime::TryRuntimeError;

pub use pallet::*;
pub use weights::WeightInfo;

/// The validator set as stored.
pub type ValidatorsOf<T> =
	BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxValidators>;

// FRAME's expansion of `#[pallet::pallet]`, storage and errors calls `expect` on values it
// has just built. Code written here may use `expect` only to build genesis, where an invalid
// genesis config must stop the chain from starting.
#[allow(clippy::expect_used)]
#[frame::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config
		+ pallet_session::Config<ValidatorId = <Self as frame_system::Config>::AccountId>
	{
		/// Who adds and removes validators: in the runtime, two thirds of the Council.
		type ManagerOrigin: EnsureOrigin<<Self as frame_system::Config>::RuntimeOrigin>;

		/// The fewest validators the consortium may vote the set down to.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// The most validators the set may hold.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The validators the consortium voted for, in the order they were admitted.
	#[pallet::storage]
	pub type Validators<T: Config> = StorageValue<_, ValidatorsOf<T>, ValueQuery>;

	/// Whether the set changed since `pallet-session` last asked for it.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// How many blocks a session lasts (set at genesis for each network).
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The first validators (each needs session keys in `Session`'s genesis); none means
		/// every account given session keys at genesis.
		pub validators: Vec<T::AccountId>,
		/// Blocks per session; must not be zero.
		pub session_length: BlockNumberFor<T>,
	}

	/// No validator list (every account with genesis session keys), and sessions of 600
	/// blocks: an hour at Carechain's 6-second blocks. Test networks set fewer.
	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { validators: Vec::new(), session_length: 600u32.into() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(!self.session_length.is_zero(), "a session must last at least one block");
			let mut unique = self.validators.clone();
			unique.sort();
			unique.dedup();
			assert_eq!(unique.len(), self.validators.len(), "a validator is listed twice");
			let validators: ValidatorsOf<T> =
				self.validators.clone().try_into().expect("more validators than MaxValidators");
			Validators::<T>::put(validators);
			SessionLength::<T>::put(self.session_length);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` joins the validators from the session after next.
		ValidatorAdded { who: T::AccountId },
		/// `who` leaves the validators from the session after next; its keys were purged.
		ValidatorRemoved { who: T::AccountId },
		/// The set was handed to `pallet-session` for session `session_index`.
		ValidatorSetQueued { session_index: u32, validators: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The set holds `MaxValidators` already.
		TooManyValidators,
		/// Removing one more would leave fewer than `MinValidators`.
		TooFewValidators,
		/// The account has registered no session keys (`Session::set_keys`).
		NoSessionKeys,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// `pallet-session` asks this pallet every block whether the session ends: one read.
		fn on_initialize(_now: BlockNumberFor<T>) -> Weight {
			T::DbWeight::get().reads(1)
		}

		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "a chain needs a validator");
			assert!(T::MinValidators::get() <= T::MaxValidators::get(), "MinValidators > Max");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `who` to the validators, from the session after next.
		///
		/// - Origin: [`Config::ManagerOrigin`].
		/// - Emits [`Event::ValidatorAdded`].
		/// - Errors: [`Error::AlreadyValidator`], [`Error::TooManyValidators`],
		///   [`Error::NoSessionKeys`]; `BadOrigin`.
		///
		/// ## Complexity
		/// O(V) in the validators, bounded by `MaxValidators`.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::add_validator())]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ManagerOrigin::ensure_origin(origin)?;
			let mut validators = Validators::<T>::get();
			ensure!(!validators.contains(&who), Error::<T>::AlreadyValidator);
			ensure!(
				pallet_session::Pallet::<T>::load_keys(&who).is_some(),
				Error::<T>::NoSessionKeys
			);
			validators.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;

			Validators::<T>::put(validators);
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Removes `who` from the validators, from the session after next, and purges its
		/// session keys.
		///
		/// - Origin: [`Config::ManagerOrigin`].
		/// - Emits [`Event::ValidatorRemoved`].
		/// - Errors: [`Error::NotValidator`], [`Error::TooFewValidators`]; `BadOrigin`.
		///
		/// ## Complexity
		/// O(V) in the validators, bounded by `MaxValidators`.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ManagerOrigin::ensure_origin(origin)?;
			let mut validators = Validators::<T>::get();
			let position =
				validators.iter().position(|v| *v == who).ok_or(Error::<T>::NotValidator)?;
			ensure!(
				validators.len() > T::MinValidators::get() as usize,
				Error::<T>::TooFewValidators
			);
			validators.remove(position);

			Validators::<T>::put(validators);
			SetChanged::<T>::put(true);
			// The keys are the validator's own registration: purging them returns its key
			// deposit. A validator that purged them itself has none left, which is fine.
			let _ = pallet_session::Pallet::<T>::purge_keys(
				frame_system::RawOrigin::Signed(who.clone()).into(),
			);
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The invariants: no validator twice, at least one, and sessions that end.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let validators = Validators::<T>::get();
		let mut unique: Vec<_> = validators.iter().collect();
		unique.sort();
		unique.dedup();
		ensure!(unique.len() == validators.len(), "a validator is listed twice");
		ensure!(!validators.is_empty(), "there is no validator");
		ensure!(!SessionLength::<T>::get().is_zero(), "sessions never end");
		Ok(())
	}
}

impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: u32) -> Option<Vec<T::AccountId>> {
		if !SetChanged::<T>::take() {
			return None;
		}
		let validators = Validators::<T>::get().into_inner();
		Self::deposit_event(Event::ValidatorSetQueued {
			session_index: new_index,
			validators: validators.len() as u32,
		});
		Some(validators)
	}

	/// The genesis validators, or, when genesis names none, every account `Session`'s genesis
	/// gave keys to (in account order). A chain spec then names its validators once, by their
	/// keys, which is also how tools such as zombienet write them.
	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::AccountId>> {
		let mut validators = Validators::<T>::get();
		if validators.is_empty() {
			let mut keyed: Vec<T::AccountId> = pallet_session::NextKeys::<T>::iter_keys().collect();
			keyed.sort();
			validators = BoundedVec::truncate_from(keyed);
			Validators::<T>::put(&validators);
		}
		Some(validators.into_inner())
	}

	fn end_session(_end_index: u32) {}

	fn start_session(_start_index: u32) {}
}

impl<T: Config> ShouldEndSession<BlockNumberFor<T>> for Pallet<T> {
	fn should_end_session(now: BlockNumberFor<T>) -> bool {
		let length = SessionLength::<T>::get();
		now.checked_rem(&length).is_some_and(|into| into.is_zero())
	}
}

impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		SessionLength::<T>::get()
	}

	fn estimate_current_session_progress(now: BlockNumberFor<T>) -> (Option<Permill>, Weight) {
		let length = SessionLength::<T>::get();
		// How far `now` is into the session that started at the last multiple of `length`,
		// counting the block that ends it as the whole session.
		let progress = now
			.checked_rem(&length)
			.map(|into| Permill::from_rational(into.saturating_add(One::one()), length));
		(progress, T::DbWeight::get().reads(1))
	}

	fn estimate_next_session_rotation(
		now: BlockNumberFor<T>,
	) -> (Option<BlockNumberFor<T>>, Weight) {
		let length = SessionLength::<T>::get();
		let next = if length.is_zero() {
			None
		} else {
			now.checked_div(&length)
				.and_then(|sessions| sessions.checked_add(&One::one()))
				.and_then(|sessions| sessions.checked_mul(&length))
		};
		(next, T::DbWeight::get().reads(1))
	}
}
