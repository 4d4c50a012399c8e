//! # Patients pallet
//!
//! Patient identity without personal data. A patient is a stable pseudonymous [`PatientId`]
//! (a counter, never reused) bound to one account key at a time. Instead of demographics the
//! chain stores a salted commitment to them; delegates (guardians, caregivers) may act for the
//! patient; the key can be rotated without losing the id; and deregistration erases the link
//! between the id and any account for good.
//!
//! Its place in Carechain (the other pallets, the call contract apps rely on, the rules every
//! pallet keeps) is described in the repository's `docs/ARCHITECTURE.md`.
//!
//! ## The commitment recipe
//!
//! Apps compute the commitment off chain, exactly so:
//!
//! ```text
//! commitment = blake2_256( salt ‖ canonical_json(FHIR Patient resource) )
//! ```
//!
//! - `salt`: 32 random bytes, fresh for every commitment, stored off chain with the patient's data
//!   and never on chain;
//! - `canonical_json`: the FHIR R4 `Patient` resource serialised by the JSON Canonicalization
//!   Scheme (RFC 8785: sorted keys, no insignificant whitespace), as UTF-8 bytes;
//! - `‖` is concatenation, `blake2_256` the 32-byte BLAKE2b hash.
//!
//! Whoever holds the salt and the resource can prove the commitment; without the salt the hash
//! reveals nothing, so deleting the salt off chain makes the on-chain value unlinkable.
//!
//! ## Who may call what
//!
//! | call | origin | notes |
//! | --- | --- | --- |
//! | [`register`](Pallet::register) | any signed account that is not a patient | holds [`Config::RegistrationDeposit`] |
//! | [`register_for`](Pallet::register_for) | a holder of a valid `Hospital` credential ([`ONBOARDERS`]), for an account that is not a patient | holds [`Config::RegistrationDeposit`] from the hospital, which becomes the patient's sponsor |
//! | [`update_commitment`](Pallet::update_commitment) | the patient | |
//! | [`add_delegate`](Pallet::add_delegate) | the patient | holds [`Config::DelegateDeposit`]; expired delegates are pruned to make room |
//! | [`remove_delegate`](Pallet::remove_delegate) | the patient | returns the deposit |
//! | [`propose_key_rotation`](Pallet::propose_key_rotation) | the patient | replaces an earlier proposal |
//! | [`accept_key_rotation`](Pallet::accept_key_rotation) | the proposed new account, before the proposal expires | moves the id and the deposits |
//! | [`cancel_key_rotation`](Pallet::cancel_key_rotation) | the patient, or the proposed account (declining) | |
//! | [`deregister`](Pallet::deregister) | the patient | erasure: returns every deposit |
//!
//! `cancel_key_rotation` is an addition to the design's call list: a proposal made by mistake,
//! or to a key that was lost, must be withdrawable before it expires.
//!
//! ## Onboarding at the clinic
//!
//! Identity proofing happens where the patient is: a hospital's registration desk checks who the
//! patient is and registers them with [`register_for`](Pallet::register_for), for an account the
//! patient's app made, which may never have held a token. The hospital becomes the patient's
//! *sponsor*: it holds every deposit of the patient (the registration now, each delegate
//! later, at most [`Config::MaxDelegates`]), so the patient's account needs no balance. A
//! patient who registers themselves ([`register`](Pallet::register)) holds their own. A sponsor
//! stays one until the patient is deregistered, which returns its deposits, whatever becomes of
//! its credential meanwhile; a key rotation moves the patient to the new key and leaves the
//! deposits with the sponsor.
//!
//! ## A patient's key is a live account
//!
//! `frame_system` refuses a transaction from an account with no provider reference (an account
//! that holds no balance), whatever its fee. So while an account is a patient's key, this pallet
//! gives it one provider reference (`frame_system::Pallet::inc_providers`): at registration (by
//! either call) and at a rotation to it; the reference is taken back when the account stops being
//! the key (a rotation away from it, deregistration). An account cannot stop being the key while
//! that reference is the last one keeping it alive and something still depends on it (a consumer
//! reference, such as a hold of its own): the rotation or deregistration is refused with
//! `KeyStillInUse` and changes nothing, until the patient releases what the key still holds.
//!
//! A delegate (a parent, a carer) may hold no tokens either: while an account is listed as a
//! delegate it has a provider reference from this pallet too, taken back when the delegation is
//! removed, pruned after it expired, or ends with the patient (deregistration, or a rotation to
//! the delegate's account, which takes the key's reference first). A delegate cannot hold on to
//! its delegation this way: if the reference is the last one keeping an account with consumers
//! alive, the delegation ends and the reference stays with the account.
//!
//! ## Erasure
//!
//! `deregister` removes the commitment, the delegates and any pending rotation, and unlinks the
//! account: afterwards no storage item of this pallet maps the patient id to an account or the
//! account to the id, and nothing is left behind that no one pays for: the id is never handed
//! out again because ids come from a counter ([`NextPatientId`]), so an id below the counter
//! that is not in [`Patients`] is an erased one, and other pallets see the patient as gone. The
//! time of erasure is the block of the `PatientDeregistered` event.
//!
//! ## Deposits
//!
//! Registering holds [`Config::RegistrationDeposit`] and each delegate holds
//! [`Config::DelegateDeposit`] (hold reason [`HoldReason::PatientDeposit`]), all from the
//! patient's sponsor if a hospital onboarded the patient, otherwise from the patient's current
//! key ([`Patient::payer`]). They are returned when the entry goes; on key rotation a
//! self-registered patient's old key gets them back and the new key holds them, and a sponsor's
//! stay where they are.
//!
//! ## For other pallets
//!
//! [`PatientRegistry`] (implemented by [`Pallet`]): the patient of an account, the account of
//! a patient, whether a patient is active, and whether an account is the patient or a live
//! delegate.

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
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod try_state;
mod types;
pub mod weights;

