//! # Carechain primitives
//!
//! The types that Carechain's runtime, node and pallets share. Keeping them here, rather than in
//! any one pallet, is what lets the pallets couple loosely: a pallet names a type or a trait from
//! this crate, and the runtime wires in whichever pallet provides it.
//!
//! Nothing here can carry personal or health data: ids are counters, times are milliseconds,
//! and the domain vocabularies are closed enums.

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

mod category;
mod claims;
mod shared;
mod trials;

pub use category::*;
pub use claims::*;
pub use shared::*;
pub use trials::*;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature,
};

/// The block number type: 32 bits last over 800 years at 6-second blocks.
pub type BlockNumber = u32;

/// The signature scheme of transactions: sr25519, ed25519 or ecdsa, whichever the signer uses.
pub type Signature = MultiSignature;

/// An account on chain: the public key of [`Signature`]'s signer.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Token amounts. The chain's token only pays fees and deposits; it carries no clinical meaning.
pub type Balance = u128;

/// The transaction counter of an account.
pub type Nonce = u32;

/// Block and state hashes.
pub type Hash = sp_core::H256;

/// Time as the Timestamp pallet keeps it: milliseconds since the Unix epoch.
pub type Moment = u64;

/// A patient's stable pseudonymous id; it outlives key rotations and is never reused.
pub type PatientId = u64;
/// A consent granted by (or for) a patient.
pub type ConsentId = u64;
/// One break-glass emergency access.
pub type AccessId = u64;
/// One version of an anchored record.
pub type RecordId = u64;
/// A batch of a medicinal product, or a part split from one.
pub type BatchId = u64;
/// A shipment of (part of) a batch between trading partners.
pub type ShipmentId = u64;
/// A patient's insurance coverage with one payer.
pub type CoverageId = u64;
/// An insurance claim.
pub type ClaimId = u64;

/// What a credential entitles its holder to act as.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum CredentialKind {
	Physician,
	Nurse,
	Pharmacist,
	Laboratory,
	Hospital,
	Manufacturer,
	Distributor,
	Pharmacy,
	Insurer,
	Researcher,
	Regulator,
}

impl CredentialKind {
	/// Every kind, in declaration (encoding) order.
	pub const ALL: [CredentialKind; 11] = [
		CredentialKind::Physician,
		CredentialKind::Nurse,
		CredentialKind::Pharmacist,
		CredentialKind::Laboratory,
		CredentialKind::Hospital,
		CredentialKind::Manufacturer,
		CredentialKind::Distributor,
		CredentialKind::Pharmacy,
		CredentialKind::Insurer,
		CredentialKind::Researcher,
		CredentialKind::Regulator,
	];
}

/// The category of a health record, the unit of consent. Never on chain: records, consents and
/// access events carry the patient's [`CategoryTag`] for it instead (see [`CategoryKey`]).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum RecordCategory {
	Demographics,
	Encounters,
	Conditions,
	Medications,
	Allergies,
	LabResults,
	Imaging,
	Procedures,
	Immunizations,
	ClinicalNotes,
	MentalHealth,
	Genomics,
	Billing,
}

impl RecordCategory {
	/// Every category, in declaration (encoding) order.
	pub const ALL: [RecordCategory; 13] = [
		RecordCategory::Demographics,
		RecordCategory::Encounters,
		RecordCategory::Conditions,
		RecordCategory::Medications,
		RecordCategory::Allergies,
		RecordCategory::LabResults,
		RecordCategory::Imaging,
		RecordCategory::Procedures,
		RecordCategory::Immunizations,
		RecordCategory::ClinicalNotes,
		RecordCategory::MentalHealth,
		RecordCategory::Genomics,
		RecordCategory::Billing,
	];
}

/// Why data is accessed, as consents name it (after HIPAA's treatment, payment and operations,
/// with research and public health as their own purposes).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Purpose {
	Treatment,
	Payment,
	Research,
	PublicHealth,
}

