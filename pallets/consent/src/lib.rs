//! # Consent pallet
//!
//! Patient-controlled access to health records, and the one function that decides it.
//!
//! Its place in Carechain (the other pallets, the call contract apps rely on, the rules every
//! pallet keeps) is described in the repository's `docs/ARCHITECTURE.md`.
//!
//! A patient (or a live delegate: a guardian, a caregiver) grants a *consent*: this grantee may
//! read and/or write records of these categories, for this purpose, until this time. Revoking
//! takes effect in the same block. In an emergency a clinician holding a valid `Physician` or
//! `Nurse` credential may *break the glass*: every category opens to them for
//! [`Config::EmergencyAccessDuration`], and the event names the clinician, the patient, the
//! reason and the expiry, so that patient apps and privacy officers are told.
//!
//! ## Categories are blinded
//!
//! A consent names the categories it covers by the patient's [`CategoryTag`]s (a keyed hash of
//! each category under a key only the patient's apps hold; `carechain-primitives` has the
//! recipe), and records carry the tag of theirs, so the decision compares tags and the chain
//! never learns a category. The patient's app derives the tags and gives the grantee, off chain,
//! the tags of exactly the categories consented to. A tag the patient never derived permits
//! nothing but what its consent names; break-glass covers every tag.
//!
//! ## The decision
//!
//! [`Pallet::check_access`] (the [`AccessPolicy`] trait for other pallets, and the
//! `ConsentApi::check_access_for` runtime API for apps) answers, for a patient, an accessor, a
//! category tag, an access kind and a purpose:
//!
//! 1. `Denied` if the patient is not active (unknown, or deregistered: erasure denies all);
//! 2. `Permitted(consent_id)` for the oldest consent to that accessor that names that purpose,
//!    names the category's tag and covers the access kind, has not expired, is still backed by the
//!    authority that granted it (see below), and, if the grantee was a credentialed provider when
//!    it was granted, whose grantee still holds that credential validly now, and, for a consent to
//!    `Research`, that no study has paused ([`Config::ResearchPauses`]: a participation resting on
//!    it names a protocol version older than the study's re-consent floor, so the sponsor reads
//!    nothing of the patient until it consents to the new version);
//! 3. `Emergency(access_id)`, for the purpose `Treatment` only, if the accessor broke the glass for
//!    this patient, the access has not expired or been ended, and the accessor still holds a valid
//!    `Physician` or `Nurse` credential; emergency access covers every tag, reading and writing;
//! 4. otherwise `Denied`.
//!
//! A consent granted for `Payment` never permits a read for `Research`: the purpose a reader logs
//! (`Records::log_access`) must be the one the patient agreed to. `ConsentApi::check_access`
//! (version 1 of the API, kept for existing apps) answers the same without a purpose: whether a
//! consent of any purpose, or an emergency access, covers the category and access kind.
//!
//! ### A consent is only as alive as the authority that granted it
//!
//! A consent is granted by the patient's key or by a live delegate, and it permits access only
//! while that very authority lasts: while `granted_by` is still the patient's current key, or
//! still a live delegate, *since before the grant* (`PatientRegistry::authority_since`).
//! Removing a delegate, or its delegation expiring, ends every consent it granted; rotating the
//! patient's key ends every consent granted by the old key (the patient grants again from the
//! new key what should continue). The end is for good: delegating to the same account again, or
//! rotating back to an old key, starts a new authority, under which the old consents were not
//! granted (as a credential kind given back to an issuer does not revive its credentials).
//!
//! This is checked at decision time, not by revoking in cascade: the patient is read for the
//! decision anyway, so it costs a consent one more read of the same entry, while a cascade would
//! need an index of consents by granter and a removal whose cost grows with it. The consents
//! left without authority stay in storage, with their deposits, until revoked (by the patient, a
//! delegate or the granter) or cleared by the next grant to the same grantee, like expired
//! ones; granting never revives them.
//!
//! Everything is decided at the time of asking: expiry needs no one to act.
//!
//! ## Who may call what
//!
//! | call | origin | notes |
//! | --- | --- | --- |
//! | [`grant`](Pallet::grant) | the patient or a live delegate | holds [`Config::ConsentDeposit`] from the signer, none for a sponsored patient (one a hospital onboarded) |
//! | [`revoke`](Pallet::revoke) | the patient, a live delegate, or whoever granted it; anyone once the patient is deregistered | returns the deposit to the granter |
//! | [`break_glass`](Pallet::break_glass) | a holder of a valid `Physician` or `Nurse` credential | holds [`Config::EmergencyDeposit`] from the clinician |
//! | [`end_emergency`](Pallet::end_emergency) | the clinician, the patient or a live delegate; anyone once it has expired | returns the deposit to the clinician |
//!
//! ## What is kept
//!
//! A revoked consent and an ended emergency access are removed from storage (their deposits
//! come back); their history lives in the events (`ConsentGranted`, `ConsentRevoked`,
//! `EmergencyAccessOpened`, `EmergencyAccessEnded`), which indexers and patient apps keep.
//! Expired consents stay until revoked (their deposits stay held); granting to a grantee clears
//! that grantee's lapsed consents first, so a grantee's list never fills with dead entries.
//!
//! A patient may give each grantee at most [`Config::MaxConsentsPerGrantee`] consents at once
//! (the entry the decision reads is bounded), and have at most
//! [`Config::MaxConsentsPerPatient`] stored in all ([`ConsentCount`], updated by every grant,
//! revocation and clearing). Patients hold no tokens when a hospital onboarded them
//! (`Patients::register_for`): such a *sponsored* patient's consents hold no deposit (the
//! patient's registration deposit, held from the hospital, stands for the patient's state), and
//! the per-patient bound keeps that state bounded; other patients' consents hold
//! [`Config::ConsentDeposit`] from whoever granted them.
//!
//! A patient's consents are enumerable by grantee: `ConsentsOf` is keyed by (patient, grantee),
//! so `api.query.consent.consentsOf.entries(patientId)` lists them all. Each entry holds, with
//! every consent's id, the terms the decision needs (categories, access, expiry, the credential
//! it was granted under): a decision reads that one entry, not one more per consent. Apps read
//! the whole consent (purpose, granter, dates) from `Consents` by id.
//!
//! ## Weights
//!
//! Each block's first use of the id counter [`NextConsentId`] is charged in `on_initialize`
//! (one read and one write, whatever the block holds); grants are not charged for it again.
//! A grant is charged for the most consents it may clear and every credential kind it may check
//! to find the one the grantee holds, and refunded to what it did. A revocation is charged as
//! if someone other than the granter signed it (the patient is read, and the deposit returns to
//! an account the transaction fee did not touch) and refunded to the granter's own, cheaper,
//! revocation when the granter signs. Both benchmarks' worst cases have delegates sign.
//!
//! Most of a grant's and a revocation's cost is holding and returning the deposit (the
//! account's holds are read and written); `benchmarks/` has the figures.

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
	ensure_distinct, hold_deposit, next_id, refund_lookup_reads, return_deposit, Access,
	AccessDecision, AccessId, AccessPolicy, CategoryTag, ConsentFacts, ConsentId, ConsentLedger,
	CredentialInspect, CredentialKind, EmergencyReason, ListError, Moment, PatientCall, PatientId,
	PatientRegistry, Purpose, ResearchPauses,
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
/// A consent as stored.
pub type ConsentOf<T> =
	Consent<<T as frame_system::Config>::AccountId, BalanceOf<T>, <T as Config>::MaxCategories>;