use alloc::vec::Vec;
use carechain_primitives::{
	hold_deposit, next_id, return_deposit, CredentialInspect, CredentialKind, Moment, PatientCall,
	PatientId, PatientRegistry,
};
use frame::{
	prelude::*,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		Time,
	},
};

#[cfg(feature = "try-runtime")]
use frame::deps::sp_runtime::TryRuntimeError;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// The balance type of the deposit currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A patient as stored.
pub type PatientOf<T> =
	Patient<<T as frame_system::Config>::AccountId, BalanceOf<T>, <T as Config>::MaxDelegates>;
/// A delegate as stored.
pub type DelegateOf<T> = Delegate<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// What the benchmarks need from the runtime: credentials are seen through a trait, so the
/// runtime says how to give one.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Gives `who` a valid credential of `kind`.
	fn set_credential(who: &AccountId, kind: CredentialKind);
}

/// The credentials whose holders may register a patient at the clinic
/// ([`Pallet::register_for`]): the organisations that do identity proofing.
pub const ONBOARDERS: [CredentialKind; 1] = [CredentialKind::Hospital];

// FRAME's expansion of `#[pallet::pallet]`, storage and errors calls `expect` on values it
// has just built. Code written here may use `expect` only to build genesis, where an invalid
// genesis config must stop the chain from starting.
#[allow(clippy::expect_used)]
#[frame::pallet]
pub mod pallet {
	use super::*;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The clock expiries are judged by (the Timestamp pallet in the runtime).
		type Time: Time<Moment = Moment>;

		/// Provider credentials: who may onboard a patient ([`ONBOARDERS`]).
		type Credentials: CredentialInspect<Self::AccountId>;

		/// The most delegates one patient may have.
		#[pallet::constant]
		type MaxDelegates: Get<u32>;

		/// Held for the registration, from the patient or the sponsor.
		#[pallet::constant]
		type RegistrationDeposit: Get<BalanceOf<Self>>;

		/// Held for each delegate, from the patient or the sponsor.
		#[pallet::constant]
		type DelegateDeposit: Get<BalanceOf<Self>>;

		/// How long a key-rotation proposal stays open (milliseconds).
		#[pallet::constant]
		type RotationPeriod: Get<Moment>;