/// What a consent allows: reading records, writing (anchoring) them, or both.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Access {
	Read,
	Write,
	ReadWrite,
}

impl Access {
	/// Whether a grant of `self` covers a request for `requested`.
	pub fn covers(self, requested: Access) -> bool {
		matches!(
			(self, requested),
			(Access::ReadWrite, _) | (Access::Read, Access::Read) | (Access::Write, Access::Write)
		)
	}
}

/// What [`CredentialsApi::credential_status`] and [`CredentialInspect::status`] answer about
/// one account and one kind of credential, decided at the moment of asking.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum CredentialStatus {
	/// Active, not past `valid_until`, and its issuer is still registered for this kind.
	Valid,
	/// Past its `valid_until`.
	Expired,
	/// Suspended by its issuer; it may be reinstated.
	Suspended,
	/// Revoked; final.
	Revoked,
	/// Its issuer has been removed (or no longer issues this kind): void, whatever its state.
	IssuerRemoved,
	/// No credential of this kind was ever issued to the account (or it was cleared).
	None,
}

/// The credential check every other pallet uses to decide who may act as a provider.
/// Implemented by `pallet-credentials`; tests use small mocks.
pub trait CredentialInspect<AccountId> {
	/// The status of `who`'s credential of `kind` now.
	fn status(who: &AccountId, kind: CredentialKind) -> CredentialStatus;

	/// Whether `who` holds a valid credential of `kind` now.
	fn is_valid(who: &AccountId, kind: CredentialKind) -> bool {
		Self::status(who, kind) == CredentialStatus::Valid
	}

	/// Whether `who` holds a valid credential of at least one of `kinds` now.
	fn holds_any(who: &AccountId, kinds: &[CredentialKind]) -> bool {
		Self::first_held(who, kinds).kind.is_some()
	}

	/// The first of `kinds`, in order, that `who` holds validly now, and how many kinds were
	/// looked up to find it (all of them if none): calls charged for looking up every kind
	/// refund the rest with [`refund_lookups`].
	fn first_held(who: &AccountId, kinds: &[CredentialKind]) -> FirstHeld {
		let listed = u32::try_from(kinds.len()).unwrap_or(u32::MAX);
		match kinds.iter().position(|kind| Self::is_valid(who, *kind)) {
			Some(index) => FirstHeld {
				kind: kinds.get(index).copied(),
				lookups: Lookups {
					listed,
					made: u32::try_from(index).unwrap_or(listed).saturating_add(1),
				},
			},
			None => FirstHeld { kind: None, lookups: Lookups::all(listed) },
		}
	}
}

/// What [`CredentialInspect::first_held`] found.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FirstHeld {
	/// The first kind held validly, if any.
	pub kind: Option<CredentialKind>,
	/// How many kinds were looked up to find it.
	pub lookups: Lookups,
}

/// The patient registry every other pallet uses to tell patients, their delegates and
/// strangers apart. Implemented by `pallet-patients`; tests use small mocks.
pub trait PatientRegistry<AccountId> {
	/// The patient whose current key is `who`, if any.
	fn patient_of(who: &AccountId) -> Option<PatientId>;

	/// The current key of `patient`, if the patient is registered and not erased.
	fn account_of(patient: PatientId) -> Option<AccountId>;

	/// Whether `patient` is registered and not erased.
	fn is_active(patient: PatientId) -> bool {
		Self::account_of(patient).is_some()
	}

	/// Whether `who` is a delegate of `patient` whose delegation has not expired.
	fn is_live_delegate(patient: PatientId, who: &AccountId) -> bool;
	/// Since when `who` may act for `patient`: since it became the patient's current key, or
	/// since its live delegation began; `None` if it may not act for the patient now. What `who`
	/// did for the patient before that moment was done under an authority that has since ended
	/// (an earlier key, an earlier delegation), however the same account stands now.
	fn authority_since(patient: PatientId, who: &AccountId) -> Option<Moment>;