/// The terms of a consent as listed in `ConsentsOf`.
pub type TermsOf<T> =
	ConsentTerms<<T as frame_system::Config>::AccountId, <T as Config>::MaxCategories>;
/// An emergency access as stored.
pub type EmergencyAccessOf<T> =
	EmergencyAccess<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// The categories of a consent, as passed to `grant`.
pub type CategoriesOf<T> = BoundedVec<CategoryTag, <T as Config>::MaxCategories>;

/// What the benchmarks need from the runtime: this pallet only sees patients, credentials and
/// time through traits, so the runtime says how to create them.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` an active patient (funding it as needed) and returns the id.
	fn register_patient(who: &AccountId) -> PatientId;
	/// Gives `who` a valid credential of `kind`, or takes it away.
	fn set_credential(who: &AccountId, kind: CredentialKind, valid: bool);
	/// Makes `delegate` a live delegate (with no expiry) of the patient `patient` (whose key is
	/// `patient_key`).
	fn add_delegate(patient: PatientId, patient_key: &AccountId, delegate: &AccountId);
	/// Moves the clock forward by `by` milliseconds.
	fn advance_time(by: Moment);
}

/// The credentials that may break the glass.
pub const CLINICIANS: [CredentialKind; 2] = [CredentialKind::Physician, CredentialKind::Nurse];

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

		/// Who patients and their delegates are (the Patients pallet in the runtime).
		type Patients: PatientRegistry<Self::AccountId>;

		/// Who holds which credential (the Credentials pallet in the runtime).
		type Credentials: CredentialInspect<Self::AccountId>;

		/// Which consents a study has paused for research (the Trials pallet in the runtime;
		/// `()` pauses none): such a consent for `Research` permits nothing until the patient
		/// consents to the study's new protocol version.
		type ResearchPauses: ResearchPauses;

		/// The most categories one consent may name.
		#[pallet::constant]
		type MaxCategories: Get<u32>;

		/// The most consents one patient may give one grantee at once.
		#[pallet::constant]
		type MaxConsentsPerGrantee: Get<u32>;

		/// The most consents one patient may have stored at once (in force or lapsed, until
		/// revoked), whoever they are given to: a sponsored patient's consents hold no deposit,
		/// so this bounds what a patient's state can grow to.
		#[pallet::constant]
		type MaxConsentsPerPatient: Get<u32>;

		/// How long a break-glass access lasts (milliseconds).
		#[pallet::constant]
		type EmergencyAccessDuration: Get<Moment>;

		/// Held from the granter for each consent.
		#[pallet::constant]
		type ConsentDeposit: Get<BalanceOf<Self>>;

		/// Held from the clinician for each emergency access until it is ended.
		#[pallet::constant]
		type EmergencyDeposit: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls, generated by its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up patients, credentials and time for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a consent, held from whoever granted it.
		ConsentDeposit,
		/// The deposit for an open emergency access, held from the clinician.
		EmergencyDeposit,
	}

	/// The id the next consent gets. Whitelisted in the benchmarks: a block touches it once
	/// from the database however many grants it holds (later reads and writes stay in the
	/// block's overlay and reach the database once, at its end), so `on_initialize` charges
	/// that one read and write for every block and the calls are not charged again.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type NextConsentId<T: Config> = StorageValue<_, ConsentId, ValueQuery>;

	/// The id the next emergency access gets.
	#[pallet::storage]
	pub type NextAccessId<T: Config> = StorageValue<_, AccessId, ValueQuery>;

	/// Consents in force or lapsed (not yet revoked), by id.
	#[pallet::storage]
	pub type Consents<T: Config> = StorageMap<_, Twox64Concat, ConsentId, ConsentOf<T>>;

	/// How many consents each patient has stored (in force or lapsed, not yet revoked), at most
	/// [`Config::MaxConsentsPerPatient`]; absent when none.
	#[pallet::storage]
	pub type ConsentCount<T: Config> = StorageMap<_, Twox64Concat, PatientId, u32>;

	/// The consents a patient gave a grantee, oldest first: what the decision reads.
	#[pallet::storage]
	pub type ConsentsOf<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PatientId,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<TermsOf<T>, T::MaxConsentsPerGrantee>,
		ValueQuery,
	>;

	/// Open (or lapsed but not yet ended) emergency accesses, by id.
	#[pallet::storage]
	pub type EmergencyAccesses<T: Config> =
		StorageMap<_, Twox64Concat, AccessId, EmergencyAccessOf<T>>;

	/// The emergency access a clinician holds to a patient, if any.
	#[pallet::storage]
	pub type EmergencyOf<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PatientId, Blake2_128Concat, T::AccountId, AccessId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A consent was granted.
		ConsentGranted {
			consent_id: ConsentId,
			patient_id: PatientId,
			grantee: T::AccountId,
			purpose: Purpose,
			categories: CategoriesOf<T>,
			access: Access,
			expires_at: Option<Moment>,
			granted_by: T::AccountId,
		},
		/// A consent was revoked (or, if it had lapsed, cleared); access by it ends now.
		ConsentRevoked {
			consent_id: ConsentId,
			patient_id: PatientId,
			grantee: T::AccountId,
			revoked_by: T::AccountId,
		},
		/// A clinician broke the glass: notify the patient and the privacy officer.
		EmergencyAccessOpened {
			access_id: AccessId,
			clinician: T::AccountId,
			patient_id: PatientId,
			reason: EmergencyReason,
			note_hash: H256,
			expires_at: Moment,
		},
		/// An emergency access was ended (or cleared after it lapsed).
		EmergencyAccessEnded {
			access_id: AccessId,
			clinician: T::AccountId,
			patient_id: PatientId,
			ended_by: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The patient is unknown or has been deregistered.
		PatientNotActive,
		/// Only the patient or a live delegate may do this.
		NotPatientOrDelegate,
		/// A consent must name at least one category.
		NoCategories,
		/// The same category tag is named twice.
		DuplicateCategory,
		/// `expires_at` must lie in the future.
		ExpiryNotInFuture,
		/// The patient has given this grantee the most consents allowed.
		TooManyConsentsForGrantee,
		/// The patient has the most consents allowed (`MaxConsentsPerPatient`): revoke one first.
		TooManyConsents,
		/// No consent has this id (never granted, or already revoked).
		UnknownConsent,
		/// Only a holder of a valid Physician or Nurse credential may break the glass.
		NotClinician,
		/// The clinician already holds an open emergency access to this patient.
		EmergencyAlreadyOpen,
		/// No emergency access has this id (never opened, or already ended).
		UnknownEmergencyAccess,
		/// Only the clinician, the patient or a live delegate may end an emergency access
		/// before it lapses.
		NotClinicianOrPatient,
		/// The signer cannot pay the deposit.
		InsufficientDeposit,
		/// Ids are exhausted.
		IdOverflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			// The block's one database read and write of `NextConsentId` (see [`NextConsentId`]).
			T::DbWeight::get().reads_writes(1, 1)
		}

		fn integrity_test() {
			assert!(T::MaxCategories::get() > 0, "a consent must name a category");
			assert!(T::MaxConsentsPerGrantee::get() > 0, "a patient must be able to consent");
			assert!(T::EmergencyAccessDuration::get() > 0, "emergency access must last");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Grants `grantee` `access` to `patient_id`'s records of the categories tagged
		/// `categories` (the patient's [`CategoryTag`]s) for `purpose`,
		/// until `expires_at` (or until revoked, if `None`). Lapsed consents to the same
		/// grantee are cleared first.
		///
		/// - origin: the patient or a live delegate.
		///
		/// Emits `ConsentGranted` (and `ConsentRevoked` for each cleared lapsed consent).
		/// Errors: `PatientNotActive`, `NotPatientOrDelegate`, `NoCategories`,
		/// `DuplicateCategory`, `ExpiryNotInFuture`, `TooManyConsentsForGrantee`,
		/// `TooManyConsents`, `InsufficientDeposit`, `IdOverflow`.
		///
		/// ## Complexity
		/// O(g + k + c log c): g consents to this grantee (bounded by `MaxConsentsPerGrantee`),
		/// k credential kinds checked in `CredentialKind::ALL` order until the grantee's first
		/// valid one (at most 11), c categories (bounded by `MaxCategories`). Charged for the
		/// largest g and k and for holding a deposit; refunded to the actual g and k, and the
		/// hold when there is no deposit (a sponsored patient's consent).
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::grant_weight(
			T::MaxConsentsPerGrantee::get(),
			CredentialKind::ALL.len() as u32,
		))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, patient_id: &PatientId, _grantee: &T::AccountId,
			_purpose: &Purpose, _categories: &CategoriesOf<T>, _access: &Access,
			_expires_at: &Option<Moment>| -> bool {
			Pallet::<T>::signer_acts_for(origin, *patient_id)
		})]
		pub fn grant(
			origin: OriginFor<T>,
			patient_id: PatientId,
			grantee: T::AccountId,
			purpose: Purpose,
			categories: CategoriesOf<T>,
			access: Access,
			expires_at: Option<Moment>,
		) -> DispatchResultWithPostInfo {
			let granter = ensure_signed(origin)?;
			Self::ensure_patient_or_delegate(patient_id, &granter)?;
			ensure_distinct(&categories).map_err(Error::<T>::from)?;
			let now = T::Time::now();
			ensure!(
				expires_at.is_none_or(|expires_at| expires_at > now),
				Error::<T>::ExpiryNotInFuture
			);
			// The credential the consent is granted under: the grantee's first valid kind.
			let provider = T::Credentials::first_held(&grantee, &CredentialKind::ALL);
			let consent = Consent {
				patient_id,
				grantee,
				purpose,
				categories,
				access,
				expires_at,
				provider_kind: provider.kind,
				granted_by: granter,
				granted_at: now,
				// A patient a hospital onboarded holds no tokens: their consents hold no deposit,
				// bounded instead by `MaxConsentsPerPatient`.
				deposit: if T::Patients::is_sponsored(patient_id) {
					Zero::zero()
				} else {
					T::ConsentDeposit::get()
				},
			};
			let (consent_id, walked) = Self::do_grant(&consent)?;
			Self::deposit_event(Event::ConsentGranted {
				consent_id,
				patient_id,
				grantee: consent.grantee,
				purpose,
				categories: consent.categories,
				access,
				expires_at,
				granted_by: consent.granted_by,
			});
			// Charged for the most consents walked, every kind looked up and a deposit held;
			// refunded to these.
			let weight = Self::grant_weight(walked, provider.lookups.made);
			Ok(Some(if consent.deposit.is_zero() {
				weight.saturating_sub(Self::deposit_hold_weight())
			} else {
				weight
			})
			.into())
		}

		/// Revokes consent `consent_id`: access by it ends in this block. The deposit returns
		/// to whoever granted it.
		///
		/// - origin: the patient, a live delegate, or the account that granted it; once the patient
		///   is deregistered, anyone (so that an erased patient's consents, which name the account
		///   that granted them, can always be swept and their deposits returned).
		///
		/// Emits `ConsentRevoked`. Errors: `UnknownConsent`, `NotPatientOrDelegate`.
		///
		/// ## Complexity
		/// O(g) in the consents to the same grantee, bounded by `MaxConsentsPerGrantee`. Charged
		/// for the largest g and for a revoker other than the granter (who reads the patient and
		/// returns the deposit to an account the fee did not touch); refunded to the granter's
		/// own revocation when the granter signs, and to the actual g.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke_by_delegate(T::MaxConsentsPerGrantee::get()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, consent_id: &ConsentId| -> bool {
			Pallet::<T>::is_fee_free(origin, &Call::<T>::revoke { consent_id: *consent_id })
		})]
		pub fn revoke(origin: OriginFor<T>, consent_id: ConsentId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let consent = Consents::<T>::get(consent_id).ok_or(Error::<T>::UnknownConsent)?;
			let by_granter = who == consent.granted_by;
			// Once the patient is deregistered, anyone may clear what was granted for them.
			ensure!(
				by_granter
					|| T::Patients::account_of(consent.patient_id)
						.is_none_or(|account| Self::acts_for(&account, consent.patient_id, &who)),
				Error::<T>::NotPatientOrDelegate
			);
			let listed = Self::remove_consent(consent_id, &consent);
			Self::deposit_event(Event::ConsentRevoked {
				consent_id,
				patient_id: consent.patient_id,
				grantee: consent.grantee,
				revoked_by: who,
			});
			Ok(Some(if by_granter {
				T::WeightInfo::revoke(listed)
			} else {
				T::WeightInfo::revoke_by_delegate(listed)
			})
			.into())
		}

		/// Opens emergency access to every category of `patient_id`'s records for
		/// `EmergencyAccessDuration`, without consent. Always evented, with the reason and the
		/// hash of the clinician's justification note.
		///
		/// - origin: a holder of a valid `Physician` or `Nurse` credential.
		///
		/// Emits `EmergencyAccessOpened` (and `EmergencyAccessEnded` if the clinician's earlier
		/// access to this patient had lapsed). Errors: `NotClinician`, `PatientNotActive`,
		/// `EmergencyAlreadyOpen`, `InsufficientDeposit`, `IdOverflow`.
		///
		/// ## Complexity
		/// O(1). Charged as if the clinician's credential were the last kind checked (`Nurse`);
		/// a physician is refunded the read of the other.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::break_glass())]
		pub fn break_glass(
			origin: OriginFor<T>,
			patient_id: PatientId,
			reason: EmergencyReason,
			note_hash: H256,
		) -> DispatchResultWithPostInfo {
			let clinician = ensure_signed(origin)?;
			let qualified = T::Credentials::first_held(&clinician, &CLINICIANS);
			ensure!(qualified.kind.is_some(), Error::<T>::NotClinician);
			ensure!(T::Patients::is_active(patient_id), Error::<T>::PatientNotActive);
			let opened_at = T::Time::now();
			let access = EmergencyAccess {
				patient_id,
				clinician,
				reason,
				note_hash,
				opened_at,
				expires_at: opened_at.saturating_add(T::EmergencyAccessDuration::get()),
				deposit: T::EmergencyDeposit::get(),
			};
			let access_id = Self::open_emergency(&access)?;
			Self::deposit_event(Event::EmergencyAccessOpened {
				access_id,
				clinician: access.clinician,
				patient_id,
				reason,
				note_hash,
				expires_at: access.expires_at,
			});
			// Benchmarked with a nurse, the last clinician kind; a physician's check reads one
			// credential less.
			Ok(Some(refund_lookup_reads::<T::DbWeight>(
				T::WeightInfo::break_glass(),
				qualified.lookups,
			))
			.into())
		}

		/// Ends emergency access `access_id` now, returning the deposit to the clinician.
		///
		/// - origin: the clinician, the patient or a live delegate; once the access has lapsed,
		///   anyone (so lapsed accesses can always be cleared).
		///
		/// Emits `EmergencyAccessEnded`. Errors: `UnknownEmergencyAccess`,
		/// `NotClinicianOrPatient`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::end_emergency())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, access_id: &AccessId| -> bool {
			Pallet::<T>::is_fee_free(origin, &Call::<T>::end_emergency { access_id: *access_id })
		})]
		pub fn end_emergency(origin: OriginFor<T>, access_id: AccessId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let access =
				EmergencyAccesses::<T>::get(access_id).ok_or(Error::<T>::UnknownEmergencyAccess)?;
			ensure!(
				who == access.clinician
					|| T::Patients::is_patient_or_delegate(access.patient_id, &who)
					|| T::Time::now() >= access.expires_at,
				Error::<T>::NotClinicianOrPatient
			);
			Self::end(access_id, &access, &who);
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The weight of a grant that walked `walked` earlier consents to the grantee (all lapsed,
	/// in the worst case, and cleared) and checked `kinds` credential kinds: the grant as
	/// benchmarked with nothing to clear, plus what clearing that many added in the benchmark
	/// that varies only them. Two benchmarks, so that the common case (nothing to clear) is
	/// measured rather than extrapolated from grants that clear many.
	pub fn grant_weight(walked: u32, kinds: u32) -> Weight {
		T::WeightInfo::grant(kinds).saturating_add(
			T::WeightInfo::grant_clearing(walked).saturating_sub(T::WeightInfo::grant_clearing(0)),
		)
	}

	/// What holding a grant's deposit costs in storage: the granter's holds, read and written
	/// (its account is the signer's, which the transaction's fee and nonce already touched).
	/// Refunded to a grant with no deposit: a sponsored patient's.
	pub fn deposit_hold_weight() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}

	/// The access decision (see the crate docs for the rules, in order), for `purpose`, or for
	/// any purpose if `None` (`ConsentApi::check_access`, version 1).
	pub fn check_access(
		patient_id: PatientId,
		who: &T::AccountId,
		category: CategoryTag,
		access: Access,
		purpose: Option<Purpose>,
	) -> AccessDecision {
		if !T::Patients::is_active(patient_id) {
			return AccessDecision::Denied;
		}
		let now = T::Time::now();
		for terms in ConsentsOf::<T>::get(patient_id, who) {
			if purpose.is_none_or(|purpose| terms.purpose == purpose)
				&& terms.categories.contains(&category)
				&& terms.access.covers(access)
				&& !Self::has_lapsed(&terms, patient_id, who, now)
				&& !(terms.purpose == Purpose::Research
					&& T::ResearchPauses::is_paused(terms.consent_id))
			{
				return AccessDecision::Permitted(terms.consent_id);
			}
		}
		// Break-glass is for treatment: it never stands in for a consent to pay or to research.
		if purpose.is_none_or(|purpose| purpose == Purpose::Treatment) {
			if let Some(access_id) = EmergencyOf::<T>::get(patient_id, who) {
				if let Some(emergency) = EmergencyAccesses::<T>::get(access_id) {
					if now < emergency.expires_at && T::Credentials::holds_any(who, &CLINICIANS) {
						return AccessDecision::Emergency(access_id);
					}
				}
			}
		}
		AccessDecision::Denied
	}

	/// A consent no longer allows anything: its time has passed, the authority it was granted
	/// under has ended (`granted_by` is not the patient's key or a live delegate now, or is one
	/// only since after the grant: a later key, a later delegation), or its grantee no longer
	/// holds the credential it was granted under.
	fn has_lapsed(
		terms: &TermsOf<T>,
		patient_id: PatientId,
		grantee: &T::AccountId,
		now: Moment,
	) -> bool {
		terms.expires_at.is_some_and(|expires_at| now >= expires_at)
			|| T::Patients::authority_since(patient_id, &terms.granted_by)
				.is_none_or(|since| since > terms.granted_at)
			|| terms.provider_kind.is_some_and(|kind| !T::Credentials::is_valid(grantee, kind))
	}

	/// `who` is the active patient's own key or a live delegate. Reads the patient once when
	/// the patient signs.
	fn ensure_patient_or_delegate(patient_id: PatientId, who: &T::AccountId) -> DispatchResult {
		let account = T::Patients::account_of(patient_id).ok_or(Error::<T>::PatientNotActive)?;
		ensure!(Self::acts_for(&account, patient_id, who), Error::<T>::NotPatientOrDelegate);
		Ok(())
	}

	/// `who` is `account`, the key of patient `patient_id`, or one of the patient's live
	/// delegates (read only when `who` is not the patient).
	fn acts_for(account: &T::AccountId, patient_id: PatientId, who: &T::AccountId) -> bool {
		account == who || T::Patients::is_live_delegate(patient_id, who)
	}

	/// Stores `consent` under a new id, holding its deposit from its granter, after clearing the
	/// lapsed consents to the same grantee to make room. Returns the id and how many consents
	/// to the grantee were walked (for the weight).
	fn do_grant(consent: &ConsentOf<T>) -> Result<(ConsentId, u32), DispatchError> {
		let (patient_id, grantee) = (consent.patient_id, &consent.grantee);
		let existing = ConsentsOf::<T>::get(patient_id, grantee);
		let walked = existing.len() as u32;
		let (mut kept, lapsed): (Vec<_>, Vec<_>) = existing
			.into_iter()
			.partition(|terms| !Self::has_lapsed(terms, patient_id, grantee, consent.granted_at));
		ensure!(
			kept.len() < T::MaxConsentsPerGrantee::get() as usize,
			Error::<T>::TooManyConsentsForGrantee
		);
		let count = ConsentCount::<T>::get(patient_id)
			.unwrap_or_default()
			.saturating_sub(lapsed.len() as u32);
		ensure!(count < T::MaxConsentsPerPatient::get(), Error::<T>::TooManyConsents);
		hold_deposit::<_, T::Currency>(
			&HoldReason::ConsentDeposit.into(),
			&consent.granted_by,
			consent.deposit,
		)
		.map_err(|_| Error::<T>::InsufficientDeposit)?;
		let consent_id = next_id::<NextConsentId<T>, _>().ok_or(Error::<T>::IdOverflow)?;

		// No failure beyond this point.
		for terms in lapsed {
			if let Some(lapsed) = Consents::<T>::get(terms.consent_id) {
				Self::return_consent_deposit(&lapsed);
				Consents::<T>::remove(terms.consent_id);
				Self::deposit_event(Event::ConsentRevoked {
					consent_id: terms.consent_id,
					patient_id,
					grantee: grantee.clone(),
					revoked_by: consent.granted_by.clone(),
				});
			}
		}
		kept.push(ConsentTerms::of(consent_id, consent));
		// Within the bound: checked above.
		ConsentsOf::<T>::insert(patient_id, grantee, BoundedVec::truncate_from(kept));
		Consents::<T>::insert(consent_id, consent);
		ConsentCount::<T>::insert(patient_id, count.saturating_add(1));
		Ok((consent_id, walked))
	}

	/// Stores `access` under a new id, holding its deposit from the clinician; the clinician's
	/// earlier access to the patient, if it has lapsed, is ended first.
	fn open_emergency(access: &EmergencyAccessOf<T>) -> Result<AccessId, DispatchError> {
		let lapsed = match EmergencyOf::<T>::get(access.patient_id, &access.clinician) {
			Some(old_id) => match EmergencyAccesses::<T>::get(old_id) {
				Some(old) if access.opened_at < old.expires_at => {
					return Err(Error::<T>::EmergencyAlreadyOpen.into())
				},
				old => old.map(|old| (old_id, old)),
			},
			None => None,
		};
		hold_deposit::<_, T::Currency>(
			&HoldReason::EmergencyDeposit.into(),
			&access.clinician,
			access.deposit,
		)
		.map_err(|_| Error::<T>::InsufficientDeposit)?;
		let access_id = next_id::<NextAccessId<T>, _>().ok_or(Error::<T>::IdOverflow)?;

		// No failure beyond this point.
		if let Some((old_id, old)) = lapsed {
			Self::end(old_id, &old, &access.clinician);
		}
		EmergencyOf::<T>::insert(access.patient_id, &access.clinician, access_id);
		EmergencyAccesses::<T>::insert(access_id, access);
		Ok(access_id)
	}

	/// Removes a consent from every index and returns its deposit. Returns how many consents
	/// to the grantee were listed before (what the removal walked).
	fn remove_consent(consent_id: ConsentId, consent: &ConsentOf<T>) -> u32 {
		let listed = ConsentsOf::<T>::mutate_exists(consent.patient_id, &consent.grantee, |list| {
			let Some(terms) = list else { return 0 };
			let listed = terms.len() as u32;
			terms.retain(|terms| terms.consent_id != consent_id);
			if terms.is_empty() {
				*list = None;
			}
			listed
		});
		Consents::<T>::remove(consent_id);
		Self::return_consent_deposit(consent);
		Self::uncount(consent.patient_id);
		listed
	}

	/// One consent of `patient` fewer in [`ConsentCount`] (the entry goes with the last).
	fn uncount(patient: PatientId) {
		ConsentCount::<T>::mutate_exists(patient, |count| {
			*count = count.map(|count| count.saturating_sub(1)).filter(|count| *count > 0);
		});
	}

	/// Ends an emergency access: removes it, returns the deposit, records who ended it.
	fn end(access_id: AccessId, access: &EmergencyAccessOf<T>, ended_by: &T::AccountId) {
		EmergencyOf::<T>::remove(access.patient_id, &access.clinician);
		EmergencyAccesses::<T>::remove(access_id);
		return_deposit::<_, T::Currency>(
			&HoldReason::EmergencyDeposit.into(),
			&access.clinician,
			access.deposit,
		);
		Self::deposit_event(Event::EmergencyAccessEnded {
			access_id,
			clinician: access.clinician.clone(),
			patient_id: access.patient_id,
			ended_by: ended_by.clone(),
		});
	}

	/// Returns a consent's deposit to whoever granted it.
	fn return_consent_deposit(consent: &ConsentOf<T>) {
		return_deposit::<_, T::Currency>(
			&HoldReason::ConsentDeposit.into(),
			&consent.granted_by,
			consent.deposit,
		);
	}
}

