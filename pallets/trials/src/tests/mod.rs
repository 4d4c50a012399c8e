//! Unit tests, one file per call or topic. Every test runs through
//! `ExtBuilder::build_and_execute`, which checks the pallet's invariants afterwards.

mod amend;
mod decline;
mod enrol;
mod investigators;
mod migrations;
mod origins;
mod participation;
mod register;
mod release;
mod results;
mod status;

use crate::{mock::*, Event, Participants, Studies};
use carechain_primitives::{
	ConsentId, PatientId, ProtocolVersion, StudyId, StudyKind, StudyStatus, MILLIS_PER_DAY,
};
use frame::testing_prelude::*;

pub const REGISTRY: H256 = H256::repeat_byte(0x4e);
pub const PROTOCOL: H256 = H256::repeat_byte(0x01);
pub const PLAN: H256 = H256::repeat_byte(0x5a);
pub const OUTCOMES: H256 = H256::repeat_byte(0x0c);
pub const REQUEST: H256 = H256::repeat_byte(0x7e);
pub const RESULTS: H256 = H256::repeat_byte(0x2e);
pub const TARGET: u32 = 12;

pub fn last_event_is(event: Event<Test>) {
	System::assert_last_event(event.into());
}

/// `sponsor` registers an interventional study of the test categories, target `TARGET`, k 11.
pub fn register_by(sponsor: AccountId) -> DispatchResult {
	Trials::register(
		RuntimeOrigin::signed(sponsor),
		StudyKind::Interventional,
		REGISTRY,
		PROTOCOL,
		PLAN,
		OUTCOMES,
		study_categories(),
		STUDY_CATEGORIES,
		TARGET,
		MIN_COHORT,
	)
}

/// `SPONSOR` registers the test study; returns its id.
pub fn registered() -> StudyId {
	let study_id = crate::NextStudyId::<Test>::get();
	assert_ok!(register_by(SPONSOR));
	study_id
}

/// The next block, a few seconds later: what makes a registration final.
pub fn next_block() {
	System::set_block_number(System::block_number() + 1);
	advance(6_000);
}

/// The test study, registered, `INVESTIGATOR` named, in a later block, recruiting.
pub fn recruiting() -> StudyId {
	let study_id = registered();
	assert_ok!(Trials::add_investigator(RuntimeOrigin::signed(SPONSOR), study_id, INVESTIGATOR));
	next_block();
	assert_ok!(Trials::set_status(
		RuntimeOrigin::signed(SPONSOR),
		study_id,
		StudyStatus::Recruiting
	));
	study_id
}

/// Patient `i` grants `SPONSOR` its research consent and consents to `study_id` on it.
pub fn join(study_id: StudyId, i: u64) -> ConsentId {
	let consent_id = grant_research(i, SPONSOR, 2, None);
	assert_ok!(Trials::consent(
		RuntimeOrigin::signed(patient(i).1),
		study_id,
		patient(i).0,
		consent_id
	));
	consent_id
}

/// Patient `i` joins `study_id` and `INVESTIGATOR` enrols it.
pub fn join_and_enrol(study_id: StudyId, i: u64) {
	join(study_id, i);
	assert_ok!(Trials::enrol(RuntimeOrigin::signed(INVESTIGATOR), study_id, patient(i).0));
}

/// A recruiting study with patients `0..n` enrolled.
pub fn with_enrolled(n: u64) -> StudyId {
	let study_id = recruiting();
	(0..n).for_each(|i| join_and_enrol(study_id, i));
	study_id
}

/// `SPONSOR` releases `study_id`'s data, naming its stored participations as the witness.
pub fn release(study_id: StudyId) -> DispatchResultWithPostInfo {
	let witness = Studies::<Test>::get(study_id).map_or(0, |study| study.participations);
	Trials::release(RuntimeOrigin::signed(SPONSOR), study_id, REQUEST, witness)
}

/// The protocol version patient `patient_id`'s participation names.
pub fn version_of(study_id: StudyId, patient_id: PatientId) -> ProtocolVersion {
	Participants::<Test>::get(study_id, patient_id).expect("participating").version
}

/// Moves the clock by `days`.
pub fn advance_days(days: u64) {
	advance(days * MILLIS_PER_DAY);
}