	/// Whether a hospital onboarded `patient` and holds its deposits (`Patients::register_for`):
	/// such a patient holds no tokens, so what it creates holds no deposit of its own.
	fn is_sponsored(_patient: PatientId) -> bool {
		false
	}

	/// Whether `who` may act for `patient`: the patient's own current key or a live delegate.
	fn is_patient_or_delegate(patient: PatientId, who: &AccountId) -> bool
	where
		AccountId: PartialEq,
	{
		Self::account_of(patient).is_some_and(|account| account == *who)
			|| Self::is_live_delegate(patient, who)
	}
}

/// Why a clinician broke the glass. A closed list: free text could carry health data.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum EmergencyReason {
	/// The patient cannot consent (unconscious, incapacitated).
	PatientUnconscious,
	/// A life-threatening condition needs treatment now.
	LifeThreatening,
	/// The patient risks serious harm without immediate access.
	ImminentHarm,
	/// Another emergency, justified in the off-chain note whose hash is recorded.
	Other,
}

/// The answer of the access decision: who may read or write which patient's records, and why.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum AccessDecision {
	/// Allowed by this consent.
	Permitted(ConsentId),
	/// Allowed by this break-glass emergency access.
	Emergency(AccessId),
	/// Not allowed.
	Denied,
}

impl AccessDecision {
	/// Whether access is allowed, by consent or emergency.
	pub fn is_allowed(&self) -> bool {
		!matches!(self, AccessDecision::Denied)
	}
}

/// The one access decision, used by every pallet that touches records and by the runtime API.
/// Implemented by `pallet-consent`.
pub trait AccessPolicy<AccountId> {
	/// May `who` have `access` to `patient`'s records of the category tagged `category` (the
	/// patient's [`CategoryTag`]) for `purpose`, now?
	fn check_access(
		patient: PatientId,
		who: &AccountId,
		category: CategoryTag,
		access: Access,
		purpose: Purpose,
	) -> AccessDecision;

	/// The most storage reads a decision for `Research` makes beyond one for another purpose
	/// (whether a study paused the consent: [`ResearchPauses`]). A call that decides a
	/// `Research` access adds them to its benchmarked weight.
	fn research_reads() -> u64 {
		0
	}
}

/// What other pallets may know of an anchored record (`pallet-claims` checks that a claim's
/// encounter is the patient's and who wrote it).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RecordFacts<AccountId> {
	/// Whose record.
	pub patient_id: PatientId,
	/// Who anchored this version.
	pub author: AccountId,
	/// The patient's tag of its category.
	pub category: CategoryTag,
}

/// Read access to anchored records, for other pallets. Implemented by `pallet-records`.
pub trait RecordInspect<AccountId> {
	/// The facts of record version `record_id`, if it is stored (anchored and not erased).
	fn record(record_id: RecordId) -> Option<RecordFacts<AccountId>>;
}

/// What [`RecordsApi::verify`] answers about a record and a content hash.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum RecordVerification {
	/// The record is the latest version and its content hash is the one given.
	Match,
	/// The record is the latest version but its content hash differs.
	Mismatch,
	/// The record was amended: this newer version replaces it.
	Superseded(RecordId),
	/// The record was erased.
	Erased,
	/// No record has this id.
	Unknown,
}

/// A GS1 GTIN-14, as 14 ASCII digits.
pub type Gtin = [u8; 14];

/// What [`SupplyChainApi::verify_unit`] reports for an authentic pack.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct UnitStatus {
	/// The batch the lot was commissioned as (the root of its splits).
	pub batch_id: BatchId,
	/// When the lot expires (Timestamp milliseconds).
	pub expires_on: Moment,
}

