//! # Records pallet
//!
//! Anchors of health records kept off chain. The chain stores, for each version of a record,
//! a salted hash of its content, a hash reference to where the encrypted record lives, its
//! category as the patient's blinded tag, its author and when it was anchored, never the record
//! itself. Amendments form a
//! version chain and never overwrite; erasure removes the references of a whole chain; and
//! every read a provider makes is logged as an event tied to the consent (or emergency access)
//! that allowed it.
//!
//! Its place in Carechain (the other pallets, the call contract apps rely on, the rules every
//! pallet keeps) is described in the repository's `docs/ARCHITECTURE.md`.
//!
//! ## The content hash recipe
//!
//! ```text
//! content_hash = blake2_256( salt ‖ record bytes )
//! ```
//!
//! - `salt`: 32 random bytes, fresh for every version, stored off chain with the record (in its
//!   encrypted envelope), never on chain;
//! - `record bytes`: the exact bytes stored off chain (for FHIR, the resource as stored);
//! - `‖` is concatenation, `blake2_256` the 32-byte BLAKE2b hash.
//!
//! `storage_ref` is a 32-byte hash that locates the encrypted record: for IPFS, the digest of
//! its CID; for an object store, the hash of the object key. Once the salt is deleted off chain
//! the content hash links to nothing.
//!
//! ## Categories are blinded
//!
//! A record names its category by the patient's [`CategoryTag`] (see `carechain-primitives`:
//! a keyed hash of the category under a key only the patient's apps hold), never by the
//! category itself, so an observer of the chain cannot tell a mental-health record from a lab
//! result. The author names the tag: a provider the patient consented to was given, off chain,
//! the tags of the categories it may write; the pallet checks the tag against the consents as it
//! would a category. A clinician writing under break-glass holds no tag of the patient's (the
//! emergency covers every tag) and names one of its own; the patient's apps show such a record
//! as of a category they cannot name until the clinician's system tells them which.
//!
//! ## Who may call what
//!
//! | call | origin | notes |
//! | --- | --- | --- |
//! | [`anchor`](Pallet::anchor) | a provider (valid clinical credential) permitted `Write` on the category for `Treatment` by the access decision; or the patient or a live delegate (self-reported) | holds [`Config::RecordDeposit`] from a provider (zero in the Carechain runtime, whose config says why), [`Config::SelfReportDeposit`] from a patient or delegate |
//! | [`amend`](Pallet::amend) | whoever could anchor that record now (the author, or another permitted provider) | the latest version only; the old one becomes `Superseded` |
//! | [`log_access`](Pallet::log_access) | a reader the access decision permits `Read` on the category for the purpose logged | writes nothing but the event |
//! | [`erase`](Pallet::erase) | the patient or a live delegate; anyone once the patient is deregistered | the whole version chain; deposits return to their authors |
//! | [`anchor_batch`](Pallet::anchor_batch) | as `anchor` | up to [`Config::MaxAnchorBatch`] records of one patient and category, decided once: how an EHR system sends an encounter's results |
//!
//! The clinical credentials that make a provider are `Physician`, `Nurse`, `Pharmacist`,
//! `Laboratory` and `Hospital` ([`PROVIDERS`]). A deregistered patient's records can no longer
//! be anchored, amended or read-logged.
//!
//! ## Purposes
//!
//! A read is logged for a purpose, and permitted only if a consent for *that* purpose covers it
//! (or, for `Treatment` only, a break-glass access): a reader holding a consent for `Payment`
//! cannot log a read for `Research`, so the audit trail never shows a purpose the patient did not
//! agree to. Writing a record into the patient's chart (`anchor`, `amend`, `anchor_batch`) is
//! care, and is permitted by a consent for `Treatment` (or break-glass).
//!
//! ## Deposits
//!
//! A self-reported version (anchored by the patient or a delegate) holds
//! [`Config::SelfReportDeposit`] from its author until it is erased, so that whoever fills a
//! patient's index pays for it: deregistering returns the registration deposit, not these, and
//! anyone may erase a deregistered patient's records, which returns them. A provider's version
//! holds [`Config::RecordDeposit`] (zero in the Carechain runtime: only providers the patient
//! consented to can write, at most [`Config::MaxRecordsPerPatient`] live versions per patient,
//! and only the patient may erase, so a provider's deposit would be locked for good).
//!
//! ## Versions
//!
//! Each record knows its `previous` version and, once amended, the version that `superseded`
//! it, so the chain is walkable both ways. A chain holds at most [`Config::MaxVersions`]
//! versions, which bounds the work of erasing it.
//!
//! ## The per-patient index
//!
//! [`RecordsOf`] lists every live version of a patient's records (one entry per version, under
//! the patient's id), so a patient, their delegates or an auditor can page through them: by
//! storage prefix (`api.query.records.recordsOf.entriesPaged({ args: [patientId], pageSize })`
//! in Polkadot.js) or with `RecordsApi::records_of(patient_id, after, max)`. A patient holds at
//! most [`Config::MaxRecordsPerPatient`] live versions (`TooManyRecords` beyond); erasing
//! a chain frees its entries.
//!
//! ## Erasure
//!
//! `erase` removes every version of the chain from [`Records`] and from the patient's index
//! (storage references, hashes, authors) and leaves nothing behind: ids are handed out in order
//! and a version leaves [`Records`] only by erasure, so an id below [`NextRecordId`] that is not
//! stored was erased, and `verify` answers `Erased` for it without a tombstone that someone would
//! have to pay for. No storage item links the record to the patient or to anyone's account.
//!
//! ## Weights
//!
//! An anchor reads one storage item per rule it checks (the patient, the author's consents
//! from this patient, the author's credentials and the issuer of the one that qualifies, the
//! patient's count) and writes the record, its index entry and the count. The author's
//! credentials are read in [`PROVIDERS`] order until one is valid, so `anchor` is benchmarked
//! with `k`, the kinds read (1 for a physician, 5 for a hospital): it is charged `anchor(5)`
//! and refunded to `anchor(k)`, the execution of the lookups not made as well as their reads, and
//! a self-reported record (no credential read) to `anchor(0)`. `amend` and `anchor_batch`,
//! benchmarked with a hospital author, are refunded the same difference. The id counter
//! [`NextRecordId`] is read and written by every anchor but reaches the database once per block, so
//! `on_initialize` charges that one read and write for every block and anchors are not charged for
//! it again. `Timestamp::Now` is set by the block's first extrinsic, so reading it costs an anchor
//! nothing from the database either (the runtime's benchmarks whitelist it).
//!
//! `anchor_batch` checks the rules once for up to [`Config::MaxAnchorBatch`] records of one
//! patient and category, so each further record costs only its own two writes (the record and
//! its index entry) and its event. `Utility::batch_all` of `anchor` calls checks every rule
//! again for every record.

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
	hold_deposit, next_ids, refund_lookups, return_deposit, Access, AccessDecision, AccessPolicy,
	CategoryTag, CredentialInspect, CredentialKind, FirstHeld, Moment, PatientCall, PatientId,
	PatientRegistry, Purpose, RecordFacts, RecordId, RecordInspect, RecordVerification,
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
/// A record as stored.
pub type RecordOf<T> = Record<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// The most record ids one `records_of` page returns.
pub const MAX_PAGE: u32 = 1_000;

