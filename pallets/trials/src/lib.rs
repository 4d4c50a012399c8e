//! # Trials pallet
//!
//! Clinical trials and observational research studies: registered by hash before anyone is
//! enrolled, amended by new protocol versions, joined by patients on a consent per version,
//! enrolled by the investigators the sponsor named, released to the sponsor only as cohorts of
//! at least `k` patients, and closed by results whose outcomes anyone can compare with those
//! pre-specified. The documents themselves (protocol, analysis plan, outcomes, results) stay off
//! chain; the chain holds their hashes, so none can be changed unseen (Irving & Holden 2016;
//! Benchoufi, Porcher & Ravaud 2017).
//!
//! ## Who may call what
//!
//! | call | origin | bounds and deposits |
//! | --- | --- | --- |
//! | [`register`](Pallet::register) | a valid `Researcher` (the sponsor) | holds [`Config::StudyDeposit`] for as long as the study is registered |
//! | [`amend`](Pallet::amend) | the sponsor, still a `Researcher` | at most [`Config::MaxVersions`] versions |
//! | [`add_investigator`](Pallet::add_investigator), [`remove_investigator`](Pallet::remove_investigator) | the sponsor, still a `Researcher` | at most [`Config::MaxInvestigators`]; an investigator holds a valid `Physician` or `Nurse` credential |
//! | [`set_status`](Pallet::set_status) | the sponsor, still a `Researcher` (termination: the sponsor) | |
//! | [`consent`](Pallet::consent), [`withdraw`](Pallet::withdraw), [`clear`](Pallet::clear) | the patient or a live delegate; free of fees within the patient's quota (`clear`: anyone, once the patient is deregistered) | at most [`Config::MaxParticipants`] per study and [`Config::MaxStudiesPerPatient`] per patient; no deposit (patients hold no tokens) |
//! | [`enrol`](Pallet::enrol) | an investigator the sponsor named, still a `Physician` or `Nurse` | up to the study's target |
//! | [`decline`](Pallet::decline) | the sponsor, still a `Researcher`, or an investigator it named, still a `Physician` or `Nurse` | marks the patient declined for the study (one mark per patient and study, paid for by the decliner's fee) |
//! | [`release`](Pallet::release) | the sponsor, still a `Researcher` | reads every participation of the study (the witness bounds them) |
//! | [`commit_results`](Pallet::commit_results) | the sponsor (even without its credential: reporting is owed) | once |
//!
//! No call is Root's: governance has no say in a study.
//!
//! ## A study's states
//!
//! `NotYetRecruiting` → `Recruiting` ⇄ `Active` → `Completed`, and any of the first three →
//! `Terminated` ([`StudyStatus::may_become`]); each change is `StatusChanged`. A study ends once:
//! the day it completes or is terminated is its primary completion date, and its results are due
//! a year later ([`results_due`], after FDAAA 801). Enrolment opens only once the registration
//! is final: recorded in an earlier block than the opening, with at least one investigator
//! named, so no participant is enrolled under a protocol not yet on the ledger.
//!
//! ## A participant's states
//!
//! A patient (or a live delegate) first grants the sponsor a consent in the `Consent` pallet
//! (purpose `Research`, `Read`, on the patient's tags of at least as many categories as the study
//! uses: the study commits to which by a salted hash, so none is in clear on chain), then
//! [`consent`](Pallet::consent)s to the study on it: the participation names that consent and the
//! study's current version. `Consented` → (an investigator enrols it) `Enrolled`; either is
//! `Paused` while its consent names a version older than the study's re-consent floor (an amendment
//! published with `reconsent_required`), or the `Consent` consent it rests on is revoked or lapsed,
//! and counts in no release until the patient consents again; while a study has paused it, the
//! consent it rests on permits the sponsor nothing either (see below); `Withdrawn` once the patient
//! withdraws ([`withdraw`](Pallet::withdraw) revokes the consent in the `Consent` pallet, so the
//! data is used no further anywhere); a withdrawn participation, or any of an ended study, may be
//! cleared by the patient.
//!
//! A participation that is not enrolled (consented, paused or withdrawn) takes one of the study's
//! [`Config::MaxParticipants`] places until it is cleared. So that patients (or one person's
//! many patient ids) cannot hold every place without ever being enrolled, the sponsor or an
//! investigator may [`decline`](Pallet::decline) it: a screen failure, or the place of a
//! participant who withdrew. The participation leaves storage and the patient is marked
//! declined for that study, which it may not consent to again (otherwise one fee-free call
//! would take the place back); the mark goes only once the patient is deregistered
//! ([`clear`](Pallet::clear), by anyone). An enrolled participant is never declined: it
//! withdraws, or the study ends.
//!
//! ## Reusing the `Consent` pallet
//!
//! There is one consent system. What a study may read of a patient is the `Consent` pallet's
//! decision on the consent the participation rests on (purpose `Research`, grantee the
//! sponsor); this pallet adds what the `Consent` pallet cannot know: which protocol version the
//! patient agreed to, whether the study paused it, and the patient's count of releases. A
//! patient who revokes that consent in the `Consent` pallet has left the study's releases as
//! surely as one who withdraws here.
//!
//! A pause reaches the `Consent` pallet too: [`ConsentUses`] notes, for each consent, the
//! studies whose participations (not withdrawn) rest on it and the version each names, and this
//! pallet's [`ResearchPauses`] answers the decision whether any of them has paused it. A paused
//! participant's consent then permits the sponsor no `Research` read (`Records::log_access`
//! refuses it, so no gateway releases a record under it) until the patient consents to the new
//! version; a consent no study rests on is the patient's to grant as it likes.
//!
//! ## Releases never expose fewer than `k` patients
//!
//! [`release`](Pallet::release) counts the study's participants who are enrolled, not
//! withdrawn, on a version at or after the re-consent floor, under a consent still stored and in
//! force, whose patient is active. Fewer than the study's `min_cohort` (never below
//! [`Config::MinCohort`], 11 by default after the CMS cell-size rule) and the release is refused;
//! otherwise `DataReleased` gives the cohort's size, never its members, and each member's count
//! of releases grows for its own view.
//!
//! ## Outcome switching is visible
//!
//! Version 1 holds the outcomes pre-specified at registration.
//! [`commit_results`](Pallet::commit_results) records the outcomes actually reported;
//! `ResultsCommitted` and `TrialsApi::outcomes_switched` say whether they differ from those
//! pre-specified (an amendment that changed the outcomes is in the versions for anyone to see, and
//! does not make a switch disappear).
//!
//! ## No health data on chain
//!
//! Hashes, ids, counts, days, enums. A study's record categories are committed by a salted hash
//! and counted, never in clear: every participant is linked to its studies, and a category in
//! clear would tell each one's kind of care. Which patients take part is pseudonymous ids only,
//! and no release names them.

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
pub mod migrations;
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
	day_of, hold_deposit, next_id, refund_lookup_reads, results_due, Access, ConsentId,
	ConsentLedger, CredentialInspect, CredentialKind, Day, Moment, ParticipantStatus,
	ParticipationView, PatientCall, PatientId, PatientRegistry, ProtocolVersion,
	ProtocolVersionInfo, Purpose, ResearchPauses, StudyId, StudyKind, StudyResults, StudyStatus,
	StudySummary,
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
/// A study as stored.
pub type StudyOf<T> = Study<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// The credentials that make an account an investigator: the clinicians who enrol patients.
pub const CLINICIANS: [CredentialKind; 2] = [CredentialKind::Physician, CredentialKind::Nurse];

