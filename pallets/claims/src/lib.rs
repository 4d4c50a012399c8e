//! # Claims pallet
//!
//! Insurance claims from submission to payment, as one state machine that provider, payer and
//! patient share. The claim itself (a FHIR `Claim` bundle) stays off chain, anchored here by
//! hash; the chain holds ids, hashes, amounts, dates, a status and reasons from a closed list,
//! never a diagnosis or a procedure.
//!
//! Its place in Carechain (the other pallets, the call contract apps rely on, the rules every
//! pallet keeps) is described in the repository's `docs/ARCHITECTURE.md`.
//!
//! ## Terminology
//!
//! - **Coverage**: a patient's insurance with one payer for a period of days, registered by that
//!   payer (an account holding a valid `Insurer` credential) with the hash of its plan reference.
//! - **Claim**: a provider's bill for one encounter, against one coverage, for an amount in minor
//!   units of an ISO 4217 currency ([`Money`]).
//! - **Duplicate key**: a salted hash of patient, provider, service date and procedure codes that
//!   the provider's software computes ([`carechain_primitives::duplicate_key`] gives the recipe;
//!   `primitives/test-vectors/duplicate-keys.json` the vectors). The chain only compares keys: a
//!   second claim with a key a live claim to the same payer holds is refused as a duplicate, unless
//!   it replaces or voids that claim (X12 837 claim frequency codes 7 and 8). The provider is part
//!   of the recipe, so keys are indexed per provider too: a provider that copies another's key from
//!   the transaction pool blocks nothing.
//! - **Days**: service dates and coverage periods are [`Day`]s, days since 1970-01-01 in UTC;
//!   "today" is the day of the chain's clock (Timestamp).
//!
//! ## Lifecycle
//!
//! | from | call | to | who |
//! | --- | --- | --- | --- |
//! | (none) | [`submit`](Pallet::submit) | `Submitted` | a provider (valid clinical credential) who wrote the encounter or may write it |
//! | `Submitted` | [`replace`](Pallet::replace) | `Replaced { by }`; the new claim `Submitted` | the claim's provider |
//! | `Submitted` | [`void`](Pallet::void) | `Voided` | the claim's provider |
//! | `Submitted`, `Appealed` | [`adjudicate`](Pallet::adjudicate) | `Adjudicated { outcome, allowed, patient_responsibility, reasons }` | the claim's payer (valid `Insurer`) |
//! | `Adjudicated` (not `Denied`), `Paid` | [`pay`](Pallet::pay) | `Paid { amount, remittance_hash }` | the claim's payer (valid `Insurer`) |
//! | `Adjudicated`, `Paid` after a `Denied` or `Partial` decision | [`appeal`](Pallet::appeal) | `Appealed { evidence_hash }` | the claim's provider, within [`Config::AppealWindow`] of the decision, at most [`Config::MaxAppeals`] times |
//! | `Voided`, `Replaced`; settled, past the filing window | [`clear`](Pallet::clear) | (removed) | anyone |
//! | any, past the filing and appeal windows | [`clear`](Pallet::clear) | (removed) | the claim's provider |
//!
//! A transition not in the table is refused with a named error (`NotPending`,
//! `NotAwaitingAdjudication`, `NotPayable`, `NotAppealable`, `NotSettled`), and every transition
//! emits a past-tense event with the ids it touched. Payment itself moves off chain, as an X12
//! 835 remittance does; `pay` records it, and the total recorded never exceeds what the latest
//! decision left to pay (`allowed − patient_responsibility`). A payer may record several
//! payments up to that total. A decision after an appeal may not leave less to pay than was
//! already paid (`BelowAmountPaid`): recoupment is a matter for the parties off chain.
//!
//! ## Who may call what
//!
//! | call | origin | notes |
//! | --- | --- | --- |
//! | [`register_coverage`](Pallet::register_coverage) | an `Insurer` the patient consented to for `Payment` | holds [`Config::CoverageDeposit`]; at most [`Config::MaxCoveragesPerPatient`] per patient |
//! | [`end_coverage`](Pallet::end_coverage) | the coverage's payer, still an `Insurer` | not retroactively: the new last day is today or later |
//! | [`remove_coverage`](Pallet::remove_coverage) | the coverage's payer once it has ended; the patient or a live delegate once it withdrew the payer's consent for payment | when no stored claim names it; the deposit returns to the payer |
//! | [`submit`](Pallet::submit) | a provider: valid `Physician`, `Nurse`, `Pharmacist`, `Laboratory` or `Hospital` credential ([`PROVIDERS`]) | holds [`Config::ClaimDeposit`]; at most [`Config::MaxClaimsPerPatient`] stored per patient, [`Config::MaxClaimsPerProvider`] of them by one provider |
//! | [`replace`](Pallet::replace), [`void`](Pallet::void), [`appeal`](Pallet::appeal) | the claim's provider, still a provider | |
//! | [`adjudicate`](Pallet::adjudicate), [`pay`](Pallet::pay) | the claim's payer, still an `Insurer` | |
//! | [`clear`](Pallet::clear) | anyone; the claim's provider for one left unsettled | a voided or replaced claim at once, a settled one once its filing window has passed, any of a provider's claims once the filing and appeal windows have passed; the deposit returns to its provider |
//!
//! No call is Root's: governance has no say in a claim between two parties.
//!
//! ## What a submission checks
//!
//! - the signer holds a valid provider credential, and the patient is registered and active;
//! - the amount is more than zero in a well-formed currency code; the service date is not in the
//!   future and not older than [`Config::TimelyFilingDays`] (the payer's filing limit);
//! - the coverage exists, is the patient's, is held by the payer the claim names, is active on the
//!   service date, and that payer still holds a valid `Insurer` credential;
//! - the encounter record exists in `Records` (stored, not erased), is the patient's, and the
//!   signer wrote it or holds the patient's consent to `Write` its category for `Treatment` (a
//!   break-glass access lets a clinician treat, not bill for what others wrote);
//! - the patient consented to the payer for `Payment` on the category tagged `billing_tag`: the
//!   decision function of `Consent`, purpose included. Categories are blinded per patient, so the
//!   chain cannot tell that the tag is the patient's `Billing` tag; the provider names it as the
//!   patient's apps shared it, and the payer can only be named under a consent the patient granted
//!   it for `Payment`;
//! - no stored claim of the same provider to the same payer holds the duplicate key.
//!
//! A coverage registration checks the same consent (the payer's, for `Payment`, on the tag it
//! names), so no insurer can attach a coverage without the patient; and once the patient
//! withdraws that consent, it may remove the insurer's coverages that no claim names. A
//! replacement (`replace`) is checked as a new submission, now.
//!
//! ## Storage is bounded, and cleared
//!
//! Each claim holds [`Config::ClaimDeposit`] from its provider and each coverage
//! [`Config::CoverageDeposit`] from its payer. A patient has at most
//! [`Config::MaxClaimsPerPatient`] claims and [`Config::MaxCoveragesPerPatient`] coverages
//! stored, and one provider at most [`Config::MaxClaimsPerProvider`] of a patient's. A claim
//! leaves storage by [`clear`](Pallet::clear): a voided or replaced one at once (it holds no
//! duplicate key); a settled one (decided and paid in full with no appeal left) once its service
//! date is older than the filing window, when no claim for that service can be submitted anyway
//! and its duplicate key can go with it; and any claim, by its provider, once the filing and
//! appeal windows have passed, so a payer that never decides or pays strands no deposit. The
//! history stays in the events, for the indexer.
//!
//! ## What ends with a party's rights
//!
//! A provider that lost its credential can no longer submit, replace, void or appeal; a payer
//! that lost its `Insurer` credential can no longer be billed, decide, pay, or end a coverage (it
//! may still remove an ended one that no claim names, returning its deposit; the claims it can no
//! longer decide or pay are cleared by their providers once the filing and appeal windows have
//! passed). A patient that withdraws the payer's
//! consent for payment can no longer be billed to it. A patient's deregistration ends new claims
//! and coverages, not the claims already submitted: they are decided, paid and cleared as any
//! other, since the care they bill was given.
//!
//! ## The patient's view
//!
//! [`ClaimsOf`] lists each patient's stored claims under the patient's id: apps page through it
//! with `ClaimsApi::claims_of(patient_id, after, max)` and ask `ClaimsApi::claim_status`.

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
	day_of, ensure_distinct, hold_deposit, next_id, refund_lookups, return_deposit, Access,
	AccessDecision, AccessPolicy, Amount, CategoryTag, ClaimId, ClaimStatus, CoverageId,
	CredentialInspect, CredentialKind, Day, FirstHeld, ListError, Lookups, Moment, Money, Outcome,
	PatientId, PatientRegistry, Purpose, Reasons, RecordId, RecordInspect,
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
/// A coverage as stored.
pub type CoverageOf<T> = Coverage<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// A claim as stored.
pub type ClaimOf<T> = Claim<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// The most claim ids one `claims_of` page returns.
pub const MAX_PAGE: u32 = 1_000;