impl<T: Config> Pallet<T> {
	/// What `call` is to the fee-free quota when `who` signs it: granting and revoking a
	/// patient's consents, and ending an emergency access to the patient, are free for the
	/// patient's key and live delegates; anyone else (a former delegate revoking what it
	/// granted, the clinician ending its access) pays as before.
	pub fn fee_free_patient(call: &Call<T>, who: &T::AccountId) -> PatientCall {
		let patient = match call {
			Call::grant { patient_id, .. } => Some(*patient_id),
			Call::revoke { consent_id } => Consents::<T>::get(consent_id).map(|c| c.patient_id),
			Call::end_emergency { access_id } => {
				EmergencyAccesses::<T>::get(access_id).map(|e| e.patient_id)
			},
			_ => return PatientCall::Other,
		};
		match patient {
			Some(patient) if T::Patients::is_patient_or_delegate(patient, who) => {
				PatientCall::FeeFree(patient)
			},
			// A grant names its patient: anyone else is refused it.
			Some(_) if matches!(call, Call::grant { .. }) => PatientCall::NotPermitted,
			_ => PatientCall::Other,
		}
	}

	/// Whether [`Self::fee_free_patient`] may find `call` free for some signer, from the call
	/// alone (no storage read): the calls the quota extension charges its reads for.
	pub fn may_be_fee_free(call: &Call<T>) -> bool {
		matches!(call, Call::grant { .. } | Call::revoke { .. } | Call::end_emergency { .. })
	}