/// What the benchmarks need from the runtime: patients, credentials and consents are seen
/// through traits, so the runtime says how to create them.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` an active patient (funding it as needed) and returns the id.
	fn register_patient(who: &AccountId) -> PatientId;
	/// Gives `who` a valid credential of `kind`.
	fn set_credential(who: &AccountId, kind: CredentialKind);
	/// Makes `patient` (whose key is `patient_account`) consent to `sponsor` reading
	/// `categories` tags of its records for `Research`, and returns the consent's id. The
	/// consent should be the last of as many as the patient may give the sponsor, so that
	/// withdrawing (which revokes it) is measured at its worst.
	fn consent_to_research(
		patient_account: &AccountId,
		patient: PatientId,
		sponsor: &AccountId,
		categories: u32,
	) -> ConsentId;
	/// Sets the chain's clock to `now` (milliseconds since the Unix epoch).
	fn set_now(now: Moment);
}

// FRAME's expansion of `#[pallet::pallet]`, storage and errors calls `expect` on values it
// has just built.
#[allow(clippy::expect_used)]
#[frame::pallet]
pub mod pallet {
	use super::*;

	/// 1: [`ConsentUses`]; 2: [`StudiesOf`] one list per patient ([`crate::migrations`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

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

		/// Who patients are.
		type Patients: PatientRegistry<Self::AccountId>;

		/// Who holds which credential.
		type Credentials: CredentialInspect<Self::AccountId>;

		/// The consents participations rest on (the Consent pallet in the runtime).
		type Consents: ConsentLedger<Self::AccountId>;

		/// Held from the sponsor for each study it registers.
		#[pallet::constant]
		type StudyDeposit: Get<BalanceOf<Self>>;

		/// The smallest `k` (minimum cohort of a release) a study may register: 11 by default,
		/// after the CMS cell-size rule ([`carechain_primitives::MIN_COHORT_FLOOR`]).
		#[pallet::constant]
		type MinCohort: Get<u32>;

		/// The most record categories a study may use (13: every one).
		#[pallet::constant]
		type MaxCategories: Get<u32>;

		/// The most protocol versions a study may have.
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// The most investigators a study may name.
		#[pallet::constant]
		type MaxInvestigators: Get<u32>;

		/// The most participations a study may store (its enrolment target is at most this).
		#[pallet::constant]
		type MaxParticipants: Get<u32>;

		/// The most studies one patient may take part in (withdrawn ones until cleared).
		#[pallet::constant]
		type MaxStudiesPerPatient: Get<u32>;