/// The credentials that make an account a provider who may submit claims: the clinical ones
/// that may write an encounter into a patient's chart.
pub const PROVIDERS: [CredentialKind; 5] = [
	CredentialKind::Physician,
	CredentialKind::Nurse,
	CredentialKind::Pharmacist,
	CredentialKind::Laboratory,
	CredentialKind::Hospital,
];

/// Why a provider may bill an encounter (see [`Pallet::submit`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum BillingRight {
	/// It wrote the encounter: no consent is read.
	Authored,
	/// It holds the patient's consent to write the encounter's category for `Treatment`.
	Consented,
}

/// What the benchmarks need from the runtime: patients, credentials, consents and records are
/// seen through traits, so the runtime says how to create them.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` an active patient (funding it as needed) and returns the id.
	fn register_patient(who: &AccountId) -> PatientId;
	/// Gives `who` a valid credential of `kind`.
	fn set_credential(who: &AccountId, kind: CredentialKind);
	/// Makes `patient` (whose key is `patient_account`) consent to `payer` reading the category
	/// tagged `tag` for `Payment`.
	fn consent_to_payment(
		patient_account: &AccountId,
		patient: PatientId,
		payer: &AccountId,
		tag: CategoryTag,
	);
	/// Anchors an encounter record of `patient` written by `author`, lets `biller` (a provider)
	/// write its category for `Treatment` (the longer way to be allowed to bill it), and returns
	/// the record's id.
	fn anchor_encounter(
		patient_account: &AccountId,
		patient: PatientId,
		author: &AccountId,
		biller: &AccountId,
	) -> RecordId;
	/// Sets the chain's clock to `now` (milliseconds since the Unix epoch).
	fn set_now(now: Moment);
}