/// What [`SupplyChainApi::verify_unit`] answers about one pack.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum UnitVerification {
	/// The serial belongs to the lot, which is neither recalled, quarantined nor expired.
	Authentic(UnitStatus),
	/// The lot, or a batch split from it, is recalled.
	Recalled,
	/// The lot has expired.
	Expired,
	/// The lot, or a batch split from it, is quarantined for investigation.
	Quarantined,
	/// No such product and lot was commissioned.
	Unknown,
	/// The proof does not tie the serial to the lot's serial-number root.
	InvalidProof,
}

/// A Merkle proof that a serial number is a leaf of a lot's serial-number tree (see
/// `pallet-supply-chain` for the tree and leaf encoding).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct SerialProof {
	/// The position of the serial among the lot's serials, from 0.
	pub leaf_index: u32,
	/// How many serials the lot has.
	pub number_of_leaves: u32,
	/// The sibling hashes from the leaf up to the root.
	pub items: sp_runtime::Vec<sp_core::H256>,
}

/// What [`PatientQuotaApi::quota`] answers.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct QuotaStatus {
	/// Fee-free calls left to the patient and their delegates in this period.
	pub remaining: u32,
	/// The block at which the quota renews.
	pub renews_at: BlockNumber,
}

sp_api::decl_runtime_apis! {
	/// Read-only answers about provider credentials, for apps.
	pub trait CredentialsApi<AccountId>
	where
		AccountId: codec::Codec,
	{
		/// The status of `who`'s credential of `kind` at this block.
		fn credential_status(who: AccountId, kind: CredentialKind) -> CredentialStatus;
	}

	/// The access decision, for apps: what `Records` would decide for the same question.
	///
	/// Version 2 added [`check_access_for`](ConsentApi::check_access_for), the decision for one
	/// purpose, which is what `Records` decides; `check_access` stays for apps written against
	/// version 1. Version 3 names the category by the patient's [`CategoryTag`] instead of a
	/// [`RecordCategory`] in both (the category never goes on chain, nor into a node's RPC logs).
	#[api_version(3)]
	pub trait ConsentApi<AccountId>
	where
		AccountId: codec::Codec,
	{
		/// May `who` have `access` to `patient_id`'s records of the category tagged `category` at
		/// this block, for some purpose: the first consent to `who` that covers it, whatever its purpose, or an
		/// emergency access. To decide a read or write, ask [`check_access_for`] with the purpose.
		///
		/// [`check_access_for`]: ConsentApi::check_access_for
		fn check_access(
			patient_id: PatientId,
			who: AccountId,
			category: CategoryTag,
			access: Access,
		) -> AccessDecision;

		/// May `who` have `access` to `patient_id`'s records of the category tagged `category`
		/// for `purpose` at this block: the decision `Records` makes (break-glass answers for
		/// `Treatment` only).
		fn check_access_for(
			patient_id: PatientId,
			who: AccountId,
			category: CategoryTag,
			access: Access,
			purpose: Purpose,
		) -> AccessDecision;
	}

	/// Verification of anchored records, for apps.
	pub trait RecordsApi {
		/// Does `content_hash` match record `record_id`, and is it still the current version?
		fn verify(record_id: RecordId, content_hash: sp_core::H256) -> RecordVerification;

		/// One page of a patient's live record versions: at most `max` ids (capped at 1,000),
		/// after `after` (or from the start), in storage order; an empty page is the end.
		fn records_of(
			patient_id: PatientId,
			after: Option<RecordId>,
			max: u32,
		) -> sp_runtime::Vec<RecordId>;
	}

	/// The fee-free calls a patient has left, for apps (`pallet-patient-quota`).
	pub trait PatientQuotaApi {
		/// How many fee-free calls `patient_id` (with its delegates) has left in this period, and
		/// when the quota renews.
		fn quota(patient_id: PatientId) -> QuotaStatus;
	}

	/// Where insurance claims stand, for providers, payers and patients (`pallet-claims`).
	pub trait ClaimsApi {
		/// The status of claim `claim_id`, or `None` if no claim has this id (never submitted,
		/// or cleared once final).
		fn claim_status(claim_id: ClaimId) -> Option<ClaimStatus>;

		/// One page of a patient's claims: at most `max` ids (capped at 1,000), after `after`
		/// (or from the start), in storage order; an empty page is the end.
		fn claims_of(
			patient_id: PatientId,
			after: Option<ClaimId>,
			max: u32,
		) -> sp_runtime::Vec<ClaimId>;
	}

	/// Clinical trials and research studies, for sponsors, patients and regulators
	/// (`pallet-trials`).
	pub trait TrialsApi {
		/// Study `study_id` as it stands, or `None` if no study has this id.
		fn study(study_id: StudyId) -> Option<StudySummary>;

		/// Every protocol version of study `study_id`, oldest (version 1) first; empty if no
		/// study has this id.
		fn versions(study_id: StudyId) -> sp_runtime::Vec<ProtocolVersionInfo>;

		/// Where patient `patient_id` stands in study `study_id`, or `None` if it never
		/// consented (or cleared its participation).
		fn participation(study_id: StudyId, patient_id: PatientId) -> Option<ParticipationView>;

		/// Whether patient `patient_id` is enrolled in study `study_id` under a consent that is
		/// current: in force, and naming a version the study does not ask it to re-consent to.
		fn is_enrolled_current(study_id: StudyId, patient_id: PatientId) -> bool;

		/// Whether study `study_id` is late with its results: ended more than a year ago
		/// without committing them. `None` if no study has this id.
		fn results_overdue(study_id: StudyId) -> Option<bool>;

		/// Whether the outcomes study `study_id` reported differ from those it pre-specified at
		/// registration (outcome switching); `None` if no study has this id or it has not
		/// reported yet.
		fn outcomes_switched(study_id: StudyId) -> Option<bool>;

		/// The studies patient `patient_id` takes part in (or took part in and has not cleared).
		fn studies_of(patient_id: PatientId) -> sp_runtime::Vec<StudyId>;
	}

	/// Verification of a single pack of medicine, for pharmacists, regulators and apps.
	pub trait SupplyChainApi {
		/// Is the pack with this GTIN, lot and serial authentic, and may it be dispensed?
		fn verify_unit(
			gtin: Gtin,
			lot: sp_runtime::Vec<u8>,
			serial: sp_runtime::Vec<u8>,
			proof: SerialProof,
		) -> UnitVerification;
	}
}

