//! # Credentials pallet
//!
//! Who may act as a provider on Carechain. Licensing boards, accreditation bodies and
//! regulators (*issuers*) issue credentials to accounts; every other pallet asks this one,
//! through [`CredentialInspect`], whether an account holds a valid credential of some kind
//! before it lets that account act as a physician, a pharmacy or a manufacturer.
//!
//! Its place in Carechain (the other pallets, the call contract apps rely on, the rules every
//! pallet keeps) is described in the repository's `docs/ARCHITECTURE.md`.
//!
//! ## Terminology
//!
//! - **Issuer**: an account registered by governance (in the runtime, a Council motion of more than
//!   half the consortium) with the kinds of credential it may issue and a hash of its public
//!   description.
//! - **Credential**: one per (subject account, [`CredentialKind`]): the issuer, a hash of the
//!   license document (kept off chain), when it was issued, when it stops being valid
//!   (`valid_until`, Timestamp milliseconds), and its state (active, suspended, revoked).
//! - **Epoch**: a counter handed out when an issuer is registered (for all its kinds) and when a
//!   kind is added to it or given back after being dropped (for that kind). Each credential records
//!   the epoch of its kind when it was issued.
//! - **Valid**: active, before `valid_until`, and issued under the epoch its kind has at its issuer
//!   *now*. Validity is decided whenever it is asked, so expiry needs no one to act; removing an
//!   issuer voids all of its credentials at once, and dropping a kind from an issuer voids that
//!   kind's credentials, without touching each one. Both are for good: registering the account
//!   again, or giving the kind back, hands out a new epoch, which the voided credentials do not
//!   carry (see [`CredentialStatus`] for every answer).
//! - **Live**: valid or suspended. A new credential may be issued over one that is not live
//!   (expired, revoked, or voided by its issuer's removal), never over a live one.
//!
//! ## Who may call what
//!
//! | call | origin | notes |
//! | --- | --- | --- |
//! | [`register_issuer`](Pallet::register_issuer) | `GovernanceOrigin` (the runtime: more than half the Council) | registers, or updates the kinds and metadata of, an issuer; a dropped kind's credentials are void for good |
//! | [`remove_issuer`](Pallet::remove_issuer) | `GovernanceOrigin` (the runtime: more than half the Council) | voids every credential it issued |
//! | [`issue`](Pallet::issue) | a registered issuer, for a kind it may issue | holds [`Config::CredentialDeposit`] from the issuer |
//! | [`renew`](Pallet::renew) | the credential's issuer, still registered | extends `valid_until` |
//! | [`suspend`](Pallet::suspend) | the credential's issuer, still registered | |
//! | [`reinstate`](Pallet::reinstate) | the credential's issuer, still registered | |
//! | [`revoke`](Pallet::revoke) | the credential's issuer (even if since removed), or Root | final |
//! | [`clear`](Pallet::clear) | the credential's issuer, or Root | only when not live; returns the deposit |
//!
//! `clear` is an addition to the design's call list: it is how the deposit of a credential
//! that ended comes back, and how its storage goes away.
//!
//! ## Deposits
//!
//! Issuing holds [`Config::CredentialDeposit`] from the issuer (a fungible hold with reason
//! [`HoldReason::CredentialDeposit`]). Revocation keeps the credential, so that verifiers see
//! `Revoked` rather than `None`; the deposit comes back when the credential is cleared, or when
//! a new credential replaces it (the new issuer then holds the new deposit). Credentials seeded
//! at genesis carry no deposit.
//!
//! ## For other pallets and apps
//!
//! - [`CredentialInspect`] (implemented by [`Pallet`]): the status of a credential, and whether an
//!   account holds a valid credential of a kind or of any of several kinds.
//! - [`EnsureCredential`]: an `EnsureOrigin` for "signed by a holder of a valid credential of one
//!   of these kinds", whose success value is the signer.
//! - `CredentialsApi::credential_status(who, kind)` (runtime API, in `carechain-primitives`).

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
	ensure_distinct, hold_deposit, next_id, return_deposit, CredentialInspect, CredentialKind,
	CredentialStatus, ListError, Moment,
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
/// An issuer as stored.
pub type IssuerOf<T> = Issuer<<T as Config>::MaxKindsPerIssuer>;
/// A credential as stored.
pub type CredentialOf<T> = Credential<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// The kinds an issuer may issue, as passed to `register_issuer`.
pub type KindsOf<T> = BoundedVec<CredentialKind, <T as Config>::MaxKindsPerIssuer>;

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
		/// The currency that issuers' deposits are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The clock validity is judged by (the Timestamp pallet in the runtime).
		type Time: Time<Moment = Moment>;

		/// Who registers and removes issuers, and may revoke any credential.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most kinds one issuer may issue.
		#[pallet::constant]
		type MaxKindsPerIssuer: Get<u32>;

		/// Held from the issuer for each credential it issues, for the storage it occupies.
		#[pallet::constant]
		type CredentialDeposit: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls, generated by its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for one issued credential, held from its issuer.
		CredentialDeposit,
	}

	/// The registered issuers.
	#[pallet::storage]
	pub type Issuers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, IssuerOf<T>>;

	/// The epoch the next issuer registration gets; epochs are never reused.
	#[pallet::storage]
	pub type NextIssuerEpoch<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The credentials, by subject and kind.
	#[pallet::storage]
	pub type Credentials<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		CredentialKind,
		CredentialOf<T>,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A new issuer was registered.
		IssuerRegistered { issuer: T::AccountId, kinds: KindsOf<T> },
		/// A registered issuer's kinds or metadata were replaced; its credentials of kinds it
		/// no longer issues are void.
		IssuerUpdated { issuer: T::AccountId, kinds: KindsOf<T> },
		/// An issuer was removed; every credential it issued is void.
		IssuerRemoved { issuer: T::AccountId },
		/// A credential was issued.
		CredentialIssued {
			issuer: T::AccountId,
			subject: T::AccountId,
			kind: CredentialKind,
			valid_until: Moment,
		},
		/// A credential's validity was extended.
		CredentialRenewed {
			issuer: T::AccountId,
			subject: T::AccountId,
			kind: CredentialKind,
			valid_until: Moment,
		},
		/// A credential was suspended.
		CredentialSuspended { issuer: T::AccountId, subject: T::AccountId, kind: CredentialKind },
		/// A suspended credential was reinstated.
		CredentialReinstated { issuer: T::AccountId, subject: T::AccountId, kind: CredentialKind },
		/// A credential was revoked, by its issuer or by governance (`by_governance`).
		CredentialRevoked {
			issuer: T::AccountId,
			subject: T::AccountId,
			kind: CredentialKind,
			by_governance: bool,
		},
		/// A credential that had ended was removed and its deposit returned to its issuer.
		CredentialCleared {
			issuer: T::AccountId,
			subject: T::AccountId,
			kind: CredentialKind,
			deposit: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// An issuer must be allowed at least one kind.
		NoKinds,
		/// The same kind is listed twice.
		DuplicateKind,
		/// The account is not a registered issuer.
		UnknownIssuer,
		/// The signer is not a registered issuer.
		NotIssuer,
		/// The issuer is not registered for this kind of credential.
		NotIssuerOfKind,
		/// `valid_until` must lie in the future.
		ValidUntilNotInFuture,
		/// The subject already holds a live (valid or suspended) credential of this kind:
		/// renew, reinstate or revoke it instead.
		CredentialAlreadyLive,
		/// The subject holds no credential of this kind.
		UnknownCredential,
		/// Only the credential's own issuer may do this.
		NotCredentialIssuer,
		/// The credential's issuer has been removed (or no longer issues this kind), so it can
		/// no longer change the credential.
		IssuerIsRemoved,
		/// The credential is revoked, which is final.
		CredentialIsRevoked,
		/// The credential is already suspended.
		CredentialAlreadySuspended,
		/// The credential is not suspended.
		CredentialNotSuspended,
		/// A renewal must move `valid_until` later.
		RenewalMustExtend,
		/// The credential is still live (valid or suspended): revoke it, or let it expire, first.
		CredentialIsLive,
		/// The issuer cannot pay the credential deposit.
		InsufficientDeposit,
		/// Issuer epochs are exhausted.
		EpochOverflow,
	}

	#[pallet::genesis_config]
	#[derive(DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Issuers: account, the kinds it may issue, metadata hash.
		pub issuers: Vec<(T::AccountId, Vec<CredentialKind>, H256)>,
		/// Credentials: issuer, subject, kind, license hash, `valid_until`. Seeded credentials
		/// carry no deposit.
		pub credentials: Vec<(T::AccountId, T::AccountId, CredentialKind, H256, Moment)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// A broken genesis is a configuration mistake: refusing to start is the right answer.
		#[allow(clippy::expect_used, clippy::panic)]
		fn build(&self) {
			for (issuer, kinds, metadata_hash) in &self.issuers {
				let kinds: KindsOf<T> =
					kinds.clone().try_into().expect("genesis issuer lists too many kinds");
				ensure_distinct(&kinds).expect("genesis issuer kinds are invalid");
				assert!(!Issuers::<T>::contains_key(issuer), "genesis issuer listed twice");
				Pallet::<T>::do_register(issuer.clone(), kinds, *metadata_hash)
					.expect("genesis issuers fit in the epoch counter");
			}
			let now = T::Time::now();
			for (issuer, subject, kind, license_hash, valid_until) in &self.credentials {
				let registration =
					Issuers::<T>::get(issuer).expect("genesis credential from an unknown issuer");
				let epoch = registration
					.epoch_of(*kind)
					.unwrap_or_else(|| panic!("genesis issuer may not issue {kind:?}"));
				assert!(*valid_until > now, "genesis credential already expired");
				assert!(
					!Credentials::<T>::contains_key(subject, kind),
					"genesis credential listed twice"
				);
				Credentials::<T>::insert(
					subject,
					kind,
					Credential {
						issuer: issuer.clone(),
						issuer_epoch: epoch,
						license_hash: *license_hash,
						issued_at: now,
						valid_until: *valid_until,
						state: CredentialState::Active,
						deposit: Zero::zero(),
					},
				);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			let max = T::MaxKindsPerIssuer::get();
			assert!(max > 0, "an issuer must be able to issue something");
			// Kinds are distinct, so a larger bound could never be used.
			assert!(
				max as usize <= CredentialKind::ALL.len(),
				"MaxKindsPerIssuer exceeds the kinds"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers `issuer` to issue credentials of `kinds`, or, if it is registered already,
		/// replaces its kinds and metadata (credentials of kinds it no longer issues become
		/// void; the others stay valid).
		///
		/// - origin: `GovernanceOrigin`.
		/// - `kinds`: at least one, no duplicates.
		/// - `metadata_hash`: hash of the issuer's public description, kept off chain.
		///
		/// Emits `IssuerRegistered` or `IssuerUpdated`.
		/// Errors: `NoKinds`, `DuplicateKind`, `EpochOverflow`.
		///
		/// ## Complexity
		/// O(k log k) in the number of kinds, bounded by `MaxKindsPerIssuer`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_issuer(kinds.len() as u32))]
		pub fn register_issuer(
			origin: OriginFor<T>,
			issuer: T::AccountId,
			kinds: KindsOf<T>,
			metadata_hash: H256,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure_distinct(&kinds).map_err(Error::<T>::from)?;

			if let Some(existing) = Issuers::<T>::get(&issuer) {
				Self::do_update(&issuer, &existing, &kinds, metadata_hash)?;
				Self::deposit_event(Event::IssuerUpdated { issuer, kinds });
			} else {
				Self::do_register(issuer.clone(), kinds.clone(), metadata_hash)?;
				Self::deposit_event(Event::IssuerRegistered { issuer, kinds });
			}
			Ok(())
		}

		/// Removes `issuer`. Every credential it issued is void from this block on; the
		/// credentials stay stored (their issuer may still revoke and clear them, and clearing
		/// returns its deposits).
		///
		/// - origin: `GovernanceOrigin`.
		///
		/// Emits `IssuerRemoved`. Errors: `UnknownIssuer`.
		///
		/// ## Complexity
		/// O(1): credentials are not touched.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_issuer())]
		pub fn remove_issuer(origin: OriginFor<T>, issuer: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(Issuers::<T>::contains_key(&issuer), Error::<T>::UnknownIssuer);
			Issuers::<T>::remove(&issuer);
			Self::deposit_event(Event::IssuerRemoved { issuer });
			Ok(())
		}

		/// Issues `subject` a credential of `kind`, valid until `valid_until`.
		///
		/// - origin: signed by a registered issuer that may issue `kind`.
		/// - `license_hash`: hash of the license document, kept off chain by the issuer.
		/// - `valid_until`: Timestamp milliseconds, in the future.
		///
		/// Replaces a credential of the same kind that is no longer live (returning its
		/// deposit to its issuer). Holds `CredentialDeposit` from the signer.
		///
		/// Emits `CredentialIssued`. Errors: `NotIssuer`, `NotIssuerOfKind`,
		/// `ValidUntilNotInFuture`, `CredentialAlreadyLive`, `InsufficientDeposit`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::issue())]
		pub fn issue(
			origin: OriginFor<T>,
			subject: T::AccountId,
			kind: CredentialKind,
			license_hash: H256,
			valid_until: Moment,
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			let registration = Issuers::<T>::get(&issuer).ok_or(Error::<T>::NotIssuer)?;
			let epoch = registration.epoch_of(kind).ok_or(Error::<T>::NotIssuerOfKind)?;
			let now = T::Time::now();
			ensure!(valid_until > now, Error::<T>::ValidUntilNotInFuture);
			let previous = Credentials::<T>::get(&subject, kind);
			if let Some(previous) = &previous {
				ensure!(!Self::is_live(previous, kind, now), Error::<T>::CredentialAlreadyLive);
			}
			let credential = Credential::issued(
				issuer.clone(),
				epoch,
				license_hash,
				now,
				valid_until,
				T::CredentialDeposit::get(),
			);
			hold_deposit::<_, T::Currency>(
				&HoldReason::CredentialDeposit.into(),
				&issuer,
				credential.deposit,
			)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;

			// No failure beyond this point.
			if let Some(previous) = previous {
				Self::return_deposit(&previous);
			}
			Credentials::<T>::insert(&subject, kind, credential);
			Self::deposit_event(Event::CredentialIssued { issuer, subject, kind, valid_until });
			Ok(())
		}

		/// Extends the validity of `subject`'s credential of `kind` to `valid_until`. A
		/// suspended credential stays suspended; an expired one becomes valid again.
		///
		/// - origin: signed by the credential's issuer, still registered for `kind`.
		///
		/// Emits `CredentialRenewed`. Errors: `UnknownCredential`, `NotCredentialIssuer`,
		/// `IssuerIsRemoved`, `CredentialIsRevoked`, `ValidUntilNotInFuture`,
		/// `RenewalMustExtend`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::renew())]
		pub fn renew(
			origin: OriginFor<T>,
			subject: T::AccountId,
			kind: CredentialKind,
			valid_until: Moment,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut credential = Self::credential_of_issuer(&who, &subject, kind)?;
			ensure!(credential.state != CredentialState::Revoked, Error::<T>::CredentialIsRevoked);
			ensure!(valid_until > T::Time::now(), Error::<T>::ValidUntilNotInFuture);
			ensure!(valid_until > credential.valid_until, Error::<T>::RenewalMustExtend);

			credential.valid_until = valid_until;
			Credentials::<T>::insert(&subject, kind, credential);
			Self::deposit_event(Event::CredentialRenewed {
				issuer: who,
				subject,
				kind,
				valid_until,
			});
			Ok(())
		}

		/// Suspends `subject`'s credential of `kind` until it is reinstated.
		///
		/// - origin: signed by the credential's issuer, still registered for `kind`.
		///
		/// Emits `CredentialSuspended`. Errors: `UnknownCredential`, `NotCredentialIssuer`,
		/// `IssuerIsRemoved`, `CredentialIsRevoked`, `CredentialAlreadySuspended`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(
			origin: OriginFor<T>,
			subject: T::AccountId,
			kind: CredentialKind,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut credential = Self::credential_of_issuer(&who, &subject, kind)?;
			match credential.state {
				CredentialState::Revoked => return Err(Error::<T>::CredentialIsRevoked.into()),
				CredentialState::Suspended => {
					return Err(Error::<T>::CredentialAlreadySuspended.into())
				},
				CredentialState::Active => {},
			}

			credential.state = CredentialState::Suspended;
			Credentials::<T>::insert(&subject, kind, credential);
			Self::deposit_event(Event::CredentialSuspended { issuer: who, subject, kind });
			Ok(())
		}

		/// Reinstates `subject`'s suspended credential of `kind`.
		///
		/// - origin: signed by the credential's issuer, still registered for `kind`.
		///
		/// Emits `CredentialReinstated`. Errors: `UnknownCredential`, `NotCredentialIssuer`,
		/// `IssuerIsRemoved`, `CredentialIsRevoked`, `CredentialNotSuspended`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(
			origin: OriginFor<T>,
			subject: T::AccountId,
			kind: CredentialKind,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut credential = Self::credential_of_issuer(&who, &subject, kind)?;
			match credential.state {
				CredentialState::Revoked => return Err(Error::<T>::CredentialIsRevoked.into()),
				CredentialState::Active => return Err(Error::<T>::CredentialNotSuspended.into()),
				CredentialState::Suspended => {},
			}

			credential.state = CredentialState::Active;
			Credentials::<T>::insert(&subject, kind, credential);
			Self::deposit_event(Event::CredentialReinstated { issuer: who, subject, kind });
			Ok(())
		}

		/// Revokes `subject`'s credential of `kind`, for good. The credential stays stored so
		/// that verifiers see `Revoked`; `clear` removes it and returns the deposit.
		///
		/// - origin: signed by the credential's issuer (registered or not), or `GovernanceOrigin`.
		///
		/// Emits `CredentialRevoked`. Errors: `UnknownCredential`, `NotCredentialIssuer`,
		/// `CredentialIsRevoked`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(
			origin: OriginFor<T>,
			subject: T::AccountId,
			kind: CredentialKind,
		) -> DispatchResult {
			let signer = Self::ensure_issuer_or_governance(origin)?;
			let mut credential =
				Credentials::<T>::get(&subject, kind).ok_or(Error::<T>::UnknownCredential)?;
			if let Some(signer) = &signer {
				ensure!(*signer == credential.issuer, Error::<T>::NotCredentialIssuer);
			}
			ensure!(credential.state != CredentialState::Revoked, Error::<T>::CredentialIsRevoked);

			credential.state = CredentialState::Revoked;
			let issuer = credential.issuer.clone();
			Credentials::<T>::insert(&subject, kind, credential);
			Self::deposit_event(Event::CredentialRevoked {
				issuer,
				subject,
				kind,
				by_governance: signer.is_none(),
			});
			Ok(())
		}

		/// Removes `subject`'s credential of `kind` once it is no longer live (revoked,
		/// expired, or voided by its issuer's removal), returning the deposit to its issuer.
		/// Afterwards `credential_status` answers `None`; the history stays in the events.
		///
		/// - origin: signed by the credential's issuer (registered or not), or `GovernanceOrigin`.
		///
		/// Emits `CredentialCleared`. Errors: `UnknownCredential`, `NotCredentialIssuer`,
		/// `CredentialIsLive`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::clear())]
		pub fn clear(
			origin: OriginFor<T>,
			subject: T::AccountId,
			kind: CredentialKind,
		) -> DispatchResult {
			let signer = Self::ensure_issuer_or_governance(origin)?;
			let credential =
				Credentials::<T>::get(&subject, kind).ok_or(Error::<T>::UnknownCredential)?;
			if let Some(signer) = &signer {
				ensure!(*signer == credential.issuer, Error::<T>::NotCredentialIssuer);
			}
			ensure!(
				!Self::is_live(&credential, kind, T::Time::now()),
				Error::<T>::CredentialIsLive
			);

			Self::return_deposit(&credential);
			Credentials::<T>::remove(&subject, kind);
			Self::deposit_event(Event::CredentialCleared {
				issuer: credential.issuer,
				subject,
				kind,
				deposit: credential.deposit,
			});
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The status of `who`'s credential of `kind` now: what the runtime API answers.
	pub fn credential_status(who: &T::AccountId, kind: CredentialKind) -> CredentialStatus {
		match Credentials::<T>::get(who, kind) {
			Some(credential) => Self::status_of(&credential, kind, T::Time::now()),
			None => CredentialStatus::None,
		}
	}

	/// The status of a stored credential at `now`. Revocation outranks everything, then the
	/// issuer's removal, then suspension, then expiry.
	pub fn status_of(
		credential: &CredentialOf<T>,
		kind: CredentialKind,
		now: Moment,
	) -> CredentialStatus {
		if credential.state == CredentialState::Revoked {
			CredentialStatus::Revoked
		} else if !Self::issuer_in_force(credential, kind) {
			CredentialStatus::IssuerRemoved
		} else if credential.state == CredentialState::Suspended {
			CredentialStatus::Suspended
		} else if now >= credential.valid_until {
			CredentialStatus::Expired
		} else {
			CredentialStatus::Valid
		}
	}

	/// Whether the registration that issued `credential` is still the issuer's current one,
	/// and still covers `kind`.
	fn issuer_in_force(credential: &CredentialOf<T>, kind: CredentialKind) -> bool {
		Issuers::<T>::get(&credential.issuer)
			.is_some_and(|issuer| issuer.epoch_of(kind) == Some(credential.issuer_epoch))
	}

	/// Valid or suspended: a credential that a new one may not replace.
	fn is_live(credential: &CredentialOf<T>, kind: CredentialKind, now: Moment) -> bool {
		matches!(
			Self::status_of(credential, kind, now),
			CredentialStatus::Valid | CredentialStatus::Suspended
		)
	}

	/// `subject`'s credential of `kind`, if `who` issued it under its current registration.
	fn credential_of_issuer(
		who: &T::AccountId,
		subject: &T::AccountId,
		kind: CredentialKind,
	) -> Result<CredentialOf<T>, DispatchError> {
		let credential =
			Credentials::<T>::get(subject, kind).ok_or(Error::<T>::UnknownCredential)?;
		ensure!(*who == credential.issuer, Error::<T>::NotCredentialIssuer);
		ensure!(Self::issuer_in_force(&credential, kind), Error::<T>::IssuerIsRemoved);
		Ok(credential)
	}

	/// `Some(signer)` for a signed origin, `None` for governance; anything else is refused.
	fn ensure_issuer_or_governance(
		origin: OriginFor<T>,
	) -> Result<Option<T::AccountId>, DispatchError> {
		match T::GovernanceOrigin::try_origin(origin) {
			Ok(_) => Ok(None),
			Err(origin) => Ok(Some(ensure_signed(origin)?)),
		}
	}

	/// Stores a new registration under a fresh epoch.
	pub(crate) fn do_register(
		issuer: T::AccountId,
		kinds: KindsOf<T>,
		metadata_hash: H256,
	) -> Result<(), Error<T>> {
		let epoch = Self::next_epoch()?;
		let kinds = kinds.iter().map(|&kind| IssuableKind { kind, epoch }).collect::<Vec<_>>();
		// As many entries as `kinds`, which is within the same bound.
		let kinds = BoundedVec::truncate_from(kinds);
		Issuers::<T>::insert(issuer, Issuer { kinds, metadata_hash });
		Ok(())
	}

	/// Replaces the kinds and metadata of registered `issuer`. A kind it keeps keeps its
	/// epoch (its credentials stay in force); a kind it gains, new or given back after a drop,
	/// gets a fresh epoch, so no credential issued before can be in force for it.
	pub(crate) fn do_update(
		issuer: &T::AccountId,
		existing: &IssuerOf<T>,
		kinds: &KindsOf<T>,
		metadata_hash: H256,
	) -> Result<(), Error<T>> {
		let gains_a_kind = kinds.iter().any(|kind| existing.epoch_of(*kind).is_none());
		let fresh = if gains_a_kind { Some(Self::next_epoch()?) } else { None };
		let kinds = kinds
			.iter()
			.filter_map(|&kind| {
				let epoch = existing.epoch_of(kind).or(fresh)?;
				Some(IssuableKind { kind, epoch })
			})
			.collect::<Vec<_>>();
		// As many entries as `kinds` (each kept one has an epoch, each gained one the fresh one).
		let kinds = BoundedVec::truncate_from(kinds);
		Issuers::<T>::insert(issuer, Issuer { kinds, metadata_hash });
		Ok(())
	}

	/// Hands out the next epoch.
	fn next_epoch() -> Result<u32, Error<T>> {
		next_id::<NextIssuerEpoch<T>, _>().ok_or(Error::<T>::EpochOverflow)
	}

	/// Returns a credential's deposit to its issuer.
	fn return_deposit(credential: &CredentialOf<T>) {
		return_deposit::<_, T::Currency>(
			&HoldReason::CredentialDeposit.into(),
			&credential.issuer,
			credential.deposit,
		);
	}
}

