//! The vocabulary of clinical trials and research studies (`pallet-trials`), shared with the
//! runtime API and the apps: what kind of study, where it stands, what each protocol version
//! committed to, where a patient stands in it, and the consent facts a study relies on.
//!
//! Nothing here is health data: a study on chain is hashes (of its registry id, protocol,
//! analysis plan, outcomes, record categories and results), counts, dates and closed enums. A
//! participant is a pseudonymous patient id, the version it consented to and how many releases
//! included it.
//!
//! ## The study's categories are committed, not shown
//!
//! Every participant is linked on chain to the studies it joined, so a study's record categories
//! in clear (`MentalHealth`, `Genomics`) would tell an observer the kind of care of each
//! participant: the one thing blinded categories keep off chain. A study commits to them instead
//! and says how many there are (so a consent can be checked to name as many of the patient's
//! tags):
//!
//! ```text
//! categories_hash = blake2_256("carechain/study-categories/v1" ‖ salt ‖ SCALE Vec<u8> of the
//!                              categories' indices, ascending, each once)
//! ```
//!
//! where `salt` is 32 random bytes the sponsor publishes with the protocol, to participants and
//! reviewers (without it the 8,191 possible sets could be tried one by one). Vectors:
//! `primitives/test-vectors/study-categories.json`.

use crate::{Access, ConsentId, Day, Moment, PatientId, Purpose, RecordCategory};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

/// A registered study.
pub type StudyId = u64;

/// A protocol version of a study: 1 at registration, one more with each amendment.
pub type ProtocolVersion = u32;

/// The smallest cohort any study may release data on, whatever it registered: the CMS
/// cell-size rule (no cell of fewer than 11 people is published).
pub const MIN_COHORT_FLOOR: u32 = 11;

/// What a study does to its participants.
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
pub enum StudyKind {
	/// An interventional trial: participants receive an intervention under the protocol.
	Interventional,
	/// An observational study: data collected from care given anyway.
	Observational,
}

/// Where a study stands (the ClinicalTrials.gov overall statuses a sponsor sets).
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
pub enum StudyStatus {
	/// Registered; enrolment not yet open.
	NotYetRecruiting,
	/// Enrolling participants.
	Recruiting,
	/// Running; enrolment closed.
	Active,
	/// Ended as planned (the day is the primary completion date).
	Completed,
	/// Ended early.
	Terminated,
}

impl StudyStatus {
	/// Whether the study has ended (completed or terminated): nothing changes after but its
	/// results and its participants' own records.
	pub fn is_final(self) -> bool {
		matches!(self, Self::Completed | Self::Terminated)
	}

	/// Whether the sponsor may move a study from `self` to `to`: enrolment opens once, may close
	/// and reopen, and the study ends once, completed from enrolment or running, or terminated
	/// from any status before its end.
	pub fn may_become(self, to: Self) -> bool {
		use StudyStatus::*;
		matches!(
			(self, to),
			(NotYetRecruiting, Recruiting)
				| (Recruiting, Active)
				| (Active, Recruiting)
				| (Recruiting | Active, Completed)
				| (NotYetRecruiting | Recruiting | Active, Terminated)
		)
	}
}

/// What one protocol version committed to, by hash; versions form a chain from 1.
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
pub struct ProtocolVersionInfo {
	/// The protocol document.
	pub protocol_hash: H256,
	/// The statistical analysis plan.
	pub analysis_plan_hash: H256,
	/// The pre-specified primary and secondary outcomes.
	pub outcomes_hash: H256,
	/// Whether participants who consented to an earlier version are paused until they consent
	/// to this one (always false for version 1).
	pub reconsent_required: bool,
	/// When it was published.
	pub published_at: Moment,
}

/// What a sponsor reported at the end.
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
pub struct StudyResults {
	/// The results document.
	pub results_hash: H256,
	/// The outcomes it actually reports, hashed by the same recipe as the pre-specified ones.
	pub reported_outcomes_hash: H256,
	/// When they were committed.
	pub committed_at: Moment,
}

