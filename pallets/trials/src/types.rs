//! The pallet's stored types.

use carechain_primitives::{
	ConsentId, Day, Moment, ProtocolVersion, StudyKind, StudyResults, StudyStatus,
};
use codec::{Decode, Encode, MaxEncodedLen};
use frame::prelude::*;
use scale_info::TypeInfo;

/// A registered study. What it committed to at each version is in `Versions`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Study<AccountId, Balance> {
	/// Who registered it and runs it (a `Researcher`); holds its deposit.
	pub sponsor: AccountId,
	/// Interventional or observational.
	pub kind: StudyKind,
	/// Hash of its id in a public registry (e.g. the ClinicalTrials.gov NCT number).
	pub registry_hash: H256,
	/// Its commitment to the record categories it will use, under a salt published with the
	/// protocol ([`carechain_primitives::study_categories_hash`]): in clear, they would tell the
	/// kind of care of every participant.
	pub categories_hash: H256,
	/// How many categories it will use: a participant's consent names at least as many tags.
	pub category_count: u32,
	/// How many participants it means to enrol.
	pub target: u32,
	/// The smallest cohort a data release may cover (`k`), at least the runtime's floor.
	pub min_cohort: u32,
	/// Where it stands.
	pub status: StudyStatus,
	/// Its current protocol version.
	pub version: ProtocolVersion,
	/// The oldest version a participant's consent may name and still count: the latest
	/// version published with `reconsent_required`, or 1.
	pub reconsent_from: ProtocolVersion,
	/// How many investigators it names.
	pub investigators: u32,
	/// How many participations it has stored (withdrawn ones included, until cleared).
	pub participations: u32,
	/// Of them, withdrawn.
	pub withdrawn: u32,
	/// Of them, enrolled and not withdrawn.
	pub enrolled: u32,
	/// How many data releases it made.
	pub releases: u32,
	/// When it was registered.
	pub registered_at: Moment,
	/// The day it ended (completed or terminated): its primary completion date.
	pub ended_on: Option<Day>,
	/// What it reported, once it did.
	pub results: Option<StudyResults>,
	/// Held from `sponsor` for as long as the study is registered.
	pub deposit: Balance,
}

/// A patient's participation in a study. It rests on a consent of the `Consent` pallet (purpose
/// `Research`, to the sponsor) and names the protocol version the patient agreed to.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Participation {
	/// The consent it rests on.
	pub consent_id: ConsentId,
	/// The protocol version the patient consented to.
	pub version: ProtocolVersion,
	/// When the patient (last) consented.
	pub consented_at: Moment,
	/// When an investigator enrolled the patient, if one did (and the patient has not withdrawn
	/// since).
	pub enrolled_at: Option<Moment>,
	/// When the patient withdrew, if it did.
	pub withdrawn_at: Option<Moment>,
	/// How many of the study's data releases included the patient.
	pub releases: u32,
}