		/// Weights of this pallet's calls, generated by its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up patients, credentials and consents for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a registered study, held from its sponsor.
		StudyDeposit,
	}

	/// The id the next study gets.
	#[pallet::storage]
	pub type NextStudyId<T: Config> = StorageValue<_, StudyId, ValueQuery>;

	/// Registered studies, by id.
	#[pallet::storage]
	pub type Studies<T: Config> = StorageMap<_, Twox64Concat, StudyId, StudyOf<T>>;

	/// Each study's protocol versions, from 1.
	#[pallet::storage]
	pub type Versions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		StudyId,
		Twox64Concat,
		ProtocolVersion,
		ProtocolVersionInfo,
	>;

	/// The investigators each study names.
	#[pallet::storage]
	pub type Investigators<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StudyId, Blake2_128Concat, T::AccountId, ()>;

	/// Each study's participations, by patient: what a release walks.
	#[pallet::storage]
	pub type Participants<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StudyId, Twox64Concat, PatientId, Participation>;

	/// The studies each patient has a participation stored in, at most
	/// [`Config::MaxStudiesPerPatient`], in the order it joined them: the patient's own view, and
	/// its bound. Absent when none.
	#[pallet::storage]
	pub type StudiesOf<T: Config> =
		StorageMap<_, Twox64Concat, PatientId, BoundedVec<StudyId, T::MaxStudiesPerPatient>>;

	/// The patients each study declined ([`Pallet::decline`]): they may not consent to it again.
	#[pallet::storage]
	pub type Declined<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StudyId, Twox64Concat, PatientId, ()>;

	/// The studies whose participations (not withdrawn) rest on each consent, with the protocol
	/// version each names: what the `Consent` pallet's decision reads to learn whether a study
	/// paused the consent ([`ResearchPauses`]). One patient's consents back at most
	/// [`Config::MaxStudiesPerPatient`] participations in all; absent when none.
	#[pallet::storage]
	pub type ConsentUses<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ConsentId,
		BoundedVec<(StudyId, ProtocolVersion), T::MaxStudiesPerPatient>,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A study was registered at protocol version 1.
		StudyRegistered {
			study_id: StudyId,
			sponsor: T::AccountId,
			kind: StudyKind,
			registry_hash: H256,
			categories_hash: H256,
			category_count: u32,
			target: u32,
			min_cohort: u32,
		},
		/// A new protocol version was published.
		ProtocolAmended { study_id: StudyId, version: ProtocolVersion, reconsent_required: bool },
		/// The sponsor named an investigator.
		InvestigatorAdded { study_id: StudyId, investigator: T::AccountId },
		/// The sponsor removed an investigator.
		InvestigatorRemoved { study_id: StudyId, investigator: T::AccountId },
		/// The study's status changed.
		StatusChanged { study_id: StudyId, from: StudyStatus, to: StudyStatus },
		/// A patient consented to the study at `version`, on consent `consent_id`.
		ParticipantConsented {
			study_id: StudyId,
			patient_id: PatientId,
			version: ProtocolVersion,
			consent_id: ConsentId,
			by: T::AccountId,
		},
		/// An investigator enrolled a patient.
		ParticipantEnrolled {
			study_id: StudyId,
			patient_id: PatientId,
			version: ProtocolVersion,
			investigator: T::AccountId,
		},
		/// A patient withdrew; its consent was revoked.
		ParticipantWithdrew {
			study_id: StudyId,
			patient_id: PatientId,
			consent_id: ConsentId,
			by: T::AccountId,
		},
		/// A patient's participation (or its mark of having been declined) left storage.
		ParticipationCleared { study_id: StudyId, patient_id: PatientId },
		/// The sponsor or an investigator declined a patient that was not enrolled: its
		/// participation left storage and it may not consent to the study again.
		ParticipantDeclined { study_id: StudyId, patient_id: PatientId, by: T::AccountId },
		/// The sponsor received a data release on a cohort of `cohort_size` participants (never
		/// who they are), for the request hashed as `request_hash`.
		DataReleased {
			study_id: StudyId,
			release: u32,
			version: ProtocolVersion,
			cohort_size: u32,
			request_hash: H256,
		},
		/// The sponsor committed its results; `outcomes_switched` says whether the outcomes they
		/// report differ from those pre-specified at registration, `late` whether they came more
		/// than a year after the study ended.
		ResultsCommitted {
			study_id: StudyId,
			results_hash: H256,
			reported_outcomes_hash: H256,
			outcomes_switched: bool,
			late: bool,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer holds no valid `Researcher` credential.
		NotResearcher,
		/// A study uses no category.
		NoCategories,
		/// A study uses more categories than there are.
		TooManyCategories,
		/// `min_cohort` is below the runtime's floor.
		CohortBelowFloor,
		/// The target enrolment is below the minimum cohort (no release could ever be made) or
		/// above the most participations a study may store.
		InvalidTarget,
		/// The sponsor cannot pay the study's deposit.
		InsufficientDeposit,
		/// No study has this id.
		UnknownStudy,
		/// The signer is not the study's sponsor.
		NotSponsor,
		/// The study has ended: it changes no further.
		StudyEnded,
		/// The study has as many protocol versions as it may.
		TooManyVersions,
		/// The investigator holds no valid `Physician` or `Nurse` credential.
		NotClinician,
		/// The study already names this investigator.
		AlreadyInvestigator,
		/// The study does not name the signer (or this account) as an investigator.
		NotInvestigator,
		/// The study names as many investigators as it may.
		TooManyInvestigators,
		/// The study may not move from its status to this one.
		InvalidTransition,
		/// Enrolment may open only once the registration is final: recorded in an earlier block,
		/// with an investigator named.
		RegistrationNotFinal,
		/// The signer is neither the patient nor a live delegate.
		NotPatientOrDelegate,
		/// The patient is not registered, or erased.
		PatientNotActive,
		/// No consent has this id (never granted, or revoked).
		UnknownConsent,
		/// The consent is another patient's.
		ConsentOfAnotherPatient,
		/// The consent is not to the study's sponsor, for `Research`, with `Read`.
		ConsentNotForStudy,
		/// The consent names fewer categories than the study uses.
		ConsentTooNarrow,
		/// The consent has lapsed.
		ConsentNotInForce,
		/// The patient already consented to the study's current version on this consent.
		AlreadyConsented,
		/// The study stores as many participations as it may.
		TooManyParticipants,
		/// The patient takes part in as many studies as it may.
		TooManyStudies,
		/// The patient takes no part in the study.
		NotParticipating,
		/// The patient has withdrawn from the study.
		Withdrawn,
		/// The participation is neither withdrawn nor of an ended study.
		StillParticipating,
		/// The study is not recruiting.
		NotRecruiting,
		/// The study has enrolled its target.
		TargetReached,
		/// The patient is already enrolled.
		AlreadyEnrolled,
		/// The patient's consent names a version older than the study's re-consent floor: it
		/// must consent to the current version first.
		ConsentPaused,
		/// A release before enrolment opened.
		NotStarted,
		/// The witness is below the study's stored participations.
		WitnessTooLow,
		/// Fewer current participants than the study's minimum cohort.
		CohortTooSmall,
		/// The study has not ended: results come after its primary completion.
		NotEnded,
		/// The study already committed its results.
		ResultsAlreadyCommitted,
		/// The study declined this patient: it may not consent to it again.
		Declined,
		/// Ids ran out.
		IdOverflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MinCohort::get() >= carechain_primitives::MIN_COHORT_FLOOR,
				"no study may release cohorts below the cell-size floor"
			);
			assert!(
				T::MaxParticipants::get() >= T::MinCohort::get(),
				"a study must be able to hold a releasable cohort"
			);
			assert!(T::MaxVersions::get() > 0, "a study has its first version");
			assert!(T::MaxCategories::get() > 0, "a study must name a category");
			assert!(T::MaxInvestigators::get() > 0, "a study needs an investigator to enrol");
			assert!(T::MaxStudiesPerPatient::get() > 0, "a patient must be able to take part");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a study of `kind`, at protocol version 1: its public registry id hashed as
		/// `registry_hash`, its protocol, statistical analysis plan and pre-specified outcomes
		/// hashed, its commitment to the `category_count` record categories it will use
		/// (`categories_hash`, [`carechain_primitives::study_categories_hash`]), its enrolment
		/// `target`, and `min_cohort`, the smallest cohort any data release may cover (`k`).
		///
		/// - origin: a valid `Researcher`, the sponsor; holds `StudyDeposit`.
		///
		/// Emits `StudyRegistered`. Errors: `NotResearcher`, `NoCategories`,
		/// `TooManyCategories`, `CohortBelowFloor`, `InvalidTarget`, `InsufficientDeposit`,
		/// `IdOverflow`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(
			origin: OriginFor<T>,
			kind: StudyKind,
			registry_hash: H256,
			protocol_hash: H256,
			analysis_plan_hash: H256,
			outcomes_hash: H256,
			categories_hash: H256,
			category_count: u32,
			target: u32,
			min_cohort: u32,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			Self::ensure_researcher(&sponsor)?;
			ensure!(category_count > 0, Error::<T>::NoCategories);
			ensure!(category_count <= T::MaxCategories::get(), Error::<T>::TooManyCategories);
			ensure!(min_cohort >= T::MinCohort::get(), Error::<T>::CohortBelowFloor);
			ensure!(
				min_cohort <= target && target <= T::MaxParticipants::get(),
				Error::<T>::InvalidTarget
			);
			let study_id = next_id::<NextStudyId<T>, StudyId>().ok_or(Error::<T>::IdOverflow)?;
			let deposit = T::StudyDeposit::get();
			hold_deposit::<_, T::Currency>(&HoldReason::StudyDeposit.into(), &sponsor, deposit)
				.map_err(|_| Error::<T>::InsufficientDeposit)?;
			let now = T::Time::now();
			Versions::<T>::insert(
				study_id,
				1,
				ProtocolVersionInfo {
					protocol_hash,
					analysis_plan_hash,
					outcomes_hash,
					reconsent_required: false,
					published_at: now,
				},
			);
			Studies::<T>::insert(
				study_id,
				Study {
					sponsor: sponsor.clone(),
					kind,
					registry_hash,
					categories_hash,
					category_count,
					target,
					min_cohort,
					status: StudyStatus::NotYetRecruiting,
					version: 1,
					reconsent_from: 1,
					investigators: 0,
					participations: 0,
					withdrawn: 0,
					enrolled: 0,
					releases: 0,
					registered_at: now,
					ended_on: None,
					results: None,
					deposit,
				},
			);
			Self::deposit_event(Event::StudyRegistered {
				study_id,
				sponsor,
				kind,
				registry_hash,
				categories_hash,
				category_count,
				target,
				min_cohort,
			});
			Ok(())
		}

		/// Publishes protocol version `version + 1` of study `study_id`: the new protocol,
		/// analysis plan and outcomes hashes. With `reconsent_required`, every participant whose
		/// consent names an older version is paused until it consents to this one.
		///
		/// - origin: the sponsor, still a `Researcher`.
		///
		/// Emits `ProtocolAmended`. Errors: `UnknownStudy`, `NotSponsor`, `NotResearcher`,
		/// `StudyEnded`, `TooManyVersions`.
		///
		/// ## Complexity
		/// O(1): pausing is the floor moving, not a write per participant.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::amend())]
		pub fn amend(
			origin: OriginFor<T>,
			study_id: StudyId,
			protocol_hash: H256,
			analysis_plan_hash: H256,
			outcomes_hash: H256,
			reconsent_required: bool,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			let mut study = Self::running_study_of(study_id, &sponsor)?;
			Self::ensure_researcher(&sponsor)?;
			let version = study
				.version
				.checked_add(1)
				.filter(|version| *version <= T::MaxVersions::get())
				.ok_or(Error::<T>::TooManyVersions)?;
			Versions::<T>::insert(
				study_id,
				version,
				ProtocolVersionInfo {
					protocol_hash,
					analysis_plan_hash,
					outcomes_hash,
					reconsent_required,
					published_at: T::Time::now(),
				},
			);
			study.version = version;
			if reconsent_required {
				study.reconsent_from = version;
			}
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::ProtocolAmended { study_id, version, reconsent_required });
			Ok(())
		}

		/// Names `investigator` as one who may enrol patients in study `study_id`.
		///
		/// - origin: the sponsor, still a `Researcher`.
		///
		/// Emits `InvestigatorAdded`. Errors: `UnknownStudy`, `NotSponsor`, `NotResearcher`,
		/// `StudyEnded`, `NotClinician`, `AlreadyInvestigator`, `TooManyInvestigators`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::add_investigator())]
		pub fn add_investigator(
			origin: OriginFor<T>,
			study_id: StudyId,
			investigator: T::AccountId,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			let mut study = Self::running_study_of(study_id, &sponsor)?;
			Self::ensure_researcher(&sponsor)?;
			ensure!(Self::is_clinician(&investigator), Error::<T>::NotClinician);
			ensure!(
				!Investigators::<T>::contains_key(study_id, &investigator),
				Error::<T>::AlreadyInvestigator
			);
			study.investigators = study
				.investigators
				.checked_add(1)
				.filter(|count| *count <= T::MaxInvestigators::get())
				.ok_or(Error::<T>::TooManyInvestigators)?;
			Investigators::<T>::insert(study_id, &investigator, ());
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::InvestigatorAdded { study_id, investigator });
			Ok(())
		}

		/// Removes `investigator` from study `study_id`: it enrols no one further (whom it
		/// enrolled stays enrolled).
		///
		/// - origin: the sponsor, still a `Researcher`.
		///
		/// Emits `InvestigatorRemoved`. Errors: `UnknownStudy`, `NotSponsor`, `NotResearcher`,
		/// `StudyEnded`, `NotInvestigator`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_investigator())]
		pub fn remove_investigator(
			origin: OriginFor<T>,
			study_id: StudyId,
			investigator: T::AccountId,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			let mut study = Self::running_study_of(study_id, &sponsor)?;
			Self::ensure_researcher(&sponsor)?;
			ensure!(
				Investigators::<T>::take(study_id, &investigator).is_some(),
				Error::<T>::NotInvestigator
			);
			study.investigators = study.investigators.saturating_sub(1);
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::InvestigatorRemoved { study_id, investigator });
			Ok(())
		}

		/// Moves study `study_id` to `status` ([`StudyStatus::may_become`]). Opening enrolment
		/// needs a final registration; completing or terminating records today as the primary
		/// completion date.
		///
		/// - origin: the sponsor, still a `Researcher` (a sponsor that lost its credential may
		///   still terminate).
		///
		/// Emits `StatusChanged`. Errors: `UnknownStudy`, `NotSponsor`, `NotResearcher`,
		/// `InvalidTransition`, `RegistrationNotFinal`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_status())]
		pub fn set_status(
			origin: OriginFor<T>,
			study_id: StudyId,
			status: StudyStatus,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			let mut study = Self::study_of(study_id, &sponsor)?;
			if status != StudyStatus::Terminated {
				Self::ensure_researcher(&sponsor)?;
			}
			let from = study.status;
			ensure!(from.may_become(status), Error::<T>::InvalidTransition);
			if from == StudyStatus::NotYetRecruiting && status == StudyStatus::Recruiting {
				ensure!(
					study.registered_at < T::Time::now() && study.investigators > 0,
					Error::<T>::RegistrationNotFinal
				);
			}
			if status.is_final() {
				study.ended_on = Some(Self::today());
			}
			study.status = status;
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::StatusChanged { study_id, from, to: status });
			Ok(())
		}

		/// Makes patient `patient_id` a participant of study `study_id` at its current version,
		/// resting on `consent_id`: the patient's consent in the `Consent` pallet to the sponsor
		/// for `Research`, with `Read`, on at least as many category tags as the study uses, in
		/// force. Consenting again after an amendment (or with a new consent, or after
		/// withdrawing) moves the participation to the current version and that consent; an
		/// enrolment survives a re-consent, not a withdrawal.
		///
		/// - origin: the patient or a live delegate; free of fees within the patient's quota.
		///
		/// Emits `ParticipantConsented`. Errors: `NotPatientOrDelegate`, `PatientNotActive`,
		/// `UnknownStudy`, `StudyEnded`, `UnknownConsent`, `ConsentOfAnotherPatient`,
		/// `ConsentNotForStudy`, `ConsentTooNarrow`, `ConsentNotInForce`, `Declined`,
		/// `AlreadyConsented`, `TooManyParticipants`, `TooManyStudies`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::consent())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _study_id: &StudyId, patient_id: &PatientId,
			_consent_id: &ConsentId| -> bool {
			Pallet::<T>::signer_acts_for(origin, *patient_id)
		})]
		pub fn consent(
			origin: OriginFor<T>,
			study_id: StudyId,
			patient_id: PatientId,
			consent_id: ConsentId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_acts_for(patient_id, &who)?;
			let mut study = Studies::<T>::get(study_id).ok_or(Error::<T>::UnknownStudy)?;
			ensure!(!study.status.is_final(), Error::<T>::StudyEnded);
			Self::ensure_study_consent(&study, patient_id, consent_id)?;
			let now = T::Time::now();
			let participation = match Participants::<T>::get(study_id, patient_id) {
				Some(mut participation) => {
					ensure!(
						participation.withdrawn_at.is_some()
							|| participation.version != study.version
							|| participation.consent_id != consent_id,
						Error::<T>::AlreadyConsented
					);
					if participation.withdrawn_at.take().is_some() {
						study.withdrawn = study.withdrawn.saturating_sub(1);
					}
					Self::unuse_consent(participation.consent_id, study_id);
					participation.consent_id = consent_id;
					participation.version = study.version;
					participation.consented_at = now;
					participation
				},
				None => {
					// A declined patient has no participation, only the mark.
					ensure!(
						!Declined::<T>::contains_key(study_id, patient_id),
						Error::<T>::Declined
					);
					study.participations = study
						.participations
						.checked_add(1)
						.filter(|count| *count <= T::MaxParticipants::get())
						.ok_or(Error::<T>::TooManyParticipants)?;
					let mut studies = StudiesOf::<T>::get(patient_id).unwrap_or_default();
					studies.try_push(study_id).map_err(|_| Error::<T>::TooManyStudies)?;
					StudiesOf::<T>::insert(patient_id, studies);
					Participation {
						consent_id,
						version: study.version,
						consented_at: now,
						enrolled_at: None,
						withdrawn_at: None,
						releases: 0,
					}
				},
			};
			let version = study.version;
			Self::use_consent(consent_id, study_id, version)?;
			Participants::<T>::insert(study_id, patient_id, participation);
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::ParticipantConsented {
				study_id,
				patient_id,
				version,
				consent_id,
				by: who,
			});
			Ok(())
		}

		/// Withdraws patient `patient_id` from study `study_id`: the consent the participation
		/// rests on is revoked in the `Consent` pallet (so no one reads the patient's records
		/// under it any more), the patient is no longer enrolled, and it counts in no release.
		/// The participation stays, with its count of releases, until the patient clears it.
		///
		/// - origin: the patient or a live delegate; free of fees within the patient's quota.
		///
		/// Emits `ParticipantWithdrew` (and the `Consent` pallet's `ConsentRevoked`). Errors:
		/// `NotPatientOrDelegate`, `NotParticipating`, `Withdrawn`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _study_id: &StudyId,
			patient_id: &PatientId| -> bool {
			Pallet::<T>::signer_acts_for(origin, *patient_id)
		})]
		pub fn withdraw(
			origin: OriginFor<T>,
			study_id: StudyId,
			patient_id: PatientId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (mut participation, mut study) =
				Self::own_participation(study_id, patient_id, &who)?;
			ensure!(participation.withdrawn_at.is_none(), Error::<T>::Withdrawn);
			T::Consents::revoke(participation.consent_id, &who);
			Self::unuse_consent(participation.consent_id, study_id);
			study.withdrawn = study.withdrawn.saturating_add(1);
			if participation.enrolled_at.take().is_some() {
				study.enrolled = study.enrolled.saturating_sub(1);
			}
			participation.withdrawn_at = Some(T::Time::now());
			let consent_id = participation.consent_id;
			Participants::<T>::insert(study_id, patient_id, participation);
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::ParticipantWithdrew {
				study_id,
				patient_id,
				consent_id,
				by: who,
			});
			Ok(())
		}

		/// Removes patient `patient_id`'s participation in study `study_id` from storage: one it
		/// withdrew from, or any of a study that has ended. The history stays in the events.
		/// Once the patient is deregistered, its mark of having been declined by the study goes
		/// the same way.
		///
		/// - origin: the patient or a live delegate; free of fees within the patient's quota.
		///   Anyone, once the patient is deregistered.
		///
		/// Emits `ParticipationCleared`. Errors: `NotPatientOrDelegate`, `NotParticipating`,
		/// `StillParticipating`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::clear())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _study_id: &StudyId,
			patient_id: &PatientId| -> bool {
			Pallet::<T>::signer_acts_for(origin, *patient_id)
		})]
		pub fn clear(
			origin: OriginFor<T>,
			study_id: StudyId,
			patient_id: PatientId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			// Once the patient is deregistered, anyone may clear what it left (no key or delegate
			// can act for it any more, and its participation counts in nothing).
			let erased = !T::Patients::is_active(patient_id);
			if erased && Declined::<T>::take(study_id, patient_id).is_some() {
				Self::deposit_event(Event::ParticipationCleared { study_id, patient_id });
				return Ok(());
			}
			let (participation, mut study) = if erased {
				Self::participation_and_study(study_id, patient_id)?
			} else {
				Self::own_participation(study_id, patient_id, &who)?
			};
			ensure!(
				erased || participation.withdrawn_at.is_some() || study.status.is_final(),
				Error::<T>::StillParticipating
			);
			Self::forget_participation(study_id, patient_id, &participation, &mut study);
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::ParticipationCleared { study_id, patient_id });
			Ok(())
		}

		/// Enrols patient `patient_id`, a participant under a current consent, in study
		/// `study_id` while it recruits and is below its target.
		///
		/// - origin: an investigator the sponsor named, still a `Physician` or `Nurse`.
		///
		/// Emits `ParticipantEnrolled`. Errors: `UnknownStudy`, `NotInvestigator`,
		/// `NotClinician`, `NotRecruiting`, `TargetReached`, `NotParticipating`, `Withdrawn`,
		/// `AlreadyEnrolled`, `ConsentPaused`, `ConsentNotInForce`, `PatientNotActive`.
		///
		/// ## Complexity
		/// O(1). Charged as if the investigator's credential were the last clinician kind
		/// checked (`Nurse`); a physician is refunded the read of the other.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::enrol())]
		pub fn enrol(
			origin: OriginFor<T>,
			study_id: StudyId,
			patient_id: PatientId,
		) -> DispatchResultWithPostInfo {
			let investigator = ensure_signed(origin)?;
			let mut study = Studies::<T>::get(study_id).ok_or(Error::<T>::UnknownStudy)?;
			ensure!(
				Investigators::<T>::contains_key(study_id, &investigator),
				Error::<T>::NotInvestigator
			);
			let qualified = T::Credentials::first_held(&investigator, &CLINICIANS);
			ensure!(qualified.kind.is_some(), Error::<T>::NotClinician);
			ensure!(study.status == StudyStatus::Recruiting, Error::<T>::NotRecruiting);
			ensure!(study.enrolled < study.target, Error::<T>::TargetReached);
			let mut participation =
				Participants::<T>::get(study_id, patient_id).ok_or(Error::<T>::NotParticipating)?;
			ensure!(participation.withdrawn_at.is_none(), Error::<T>::Withdrawn);
			ensure!(participation.enrolled_at.is_none(), Error::<T>::AlreadyEnrolled);
			ensure!(participation.version >= study.reconsent_from, Error::<T>::ConsentPaused);
			ensure!(
				Self::consent_in_force(&study, patient_id, &participation),
				Error::<T>::ConsentNotInForce
			);
			ensure!(T::Patients::is_active(patient_id), Error::<T>::PatientNotActive);
			participation.enrolled_at = Some(T::Time::now());
			study.enrolled = study.enrolled.saturating_add(1);
			let version = participation.version;
			Participants::<T>::insert(study_id, patient_id, participation);
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::ParticipantEnrolled {
				study_id,
				patient_id,
				version,
				investigator,
			});
			Ok(Some(refund_lookup_reads::<T::DbWeight>(T::WeightInfo::enrol(), qualified.lookups))
				.into())
		}

		/// Declines patient `patient_id`, a participant of study `study_id` that is not enrolled
		/// (consented, paused, or withdrawn): a screen failure, or the place of a participant who
		/// withdrew. Its participation leaves storage, freeing its place, and the patient is
		/// marked declined: it may not consent to the study again (the mark goes when the patient
		/// is deregistered). The consent it gave the sponsor in the `Consent` pallet is the
		/// patient's to revoke.
		///
		/// - origin: the sponsor, still a `Researcher`, or an investigator the sponsor named, still
		///   a `Physician` or `Nurse`.
		///
		/// Emits `ParticipantDeclined`. Errors: `UnknownStudy`, `NotResearcher`,
		/// `NotInvestigator`, `NotClinician`, `StudyEnded`, `NotParticipating`,
		/// `AlreadyEnrolled`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::decline())]
		pub fn decline(
			origin: OriginFor<T>,
			study_id: StudyId,
			patient_id: PatientId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut study = Studies::<T>::get(study_id).ok_or(Error::<T>::UnknownStudy)?;
			if study.sponsor == who {
				Self::ensure_researcher(&who)?;
			} else {
				ensure!(
					Investigators::<T>::contains_key(study_id, &who),
					Error::<T>::NotInvestigator
				);
				ensure!(Self::is_clinician(&who), Error::<T>::NotClinician);
			}
			ensure!(!study.status.is_final(), Error::<T>::StudyEnded);
			let participation =
				Participants::<T>::get(study_id, patient_id).ok_or(Error::<T>::NotParticipating)?;
			ensure!(participation.enrolled_at.is_none(), Error::<T>::AlreadyEnrolled);
			Self::forget_participation(study_id, patient_id, &participation, &mut study);
			Declined::<T>::insert(study_id, patient_id, ());
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::ParticipantDeclined { study_id, patient_id, by: who });
			Ok(())
		}

		/// Releases data of study `study_id` to its sponsor for the request hashed as
		/// `request_hash`, on the cohort of its current participants (enrolled, not withdrawn, on
		/// a version at or after the re-consent floor, under a consent in force, active): only
		/// if they are at least the study's `min_cohort`. Each member's count of releases grows;
		/// the event gives the cohort's size, never its members. `witness` is at least the
		/// study's stored participations (`TrialsApi::study`), which the call reads.
		///
		/// - origin: the sponsor, still a `Researcher`.
		///
		/// Emits `DataReleased`. Errors: `UnknownStudy`, `NotSponsor`, `NotResearcher`,
		/// `NotStarted`, `WitnessTooLow`, `CohortTooSmall`.
		///
		/// ## Complexity
		/// O(p) in the study's stored participations; charged for `witness`, refunded to `p`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::release(*witness))]
		pub fn release(
			origin: OriginFor<T>,
			study_id: StudyId,
			request_hash: H256,
			witness: u32,
		) -> DispatchResultWithPostInfo {
			let sponsor = ensure_signed(origin)?;
			let mut study = Self::study_of(study_id, &sponsor)?;
			Self::ensure_researcher(&sponsor)?;
			ensure!(study.status != StudyStatus::NotYetRecruiting, Error::<T>::NotStarted);
			ensure!(witness >= study.participations, Error::<T>::WitnessTooLow);
			let cohort: Vec<(PatientId, Participation)> = Participants::<T>::iter_prefix(study_id)
				.filter(|(patient_id, participation)| {
					Self::is_current(&study, *patient_id, participation, true)
				})
				.collect();
			let cohort_size = u32::try_from(cohort.len()).unwrap_or(u32::MAX);
			ensure!(cohort_size >= study.min_cohort, Error::<T>::CohortTooSmall);
			for (patient_id, mut participation) in cohort {
				participation.releases = participation.releases.saturating_add(1);
				Participants::<T>::insert(study_id, patient_id, participation);
			}
			study.releases = study.releases.saturating_add(1);
			let (release, version, participations) =
				(study.releases, study.version, study.participations);
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::DataReleased {
				study_id,
				release,
				version,
				cohort_size,
				request_hash,
			});
			Ok(Some(T::WeightInfo::release(participations)).into())
		}

		/// Commits the results of study `study_id`, ended: the results document hashed as
		/// `results_hash` and the outcomes it reports hashed as `reported_outcomes_hash` (by the
		/// recipe of the pre-specified ones). Once.
		///
		/// - origin: the sponsor (its credential is not needed: reporting is owed).
		///
		/// Emits `ResultsCommitted`, saying whether the outcomes were switched and whether the
		/// results are late. Errors: `UnknownStudy`, `NotSponsor`, `NotEnded`,
		/// `ResultsAlreadyCommitted`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::commit_results())]
		pub fn commit_results(
			origin: OriginFor<T>,
			study_id: StudyId,
			results_hash: H256,
			reported_outcomes_hash: H256,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			let mut study = Self::study_of(study_id, &sponsor)?;
			let ended_on = study.ended_on.ok_or(Error::<T>::NotEnded)?;
			ensure!(study.results.is_none(), Error::<T>::ResultsAlreadyCommitted);
			let outcomes_switched = Self::switched(study_id, reported_outcomes_hash);
			let late = Self::today() > results_due(ended_on);
			study.results = Some(StudyResults {
				results_hash,
				reported_outcomes_hash,
				committed_at: T::Time::now(),
			});
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::ResultsCommitted {
				study_id,
				results_hash,
				reported_outcomes_hash,
				outcomes_switched,
				late,
			});
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Today, by the chain's clock.
	fn today() -> Day {
		day_of(T::Time::now())
	}

	/// Whether `who` holds a valid `Researcher` credential.
	fn ensure_researcher(who: &T::AccountId) -> DispatchResult {
		ensure!(
			T::Credentials::is_valid(who, CredentialKind::Researcher),
			Error::<T>::NotResearcher
		);
		Ok(())
	}

	/// Removes `patient_id`'s `participation` in `study_id`, its entry in the patient's list of
	/// studies, and its place in `study`'s counts (which the caller writes back).
	fn forget_participation(
		study_id: StudyId,
		patient_id: PatientId,
		participation: &Participation,
		study: &mut StudyOf<T>,
	) {
		study.participations = study.participations.saturating_sub(1);
		if participation.withdrawn_at.is_some() {
			study.withdrawn = study.withdrawn.saturating_sub(1);
		}
		if participation.enrolled_at.is_some() {
			study.enrolled = study.enrolled.saturating_sub(1);
		}
		Participants::<T>::remove(study_id, patient_id);
		Self::unuse_consent(participation.consent_id, study_id);
		StudiesOf::<T>::mutate_exists(patient_id, |studies| {
			if let Some(list) = studies {
				list.retain(|study| *study != study_id);
				if list.is_empty() {
					*studies = None;
				}
			}
		});
	}

	/// Notes that a participation in `study_id` rests on `consent_id` at `version` (replacing
	/// what the study noted there before).
	fn use_consent(
		consent_id: ConsentId,
		study_id: StudyId,
		version: ProtocolVersion,
	) -> DispatchResult {
		ConsentUses::<T>::try_mutate(consent_id, |uses| {
			let uses = uses.get_or_insert_with(Default::default);
			uses.retain(|(study, _)| *study != study_id);
			// A patient's consents back at most `MaxStudiesPerPatient` participations in all,
			// and the participation was counted in the patient's bound before this.
			uses.try_push((study_id, version))
				.map_err(|_| Error::<T>::TooManyStudies.into())
		})
	}

	/// Notes that no participation in `study_id` rests on `consent_id` any more.
	fn unuse_consent(consent_id: ConsentId, study_id: StudyId) {
		ConsentUses::<T>::mutate_exists(consent_id, |uses| {
			if let Some(list) = uses {
				list.retain(|(study, _)| *study != study_id);
				if list.is_empty() {
					*uses = None;
				}
			}
		});
	}

	/// Whether `who` holds a valid `Physician` or `Nurse` credential.
	fn is_clinician(who: &T::AccountId) -> bool {
		T::Credentials::holds_any(who, &CLINICIANS)
	}

	/// Study `study_id`, if `sponsor` is its sponsor.
	fn study_of(study_id: StudyId, sponsor: &T::AccountId) -> Result<StudyOf<T>, DispatchError> {
		let study = Studies::<T>::get(study_id).ok_or(Error::<T>::UnknownStudy)?;
		ensure!(study.sponsor == *sponsor, Error::<T>::NotSponsor);
		Ok(study)
	}

	/// Study `study_id`, if `sponsor` is its sponsor and it has not ended.
	fn running_study_of(
		study_id: StudyId,
		sponsor: &T::AccountId,
	) -> Result<StudyOf<T>, DispatchError> {
		let study = Self::study_of(study_id, sponsor)?;
		ensure!(!study.status.is_final(), Error::<T>::StudyEnded);
		Ok(study)
	}

	/// Whether `who` may act for `patient_id`, an active patient: its key or a live delegate.
	fn ensure_acts_for(patient_id: PatientId, who: &T::AccountId) -> DispatchResult {
		ensure!(T::Patients::is_active(patient_id), Error::<T>::PatientNotActive);
		ensure!(
			T::Patients::is_patient_or_delegate(patient_id, who),
			Error::<T>::NotPatientOrDelegate
		);
		Ok(())
	}

	/// `patient_id`'s participation in study `study_id` and the study, if `who` may act for the
	/// patient: its key or a live delegate.
	fn own_participation(
		study_id: StudyId,
		patient_id: PatientId,
		who: &T::AccountId,
	) -> Result<(Participation, StudyOf<T>), DispatchError> {
		ensure!(
			T::Patients::is_patient_or_delegate(patient_id, who),
			Error::<T>::NotPatientOrDelegate
		);
		Self::participation_and_study(study_id, patient_id)
	}

	/// `patient_id`'s participation in study `study_id`, and the study.
	fn participation_and_study(
		study_id: StudyId,
		patient_id: PatientId,
	) -> Result<(Participation, StudyOf<T>), DispatchError> {
		let participation =
			Participants::<T>::get(study_id, patient_id).ok_or(Error::<T>::NotParticipating)?;
		let study = Studies::<T>::get(study_id).ok_or(Error::<T>::UnknownStudy)?;
		Ok((participation, study))
	}

	/// Whether consent `consent_id` can carry `patient_id`'s participation in `study`: the
	/// patient's, to the sponsor, for `Research` with `Read`, on at least as many tags as the
	/// study has categories, in force now.
	fn ensure_study_consent(
		study: &StudyOf<T>,
		patient_id: PatientId,
		consent_id: ConsentId,
	) -> DispatchResult {
		let facts = T::Consents::consent(consent_id).ok_or(Error::<T>::UnknownConsent)?;
		ensure!(facts.patient_id == patient_id, Error::<T>::ConsentOfAnotherPatient);
		ensure!(
			facts.grantee == study.sponsor
				&& facts.purpose == Purpose::Research
				&& facts.access.covers(Access::Read),
			Error::<T>::ConsentNotForStudy
		);
		ensure!(facts.categories >= study.category_count, Error::<T>::ConsentTooNarrow);
		ensure!(facts.in_force(T::Time::now()), Error::<T>::ConsentNotInForce);
		Ok(())
	}

	/// Whether the consent `participation` rests on is still stored, `patient_id`'s, to the
	/// sponsor, and in force.
	fn consent_in_force(
		study: &StudyOf<T>,
		patient_id: PatientId,
		participation: &Participation,
	) -> bool {
		T::Consents::consent(participation.consent_id).is_some_and(|facts| {
			facts.patient_id == patient_id
				&& facts.grantee == study.sponsor
				&& facts.in_force(T::Time::now())
		})
	}

	/// Whether `participation` of `patient_id` counts now: not withdrawn, (if `enrolled` is
	/// asked) enrolled, on a version at or after the re-consent floor, under a consent in force,
	/// of an active patient. The cheap checks come first: a release reads the consent and the
	/// patient only of those that pass them.
	fn is_current(
		study: &StudyOf<T>,
		patient_id: PatientId,
		participation: &Participation,
		enrolled: bool,
	) -> bool {
		participation.withdrawn_at.is_none()
			&& (!enrolled || participation.enrolled_at.is_some())
			&& participation.version >= study.reconsent_from
			&& Self::consent_in_force(study, patient_id, participation)
			&& T::Patients::is_active(patient_id)
	}

	/// Whether `reported` differs from the outcomes study `study_id` pre-specified at
	/// registration (version 1).
	fn switched(study_id: StudyId, reported: H256) -> bool {
		Versions::<T>::get(study_id, 1).is_none_or(|version| version.outcomes_hash != reported)
	}

	/// Whether the signer of `origin` may act for `patient` for free: its key or a live delegate.
	fn signer_acts_for(origin: &OriginFor<T>, patient: PatientId) -> bool {
		ensure_signed(origin.clone())
			.is_ok_and(|who| T::Patients::is_patient_or_delegate(patient, &who))
	}

	/// What `call` is to the fee-free quota when `who` signs it: consenting to a study,
	/// withdrawing and clearing are free for the patient's key and live delegates, counted
	/// against the patient's quota; anyone else is refused them at validation.
	pub fn fee_free_patient(call: &Call<T>, who: &T::AccountId) -> PatientCall {
		let patient = match call {
			Call::consent { patient_id, .. }
			| Call::withdraw { patient_id, .. }
			| Call::clear { patient_id, .. } => *patient_id,
			_ => return PatientCall::Other,
		};
		if T::Patients::is_patient_or_delegate(patient, who) {
			PatientCall::FeeFree(patient)
		} else {
			PatientCall::NotPermitted
		}
	}

	/// Whether [`Self::fee_free_patient`] may find `call` free for some signer, from the call
	/// alone (no storage read): the calls the quota extension charges its reads for.
	pub fn may_be_fee_free(call: &Call<T>) -> bool {
		matches!(call, Call::consent { .. } | Call::withdraw { .. } | Call::clear { .. })
	}

	/// Whether the dispatch of `call`, free for its signer, reads the patient record
	/// [`Self::fee_free_patient`] read, and is charged for it: each of the three does, first of
	/// all, to check who acts for the patient (or, to clear, whether the patient is active).
	pub fn dispatch_reads_patient(call: &Call<T>) -> bool {
		Self::may_be_fee_free(call)
	}

	/// `TrialsApi::study`.
	pub fn study(study_id: StudyId) -> Option<StudySummary> {
		Studies::<T>::get(study_id).map(|study| StudySummary {
			kind: study.kind,
			status: study.status,
			version: study.version,
			reconsent_from: study.reconsent_from,
			target: study.target,
			min_cohort: study.min_cohort,
			participants: study.participations.saturating_sub(study.withdrawn),
			enrolled: study.enrolled,
			releases: study.releases,
			ended_on: study.ended_on,
			results: study.results,
		})
	}

	/// `TrialsApi::versions`.
	pub fn versions(study_id: StudyId) -> Vec<ProtocolVersionInfo> {
		let latest = Studies::<T>::get(study_id).map_or(0, |study| study.version);
		(1..=latest)
			.filter_map(|version| Versions::<T>::get(study_id, version))
			.collect()
	}

	/// `TrialsApi::participation`.
	pub fn participation(study_id: StudyId, patient_id: PatientId) -> Option<ParticipationView> {
		let participation = Participants::<T>::get(study_id, patient_id)?;
		let study = Studies::<T>::get(study_id)?;
		let status = if participation.withdrawn_at.is_some() {
			ParticipantStatus::Withdrawn
		} else if !Self::is_current(&study, patient_id, &participation, false) {
			ParticipantStatus::Paused
		} else if participation.enrolled_at.is_some() {
			ParticipantStatus::Enrolled
		} else {
			ParticipantStatus::Consented
		};
		Some(ParticipationView {
			status,
			version: participation.version,
			consent_id: participation.consent_id,
			releases: participation.releases,
		})
	}

	/// `TrialsApi::is_enrolled_current`.
	pub fn is_enrolled_current(study_id: StudyId, patient_id: PatientId) -> bool {
		Self::participation(study_id, patient_id)
			.is_some_and(|view| view.status == ParticipantStatus::Enrolled)
	}

	/// `TrialsApi::results_overdue`.
	pub fn results_overdue(study_id: StudyId) -> Option<bool> {
		let study = Studies::<T>::get(study_id)?;
		Some(
			study.results.is_none()
				&& study.ended_on.is_some_and(|ended_on| Self::today() > results_due(ended_on)),
		)
	}

	/// `TrialsApi::outcomes_switched`.
	pub fn outcomes_switched(study_id: StudyId) -> Option<bool> {
		let results = Studies::<T>::get(study_id)?.results?;
		Some(Self::switched(study_id, results.reported_outcomes_hash))
	}

	/// `TrialsApi::studies_of`.
	pub fn studies_of(patient_id: PatientId) -> Vec<StudyId> {
		StudiesOf::<T>::get(patient_id)
			.map(|studies| studies.into_inner())
			.unwrap_or_default()
	}
}

/// A study pauses the research use of a consent while a participation resting on it names a
/// protocol version older than the study's re-consent floor: the `Consent` pallet's decision
/// then permits the sponsor nothing under that consent (no read logged, no record released by a
/// gateway) until the patient consents to the new version.
impl<T: Config> ResearchPauses for Pallet<T> {
	fn is_paused(consent_id: ConsentId) -> bool {
		ConsentUses::<T>::get(consent_id).is_some_and(|uses| {
			uses.iter().any(|(study_id, version)| {
				Studies::<T>::get(study_id).is_some_and(|study| *version < study.reconsent_from)
			})
		})
	}

	/// Each consent's uses are one read; the studies they name are one read each, and one
	/// patient's consents name at most `MaxStudiesPerPatient` in all.
	fn max_reads(consents: u32) -> u64 {
		u64::from(consents).saturating_add(T::MaxStudiesPerPatient::get().into())
	}
}
