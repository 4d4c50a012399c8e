//! `decline`: the sponsor or an investigator frees the place of a participant never enrolled,
//! which may then not take it back.

use super::*;
use crate::{Declined, Error, StudiesOf};
use carechain_primitives::CredentialKind;

fn decline(who: AccountId, study_id: StudyId, patient_id: PatientId) -> DispatchResult {
	Trials::decline(RuntimeOrigin::signed(who), study_id, patient_id)
}

fn consent_again(study_id: StudyId, i: u64) -> DispatchResult {
	Trials::consent(
		RuntimeOrigin::signed(patient(i).1),
		study_id,
		patient(i).0,
		consent_id_of(i, SPONSOR),
	)
}

#[test]
fn an_investigator_declines_a_consented_patient_who_may_not_consent_again() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = recruiting();
		join(study_id, 0);
		join(study_id, 1);
		assert_ok!(decline(INVESTIGATOR, study_id, PATIENT_ID));
		last_event_is(Event::ParticipantDeclined {
			study_id,
			patient_id: PATIENT_ID,
			by: INVESTIGATOR,
		});
		assert!(Participants::<Test>::get(study_id, PATIENT_ID).is_none());
		assert_eq!(StudiesOf::<Test>::get(PATIENT_ID), None);
		assert!(Declined::<Test>::contains_key(study_id, PATIENT_ID));
		assert_eq!(Studies::<Test>::get(study_id).map(|s| s.participations), Some(1));
		assert_eq!(Trials::participation(study_id, PATIENT_ID), None);
		// The place is not the patient's to take back, with the same consent or a new one.
		assert_noop!(consent_again(study_id, 0), Error::<Test>::Declined);
		let fresh = grant_research(0, SPONSOR, 2, None);
		assert_noop!(
			Trials::consent(RuntimeOrigin::signed(PATIENT), study_id, PATIENT_ID, fresh),
			Error::<Test>::Declined
		);
		// Nor is a declined patient declined twice; another study still takes it.
		assert_noop!(decline(INVESTIGATOR, study_id, PATIENT_ID), Error::<Test>::NotParticipating);
		let other = recruiting();
		assert_ok!(consent_again(other, 0));
	});
}

#[test]
fn the_sponsor_frees_the_place_a_withdrawn_participant_left() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(1);
		assert_ok!(Trials::withdraw(RuntimeOrigin::signed(PATIENT), study_id, PATIENT_ID));
		assert_ok!(decline(SPONSOR, study_id, PATIENT_ID));
		last_event_is(Event::ParticipantDeclined { study_id, patient_id: PATIENT_ID, by: SPONSOR });
		let study = Studies::<Test>::get(study_id).expect("stored");
		assert_eq!((study.participations, study.withdrawn, study.enrolled), (0, 0, 0));
	});
}

#[test]
fn a_full_study_of_participants_never_enrolled_is_freed_place_by_place() {
	ExtBuilder::default().build_and_execute(|| {
		// Patients who never meant to be enrolled hold every place but one...
		let study_id = recruiting();
		for i in 0..COHORT {
			join(study_id, i);
		}
		let (late_id, late_key) = patient(COHORT);
		let mut keys = PatientKeys::get();
		keys.insert(late_id, late_key);
		PatientKeys::set(keys);
		let late_consent = grant_research(COHORT, SPONSOR, 2, None);
		let filler = grant_research(COHORT + 1, SPONSOR, 2, None);
		let (filler_id, filler_key) = patient(COHORT + 1);
		let mut keys = PatientKeys::get();
		keys.insert(filler_id, filler_key);
		PatientKeys::set(keys);
		assert_ok!(Trials::consent(RuntimeOrigin::signed(filler_key), study_id, filler_id, filler));
		assert_eq!(
			Studies::<Test>::get(study_id).map(|s| s.participations),
			Some(MAX_PARTICIPANTS)
		);
		assert_noop!(
			Trials::consent(RuntimeOrigin::signed(late_key), study_id, late_id, late_consent),
			Error::<Test>::TooManyParticipants
		);
		// ...an investigator declines one, and a real participant takes the place for good.
		assert_ok!(decline(INVESTIGATOR, study_id, filler_id));
		assert_noop!(
			Trials::consent(RuntimeOrigin::signed(filler_key), study_id, filler_id, filler),
			Error::<Test>::Declined
		);
		assert_ok!(Trials::consent(
			RuntimeOrigin::signed(late_key),
			study_id,
			late_id,
			late_consent
		));
		assert_ok!(Trials::enrol(RuntimeOrigin::signed(INVESTIGATOR), study_id, late_id));
	});
}

#[test]
fn an_enrolled_participant_is_never_declined_nor_one_of_an_ended_study() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(1);
		join(study_id, 1);
		assert_noop!(decline(INVESTIGATOR, study_id, PATIENT_ID), Error::<Test>::AlreadyEnrolled);
		assert_noop!(
			decline(INVESTIGATOR, study_id, patient(2).0),
			Error::<Test>::NotParticipating
		);
		assert_noop!(decline(INVESTIGATOR, 7, PATIENT_ID), Error::<Test>::UnknownStudy);
		assert_ok!(Trials::set_status(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			StudyStatus::Terminated
		));
		assert_noop!(decline(SPONSOR, study_id, patient(1).0), Error::<Test>::StudyEnded);
	});
}

#[test]
fn only_the_sponsor_still_a_researcher_or_a_named_investigator_still_a_clinician_declines() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = recruiting();
		join(study_id, 0);
		for who in [NURSE, PATIENT, STRANGER, OTHER_SPONSOR] {
			assert_noop!(decline(who, study_id, PATIENT_ID), Error::<Test>::NotInvestigator);
		}
		set_credential(INVESTIGATOR, CredentialKind::Physician, false);
		assert_noop!(decline(INVESTIGATOR, study_id, PATIENT_ID), Error::<Test>::NotClinician);
		set_credential(SPONSOR, CredentialKind::Researcher, false);
		assert_noop!(decline(SPONSOR, study_id, PATIENT_ID), Error::<Test>::NotResearcher);
	});
}

#[test]
fn a_deregistered_patients_mark_is_cleared_by_anyone() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = recruiting();
		join(study_id, 0);
		assert_ok!(decline(INVESTIGATOR, study_id, PATIENT_ID));
		// While the patient is registered, its mark stays: nobody clears it.
		assert_noop!(
			Trials::clear(RuntimeOrigin::signed(PATIENT), study_id, PATIENT_ID),
			Error::<Test>::NotParticipating
		);
		deregister_patient(PATIENT_ID);
		assert_ok!(Trials::clear(RuntimeOrigin::signed(STRANGER), study_id, PATIENT_ID));
		last_event_is(Event::ParticipationCleared { study_id, patient_id: PATIENT_ID });
		assert!(!Declined::<Test>::contains_key(study_id, PATIENT_ID));
		assert_noop!(
			Trials::clear(RuntimeOrigin::signed(STRANGER), study_id, PATIENT_ID),
			Error::<Test>::NotParticipating
		);
	});
}