/// The credentials that make an account a provider who may anchor records.
pub const PROVIDERS: [CredentialKind; 5] = [
	CredentialKind::Physician,
	CredentialKind::Nurse,
	CredentialKind::Pharmacist,
	CredentialKind::Laboratory,
	CredentialKind::Hospital,
];

/// How many kinds [`PROVIDERS`] lists: the `k` the weights of a writer are charged for first.
pub const ALL_PROVIDERS: u32 = PROVIDERS.len() as u32;

/// What the benchmarks need from the runtime: patients, credentials and consents are seen
/// through traits, so the runtime says how to create them.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` an active patient (funding it as needed) and returns the id.
	fn register_patient(who: &AccountId) -> PatientId;
	/// Gives `provider` a valid credential of `kind` and `patient`'s consent to read and write
	/// the category tagged `category`.
	fn permit(
		patient: &AccountId,
		patient_id: PatientId,
		provider: &AccountId,
		kind: CredentialKind,
		category: CategoryTag,
	);
	/// Makes `clinician` a valid nurse (the last clinician kind break-glass checks) that broke
	/// the glass for `patient_id`, with no consent: the longest path of the access decision.
	fn break_glass(patient_id: PatientId, clinician: &AccountId);
}

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

		/// The clock (the Timestamp pallet in the runtime).
		type Time: Time<Moment = Moment>;

		/// Who patients and their delegates are.
		type Patients: PatientRegistry<Self::AccountId>;

		/// Who holds which credential.
		type Credentials: CredentialInspect<Self::AccountId>;

		/// The access decision (the Consent pallet in the runtime).
		type AccessPolicy: AccessPolicy<Self::AccountId>;

		/// The most versions one record chain may have.
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// The most live versions (of all chains) one patient may have in [`RecordsOf`].
		#[pallet::constant]
		type MaxRecordsPerPatient: Get<u32>;

		/// Held from a provider for each version it anchors, until the version is erased.
		#[pallet::constant]
		type RecordDeposit: Get<BalanceOf<Self>>;

		/// Held from the patient or delegate for each version it self-reports, until the version
		/// is erased.
		#[pallet::constant]
		type SelfReportDeposit: Get<BalanceOf<Self>>;

		/// The most records one `anchor_batch` may anchor.
		#[pallet::constant]
		type MaxAnchorBatch: Get<u32>;

		/// Weights of this pallet's calls, generated by its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up patients and permissions for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for one anchored version, held from its author.
		RecordDeposit,
	}

	/// The id the next version gets. Whitelisted in the benchmarks: a block touches it once
	/// from the database however many anchors and amendments it holds (later reads and writes stay
	/// in the block's overlay and reach the database once, at its end), so `on_initialize` charges
	/// that one read and write for every block and the calls are not charged again.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type NextRecordId<T: Config> = StorageValue<_, RecordId, ValueQuery>;

	/// Anchored versions, by id.
	#[pallet::storage]
	pub type Records<T: Config> = StorageMap<_, Twox64Concat, RecordId, RecordOf<T>>;

	/// The per-patient index: every live (not erased) version of a patient's records. Apps
	/// page through it by storage prefix, or with `RecordsApi::records_of`.
	#[pallet::storage]
	pub type RecordsOf<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PatientId, Twox64Concat, RecordId, ()>;

	/// How many entries each patient has in [`RecordsOf`], at most
	/// [`Config::MaxRecordsPerPatient`]; absent when none.
	#[pallet::storage]
	pub type RecordCount<T: Config> = StorageMap<_, Twox64Concat, PatientId, u32>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A record was anchored.
		RecordAnchored {
			record_id: RecordId,
			patient_id: PatientId,
			category: CategoryTag,
			author: T::AccountId,
			self_reported: bool,
		},
		/// A record was amended: `record_id` is the new version, `previous` is superseded.
		RecordAmended {
			record_id: RecordId,
			previous: RecordId,
			patient_id: PatientId,
			author: T::AccountId,
		},
		/// A reader read a record, allowed by `decision` (the consent or emergency access).
		RecordAccessed {
			record_id: RecordId,
			patient_id: PatientId,
			reader: T::AccountId,
			purpose: Purpose,
			decision: AccessDecision,
		},
		/// A record's whole version chain was erased.
		RecordErased { record_ids: Vec<RecordId>, patient_id: PatientId },
		/// The patient (its key, or a live delegate as `reader`) read one of its own records: no
		/// consent is needed for that, and the read is on the log all the same (a gateway releases
		/// a body to the patient on it).
		OwnRecordAccessed {
			record_id: RecordId,
			patient_id: PatientId,
			reader: T::AccountId,
			purpose: Purpose,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The patient is unknown or has been deregistered.
		PatientNotActive,
		/// The signer is neither the patient, a live delegate, nor a provider the access
		/// decision permits to write this category.
		NotPermittedToWrite,
		/// The access decision does not permit the signer to read this category.
		NotPermittedToRead,
		/// No record has this id.
		UnknownRecord,
		/// The record was erased.
		RecordIsErased,
		/// The record was amended: only the latest version may be amended.
		RecordIsSuperseded,
		/// The chain already has the most versions allowed.
		TooManyVersions,
		/// Only the patient or a live delegate may erase an active patient's records.
		NotPatientOrDelegate,
		/// The signer cannot pay the deposit.
		InsufficientDeposit,
		/// Record ids are exhausted.
		IdOverflow,
		/// The patient already has `MaxRecordsPerPatient` live versions; erase some first.
		TooManyRecords,
		/// `anchor_batch` was given no records.
		EmptyBatch,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			// The block's one database read and write of `NextRecordId` (see [`NextRecordId`]).
			T::DbWeight::get().reads_writes(1, 1)
		}

		fn integrity_test() {
			assert!(T::MaxVersions::get() > 0, "a record must have at least one version");
			assert!(
				T::MaxRecordsPerPatient::get() >= T::MaxVersions::get(),
				"a patient must be able to hold at least one full chain"
			);
			assert!(T::MaxAnchorBatch::get() > 0, "a batch must hold a record");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Anchors a record of `patient_id` in the category tagged `category` (the patient's
		/// [`CategoryTag`]): its salted `content_hash` and the `storage_ref` locating it. Returns
		/// the new `RecordId` in the event.
		///
		/// - origin: a provider permitted `Write` on `category` for `Treatment`, or the patient or
		///   a live delegate (the record is then marked self-reported, and holds
		///   `SelfReportDeposit` from the signer).
		///
		/// Emits `RecordAnchored`. Errors: `PatientNotActive`, `NotPermittedToWrite`,
		/// `TooManyRecords`, `InsufficientDeposit`, `IdOverflow`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::anchor_weight())]
		pub fn anchor(
			origin: OriginFor<T>,
			patient_id: PatientId,
			category: CategoryTag,
			content_hash: H256,
			storage_ref: H256,
		) -> DispatchResultWithPostInfo {
			let author = ensure_signed(origin)?;
			let writer = Self::ensure_may_write(patient_id, &author, category)?;
			let hashes = core::iter::once((content_hash, storage_ref));
			let record_id = Self::do_anchor(patient_id, category, &author, writer, hashes)?;
			Self::deposit_event(Event::RecordAnchored {
				record_id,
				patient_id,
				category,
				author,
				self_reported: writer.is_self_reported(),
			});
			Ok(Some(match writer {
				Writer::SelfReported => T::WeightInfo::anchor_self_reported(),
				Writer::Provider(lookups) => T::WeightInfo::anchor(lookups.made),
			})
			.into())
		}

		/// Amends record `record_id` with a new version; the old one is kept, marked as
		/// superseded by the new one.
		///
		/// - origin: whoever may anchor a record of that patient and category now.
		///
		/// Emits `RecordAmended`. Errors: `UnknownRecord`, `RecordIsErased`, `RecordIsSuperseded`,
		/// `TooManyVersions`, `PatientNotActive`, `NotPermittedToWrite`, `TooManyRecords`,
		/// `InsufficientDeposit`, `IdOverflow`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::amend().saturating_add(Pallet::<T>::self_report_hold()))]
		pub fn amend(
			origin: OriginFor<T>,
			record_id: RecordId,
			content_hash: H256,
			storage_ref: H256,
		) -> DispatchResultWithPostInfo {
			let author = ensure_signed(origin)?;
			let previous = Self::live_record(record_id)?;
			ensure!(previous.superseded_by.is_none(), Error::<T>::RecordIsSuperseded);
			ensure!(previous.version < T::MaxVersions::get(), Error::<T>::TooManyVersions);
			let patient_id = previous.patient_id;
			let writer = Self::ensure_may_write(patient_id, &author, previous.category)?;
			let hashes = (content_hash, storage_ref);
			let new_id = Self::do_amend(record_id, previous, &author, writer, hashes)?;
			Self::deposit_event(Event::RecordAmended {
				record_id: new_id,
				previous: record_id,
				patient_id,
				author,
			});
			Ok(Some(Self::actual(T::WeightInfo::amend(), writer)).into())
		}

		/// Logs that the signer read record `record_id` for `purpose`. Refused unless the
		/// access decision permits the signer to read the record's category now, for that
		/// purpose (a consent naming it, or break-glass for `Treatment`); the event names the
		/// consent or emergency access that allowed it. The patient itself, or a live delegate,
		/// reads its own records without a consent: its read is logged as `OwnRecordAccessed`
		/// (for whatever purpose it gives), so a gateway releases the patient's own records to it
		/// too.
		///
		/// - origin: a permitted reader; or the patient or a live delegate.
		///
		/// Emits `RecordAccessed` (`OwnRecordAccessed` for the patient's own read). Errors:
		/// `UnknownRecord`, `RecordIsErased`, `PatientNotActive`, `NotPermittedToRead`.
		///
		/// ## Complexity
		/// O(1); writes no storage. A read for `Research` is also charged the reads the decision
		/// makes to learn whether a study paused the consent (`AccessPolicy::research_reads`).
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::log_access_weight(*purpose))]
		pub fn log_access(
			origin: OriginFor<T>,
			record_id: RecordId,
			purpose: Purpose,
		) -> DispatchResult {
			let reader = ensure_signed(origin)?;
			let record = Self::live_record(record_id)?;
			ensure!(T::Patients::is_active(record.patient_id), Error::<T>::PatientNotActive);
			let decision = T::AccessPolicy::check_access(
				record.patient_id,
				&reader,
				record.category,
				Access::Read,
				purpose,
			);
			if !decision.is_allowed() {
				// Asked only when no consent permits the read, so other readers pay nothing for
				// it, and the patient's path (its consents, no emergency access, its entry and a
				// delegate) stays within the benchmarked one (a break-glass read by a nurse).
				ensure!(
					T::Patients::is_patient_or_delegate(record.patient_id, &reader),
					Error::<T>::NotPermittedToRead
				);
				Self::deposit_event(Event::OwnRecordAccessed {
					record_id,
					patient_id: record.patient_id,
					reader,
					purpose,
				});
				return Ok(());
			}
			Self::deposit_event(Event::RecordAccessed {
				record_id,
				patient_id: record.patient_id,
				reader,
				purpose,
				decision,
			});
			Ok(())
		}

		/// Erases the whole version chain of record `record_id`: every version's references,
		/// hashes and author go, and nothing stays (`verify` tells an erased id by its being
		/// below `NextRecordId` and not stored). Deposits return to each version's author.
		///
		/// - origin: the patient or a live delegate; once the patient is deregistered, anyone (so
		///   that a departed patient's records can always be erased and their authors' deposits
		///   returned).
		///
		/// Emits `RecordErased`. Errors: `UnknownRecord`, `RecordIsErased`,
		/// `NotPatientOrDelegate`.
		///
		/// ## Complexity
		/// O(v) in the versions of the chain, bounded by `MaxVersions`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::erase(T::MaxVersions::get()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, record_id: &RecordId| -> bool {
			ensure_signed(origin.clone()).is_ok_and(|who| {
				Pallet::<T>::fee_free_patient(&Call::<T>::erase { record_id: *record_id }, &who)
					.is_fee_free()
			})
		})]
		pub fn erase(origin: OriginFor<T>, record_id: RecordId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Self::live_record(record_id)?;
			ensure!(
				!T::Patients::is_active(record.patient_id)
					|| T::Patients::is_patient_or_delegate(record.patient_id, &who),
				Error::<T>::NotPatientOrDelegate
			);
			let record_ids = Self::remove_chain(record_id, &record);
			Self::deposit_event(Event::RecordErased { record_ids, patient_id: record.patient_id });
			Ok(())
		}

		/// Anchors several records of `patient_id` in the one category tagged `category` at once:
		/// each entry of `records` is a salted `content_hash` and the `storage_ref` locating it,
		/// as for [`anchor`](Pallet::anchor). Who may is decided once for the whole batch; the
		/// records get consecutive ids, in order, and each its own `RecordAnchored` event. All or
		/// none: any refusal anchors nothing.
		///
		/// - origin: as for `anchor`.
		///
		/// Emits `RecordAnchored` per record. Errors: `EmptyBatch`, `PatientNotActive`,
		/// `NotPermittedToWrite`, `TooManyRecords`, `InsufficientDeposit`, `IdOverflow`.
		///
		/// ## Complexity
		/// O(n) in the records anchored, bounded by `MaxAnchorBatch`; the rules are checked once.
		#[pallet::call_index(4)]
		#[pallet::weight(
			T::WeightInfo::anchor_batch(records.len() as u32)
				.saturating_add(Pallet::<T>::self_report_hold())
		)]
		pub fn anchor_batch(
			origin: OriginFor<T>,
			patient_id: PatientId,
			category: CategoryTag,
			records: BoundedVec<(H256, H256), T::MaxAnchorBatch>,
		) -> DispatchResultWithPostInfo {
			let author = ensure_signed(origin)?;
			ensure!(!records.is_empty(), Error::<T>::EmptyBatch);
			let writer = Self::ensure_may_write(patient_id, &author, category)?;
			let hashes = records.iter().copied();
			let first_id = Self::do_anchor(patient_id, category, &author, writer, hashes)?;
			for record_id in (first_id..).take(records.len()) {
				Self::deposit_event(Event::RecordAnchored {
					record_id,
					patient_id,
					category,
					author: author.clone(),
					self_reported: writer.is_self_reported(),
				});
			}
			let weight = T::WeightInfo::anchor_batch(records.len() as u32);
			Ok(Some(Self::actual(weight, writer)).into())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// What `call` is to the fee-free quota when `who` signs it: erasing a record is free for
	/// the patient's key and live delegates; anyone erasing a deregistered patient's records
	/// pays as before.
	pub fn fee_free_patient(call: &Call<T>, who: &T::AccountId) -> PatientCall {
		let Call::erase { record_id } = call else { return PatientCall::Other };
		match Records::<T>::get(record_id) {
			Some(record) if T::Patients::is_patient_or_delegate(record.patient_id, who) => {
				PatientCall::FeeFree(record.patient_id)
			},
			_ => PatientCall::Other,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Whether [`Self::fee_free_patient`] may find `call` free for some signer, from the call
	/// alone (no storage read): the calls the quota extension charges its reads for.
	pub fn may_be_fee_free(call: &Call<T>) -> bool {
		matches!(call, Call::erase { .. })
	}

	/// Whether the dispatch of `call`, free for its signer, reads every item
	/// [`Self::fee_free_patient`] read, and is charged for them: an erasure reads the record and
	/// then the patient, first of all, to check who erases.
	pub fn dispatch_reads_patient(call: &Call<T>) -> bool {
		Self::may_be_fee_free(call)
	}

	/// What `RecordsApi::verify` answers.
	pub fn verify(record_id: RecordId, content_hash: H256) -> RecordVerification {
		match Records::<T>::get(record_id) {
			None if Self::was_handed_out(record_id) => RecordVerification::Erased,
			None => RecordVerification::Unknown,
			Some(record) => match record.superseded_by {
				Some(newer) => RecordVerification::Superseded(newer),
				None if record.content_hash == content_hash => RecordVerification::Match,
				None => RecordVerification::Mismatch,
			},
		}
	}

	/// What `log_access` for `purpose` is charged: its benchmark (a break-glass read, the
	/// longest path for any other purpose), and for `Research` the reads of study pauses.
	pub fn log_access_weight(purpose: Purpose) -> Weight {
		let weight = T::WeightInfo::log_access();
		if purpose == Purpose::Research {
			weight.saturating_add(T::DbWeight::get().reads(T::AccessPolicy::research_reads()))
		} else {
			weight
		}
	}

	/// A stored, not erased record. Erasure removes a record from `Records`, so the id counter
	/// is only read to tell the caller why a record is missing, off the hot path.
	fn live_record(record_id: RecordId) -> Result<RecordOf<T>, DispatchError> {
		match Records::<T>::get(record_id) {
			Some(record) => Ok(record),
			None if Self::was_handed_out(record_id) => Err(Error::<T>::RecordIsErased.into()),
			None => Err(Error::<T>::UnknownRecord.into()),
		}
	}

	/// Whether `who` may write `category` records of `patient_id`, and as which [`Writer`]: the
	/// patient or a delegate self-reports (no credential read); a provider's [`PROVIDERS`] kinds
	/// are read up to and including the valid one, and the weights charge for those lookups
	/// (`anchor(k)`, and [`Self::actual`]).
	fn ensure_may_write(
		patient_id: PatientId,
		who: &T::AccountId,
		category: CategoryTag,
	) -> Result<Writer, DispatchError> {
		ensure!(T::Patients::is_active(patient_id), Error::<T>::PatientNotActive);
		if T::Patients::is_patient_or_delegate(patient_id, who) {
			return Ok(Writer::SelfReported);
		}
		ensure!(
			T::AccessPolicy::check_access(
				patient_id,
				who,
				category,
				Access::Write,
				Purpose::Treatment
			)
			.is_allowed(),
			Error::<T>::NotPermittedToWrite
		);
		let FirstHeld { kind, lookups } = T::Credentials::first_held(who, &PROVIDERS);
		ensure!(kind.is_some(), Error::<T>::NotPermittedToWrite);
		Ok(Writer::Provider(lookups))
	}

	/// What an `amend` or `anchor_batch` benchmarked as `weight` (a provider holding the last of
	/// [`PROVIDERS`]) costs `writer`: the credential lookups it did not make are refunded at
	/// what `anchor(k)` measures them (all of them for a self-report); a self-reported version
	/// holds its deposit, which [`Self::self_report_hold`] adds.
	fn actual(weight: Weight, writer: Writer) -> Weight {
		let weight = refund_lookups(weight, T::WeightInfo::anchor, writer.lookups());
		if writer.is_self_reported() {
			weight.saturating_add(Self::self_report_hold())
		} else {
			weight
		}
	}

	/// What a self-reported anchor costs beyond an anchor that reads no credential: the hold of
	/// its deposit, measured by the `anchor_self_reported` benchmark against `anchor(k)`
	/// extrapolated to no kind read.
	pub fn self_report_hold() -> Weight {
		T::WeightInfo::anchor_self_reported().saturating_sub(T::WeightInfo::anchor(0))
	}

	/// What `anchor` is charged before it runs: the dearer of a provider reading every kind
	/// and a self-report holding a deposit.
	pub fn anchor_weight() -> Weight {
		T::WeightInfo::anchor(ALL_PROVIDERS).max(T::WeightInfo::anchor_self_reported())
	}

	/// The deposit one version holds from its author: a patient's or delegate's for a
	/// self-reported version, a provider's otherwise.
	fn deposit_for(writer: Writer) -> BalanceOf<T> {
		match writer {
			Writer::SelfReported => T::SelfReportDeposit::get(),
			Writer::Provider(_) => T::RecordDeposit::get(),
		}
	}

	/// Whether `record_id` was handed out: if it is no longer in [`Records`], it was erased,
	/// since a version leaves [`Records`] no other way.
	fn was_handed_out(record_id: RecordId) -> bool {
		record_id < NextRecordId::<T>::get()
	}

	/// Anchors each of `hashes` (a `content_hash` and its `storage_ref`) as version 1 of a new
	/// record of `patient_id` in `category`, written now by `author` as `writer`; returns the
	/// first of their consecutive ids.
	fn do_anchor(
		patient_id: PatientId,
		category: CategoryTag,
		author: &T::AccountId,
		writer: Writer,
		hashes: impl ExactSizeIterator<Item = (H256, H256)>,
	) -> Result<RecordId, DispatchError> {
		let deposit = Self::deposit_for(writer);
		let now = T::Time::now();
		let versions = hashes.map(|hashes| {
			Record::first(
				patient_id,
				category,
				hashes,
				author.clone(),
				writer.is_self_reported(),
				now,
				deposit,
			)
		});
		Self::store(patient_id, author, deposit, versions)
	}

	/// Stores `hashes`, written now by `author` as `writer`, as the version after `previous`
	/// (stored as `previous_id`, the latest of its chain), which it supersedes; returns the new
	/// version's id.
	fn do_amend(
		previous_id: RecordId,
		mut previous: RecordOf<T>,
		author: &T::AccountId,
		writer: Writer,
		hashes: (H256, H256),
	) -> Result<RecordId, DispatchError> {
		let deposit = Self::deposit_for(writer);
		let version = previous.next_version(
			previous_id,
			hashes,
			author.clone(),
			writer.is_self_reported(),
			T::Time::now(),
			deposit,
		);
		let new_id = Self::store(previous.patient_id, author, deposit, core::iter::once(version))?;
		previous.superseded_by = Some(new_id);
		Records::<T>::insert(previous_id, previous);
		Ok(new_id)
	}

	/// Holds the versions' deposits (`deposit` each) from `author`, their one author, and stores
	/// them, all of `patient_id`, under consecutive new ids in the patient's index; returns the
	/// first id. On an error the call fails, and its transaction undoes what was written.
	fn store(
		patient_id: PatientId,
		author: &T::AccountId,
		deposit: BalanceOf<T>,
		versions: impl ExactSizeIterator<Item = RecordOf<T>>,
	) -> Result<RecordId, DispatchError> {
		let added = u32::try_from(versions.len()).map_err(|_| Error::<T>::TooManyRecords)?;
		let count = RecordCount::<T>::get(patient_id)
			.unwrap_or(0)
			.checked_add(added)
			.filter(|count| *count <= T::MaxRecordsPerPatient::get())
			.ok_or(Error::<T>::TooManyRecords)?;
		let first_id =
			next_ids::<NextRecordId<T>, RecordId>(added.into()).ok_or(Error::<T>::IdOverflow)?;
		hold_deposit::<_, T::Currency>(
			&HoldReason::RecordDeposit.into(),
			author,
			deposit.saturating_mul(added.into()),
		)
		.map_err(|_| Error::<T>::InsufficientDeposit)?;
		RecordCount::<T>::insert(patient_id, count);
		// `versions` first: it ends the zip before the id range is stepped past the last id.
		for (record, record_id) in versions.zip(first_id..) {
			RecordsOf::<T>::insert(patient_id, record_id, ());
			Records::<T>::insert(record_id, record);
		}
		Ok(first_id)
	}

	/// Removes every version of the chain `record` (stored as `record_id`) belongs to, from
	/// [`Records`] and from its patient's index, and returns each version's deposit to its
	/// author; returns the ids removed, oldest first.
	fn remove_chain(record_id: RecordId, record: &RecordOf<T>) -> Vec<RecordId> {
		let chain = Self::chain_of(record_id, record);
		for (id, version) in &chain {
			return_deposit::<_, T::Currency>(
				&HoldReason::RecordDeposit.into(),
				&version.author,
				version.deposit,
			);
			Records::<T>::remove(id);
			RecordsOf::<T>::remove(record.patient_id, id);
		}
		let erased = u32::try_from(chain.len()).unwrap_or(u32::MAX);
		RecordCount::<T>::mutate_exists(record.patient_id, |count| {
			*count = count.map(|c| c.saturating_sub(erased)).filter(|c| *c > 0);
		});
		chain.into_iter().map(|(id, _)| id).collect()
	}

	/// One page of `patient_id`'s index: at most `max` record ids (capped at
	/// [`MAX_PAGE`]), starting after `after` (or from the start), in storage order; an empty
	/// page means the end. What `RecordsApi::records_of` answers.
	pub fn records_of(patient_id: PatientId, after: Option<RecordId>, max: u32) -> Vec<RecordId> {
		let max = max.min(MAX_PAGE) as usize;
		match after {
			None => RecordsOf::<T>::iter_key_prefix(patient_id).take(max).collect(),
			Some(after) => RecordsOf::<T>::iter_key_prefix_from(
				patient_id,
				RecordsOf::<T>::hashed_key_for(patient_id, after),
			)
			.take(max)
			.collect(),
		}
	}

	/// Every version of the chain `record_id` belongs to, oldest first; at most `MaxVersions`.
	fn chain_of(record_id: RecordId, record: &RecordOf<T>) -> Vec<(RecordId, RecordOf<T>)> {
		let limit = T::MaxVersions::get() as usize;
		let mut older = Vec::new();
		let mut cursor = record.previous;
		while let Some(id) = cursor {
			if older.len() >= limit {
				break;
			}
			let Some(version) = Records::<T>::get(id) else { break };
			cursor = version.previous;
			older.push((id, version));
		}
		older.reverse();
		older.push((record_id, record.clone()));
		let mut cursor = record.superseded_by;
		while let Some(id) = cursor {
			if older.len() >= limit {
				break;
			}
			let Some(version) = Records::<T>::get(id) else { break };
			cursor = version.superseded_by;
			older.push((id, version));
		}
		older
	}
}

impl<T: Config> RecordInspect<T::AccountId> for Pallet<T> {
	fn record(record_id: RecordId) -> Option<RecordFacts<T::AccountId>> {
		Records::<T>::get(record_id).map(|record| RecordFacts {
			patient_id: record.patient_id,
			author: record.author,
			category: record.category,
		})
	}
}