impl<T: Config> From<ListError> for Error<T> {
	fn from(error: ListError) -> Self {
		match error {
			ListError::Empty => Error::<T>::NoKinds,
			ListError::Duplicate => Error::<T>::DuplicateKind,
		}
	}
}

impl<T: Config> CredentialInspect<T::AccountId> for Pallet<T> {
	fn status(who: &T::AccountId, kind: CredentialKind) -> CredentialStatus {
		Self::credential_status(who, kind)
	}
}

/// `EnsureOrigin` for "signed by an account holding a valid credential of one of `Kinds`";
/// succeeds with the signer. For example `EnsureCredential<Runtime, Clinicians>` with
/// `Clinicians` a `Get<Vec<CredentialKind>>` of `[Physician, Nurse]`.
pub struct EnsureCredential<T, Kinds>(PhantomData<(T, Kinds)>);

impl<T: Config, Kinds: Get<Vec<CredentialKind>>> EnsureOrigin<OriginFor<T>>
	for EnsureCredential<T, Kinds>
{
	type Success = T::AccountId;

	fn try_origin(origin: OriginFor<T>) -> Result<Self::Success, OriginFor<T>> {
		match origin.clone().into() {
			Ok(frame_system::RawOrigin::Signed(who))
				if Pallet::<T>::holds_any(&who, &Kinds::get()) =>
			{
				Ok(who)
			},
			_ => Err(origin),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<OriginFor<T>, ()> {
		let kind = *Kinds::get().first().ok_or(())?;
		let holder = benchmarking::valid_holder::<T>(kind).map_err(|_| ())?;
		Ok(frame_system::RawOrigin::Signed(holder).into())
	}
}