/// A study as `TrialsApi::study` answers it.
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
pub struct StudySummary {
	pub kind: StudyKind,
	pub status: StudyStatus,
	/// The current protocol version.
	pub version: ProtocolVersion,
	/// The oldest version a participant's consent may name without being paused.
	pub reconsent_from: ProtocolVersion,
	/// The enrolment target.
	pub target: u32,
	/// The smallest cohort a release may cover.
	pub min_cohort: u32,
	/// Patients who consented and have not withdrawn.
	pub participants: u32,
	/// Of them, enrolled.
	pub enrolled: u32,
	/// How many data releases were made.
	pub releases: u32,
	/// When it ended (completed or terminated): the primary completion date.
	pub ended_on: Option<Day>,
	/// What the sponsor reported, once it did.
	pub results: Option<StudyResults>,
}

/// Where a patient stands in a study: what `TrialsApi::participation` answers.
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
pub enum ParticipantStatus {
	/// Consented to `version`, which is current enough, not (yet) enrolled.
	Consented,
	/// Enrolled, under a consent that is current.
	Enrolled,
	/// The consent names a version older than the study's re-consent floor, or the consent it
	/// names is no longer in force: counted in no release until the patient consents again.
	Paused,
	/// The patient withdrew: its data is used no further.
	Withdrawn,
}

/// A patient's participation in a study, for the patient's own view.
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
pub struct ParticipationView {
	pub status: ParticipantStatus,
	/// The protocol version its consent names.
	pub version: ProtocolVersion,
	/// The `Consent` pallet's consent (purpose `Research`, to the sponsor) it rests on.
	pub consent_id: ConsentId,
	/// How many of the study's data releases included the patient.
	pub releases: u32,
}

/// What other pallets may know of a consent of the `Consent` pallet (`pallet-trials` checks that
/// a study participation rests on the patient's consent to the sponsor for `Research`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ConsentFacts<AccountId> {
	/// Whose records.
	pub patient_id: PatientId,
	/// Who may access them.
	pub grantee: AccountId,
	/// What for.
	pub purpose: Purpose,
	/// Read, write or both.
	pub access: Access,
	/// When it lapses, if ever.
	pub expires_at: Option<Moment>,
	/// How many category tags it names.
	pub categories: u32,
}

impl<AccountId> ConsentFacts<AccountId> {
	/// Whether it has not lapsed at `now` (a revoked consent is not stored at all).
	pub fn in_force(&self, now: Moment) -> bool {
		self.expires_at.is_none_or(|expires_at| now < expires_at)
	}
}

/// The consents of the `Consent` pallet as other pallets see them. Implemented by
/// `pallet-consent`; tests use a small mock.
pub trait ConsentLedger<AccountId> {
	/// The facts of consent `consent_id`, if it is stored (granted and not revoked).
	fn consent(consent_id: ConsentId) -> Option<ConsentFacts<AccountId>>;

	/// Revokes consent `consent_id` on behalf of `by` (the patient or a live delegate, checked
	/// by the caller), as `Consent::revoke` would: its deposit returns and `ConsentRevoked`
	/// names `by`. Nothing happens if it is no longer stored.
	fn revoke(consent_id: ConsentId, by: &AccountId);
}

/// Whether a study has paused what a consent allows. Implemented by `pallet-trials` and read
/// by `pallet-consent`'s decision: a consent for `Research` permits nothing while a study
/// participation resting on it names a protocol version older than the study's re-consent
/// floor, so a sponsor reads no record of a participant it has paused until the patient consents
/// to the new version. `()` pauses nothing.
pub trait ResearchPauses {
	/// Has a study paused the research use of consent `consent_id`?
	fn is_paused(consent_id: ConsentId) -> bool;

	/// The most storage reads [`Self::is_paused`] makes over `consents` of one patient's
	/// consents (the participations they back are bounded per patient), for the weights of
	/// calls that decide a `Research` access.
	fn max_reads(consents: u32) -> u64;
}

impl ResearchPauses for () {
	fn is_paused(_: ConsentId) -> bool {
		false
	}

	fn max_reads(_: u32) -> u64 {
		0
	}
}

/// The domain of [`study_categories_hash`].
pub const STUDY_CATEGORIES_DOMAIN: &[u8] = b"carechain/study-categories/v1";

