//! `enrol`: an investigator enrols a consented patient while the study recruits.

use super::*;
use crate::Error;
use carechain_primitives::{CredentialKind, ParticipantStatus};

fn enrol(who: AccountId, study_id: StudyId, patient_id: PatientId) -> DispatchResultWithPostInfo {
	Trials::enrol(RuntimeOrigin::signed(who), study_id, patient_id)
}

#[test]
fn an_investigator_enrols_a_consented_patient() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = recruiting();
		join(study_id, 0);
		advance(1_000);
		assert_ok!(enrol(INVESTIGATOR, study_id, PATIENT_ID));
		last_event_is(Event::ParticipantEnrolled {
			study_id,
			patient_id: PATIENT_ID,
			version: 1,
			investigator: INVESTIGATOR,
		});
		assert_eq!(
			Participants::<Test>::get(study_id, PATIENT_ID).and_then(|p| p.enrolled_at),
			Some(Now::get())
		);
		assert_eq!(Studies::<Test>::get(study_id).map(|s| s.enrolled), Some(1));
		assert!(Trials::is_enrolled_current(study_id, PATIENT_ID));
		assert_eq!(
			Trials::participation(study_id, PATIENT_ID).map(|v| v.status),
			Some(ParticipantStatus::Enrolled)
		);
		assert_noop!(enrol(INVESTIGATOR, study_id, PATIENT_ID), Error::<Test>::AlreadyEnrolled);
	});
}

#[test]
fn a_physician_is_refunded_the_nurse_credential_it_was_charged_for() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = recruiting();
		assert_ok!(Trials::add_investigator(RuntimeOrigin::signed(SPONSOR), study_id, NURSE));
		join(study_id, 0);
		join(study_id, 1);
		let charged = <() as crate::weights::WeightInfo>::enrol();
		// Benchmarked with a nurse: the second clinician kind looked up.
		let by_nurse = enrol(NURSE, study_id, PATIENT_ID).expect("enrolled");
		assert_eq!(by_nurse.actual_weight, Some(charged));
		let by_physician = enrol(INVESTIGATOR, study_id, patient(1).0).expect("enrolled");
		let one_read = <Test as frame_system::Config>::DbWeight::get().reads(1);
		assert!(one_read.ref_time() > 0);
		assert_eq!(by_physician.actual_weight, Some(charged - one_read));
	});
}

#[test]
fn only_a_named_investigator_still_a_clinician_enrols() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(enrol(INVESTIGATOR, 4, PATIENT_ID), Error::<Test>::UnknownStudy);
		let study_id = recruiting();
		join(study_id, 0);
		assert_noop!(enrol(NURSE, study_id, PATIENT_ID), Error::<Test>::NotInvestigator);
		assert_noop!(enrol(SPONSOR, study_id, PATIENT_ID), Error::<Test>::NotInvestigator);
		set_credential(INVESTIGATOR, CredentialKind::Physician, false);
		assert_noop!(enrol(INVESTIGATOR, study_id, PATIENT_ID), Error::<Test>::NotClinician);
		set_credential(INVESTIGATOR, CredentialKind::Physician, true);
		assert_ok!(Trials::remove_investigator(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			INVESTIGATOR
		));
		assert_noop!(enrol(INVESTIGATOR, study_id, PATIENT_ID), Error::<Test>::NotInvestigator);
	});
}

#[test]
fn enrolment_happens_only_while_recruiting_and_below_target() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		assert_ok!(Trials::add_investigator(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			INVESTIGATOR
		));
		join(study_id, 0);
		assert_noop!(enrol(INVESTIGATOR, study_id, PATIENT_ID), Error::<Test>::NotRecruiting);
		next_block();
		assert_ok!(Trials::set_status(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			StudyStatus::Recruiting
		));
		for i in 1..=u64::from(TARGET) {
			join_and_enrol(study_id, i);
		}
		assert_noop!(enrol(INVESTIGATOR, study_id, PATIENT_ID), Error::<Test>::TargetReached);
		assert_ok!(Trials::set_status(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			StudyStatus::Active
		));
		assert_noop!(enrol(INVESTIGATOR, study_id, PATIENT_ID), Error::<Test>::NotRecruiting);
	});
}

#[test]
fn the_patient_must_hold_a_current_consent() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = recruiting();
		assert_noop!(enrol(INVESTIGATOR, study_id, PATIENT_ID), Error::<Test>::NotParticipating);
		join(study_id, 0);
		assert_ok!(Trials::withdraw(RuntimeOrigin::signed(PATIENT), study_id, PATIENT_ID));
		assert_noop!(enrol(INVESTIGATOR, study_id, PATIENT_ID), Error::<Test>::Withdrawn);
		// Patient 1 consented to version 1; version 2 asks for re-consent.
		join(study_id, 1);
		assert_ok!(Trials::amend(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			PROTOCOL,
			PLAN,
			OUTCOMES,
			true
		));
		assert_noop!(enrol(INVESTIGATOR, study_id, patient(1).0), Error::<Test>::ConsentPaused);
		// Patient 2's consent lapses, patient 3's is revoked in the Consent pallet.
		let lapsing = grant_research(2, SPONSOR, 2, Some(Now::get() + 10));
		assert_ok!(Trials::consent(
			RuntimeOrigin::signed(patient(2).1),
			study_id,
			patient(2).0,
			lapsing
		));
		advance(10);
		assert_noop!(enrol(INVESTIGATOR, study_id, patient(2).0), Error::<Test>::ConsentNotInForce);
		join(study_id, 3);
		remove_consent(consent_id_of(3, SPONSOR));
		assert_noop!(enrol(INVESTIGATOR, study_id, patient(3).0), Error::<Test>::ConsentNotInForce);
		join(study_id, 4);
		deregister_patient(patient(4).0);
		assert_noop!(enrol(INVESTIGATOR, study_id, patient(4).0), Error::<Test>::PatientNotActive);
	});
}