		/// Weights of this pallet's calls, generated by its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A patient's registration and delegate deposits.
		PatientDeposit,
	}

	/// The id the next registration gets.
	#[pallet::storage]
	pub type NextPatientId<T: Config> = StorageValue<_, PatientId, ValueQuery>;

	/// Registered patients, by id.
	#[pallet::storage]
	pub type Patients<T: Config> = StorageMap<_, Twox64Concat, PatientId, PatientOf<T>>;

	/// The patient id of each patient's current key: the inverse of `Patients`' `account`.
	#[pallet::storage]
	pub type PatientIdOf<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, PatientId>;

	/// Key rotations waiting for the new key to accept.
	#[pallet::storage]
	pub type PendingRotations<T: Config> =
		StorageMap<_, Twox64Concat, PatientId, Rotation<T::AccountId>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account registered as a patient.
		PatientRegistered { patient_id: PatientId, account: T::AccountId },
		/// A hospital registered the patient just registered, and holds its deposits.
		PatientOnboarded { patient_id: PatientId, sponsor: T::AccountId },
		/// A patient replaced their commitment.
		CommitmentUpdated { patient_id: PatientId },
		/// A patient added a delegate.
		DelegateAdded { patient_id: PatientId, delegate: T::AccountId, expires_at: Option<Moment> },
		/// A delegate was removed (by the patient, or pruned after it expired).
		DelegateRemoved { patient_id: PatientId, delegate: T::AccountId },
		/// A patient proposed moving their id to a new key.
		KeyRotationProposed { patient_id: PatientId, new_account: T::AccountId, expires_at: Moment },
		/// The new key accepted: the old key has no rights any more.
		KeyRotated { patient_id: PatientId, old_account: T::AccountId, new_account: T::AccountId },
		/// A pending key rotation was withdrawn or declined.
		KeyRotationCancelled { patient_id: PatientId },
		/// A patient was erased.
		PatientDeregistered { patient_id: PatientId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a patient.
		AlreadyRegistered,
		/// The signer is not a registered patient.
		NotPatient,
		/// A patient cannot be their own delegate.
		CannotDelegateToSelf,
		/// `expires_at` must lie in the future.
		ExpiryNotInFuture,
		/// The account is already a delegate of this patient.
		AlreadyDelegate,
		/// The patient already has the most live delegates allowed.
		TooManyDelegates,
		/// The account is not a delegate of this patient.
		NotDelegate,
		/// The new key is the patient's current key.
		SameAccount,
		/// The new key is already a patient's key.
		AccountAlreadyPatient,
		/// The patient id has no pending key rotation.
		NoPendingRotation,
		/// The signer is not the account the rotation was proposed to (nor the patient).
		NotProposedAccount,
		/// The proposal has expired; the patient must propose again.
		RotationIsExpired,
		/// The patient id is unknown or erased.
		UnknownPatient,
		/// The account cannot pay the deposit.
		InsufficientDeposit,
		/// Patient ids are exhausted.
		IdOverflow,
		/// The signer holds no valid credential of an organisation that may onboard patients.
		NotOnboarder,
		/// The key's account still depends on the provider reference a patient's key has (it has
		/// consumers, such as a hold of its own, and nothing else keeps it alive): release them
		/// first.
		KeyStillInUse,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxDelegates::get() > 0, "a patient must be able to name a delegate");
			assert!(T::RotationPeriod::get() > 0, "a rotation must be acceptable for some time");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the signer as a patient with a new id and `commitment`.
		///
		/// - origin: signed, by an account that is not a patient.
		/// - `commitment`: salted hash of the patient's demographics (crate docs: the recipe).
		///
		/// Emits `PatientRegistered`. Errors: `AlreadyRegistered`, `InsufficientDeposit`,
		/// `IdOverflow`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(origin: OriginFor<T>, commitment: H256) -> DispatchResult {
			let account = ensure_signed(origin)?;
			Self::do_register(account, commitment, None).map(|_| ())
		}

		/// Replaces the signer's commitment (after a correction of their demographics, or with
		/// a fresh salt).
		///
		/// - origin: the patient.
		///
		/// Emits `CommitmentUpdated`. Errors: `NotPatient`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_commitment())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, commitment: &H256| -> bool {
			Pallet::<T>::is_fee_free(origin, &Call::<T>::update_commitment { commitment: *commitment })
		})]
		pub fn update_commitment(origin: OriginFor<T>, commitment: H256) -> DispatchResult {
			let (patient_id, mut patient) = Self::ensure_patient(origin)?;
			patient.commitment = commitment;
			Patients::<T>::insert(patient_id, patient);
			Self::deposit_event(Event::CommitmentUpdated { patient_id });
			Ok(())
		}

		/// Lets `delegate` act for the signer until `expires_at` (or until removed, if `None`).
		/// Delegates whose time has passed are removed first to make room.
		///
		/// - origin: the patient.
		///
		/// Emits `DelegateAdded` (and `DelegateRemoved` for each pruned delegate).
		/// Errors: `NotPatient`, `CannotDelegateToSelf`, `ExpiryNotInFuture`, `AlreadyDelegate`,
		/// `TooManyDelegates`, `InsufficientDeposit`.
		///
		/// ## Complexity
		/// O(d) in the patient's delegates, bounded by `MaxDelegates`.
		#[pallet::call_index(2)]
		// The benchmark's delegates are live; each expired one pruned also gives back its
		// account's provider reference (a read and a write of that account), charged here.
		#[pallet::weight(T::WeightInfo::add_delegate(T::MaxDelegates::get()).saturating_add(
			T::DbWeight::get().reads_writes(T::MaxDelegates::get().into(), T::MaxDelegates::get().into())
		))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, delegate: &T::AccountId, expires_at: &Option<Moment>| -> bool {
			let call = Call::<T>::add_delegate { delegate: delegate.clone(), expires_at: *expires_at };
			Pallet::<T>::is_fee_free(origin, &call)
		})]
		pub fn add_delegate(
			origin: OriginFor<T>,
			delegate: T::AccountId,
			expires_at: Option<Moment>,
		) -> DispatchResult {
			let (patient_id, mut patient) = Self::ensure_patient(origin)?;
			ensure!(delegate != patient.account, Error::<T>::CannotDelegateToSelf);
			let now = T::Time::now();
			if let Some(expires_at) = expires_at {
				ensure!(expires_at > now, Error::<T>::ExpiryNotInFuture);
			}
			ensure!(
				!patient.delegates.iter().any(|d| d.account == delegate && Self::is_live(d, now)),
				Error::<T>::AlreadyDelegate
			);
			let added = Delegate {
				account: delegate.clone(),
				expires_at,
				added_at: now,
				deposit: T::DelegateDeposit::get(),
			};
			Self::do_add_delegate(patient_id, &mut patient, added, now)?;
			Patients::<T>::insert(patient_id, patient);
			Self::deposit_event(Event::DelegateAdded { patient_id, delegate, expires_at });
			Ok(())
		}

		/// Removes `delegate` from the patient's delegates (live or expired), returning its
		/// deposit to the patient.
		///
		/// - origin: the patient.
		///
		/// Emits `DelegateRemoved`. Errors: `NotPatient`, `NotDelegate`.
		///
		/// ## Complexity
		/// O(d) in the patient's delegates, bounded by `MaxDelegates`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_delegate(T::MaxDelegates::get()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, delegate: &T::AccountId| -> bool {
			Pallet::<T>::is_fee_free(origin, &Call::<T>::remove_delegate { delegate: delegate.clone() })
		})]
		pub fn remove_delegate(origin: OriginFor<T>, delegate: T::AccountId) -> DispatchResult {
			let (patient_id, mut patient) = Self::ensure_patient(origin)?;
			let position = patient
				.delegates
				.iter()
				.position(|d| d.account == delegate)
				.ok_or(Error::<T>::NotDelegate)?;
			let removed = patient.delegates.remove(position);
			Self::return_deposit(patient.payer(), removed.deposit);
			Self::release_delegate(&removed.account);
			Patients::<T>::insert(patient_id, patient);
			Self::deposit_event(Event::DelegateRemoved { patient_id, delegate });
			Ok(())
		}

		/// Proposes moving the signer's patient id to `new_account`, which must accept within
		/// `RotationPeriod`. Replaces an earlier proposal.
		///
		/// - origin: the patient.
		///
		/// Emits `KeyRotationProposed`. Errors: `NotPatient`, `SameAccount`,
		/// `AccountAlreadyPatient`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::propose_key_rotation())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, new_account: &T::AccountId| -> bool {
			let call = Call::<T>::propose_key_rotation { new_account: new_account.clone() };
			Pallet::<T>::is_fee_free(origin, &call)
		})]
		pub fn propose_key_rotation(
			origin: OriginFor<T>,
			new_account: T::AccountId,
		) -> DispatchResult {
			let (patient_id, patient) = Self::ensure_patient(origin)?;
			ensure!(new_account != patient.account, Error::<T>::SameAccount);
			ensure!(
				!PatientIdOf::<T>::contains_key(&new_account),
				Error::<T>::AccountAlreadyPatient
			);
			let expires_at = T::Time::now().saturating_add(T::RotationPeriod::get());
			PendingRotations::<T>::insert(
				patient_id,
				Rotation { new_account: new_account.clone(), expires_at },
			);
			Self::deposit_event(Event::KeyRotationProposed { patient_id, new_account, expires_at });
			Ok(())
		}

		/// Accepts a proposed key rotation: `patient_id` moves to the signer, the old key loses
		/// every right (and its key's provider reference, which the new key gets), and a
		/// self-registered patient's deposits move with it (returned to the old key, held from the
		/// new one; a sponsor's stay with the sponsor). If the new key was one of the patient's
		/// delegates, it stops being one (its deposit is returned and not held again): a patient
		/// is never their own delegate, so the delegation cannot outlive a later rotation away
		/// from this key.
		///
		/// - origin: the proposed new account.
		///
		/// Emits `DelegateRemoved` (if the new key was a delegate), then `KeyRotated`. Errors:
		/// `NoPendingRotation`, `NotProposedAccount`, `RotationIsExpired`, `AccountAlreadyPatient`,
		/// `UnknownPatient`, `KeyStillInUse`, `InsufficientDeposit`.
		///
		/// ## Complexity
		/// O(d) in the patient's delegates (their deposits), bounded by `MaxDelegates`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::accept_key_rotation(T::MaxDelegates::get()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, patient_id: &PatientId| -> bool {
			Pallet::<T>::is_fee_free(origin, &Call::<T>::accept_key_rotation { patient_id: *patient_id })
		})]
		pub fn accept_key_rotation(origin: OriginFor<T>, patient_id: PatientId) -> DispatchResult {
			let new_account = ensure_signed(origin)?;
			let rotation =
				PendingRotations::<T>::get(patient_id).ok_or(Error::<T>::NoPendingRotation)?;
			ensure!(rotation.new_account == new_account, Error::<T>::NotProposedAccount);
			let now = T::Time::now();
			ensure!(now < rotation.expires_at, Error::<T>::RotationIsExpired);
			ensure!(
				!PatientIdOf::<T>::contains_key(&new_account),
				Error::<T>::AccountAlreadyPatient
			);
			let patient = Patients::<T>::get(patient_id).ok_or(Error::<T>::UnknownPatient)?;
			let old_account = Self::do_rotate(patient_id, patient, &new_account, now)?;
			Self::deposit_event(Event::KeyRotated { patient_id, old_account, new_account });
			Ok(())
		}

		/// Withdraws (by the patient) or declines (by the proposed account) a pending key
		/// rotation of `patient_id`.
		///
		/// - origin: the patient, or the proposed new account.
		///
		/// Emits `KeyRotationCancelled`. Errors: `NoPendingRotation`, `NotProposedAccount`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::cancel_key_rotation())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, patient_id: &PatientId| -> bool {
			Pallet::<T>::is_fee_free(origin, &Call::<T>::cancel_key_rotation { patient_id: *patient_id })
		})]
		pub fn cancel_key_rotation(origin: OriginFor<T>, patient_id: PatientId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let rotation =
				PendingRotations::<T>::get(patient_id).ok_or(Error::<T>::NoPendingRotation)?;
			let is_patient = PatientIdOf::<T>::get(&who) == Some(patient_id);
			ensure!(is_patient || rotation.new_account == who, Error::<T>::NotProposedAccount);
			PendingRotations::<T>::remove(patient_id);
			Self::deposit_event(Event::KeyRotationCancelled { patient_id });
			Ok(())
		}

		/// Erases the signer as a patient: the commitment, the delegates and any pending
		/// rotation are removed, the account is unlinked from the id, every deposit comes back,
		/// and the id is marked erased forever.
		///
		/// - origin: the patient.
		///
		/// Emits `PatientDeregistered`. Errors: `NotPatient`, `KeyStillInUse`.
		///
		/// ## Complexity
		/// O(d) in the patient's delegates (their deposits), bounded by `MaxDelegates`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::deregister(T::MaxDelegates::get()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>| -> bool {
			Pallet::<T>::is_fee_free(origin, &Call::<T>::deregister {})
		})]
		pub fn deregister(origin: OriginFor<T>) -> DispatchResult {
			let (patient_id, patient) = Self::ensure_patient(origin)?;
			Self::ensure_releasable(&patient.account)?;

			// No failure beyond this point.
			Self::release_key(&patient.account);
			for delegate in &patient.delegates {
				Self::release_delegate(&delegate.account);
			}
			Self::return_deposit(patient.payer(), Self::deposits_of(&patient));
			PatientIdOf::<T>::remove(&patient.account);
			Patients::<T>::remove(patient_id);
			PendingRotations::<T>::remove(patient_id);
			Self::deposit_event(Event::PatientDeregistered { patient_id });
			Ok(())
		}

		/// Registers `account` as a patient with a new id and `commitment`, at the clinic: the
		/// signer, a hospital that has proofed the patient's identity, becomes the patient's
		/// sponsor and holds the patient's deposits, so `account` needs no balance (it gets a
		/// provider reference instead: crate docs).
		///
		/// - origin: a holder of a valid credential of an [`ONBOARDERS`] kind.
		/// - `commitment`: as for `register`.
		///
		/// Emits `PatientRegistered`, then `PatientOnboarded`. Errors: `NotOnboarder`,
		/// `AlreadyRegistered`, `InsufficientDeposit`, `IdOverflow`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::register_for())]
		pub fn register_for(
			origin: OriginFor<T>,
			account: T::AccountId,
			commitment: H256,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			ensure!(T::Credentials::holds_any(&sponsor, &ONBOARDERS), Error::<T>::NotOnboarder);
			let patient_id = Self::do_register(account, commitment, Some(sponsor.clone()))?;
			Self::deposit_event(Event::PatientOnboarded { patient_id, sponsor });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The signer's patient id and record, or `NotPatient`.
	fn ensure_patient(origin: OriginFor<T>) -> Result<(PatientId, PatientOf<T>), DispatchError> {
		let who = ensure_signed(origin)?;
		let patient_id = PatientIdOf::<T>::get(&who).ok_or(Error::<T>::NotPatient)?;
		let patient = Patients::<T>::get(patient_id).ok_or(Error::<T>::NotPatient)?;
		Ok((patient_id, patient))
	}

	/// Whether a delegation is in force at `now`.
	fn is_live(delegate: &DelegateOf<T>, now: Moment) -> bool {
		delegate.expires_at.is_none_or(|expires_at| now < expires_at)
	}

	/// Everything held for a patient: the registration and each delegate.
	fn deposits_of(patient: &PatientOf<T>) -> BalanceOf<T> {
		patient
			.delegates
			.iter()
			.fold(patient.deposit, |total, delegate| total.saturating_add(delegate.deposit))
	}

	/// Adds `added` to `patient`'s delegates, removing the expired ones to make room, and holds
	/// its deposit from the patient's payer. The caller stores `patient`.
	fn do_add_delegate(
		patient_id: PatientId,
		patient: &mut PatientOf<T>,
		added: DelegateOf<T>,
		now: Moment,
	) -> DispatchResult {
		let (live, expired): (Vec<_>, Vec<_>) =
			patient.delegates.iter().cloned().partition(|d| Self::is_live(d, now));
		let mut delegates: BoundedVec<DelegateOf<T>, T::MaxDelegates> =
			live.try_into().map_err(|_| Error::<T>::TooManyDelegates)?;
		let (deposit, account) = (added.deposit, added.account.clone());
		delegates.try_push(added).map_err(|_| Error::<T>::TooManyDelegates)?;
		Self::hold_deposit(patient.payer(), deposit)?;

		// No failure beyond this point.
		frame_system::Pallet::<T>::inc_providers(&account);
		let mut pruned_deposits: BalanceOf<T> = Zero::zero();
		for pruned in expired {
			pruned_deposits = pruned_deposits.saturating_add(pruned.deposit);
			Self::release_delegate(&pruned.account);
			Self::deposit_event(Event::DelegateRemoved { patient_id, delegate: pruned.account });
		}
		Self::return_deposit(patient.payer(), pruned_deposits);
		patient.delegates = delegates;
		Ok(())
	}

	/// Moves `patient_id` from its current key to `new_account`, with the key's provider
	/// reference and, for a self-registered patient, its deposits (returned to the old key, held
	/// from the new one; a sponsor's stay); a delegation of the new key ends. Returns the old key.
	fn do_rotate(
		patient_id: PatientId,
		mut patient: PatientOf<T>,
		new_account: &T::AccountId,
		now: Moment,
	) -> Result<T::AccountId, DispatchError> {
		let old_deposits = Self::deposits_of(&patient);
		let was_delegate = patient.delegates.iter().position(|d| d.account == *new_account);
		if let Some(position) = was_delegate {
			patient.delegates.remove(position);
		}
		Self::ensure_releasable(&patient.account)?;
		let sponsored = patient.sponsor.is_some();
		if !sponsored {
			Self::hold_deposit(new_account, Self::deposits_of(&patient))?;
		}

		// No failure beyond this point. The new key's reference comes before its delegation's
		// goes, so that the signing account is never reaped in its own transaction.
		Self::release_key(&patient.account);
		frame_system::Pallet::<T>::inc_providers(new_account);
		if was_delegate.is_some() {
			Self::release_delegate(new_account);
		}
		let old_account = core::mem::replace(&mut patient.account, new_account.clone());
		patient.key_since = now;
		if sponsored {
			// The new key's delegation ended: its deposit goes back to the sponsor.
			let ended = old_deposits.saturating_sub(Self::deposits_of(&patient));
			Self::return_deposit(patient.payer(), ended);
		} else {
			Self::return_deposit(&old_account, old_deposits);
		}
		if was_delegate.is_some() {
			Self::deposit_event(Event::DelegateRemoved {
				patient_id,
				delegate: new_account.clone(),
			});
		}
		PatientIdOf::<T>::remove(&old_account);
		PatientIdOf::<T>::insert(new_account, patient_id);
		Patients::<T>::insert(patient_id, patient);
		PendingRotations::<T>::remove(patient_id);
		Ok(old_account)
	}

	/// Registers `account` with `commitment`, holding the registration deposit from `sponsor`
	/// (or `account`) and giving `account` a key's provider reference; returns the new id.
	fn do_register(
		account: T::AccountId,
		commitment: H256,
		sponsor: Option<T::AccountId>,
	) -> Result<PatientId, DispatchError> {
		ensure!(!PatientIdOf::<T>::contains_key(&account), Error::<T>::AlreadyRegistered);
		let patient = Patient::registered(
			account.clone(),
			commitment,
			T::Time::now(),
			T::RegistrationDeposit::get(),
			sponsor,
		);
		Self::hold_deposit(patient.payer(), patient.deposit)?;
		let patient_id = next_id::<NextPatientId<T>, _>().ok_or(Error::<T>::IdOverflow)?;

		// No failure beyond this point.
		frame_system::Pallet::<T>::inc_providers(&account);
		PatientIdOf::<T>::insert(&account, patient_id);
		Patients::<T>::insert(patient_id, patient);
		Self::deposit_event(Event::PatientRegistered { patient_id, account });
		Ok(patient_id)
	}

	/// `KeyStillInUse` if `key` cannot give back the provider reference it has as a patient's
	/// key: it is the last one keeping the account alive and the account has consumers.
	fn ensure_releasable(key: &T::AccountId) -> DispatchResult {
		ensure!(frame_system::Pallet::<T>::can_dec_provider(key), Error::<T>::KeyStillInUse);
		Ok(())
	}

	/// Takes back the provider reference `delegate` had as a patient's delegate. A delegate cannot
	/// keep its delegation by depending on that reference: if it is the account's last and the
	/// account has consumers, the reference stays with the account (which then still needs it)
	/// and the delegation ends all the same.
	fn release_delegate(delegate: &T::AccountId) {
		if frame_system::Pallet::<T>::can_dec_provider(delegate) {
			let _ = frame_system::Pallet::<T>::dec_providers(delegate).defensive();
		}
	}

	/// Takes back the provider reference `key` had as a patient's key; the caller has checked
	/// [`Self::ensure_releasable`] since the last change to the account.
	fn release_key(key: &T::AccountId) {
		// Cannot fail after `ensure_releasable`; an account with none left is logged and left.
		let _ = frame_system::Pallet::<T>::dec_providers(key).defensive();
	}

	/// Holds a patient's deposit (registration or delegate) from `who`.
	fn hold_deposit(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		hold_deposit::<_, T::Currency>(&HoldReason::PatientDeposit.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientDeposit.into())
	}

	/// Returns deposits this pallet held from `who`.
	fn return_deposit(who: &T::AccountId, amount: BalanceOf<T>) {
		return_deposit::<_, T::Currency>(&HoldReason::PatientDeposit.into(), who, amount);
	}
}