/// A study's commitment to the record categories it will use, under the sponsor's `salt` (see
/// the module docs): order and repeats do not change it.
pub fn study_categories_hash(salt: &[u8; 32], categories: &[RecordCategory]) -> H256 {
	let mut indices: Vec<u8> = categories.iter().map(|category| *category as u8).collect();
	indices.sort_unstable();
	indices.dedup();
	let mut preimage = Vec::new();
	preimage.extend_from_slice(STUDY_CATEGORIES_DOMAIN);
	preimage.extend_from_slice(salt);
	preimage.extend_from_slice(&indices.encode());
	H256(sp_crypto_hashing::blake2_256(&preimage))
}

/// The day after which a study that ended on `ended_on` is late with its results: one year
/// (365 days) after its primary completion date, as FDAAA 801 requires of applicable trials.
pub fn results_due(ended_on: Day) -> Day {
	ended_on.saturating_add(365)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn enrolment_opens_once_and_a_study_ends_once() {
		use StudyStatus::*;
		let all = [NotYetRecruiting, Recruiting, Active, Completed, Terminated];
		let allowed: alloc::vec::Vec<_> = all
			.iter()
			.flat_map(|from| all.iter().map(move |to| (*from, *to)))
			.filter(|(from, to)| from.may_become(*to))
			.collect();
		assert_eq!(
			allowed,
			[
				(NotYetRecruiting, Recruiting),
				(NotYetRecruiting, Terminated),
				(Recruiting, Active),
				(Recruiting, Completed),
				(Recruiting, Terminated),
				(Active, Recruiting),
				(Active, Completed),
				(Active, Terminated),
			]
		);
		assert!(all.iter().filter(|status| status.is_final()).eq([Completed, Terminated].iter()));
	}

	#[test]
	fn a_consent_lapses_at_its_expiry() {
		let facts = |expires_at| ConsentFacts {
			patient_id: 1,
			grantee: 2u64,
			purpose: Purpose::Research,
			access: Access::Read,
			expires_at,
			categories: 1,
		};
		assert!(facts(None).in_force(u64::MAX));
		assert!(facts(Some(10)).in_force(9));
		assert!(!facts(Some(10)).in_force(10));
	}

	#[test]
	fn study_categories_hashes_match_the_published_vectors() {
		#[derive(serde::Deserialize)]
		struct Case {
			salt: alloc::string::String,
			categories: Vec<alloc::string::String>,
			categories_hash: alloc::string::String,
		}
		#[derive(serde::Deserialize)]
		struct Vectors {
			cases: Vec<Case>,
		}
		let vectors: Vectors =
			serde_json::from_str(include_str!("../test-vectors/study-categories.json"))
				.expect("vectors parse");
		assert!(vectors.cases.len() >= 3);
		let hex = |text: &str| {
			let text = text.trim_start_matches("0x");
			(0..text.len() / 2)
				.map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).expect("hex"))
				.collect::<Vec<u8>>()
		};
		for case in vectors.cases {
			let categories: Vec<RecordCategory> = case
				.categories
				.iter()
				.map(|name| {
					*RecordCategory::ALL
						.iter()
						.find(|category| alloc::format!("{category:?}") == *name)
						.expect("a category")
				})
				.collect();
			let salt: [u8; 32] = hex(&case.salt).try_into().expect("32 bytes");
			assert_eq!(
				study_categories_hash(&salt, &categories).0.to_vec(),
				hex(&case.categories_hash),
				"{:?}",
				case.categories
			);
		}
	}

	#[test]
	fn order_and_repeats_do_not_change_the_commitment_and_the_salt_does() {
		use RecordCategory::*;
		let salt = [9; 32];
		assert_eq!(
			study_categories_hash(&salt, &[Genomics, LabResults]),
			study_categories_hash(&salt, &[LabResults, Genomics, LabResults])
		);
		assert_ne!(
			study_categories_hash(&salt, &[Genomics]),
			study_categories_hash(&[8; 32], &[Genomics])
		);
		assert_ne!(
			study_categories_hash(&salt, &[Genomics]),
			study_categories_hash(&salt, &[MentalHealth])
		);
	}

	#[test]
	fn results_are_due_a_year_after_the_primary_completion() {
		assert_eq!(results_due(20_000), 20_365);
		assert_eq!(results_due(Day::MAX), Day::MAX);
	}
}