	/// Whether the dispatch of `call`, free for its signer, reads the patient record
	/// [`Self::fee_free_patient`] read, and is charged for it: a grant does, first of all, to
	/// check the granter. A revocation by its granter does not read the patient, and ending an
	/// emergency access may not.
	pub fn dispatch_reads_patient(call: &Call<T>) -> bool {
		matches!(call, Call::grant { .. })
	}

	/// Whether `call` is free for the signer of `origin` (`#[pallet::feeless_if]`).
	fn is_fee_free(origin: &OriginFor<T>, call: &Call<T>) -> bool {
		ensure_signed(origin.clone())
			.is_ok_and(|who| Self::fee_free_patient(call, &who).is_fee_free())
	}

	/// Whether the signer of `origin` may act for `patient` for free: its key or a live delegate.
	fn signer_acts_for(origin: &OriginFor<T>, patient: PatientId) -> bool {
		ensure_signed(origin.clone())
			.is_ok_and(|who| T::Patients::is_patient_or_delegate(patient, &who))
	}
}

impl<T: Config> From<ListError> for Error<T> {
	fn from(error: ListError) -> Self {
		match error {
			ListError::Empty => Error::<T>::NoCategories,
			ListError::Duplicate => Error::<T>::DuplicateCategory,
		}
	}
}