impl<T: Config> Pallet<T> {
	/// What `call` is to the fee-free quota when `who` signs it: the calls a patient makes on
	/// their own identity (every call but the registrations) are free for the patient's key, and
	/// accepting or declining a rotation for the account it was proposed to.
	pub fn fee_free_patient(call: &Call<T>, who: &T::AccountId) -> PatientCall {
		let as_patient =
			|| PatientIdOf::<T>::get(who).map_or(PatientCall::NotPermitted, PatientCall::FeeFree);
		match call {
			Call::update_commitment { .. }
			| Call::add_delegate { .. }
			| Call::remove_delegate { .. }
			| Call::propose_key_rotation { .. }
			| Call::deregister {} => as_patient(),
			Call::accept_key_rotation { patient_id } | Call::cancel_key_rotation { patient_id } => {
				let proposed = PendingRotations::<T>::get(patient_id)
					.is_some_and(|rotation| rotation.new_account == *who);
				let is_patient = PatientIdOf::<T>::get(who) == Some(*patient_id);
				let may = match call {
					Call::accept_key_rotation { .. } => proposed,
					_ => proposed || is_patient,
				};
				if may {
					PatientCall::FeeFree(*patient_id)
				} else {
					PatientCall::NotPermitted
				}
			},
			_ => PatientCall::Other,
		}
	}