#[cfg(feature = "mock")]
pub mod mock;

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn read_write_covers_both_and_single_access_covers_only_itself() {
		assert!(Access::ReadWrite.covers(Access::Read));
		assert!(Access::ReadWrite.covers(Access::Write));
		assert!(Access::ReadWrite.covers(Access::ReadWrite));
		assert!(Access::Read.covers(Access::Read));
		assert!(!Access::Read.covers(Access::Write));
		assert!(!Access::Read.covers(Access::ReadWrite));
		assert!(Access::Write.covers(Access::Write));
		assert!(!Access::Write.covers(Access::Read));
	}

	#[test]
	fn domain_enums_encode_as_one_byte_in_declaration_order() {
		// Apps decode these by index: the order is part of the public contract.
		assert_eq!(CredentialKind::Physician.encode(), vec![0]);
		assert_eq!(CredentialKind::Regulator.encode(), vec![10]);
		assert_eq!(RecordCategory::Billing.encode(), vec![12]);
		assert_eq!(Purpose::PublicHealth.encode(), vec![3]);
		assert_eq!(CredentialKind::max_encoded_len(), 1);
		for (index, kind) in CredentialKind::ALL.iter().enumerate() {
			assert_eq!(kind.encode(), vec![index as u8], "ALL lists every kind in order");
		}
		assert_eq!(RecordCategory::max_encoded_len(), 1);
	}
}