impl<T: Config> AccessPolicy<T::AccountId> for Pallet<T> {
	fn check_access(
		patient: PatientId,
		who: &T::AccountId,
		category: CategoryTag,
		access: Access,
		purpose: Purpose,
	) -> AccessDecision {
		Pallet::<T>::check_access(patient, who, category, access, Some(purpose))
	}

	/// Every consent of the patient to the accessor may be a `Research` one whose pauses are
	/// read.
	fn research_reads() -> u64 {
		T::ResearchPauses::max_reads(T::MaxConsentsPerGrantee::get())
	}
}

/// The consents as other pallets see them: `pallet-trials` rests a study participation on the
/// patient's consent to the sponsor for `Research`, and a withdrawal revokes it here, so there is
/// one consent system.
impl<T: Config> ConsentLedger<T::AccountId> for Pallet<T> {
	fn consent(consent_id: ConsentId) -> Option<ConsentFacts<T::AccountId>> {
		Consents::<T>::get(consent_id).map(|consent| ConsentFacts {
			patient_id: consent.patient_id,
			grantee: consent.grantee,
			purpose: consent.purpose,
			access: consent.access,
			expires_at: consent.expires_at,
			categories: u32::try_from(consent.categories.len()).unwrap_or(u32::MAX),
		})
	}

	fn revoke(consent_id: ConsentId, by: &T::AccountId) {
		let Some(consent) = Consents::<T>::get(consent_id) else { return };
		Self::remove_consent(consent_id, &consent);
		Self::deposit_event(Event::ConsentRevoked {
			consent_id,
			patient_id: consent.patient_id,
			grantee: consent.grantee,
			revoked_by: by.clone(),
		});
	}
}