	/// Whether [`Self::fee_free_patient`] may find `call` free for some signer, from the call
	/// alone (no storage read): the calls the quota extension charges its reads for.
	pub fn may_be_fee_free(call: &Call<T>) -> bool {
		matches!(
			call,
			Call::update_commitment { .. }
				| Call::add_delegate { .. }
				| Call::remove_delegate { .. }
				| Call::propose_key_rotation { .. }
				| Call::deregister {}
				| Call::accept_key_rotation { .. }
				| Call::cancel_key_rotation { .. }
		)
	}

	/// Whether the dispatch of `call`, free for its signer, reads every item
	/// [`Self::fee_free_patient`] read, and is charged for them: each reads the signer's patient
	/// id first of all, and a rotation's acceptance or cancellation the pending rotation too.
	pub fn dispatch_reads_patient(call: &Call<T>) -> bool {
		Self::may_be_fee_free(call)
	}

	/// Whether `call` is free for the signer of `origin` (`#[pallet::feeless_if]`).
	fn is_fee_free(origin: &OriginFor<T>, call: &Call<T>) -> bool {
		ensure_signed(origin.clone())
			.is_ok_and(|who| Self::fee_free_patient(call, &who).is_fee_free())
	}
}

impl<T: Config> PatientRegistry<T::AccountId> for Pallet<T> {
	fn patient_of(who: &T::AccountId) -> Option<PatientId> {
		PatientIdOf::<T>::get(who)
	}

	fn account_of(patient: PatientId) -> Option<T::AccountId> {
		Patients::<T>::get(patient).map(|patient| patient.account)
	}

	fn is_live_delegate(patient: PatientId, who: &T::AccountId) -> bool {
		let now = T::Time::now();
		Patients::<T>::get(patient).is_some_and(|patient| {
			patient.delegates.iter().any(|d| d.account == *who && Self::is_live(d, now))
		})
	}

	fn is_sponsored(patient: PatientId) -> bool {
		Patients::<T>::get(patient).is_some_and(|patient| patient.sponsor.is_some())
	}

	fn authority_since(patient: PatientId, who: &T::AccountId) -> Option<Moment> {
		let patient = Patients::<T>::get(patient)?;
		if patient.account == *who {
			return Some(patient.key_since);
		}
		let now = T::Time::now();
		patient
			.delegates
			.iter()
			.find(|d| d.account == *who && Self::is_live(d, now))
			.map(|d| d.added_at)
	}
}