// FRAME's expansion of `#[pallet::pallet]`, storage and errors calls `expect` on values it
// has just built.
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

		/// The clock (the Timestamp pallet in the runtime): today is its day.
		type Time: Time<Moment = Moment>;

		/// Who patients are.
		type Patients: PatientRegistry<Self::AccountId>;

		/// Who holds which credential.
		type Credentials: CredentialInspect<Self::AccountId>;

		/// The access decision (the Consent pallet in the runtime).
		type AccessPolicy: AccessPolicy<Self::AccountId>;

		/// The anchored records (the Records pallet in the runtime).
		type Records: RecordInspect<Self::AccountId>;

		/// Held from the payer for each coverage it registers, until the coverage is removed.
		#[pallet::constant]
		type CoverageDeposit: Get<BalanceOf<Self>>;

		/// Held from the provider for each claim it submits, until the claim is cleared.
		#[pallet::constant]
		type ClaimDeposit: Get<BalanceOf<Self>>;

		/// The most coverages one patient may have stored.
		#[pallet::constant]
		type MaxCoveragesPerPatient: Get<u32>;

		/// The most claims one patient may have stored.
		#[pallet::constant]
		type MaxClaimsPerPatient: Get<u32>;

		/// The most claims one provider may have stored for one patient.
		#[pallet::constant]
		type MaxClaimsPerProvider: Get<u32>;

		/// How many times one claim may be appealed.
		#[pallet::constant]
		type MaxAppeals: Get<u32>;

		/// How long after a decision its provider may appeal it, in milliseconds.
		#[pallet::constant]
		type AppealWindow: Get<Moment>;

		/// How many days after the service date a claim may still be submitted (the payers'
		/// timely filing limit).
		#[pallet::constant]
		type TimelyFilingDays: Get<Day>;

		/// Weights of this pallet's calls, generated by its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up patients, credentials, consents and records for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for one coverage, held from its payer.
		CoverageDeposit,
		/// The deposit for one claim, held from its provider.
		ClaimDeposit,
	}

	/// The id the next coverage gets.
	#[pallet::storage]
	pub type NextCoverageId<T: Config> = StorageValue<_, CoverageId, ValueQuery>;

	/// Coverages, by id.
	#[pallet::storage]
	pub type Coverages<T: Config> = StorageMap<_, Twox64Concat, CoverageId, CoverageOf<T>>;

	/// How many coverages each patient has stored, at most
	/// [`Config::MaxCoveragesPerPatient`]; absent when none.
	#[pallet::storage]
	pub type CoverageCount<T: Config> = StorageMap<_, Twox64Concat, PatientId, u32>;

	/// The id the next claim gets. Whitelisted in the benchmarks: a block touches it once from
	/// the database however many claims it stores (later reads and writes stay in the block's
	/// overlay), so `on_initialize` charges that one read and write for every block and
	/// `submit` and `replace` are not charged for it again.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type NextClaimId<T: Config> = StorageValue<_, ClaimId, ValueQuery>;

	/// Claims, by id.
	#[pallet::storage]
	pub type Claims<T: Config> = StorageMap<_, Twox64Concat, ClaimId, ClaimOf<T>>;

	/// The per-patient index of stored claims. Apps page through it with
	/// `ClaimsApi::claims_of`.
	#[pallet::storage]
	pub type ClaimsOf<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PatientId, Twox64Concat, ClaimId, ()>;

	/// How many entries each patient has in [`ClaimsOf`], at most
	/// [`Config::MaxClaimsPerPatient`]; absent when none.
	#[pallet::storage]
	pub type ClaimCount<T: Config> = StorageMap<_, Twox64Concat, PatientId, u32>;

	/// How many claims each provider has stored for each patient, at most
	/// [`Config::MaxClaimsPerProvider`]: no one provider can fill a patient's bound of
	/// [`Config::MaxClaimsPerPatient`]. Absent when none.
	#[pallet::storage]
	pub type ClaimsByProvider<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PatientId, Blake2_128Concat, T::AccountId, u32>;

	/// The duplicate keys of stored claims that still stand (not voided, not replaced), per payer
	/// and per provider: the claim that holds each. The provider is part of the key's recipe, so
	/// two providers never share a key honestly; keeping the provider in the index means no
	/// provider can block another's claim by copying its key out of the transaction pool.
	#[pallet::storage]
	pub type DuplicateKeys<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		(T::AccountId, H256),
		ClaimId,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A payer registered a patient's coverage.
		CoverageRegistered {
			coverage_id: CoverageId,
			patient_id: PatientId,
			payer: T::AccountId,
			valid_from: Day,
			valid_until: Day,
		},
		/// A payer ended a coverage: `valid_until` is its new last day.
		CoverageEnded { coverage_id: CoverageId, patient_id: PatientId, valid_until: Day },
		/// An ended coverage that no claim names left storage; its deposit returned.
		CoverageRemoved { coverage_id: CoverageId, patient_id: PatientId },
		/// A provider submitted a claim.
		ClaimSubmitted {
			claim_id: ClaimId,
			patient_id: PatientId,
			provider: T::AccountId,
			payer: T::AccountId,
			coverage_id: CoverageId,
			encounter_id: RecordId,
			billed: Money,
		},
		/// A provider replaced claim `original` by claim `claim_id`, billing `billed`, before
		/// adjudication.
		ClaimReplaced { claim_id: ClaimId, original: ClaimId, patient_id: PatientId, billed: Money },
		/// A provider voided a claim before adjudication.
		ClaimVoided { claim_id: ClaimId, patient_id: PatientId },
		/// The payer decided a claim.
		ClaimAdjudicated {
			claim_id: ClaimId,
			patient_id: PatientId,
			outcome: Outcome,
			allowed: Amount,
			patient_responsibility: Amount,
			reasons: Reasons,
		},
		/// The payer recorded a payment of `amount`, made off chain (remittance advice hashed as
		/// `remittance_hash`).
		ClaimPaid {
			claim_id: ClaimId,
			patient_id: PatientId,
			amount: Amount,
			remittance_hash: H256,
		},
		/// The provider appealed a decision.
		ClaimAppealed { claim_id: ClaimId, patient_id: PatientId, evidence_hash: H256 },
		/// A settled claim left storage; its deposit returned to its provider.
		ClaimCleared { claim_id: ClaimId, patient_id: PatientId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer does not hold a valid `Insurer` credential.
		NotInsurer,
		/// The signer does not hold a valid provider credential.
		NotProvider,
		/// The patient is unknown or has been deregistered.
		PatientNotActive,
		/// The patient has not consented to the payer reading the named category for `Payment`.
		PaymentNotConsented,
		/// A coverage must start no later than it ends.
		InvalidCoveragePeriod,
		/// A coverage can only be ended from today on, within its period and before its current
		/// last day.
		InvalidCoverageEnd,
		/// No coverage has this id.
		UnknownCoverage,
		/// The signer is neither the coverage's payer nor the patient or a live delegate.
		NotCoveragePayer,
		/// The patient still consents to the payer for payment under the coverage's billing tag:
		/// withdraw that consent first.
		PaymentStillConsented,
		/// The coverage has not ended yet, or a stored claim still names it.
		CoverageInUse,
		/// The patient already has `MaxCoveragesPerPatient` coverages stored.
		TooManyCoverages,
		/// An amount must be more than zero.
		ZeroAmount,
		/// A currency code is three upper-case letters (ISO 4217).
		InvalidCurrency,
		/// The service date is after today.
		ServiceDateInFuture,
		/// The service date is older than the timely filing limit.
		TimelyFilingExpired,
		/// The coverage is another patient's.
		CoverageOfAnotherPatient,
		/// The coverage is not held by the payer the claim names.
		CoverageNotHeldByPayer,
		/// The coverage is not active on the service date.
		CoverageNotActive,
		/// The payer no longer holds a valid `Insurer` credential.
		PayerNotInsurer,
		/// No stored record has the encounter's id.
		UnknownEncounter,
		/// The encounter record is another patient's.
		EncounterOfAnotherPatient,
		/// The signer neither wrote the encounter record nor may write it.
		NotPermittedToBill,
		/// A stored claim to the same payer holds this duplicate key.
		DuplicateClaim,
		/// The patient already has `MaxClaimsPerPatient` claims stored.
		TooManyClaims,
		/// The provider already has `MaxClaimsPerProvider` claims stored for this patient.
		TooManyClaimsByProvider,
		/// The signer cannot pay the deposit.
		InsufficientDeposit,
		/// Ids are exhausted.
		IdOverflow,
		/// No claim has this id.
		UnknownClaim,
		/// The signer is not the claim's provider.
		NotClaimProvider,
		/// The signer is not the claim's payer.
		NotClaimPayer,
		/// Only a claim not yet adjudicated may be voided or replaced.
		NotPending,
		/// The claim is not awaiting a decision (submitted, or appealed).
		NotAwaitingAdjudication,
		/// The amounts do not fit the outcome: allowed at most billed, the patient's share at
		/// most allowed; `Approved` allows something, `Partial` something less than billed,
		/// `Denied` nothing.
		InvalidAdjudication,
		/// A `Partial` or `Denied` decision must give at least one reason.
		ReasonRequired,
		/// A reason is given twice.
		DuplicateReason,
		/// A decision after an appeal may not leave less to pay than was already paid.
		BelowAmountPaid,
		/// The claim is not decided with something left to pay.
		NotPayable,
		/// The payments would exceed what the decision left to pay.
		PaymentExceedsPayable,
		/// Only a `Denied` or `Partial` decision may be appealed.
		NotAppealable,
		/// The appeal window of the decision has closed.
		AppealWindowClosed,
		/// The claim was already appealed `MaxAppeals` times.
		TooManyAppeals,
		/// The claim is not settled, or its service date is still within the filing window.
		NotSettled,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			// The block's one database read and write of `NextClaimId` (see [`NextClaimId`]).
			T::DbWeight::get().reads_writes(1, 1)
		}

		fn integrity_test() {
			assert!(T::MaxClaimsPerPatient::get() > 0, "a patient must be able to hold a claim");
			assert!(
				T::MaxClaimsPerProvider::get() > 0
					&& T::MaxClaimsPerProvider::get() <= T::MaxClaimsPerPatient::get(),
				"a provider's bound must leave room within the patient's"
			);
			assert!(T::MaxCoveragesPerPatient::get() > 0, "a patient must be able to be covered");
			assert!(T::TimelyFilingDays::get() > 0, "claims must be submittable after the care");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the coverage of `patient_id` by the signer, under the plan hashed as
		/// `plan_hash`, from day `valid_from` to day `valid_until` inclusive.
		///
		/// - origin: an `Insurer` the patient consented to for `Payment` on the category tagged
		///   `billing_tag`; holds `CoverageDeposit` from it.
		///
		/// Emits `CoverageRegistered`. Errors: `NotInsurer`, `PatientNotActive`,
		/// `InvalidCoveragePeriod`, `PaymentNotConsented`, `TooManyCoverages`,
		/// `InsufficientDeposit`, `IdOverflow`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_coverage())]
		pub fn register_coverage(
			origin: OriginFor<T>,
			patient_id: PatientId,
			plan_hash: H256,
			valid_from: Day,
			valid_until: Day,
			billing_tag: CategoryTag,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			ensure!(
				T::Credentials::is_valid(&payer, CredentialKind::Insurer),
				Error::<T>::NotInsurer
			);
			ensure!(T::Patients::is_active(patient_id), Error::<T>::PatientNotActive);
			ensure!(valid_from <= valid_until, Error::<T>::InvalidCoveragePeriod);
			Self::ensure_payment_consent(patient_id, &payer, billing_tag)?;
			let count = CoverageCount::<T>::get(patient_id)
				.unwrap_or(0)
				.checked_add(1)
				.filter(|count| *count <= T::MaxCoveragesPerPatient::get())
				.ok_or(Error::<T>::TooManyCoverages)?;
			let coverage_id =
				next_id::<NextCoverageId<T>, CoverageId>().ok_or(Error::<T>::IdOverflow)?;
			let deposit = T::CoverageDeposit::get();
			hold_deposit::<_, T::Currency>(&HoldReason::CoverageDeposit.into(), &payer, deposit)
				.map_err(|_| Error::<T>::InsufficientDeposit)?;
			CoverageCount::<T>::insert(patient_id, count);
			Coverages::<T>::insert(
				coverage_id,
				Coverage {
					patient_id,
					payer: payer.clone(),
					plan_hash,
					valid_from,
					valid_until,
					billing_tag,
					claims: 0,
					deposit,
				},
			);
			Self::deposit_event(Event::CoverageRegistered {
				coverage_id,
				patient_id,
				payer,
				valid_from,
				valid_until,
			});
			Ok(())
		}

		/// Ends coverage `coverage_id` early: `valid_until` becomes its last day. Not
		/// retroactive: the new last day is today or later (and within the period); claims for
		/// care up to it stay possible, and claims already submitted stand.
		///
		/// - origin: the coverage's payer, still a valid `Insurer`.
		///
		/// Emits `CoverageEnded`. Errors: `UnknownCoverage`, `NotCoveragePayer`, `NotInsurer`,
		/// `InvalidCoverageEnd`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::end_coverage())]
		pub fn end_coverage(
			origin: OriginFor<T>,
			coverage_id: CoverageId,
			valid_until: Day,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			let mut coverage =
				Coverages::<T>::get(coverage_id).ok_or(Error::<T>::UnknownCoverage)?;
			ensure!(coverage.payer == payer, Error::<T>::NotCoveragePayer);
			ensure!(
				T::Credentials::is_valid(&payer, CredentialKind::Insurer),
				Error::<T>::NotInsurer
			);
			ensure!(
				valid_until >= Self::today()
					&& valid_until >= coverage.valid_from
					&& valid_until < coverage.valid_until,
				Error::<T>::InvalidCoverageEnd
			);
			coverage.valid_until = valid_until;
			let patient_id = coverage.patient_id;
			Coverages::<T>::insert(coverage_id, coverage);
			Self::deposit_event(Event::CoverageEnded { coverage_id, patient_id, valid_until });
			Ok(())
		}

		/// Removes coverage `coverage_id` when no stored claim names it; its deposit returns to
		/// the payer. The payer removes it once it has ended (its last day is before today); the
		/// patient (or a live delegate) removes it once it has withdrawn the payer's consent for
		/// payment under the coverage's billing tag, so an insurer it no longer chooses cannot
		/// keep its coverage slots.
		///
		/// - origin: the coverage's payer (no credential needed to clean up), or the patient or a
		///   live delegate.
		///
		/// Emits `CoverageRemoved`. Errors: `UnknownCoverage`, `NotCoveragePayer`,
		/// `CoverageInUse`, `PaymentStillConsented`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_coverage())]
		pub fn remove_coverage(origin: OriginFor<T>, coverage_id: CoverageId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let coverage = Coverages::<T>::get(coverage_id).ok_or(Error::<T>::UnknownCoverage)?;
			if coverage.payer == who {
				ensure!(
					coverage.valid_until < Self::today() && coverage.claims == 0,
					Error::<T>::CoverageInUse
				);
			} else {
				ensure!(
					T::Patients::is_patient_or_delegate(coverage.patient_id, &who),
					Error::<T>::NotCoveragePayer
				);
				ensure!(coverage.claims == 0, Error::<T>::CoverageInUse);
				ensure!(
					Self::ensure_payment_consent(
						coverage.patient_id,
						&coverage.payer,
						coverage.billing_tag
					)
					.is_err(),
					Error::<T>::PaymentStillConsented
				);
			}
			return_deposit::<_, T::Currency>(
				&HoldReason::CoverageDeposit.into(),
				&coverage.payer,
				coverage.deposit,
			);
			Coverages::<T>::remove(coverage_id);
			CoverageCount::<T>::mutate_exists(coverage.patient_id, |count| {
				*count = count.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
			});
			Self::deposit_event(Event::CoverageRemoved {
				coverage_id,
				patient_id: coverage.patient_id,
			});
			Ok(())
		}

		/// Submits a claim of `patient_id` to `payer` under coverage `coverage_id`, for the
		/// encounter documented in record `encounter_id`: the claim bundle hashed as
		/// `claim_hash`, `billed` in minor units of a currency, care given on `service_date`,
		/// the provider's `duplicate_key`, and `billing_tag`, the patient's tag under which it
		/// consented to the payer for `Payment`. The crate docs list every check.
		///
		/// - origin: a provider who wrote the encounter or may write it; holds `ClaimDeposit`.
		///
		/// Emits `ClaimSubmitted`. Errors: `NotProvider`, `PatientNotActive`, `ZeroAmount`,
		/// `InvalidCurrency`, `ServiceDateInFuture`, `TimelyFilingExpired`, `UnknownCoverage`,
		/// `CoverageOfAnotherPatient`, `CoverageNotHeldByPayer`, `CoverageNotActive`,
		/// `PayerNotInsurer`, `UnknownEncounter`, `EncounterOfAnotherPatient`,
		/// `NotPermittedToBill`, `PaymentNotConsented`, `DuplicateClaim`, `TooManyClaims`,
		/// `TooManyClaimsByProvider`, `InsufficientDeposit`, `IdOverflow`.
		///
		/// ## Complexity
		/// O(1). Charged for a hospital (the last of [`PROVIDERS`] read) billing an encounter
		/// another clinician wrote; refunds the credential kinds not read and, for an encounter
		/// the provider wrote itself, the consent it need not read.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::submit(PROVIDERS.len() as u32))]
		pub fn submit(
			origin: OriginFor<T>,
			patient_id: PatientId,
			payer: T::AccountId,
			coverage_id: CoverageId,
			encounter_id: RecordId,
			claim_hash: H256,
			billed: Money,
			service_date: Day,
			duplicate_key: H256,
			billing_tag: CategoryTag,
		) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			let FirstHeld { kind, lookups } = T::Credentials::first_held(&provider, &PROVIDERS);
			ensure!(kind.is_some(), Error::<T>::NotProvider);
			let claim = Claim {
				patient_id,
				provider: provider.clone(),
				payer: payer.clone(),
				coverage_id,
				encounter_id,
				claim_hash,
				billed,
				service_date,
				duplicate_key,
				billing_tag,
				submitted_at: T::Time::now(),
				replaces: None,
				status: ClaimStatus::Submitted,
				decision: None,
				appeals: 0,
				paid: 0,
				deposit: T::ClaimDeposit::get(),
			};
			let right = Self::ensure_billable(&claim)?;
			ensure!(
				!DuplicateKeys::<T>::contains_key(&payer, (&provider, duplicate_key)),
				Error::<T>::DuplicateClaim
			);
			let claim_id = Self::store(claim)?;
			Self::deposit_event(Event::ClaimSubmitted {
				claim_id,
				patient_id,
				provider,
				payer,
				coverage_id,
				encounter_id,
				billed,
			});
			Ok(Some(Self::submit_weight(lookups, right)).into())
		}

		/// Replaces claim `claim_id`, not yet adjudicated, by a new claim for the same patient,
		/// payer, coverage, encounter and service date, with the bundle hashed as `claim_hash`,
		/// `billed` and `duplicate_key` (X12 claim frequency 7). The replacement is checked as a
		/// new submission would be, now (a patient who withdrew the payer's consent, or a payer
		/// that lost its credential, is not billed again). The original becomes `Replaced { by }`
		/// and may be cleared at once; the new claim holds the duplicate key (which may be the
		/// original's) and its own deposit.
		///
		/// - origin: the claim's provider, still a provider.
		///
		/// Emits `ClaimReplaced`. Errors: `UnknownClaim`, `NotClaimProvider`, `NotProvider`,
		/// `NotPending`, then what `submit` checks of the claim: `PatientNotActive`,
		/// `ZeroAmount`, `InvalidCurrency`, `TimelyFilingExpired`, `UnknownCoverage`,
		/// `CoverageNotActive`, `PayerNotInsurer`, `UnknownEncounter`, `NotPermittedToBill`,
		/// `PaymentNotConsented`; and `DuplicateClaim`, `TooManyClaims`,
		/// `TooManyClaimsByProvider`, `InsufficientDeposit`, `IdOverflow`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::replace())]
		pub fn replace(
			origin: OriginFor<T>,
			claim_id: ClaimId,
			claim_hash: H256,
			billed: Money,
			duplicate_key: H256,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			let mut original = Self::claim_of_provider(claim_id, &provider)?;
			ensure!(original.status == ClaimStatus::Submitted, Error::<T>::NotPending);
			let replacement = Claim {
				claim_hash,
				billed,
				duplicate_key,
				submitted_at: T::Time::now(),
				replaces: Some(claim_id),
				deposit: T::ClaimDeposit::get(),
				..original.clone()
			};
			// A replacement is a new submission: everything `submit` checks holds for it now.
			Self::ensure_billable(&replacement)?;
			ensure!(
				DuplicateKeys::<T>::get(&original.payer, (&provider, duplicate_key))
					.is_none_or(|holder| holder == claim_id),
				Error::<T>::DuplicateClaim
			);
			// The original's key goes before the replacement's is written, as the two may be one.
			DuplicateKeys::<T>::remove(&original.payer, (&provider, original.duplicate_key));
			let new_id = Self::store(replacement)?;
			// No failure beyond this point.
			original.status = ClaimStatus::Replaced { by: new_id };
			let patient_id = original.patient_id;
			Claims::<T>::insert(claim_id, original);
			Self::deposit_event(Event::ClaimReplaced {
				claim_id: new_id,
				original: claim_id,
				patient_id,
				billed,
			});
			Ok(())
		}

		/// Voids claim `claim_id`, not yet adjudicated (X12 claim frequency 8). Its duplicate
		/// key is released, so a corrected claim for the same service can be submitted.
		///
		/// - origin: the claim's provider, still a provider.
		///
		/// Emits `ClaimVoided`. Errors: `UnknownClaim`, `NotClaimProvider`, `NotProvider`,
		/// `NotPending`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::void())]
		pub fn void(origin: OriginFor<T>, claim_id: ClaimId) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			let mut claim = Self::claim_of_provider(claim_id, &provider)?;
			ensure!(claim.status == ClaimStatus::Submitted, Error::<T>::NotPending);
			DuplicateKeys::<T>::remove(&claim.payer, (&provider, claim.duplicate_key));
			claim.status = ClaimStatus::Voided;
			let patient_id = claim.patient_id;
			Claims::<T>::insert(claim_id, claim);
			Self::deposit_event(Event::ClaimVoided { claim_id, patient_id });
			Ok(())
		}

		/// Decides claim `claim_id`, submitted or appealed: `outcome`, the `allowed` amount (of
		/// the billed one, in its currency), the `patient_responsibility` within it, and the
		/// `reasons` for what was not allowed (at least one for `Partial` and `Denied`, none
		/// twice).
		///
		/// - origin: the claim's payer, still a valid `Insurer`.
		///
		/// Emits `ClaimAdjudicated`. Errors: `UnknownClaim`, `NotClaimPayer`, `NotInsurer`,
		/// `NotAwaitingAdjudication`, `InvalidAdjudication`, `ReasonRequired`,
		/// `DuplicateReason`, `BelowAmountPaid`.
		///
		/// ## Complexity
		/// O(r) in the reasons, bounded by `MAX_REASONS`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::adjudicate())]
		pub fn adjudicate(
			origin: OriginFor<T>,
			claim_id: ClaimId,
			outcome: Outcome,
			allowed: Amount,
			patient_responsibility: Amount,
			reasons: Reasons,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			let mut claim = Self::claim_of_payer(claim_id, &payer)?;
			ensure!(
				matches!(claim.status, ClaimStatus::Submitted | ClaimStatus::Appealed { .. }),
				Error::<T>::NotAwaitingAdjudication
			);
			let billed = claim.billed.amount;
			let fits = allowed <= billed
				&& patient_responsibility <= allowed
				&& match outcome {
					Outcome::Approved => allowed > 0,
					Outcome::Partial => allowed > 0 && allowed < billed,
					Outcome::Denied => allowed == 0,
				};
			ensure!(fits, Error::<T>::InvalidAdjudication);
			match ensure_distinct(&reasons) {
				Ok(()) => {},
				Err(ListError::Empty) => {
					ensure!(outcome == Outcome::Approved, Error::<T>::ReasonRequired)
				},
				Err(ListError::Duplicate) => return Err(Error::<T>::DuplicateReason.into()),
			}
			let payable = allowed.saturating_sub(patient_responsibility);
			ensure!(payable >= claim.paid, Error::<T>::BelowAmountPaid);
			claim.decision = Some(Decision { outcome, payable, at: T::Time::now() });
			claim.status = ClaimStatus::Adjudicated {
				outcome,
				allowed,
				patient_responsibility,
				reasons: reasons.clone(),
			};
			let patient_id = claim.patient_id;
			Claims::<T>::insert(claim_id, claim);
			Self::deposit_event(Event::ClaimAdjudicated {
				claim_id,
				patient_id,
				outcome,
				allowed,
				patient_responsibility,
				reasons,
			});
			Ok(())
		}

		/// Records a payment of `amount` on claim `claim_id`, made off chain and described by
		/// the remittance advice hashed as `remittance_hash`. The payments recorded on a claim
		/// never exceed what its latest decision left to pay.
		///
		/// - origin: the claim's payer, still a valid `Insurer`.
		///
		/// Emits `ClaimPaid`. Errors: `UnknownClaim`, `NotClaimPayer`, `NotInsurer`,
		/// `NotPayable`, `ZeroAmount`, `PaymentExceedsPayable`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::pay())]
		pub fn pay(
			origin: OriginFor<T>,
			claim_id: ClaimId,
			amount: Amount,
			remittance_hash: H256,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			let mut claim = Self::claim_of_payer(claim_id, &payer)?;
			let decision = match (&claim.status, claim.decision) {
				(ClaimStatus::Adjudicated { .. } | ClaimStatus::Paid { .. }, Some(decision))
					if decision.outcome != Outcome::Denied =>
				{
					decision
				},
				_ => return Err(Error::<T>::NotPayable.into()),
			};
			ensure!(decision.payable > claim.paid, Error::<T>::NotPayable);
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			let paid = claim
				.paid
				.checked_add(amount)
				.filter(|paid| *paid <= decision.payable)
				.ok_or(Error::<T>::PaymentExceedsPayable)?;
			claim.paid = paid;
			claim.status = ClaimStatus::Paid { amount, remittance_hash };
			let patient_id = claim.patient_id;
			Claims::<T>::insert(claim_id, claim);
			Self::deposit_event(Event::ClaimPaid { claim_id, patient_id, amount, remittance_hash });
			Ok(())
		}

		/// Appeals the latest decision on claim `claim_id`, a `Denied` or `Partial` one (paid
		/// or not), with the evidence hashed as `evidence_hash`; the payer adjudicates again.
		///
		/// - origin: the claim's provider, still a provider, within `AppealWindow` of the decision
		///   and at most `MaxAppeals` times per claim.
		///
		/// Emits `ClaimAppealed`. Errors: `UnknownClaim`, `NotClaimProvider`, `NotProvider`,
		/// `NotAppealable`, `AppealWindowClosed`, `TooManyAppeals`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::appeal())]
		pub fn appeal(
			origin: OriginFor<T>,
			claim_id: ClaimId,
			evidence_hash: H256,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			let mut claim = Self::claim_of_provider(claim_id, &provider)?;
			let decision = match (&claim.status, claim.decision) {
				(ClaimStatus::Adjudicated { .. } | ClaimStatus::Paid { .. }, Some(decision))
					if decision.outcome != Outcome::Approved =>
				{
					decision
				},
				_ => return Err(Error::<T>::NotAppealable.into()),
			};
			ensure!(
				T::Time::now() <= decision.at.saturating_add(T::AppealWindow::get()),
				Error::<T>::AppealWindowClosed
			);
			ensure!(claim.appeals < T::MaxAppeals::get(), Error::<T>::TooManyAppeals);
			claim.appeals = claim.appeals.saturating_add(1);
			claim.status = ClaimStatus::Appealed { evidence_hash };
			let patient_id = claim.patient_id;
			Claims::<T>::insert(claim_id, claim);
			Self::deposit_event(Event::ClaimAppealed { claim_id, patient_id, evidence_hash });
			Ok(())
		}

		/// Removes claim `claim_id` from storage; its deposit returns to its provider. Anyone may
		/// clear a claim that is voided or replaced (it holds no duplicate key), or settled
		/// (decided and paid in full with no appeal left: approved, appeals used up, or the appeal
		/// window closed) once its service date is older than the filing window, after which its
		/// key is no longer needed. The claim's provider may also clear any of its claims once
		/// the service date is older than the filing window and the appeal window together: a
		/// claim the payer left undecided or unpaid that long (a payer that lost its credential
		/// can do neither) is written off on chain, and the dispute goes on off chain.
		///
		/// - origin: anyone; the claim's provider for a claim not settled.
		///
		/// Emits `ClaimCleared`. Errors: `UnknownClaim`, `NotSettled`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::clear())]
		pub fn clear(origin: OriginFor<T>, claim_id: ClaimId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::UnknownClaim)?;
			ensure!(Self::may_clear(&claim, &who), Error::<T>::NotSettled);
			return_deposit::<_, T::Currency>(
				&HoldReason::ClaimDeposit.into(),
				&claim.provider,
				claim.deposit,
			);
			let key = (&claim.provider, claim.duplicate_key);
			if DuplicateKeys::<T>::get(&claim.payer, key) == Some(claim_id) {
				DuplicateKeys::<T>::remove(&claim.payer, key);
			}
			Coverages::<T>::mutate(claim.coverage_id, |coverage| {
				if let Some(coverage) = coverage {
					coverage.claims = coverage.claims.saturating_sub(1);
				}
			});
			Claims::<T>::remove(claim_id);
			ClaimsOf::<T>::remove(claim.patient_id, claim_id);
			ClaimCount::<T>::mutate_exists(claim.patient_id, |count| {
				*count = count.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
			});
			ClaimsByProvider::<T>::mutate_exists(claim.patient_id, &claim.provider, |count| {
				*count = count.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
			});
			Self::deposit_event(Event::ClaimCleared { claim_id, patient_id: claim.patient_id });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Today, as the day of the chain's clock.
	pub fn today() -> Day {
		day_of(T::Time::now())
	}

	/// What `ClaimsApi::claim_status` answers.
	pub fn claim_status(claim_id: ClaimId) -> Option<ClaimStatus> {
		Claims::<T>::get(claim_id).map(|claim| claim.status)
	}

	/// One page of `patient_id`'s claims: at most `max` ids (capped at [`MAX_PAGE`]), after
	/// `after` (or from the start), in storage order; an empty page means the end. What
	/// `ClaimsApi::claims_of` answers.
	pub fn claims_of(patient_id: PatientId, after: Option<ClaimId>, max: u32) -> Vec<ClaimId> {
		let max = max.min(MAX_PAGE) as usize;
		match after {
			None => ClaimsOf::<T>::iter_key_prefix(patient_id).take(max).collect(),
			Some(after) => ClaimsOf::<T>::iter_key_prefix_from(
				patient_id,
				ClaimsOf::<T>::hashed_key_for(patient_id, after),
			)
			.take(max)
			.collect(),
		}
	}

	/// Whether `claim` may be submitted now, as `submit` and `replace` check it (the crate docs
	/// list the checks; the provider's credential and the duplicate key are the callers').
	fn ensure_billable(claim: &ClaimOf<T>) -> Result<BillingRight, DispatchError> {
		ensure!(T::Patients::is_active(claim.patient_id), Error::<T>::PatientNotActive);
		Self::ensure_money(&claim.billed)?;
		let today = Self::today();
		ensure!(claim.service_date <= today, Error::<T>::ServiceDateInFuture);
		ensure!(
			claim.service_date.saturating_add(T::TimelyFilingDays::get()) >= today,
			Error::<T>::TimelyFilingExpired
		);
		let coverage = Coverages::<T>::get(claim.coverage_id).ok_or(Error::<T>::UnknownCoverage)?;
		ensure!(coverage.patient_id == claim.patient_id, Error::<T>::CoverageOfAnotherPatient);
		ensure!(coverage.payer == claim.payer, Error::<T>::CoverageNotHeldByPayer);
		ensure!(coverage.covers(claim.service_date), Error::<T>::CoverageNotActive);
		ensure!(
			T::Credentials::is_valid(&claim.payer, CredentialKind::Insurer),
			Error::<T>::PayerNotInsurer
		);
		let right = Self::ensure_may_bill(claim.patient_id, &claim.provider, claim.encounter_id)?;
		Self::ensure_payment_consent(claim.patient_id, &claim.payer, claim.billing_tag)?;
		Ok(right)
	}

	/// What a submission that found the provider's credential after `lookups` and billed by
	/// `right` cost: `submit(k)` for the kinds read, less the consent read an author skips.
	fn submit_weight(lookups: Lookups, right: BillingRight) -> Weight {
		let weight =
			refund_lookups(T::WeightInfo::submit(lookups.listed), T::WeightInfo::submit, lookups);
		match right {
			BillingRight::Authored => weight.saturating_sub(T::DbWeight::get().reads(1)),
			BillingRight::Consented => weight,
		}
	}

	/// Whether `who` may clear `claim` now (see [`clear`](Pallet::clear)).
	fn may_clear(claim: &ClaimOf<T>, who: &T::AccountId) -> bool {
		let (now, today) = (T::Time::now(), Self::today());
		let filed_until = claim.service_date.saturating_add(T::TimelyFilingDays::get());
		match claim.status {
			ClaimStatus::Voided | ClaimStatus::Replaced { .. } => true,
			_ if claim.is_settled(now, T::AppealWindow::get(), T::MaxAppeals::get()) => {
				filed_until < today
			},
			_ => {
				let appeal_days = day_of(T::AppealWindow::get());
				claim.provider == *who && filed_until.saturating_add(appeal_days) < today
			},
		}
	}

	/// A money amount a claim may bill: more than zero, in a well-formed currency code.
	fn ensure_money(money: &Money) -> DispatchResult {
		ensure!(money.amount > 0, Error::<T>::ZeroAmount);
		ensure!(money.currency.is_well_formed(), Error::<T>::InvalidCurrency);
		Ok(())
	}

	/// Whether `patient_id` consented to `payer` reading the category tagged `tag` for
	/// `Payment`: the one access decision, purpose included.
	fn ensure_payment_consent(
		patient_id: PatientId,
		payer: &T::AccountId,
		tag: CategoryTag,
	) -> DispatchResult {
		ensure!(
			T::AccessPolicy::check_access(patient_id, payer, tag, Access::Read, Purpose::Payment)
				.is_allowed(),
			Error::<T>::PaymentNotConsented
		);
		Ok(())
	}

	/// Why `provider` may bill for the encounter `encounter_id` of `patient_id`: the record is
	/// stored and the patient's, and the provider wrote it or (read only then) holds the
	/// patient's consent to write its category for `Treatment` now (break-glass does not count).
	fn ensure_may_bill(
		patient_id: PatientId,
		provider: &T::AccountId,
		encounter_id: RecordId,
	) -> Result<BillingRight, DispatchError> {
		let record = T::Records::record(encounter_id).ok_or(Error::<T>::UnknownEncounter)?;
		ensure!(record.patient_id == patient_id, Error::<T>::EncounterOfAnotherPatient);
		if record.author == *provider {
			return Ok(BillingRight::Authored);
		}
		// A consent, not break-glass: an emergency lets a clinician treat, not bill for what
		// others wrote (what it wrote itself under the emergency, it authored).
		let consented = matches!(
			T::AccessPolicy::check_access(
				patient_id,
				provider,
				record.category,
				Access::Write,
				Purpose::Treatment,
			),
			AccessDecision::Permitted(_)
		);
		ensure!(consented, Error::<T>::NotPermittedToBill);
		Ok(BillingRight::Consented)
	}

	/// Claim `claim_id`, if `provider` submitted it and still holds a provider credential.
	fn claim_of_provider(
		claim_id: ClaimId,
		provider: &T::AccountId,
	) -> Result<ClaimOf<T>, DispatchError> {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::UnknownClaim)?;
		ensure!(claim.provider == *provider, Error::<T>::NotClaimProvider);
		ensure!(T::Credentials::holds_any(provider, &PROVIDERS), Error::<T>::NotProvider);
		Ok(claim)
	}

	/// Claim `claim_id`, if `payer` is its payer and still holds a valid `Insurer` credential.
	fn claim_of_payer(
		claim_id: ClaimId,
		payer: &T::AccountId,
	) -> Result<ClaimOf<T>, DispatchError> {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::UnknownClaim)?;
		ensure!(claim.payer == *payer, Error::<T>::NotClaimPayer);
		ensure!(T::Credentials::is_valid(payer, CredentialKind::Insurer), Error::<T>::NotInsurer);
		Ok(claim)
	}

	/// Holds `claim`'s deposit from its provider and stores it under a new id, in its
	/// patient's index, counted for its provider and its coverage, and under its duplicate key;
	/// returns the id. On an error the call
	/// fails, and its transaction undoes what was written.
	fn store(claim: ClaimOf<T>) -> Result<ClaimId, DispatchError> {
		let count = ClaimCount::<T>::get(claim.patient_id)
			.unwrap_or(0)
			.checked_add(1)
			.filter(|count| *count <= T::MaxClaimsPerPatient::get())
			.ok_or(Error::<T>::TooManyClaims)?;
		let by_provider = ClaimsByProvider::<T>::get(claim.patient_id, &claim.provider)
			.unwrap_or(0)
			.checked_add(1)
			.filter(|count| *count <= T::MaxClaimsPerProvider::get())
			.ok_or(Error::<T>::TooManyClaimsByProvider)?;
		let claim_id = next_id::<NextClaimId<T>, ClaimId>().ok_or(Error::<T>::IdOverflow)?;
		hold_deposit::<_, T::Currency>(
			&HoldReason::ClaimDeposit.into(),
			&claim.provider,
			claim.deposit,
		)
		.map_err(|_| Error::<T>::InsufficientDeposit)?;
		ClaimCount::<T>::insert(claim.patient_id, count);
		ClaimsByProvider::<T>::insert(claim.patient_id, &claim.provider, by_provider);
		Coverages::<T>::mutate(claim.coverage_id, |coverage| {
			if let Some(coverage) = coverage {
				coverage.claims = coverage.claims.saturating_add(1);
			}
		});
		ClaimsOf::<T>::insert(claim.patient_id, claim_id, ());
		DuplicateKeys::<T>::insert(&claim.payer, (&claim.provider, claim.duplicate_key), claim_id);
		Claims::<T>::insert(claim_id, claim);
		Ok(claim_id)
	}
}
