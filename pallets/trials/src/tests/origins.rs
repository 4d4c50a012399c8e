//! The origin matrix: every call tried with no origin and Root (never allowed here), and each
//! role tried at the others' calls; each refused with nothing changed. The right roles are in
//! each call's tests.

use super::*;
use crate::Error;
use frame::testing_prelude::BadOrigin;

#[test]
fn every_call_refuses_no_origin_and_root() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(1);
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Trials::register(
					origin.clone(),
					StudyKind::Observational,
					REGISTRY,
					PROTOCOL,
					PLAN,
					OUTCOMES,
					study_categories(),
					STUDY_CATEGORIES,
					TARGET,
					MIN_COHORT
				),
				BadOrigin
			);
			assert_noop!(
				Trials::amend(origin.clone(), study_id, PROTOCOL, PLAN, OUTCOMES, true),
				BadOrigin
			);
			assert_noop!(Trials::add_investigator(origin.clone(), study_id, NURSE), BadOrigin);
			assert_noop!(
				Trials::remove_investigator(origin.clone(), study_id, INVESTIGATOR),
				BadOrigin
			);
			assert_noop!(
				Trials::set_status(origin.clone(), study_id, StudyStatus::Terminated),
				BadOrigin
			);
			assert_noop!(Trials::consent(origin.clone(), study_id, PATIENT_ID, 1), BadOrigin);
			assert_noop!(Trials::withdraw(origin.clone(), study_id, PATIENT_ID), BadOrigin);
			assert_noop!(Trials::clear(origin.clone(), study_id, PATIENT_ID), BadOrigin);
			assert_noop!(Trials::enrol(origin.clone(), study_id, PATIENT_ID), BadOrigin);
			assert_noop!(Trials::decline(origin.clone(), study_id, PATIENT_ID), BadOrigin);
			assert_noop!(
				Trials::release(origin.clone(), study_id, REQUEST, MAX_PARTICIPANTS),
				BadOrigin
			);
			assert_noop!(Trials::commit_results(origin, study_id, RESULTS, OUTCOMES), BadOrigin);
		}
	});
}

#[test]
fn no_role_takes_anothers_turn() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(1);
		join(study_id, 1);
		let (other_id, other) = patient(1);
		// The investigator and the patient cannot act as the sponsor.
		for who in [INVESTIGATOR, PATIENT] {
			assert_noop!(
				Trials::amend(RuntimeOrigin::signed(who), study_id, PROTOCOL, PLAN, OUTCOMES, true),
				Error::<Test>::NotSponsor
			);
			assert_noop!(
				Trials::add_investigator(RuntimeOrigin::signed(who), study_id, NURSE),
				Error::<Test>::NotSponsor
			);
			assert_noop!(
				Trials::set_status(RuntimeOrigin::signed(who), study_id, StudyStatus::Terminated),
				Error::<Test>::NotSponsor
			);
			assert_noop!(
				Trials::release(RuntimeOrigin::signed(who), study_id, REQUEST, MAX_PARTICIPANTS),
				Error::<Test>::NotSponsor
			);
			assert_noop!(
				Trials::commit_results(RuntimeOrigin::signed(who), study_id, RESULTS, OUTCOMES),
				Error::<Test>::NotSponsor
			);
		}
		// The sponsor and the patient cannot enrol; a patient cannot decline another.
		for who in [SPONSOR, PATIENT] {
			assert_noop!(
				Trials::enrol(RuntimeOrigin::signed(who), study_id, other_id),
				Error::<Test>::NotInvestigator
			);
		}
		assert_noop!(
			Trials::decline(RuntimeOrigin::signed(PATIENT), study_id, other_id),
			Error::<Test>::NotInvestigator
		);
		// Neither the sponsor nor the investigator, nor another patient, acts for a patient.
		for who in [SPONSOR, INVESTIGATOR, other] {
			assert_noop!(
				Trials::consent(
					RuntimeOrigin::signed(who),
					study_id,
					PATIENT_ID,
					consent_id_of(0, SPONSOR)
				),
				Error::<Test>::NotPatientOrDelegate
			);
			assert_noop!(
				Trials::withdraw(RuntimeOrigin::signed(who), study_id, PATIENT_ID),
				Error::<Test>::NotPatientOrDelegate
			);
			assert_noop!(
				Trials::clear(RuntimeOrigin::signed(who), study_id, PATIENT_ID),
				Error::<Test>::NotPatientOrDelegate
			);
		}
	});
}

#[test]
fn patient_calls_are_free_for_the_patient_and_its_delegates_only() {
	use carechain_primitives::PatientCall;
	ExtBuilder::default().build_and_execute(|| {
		let calls = [
			crate::Call::<Test>::consent { study_id: 0, patient_id: PATIENT_ID, consent_id: 1 },
			crate::Call::<Test>::withdraw { study_id: 0, patient_id: PATIENT_ID },
			crate::Call::<Test>::clear { study_id: 0, patient_id: PATIENT_ID },
		];
		for call in &calls {
			assert_eq!(Trials::fee_free_patient(call, &PATIENT), PatientCall::FeeFree(PATIENT_ID));
			assert_eq!(Trials::fee_free_patient(call, &DELEGATE), PatientCall::FeeFree(PATIENT_ID));
			assert_eq!(Trials::fee_free_patient(call, &SPONSOR), PatientCall::NotPermitted);
		}
		for other in [
			crate::Call::<Test>::enrol { study_id: 0, patient_id: PATIENT_ID },
			crate::Call::<Test>::decline { study_id: 0, patient_id: PATIENT_ID },
		] {
			assert_eq!(Trials::fee_free_patient(&other, &PATIENT), PatientCall::Other);
		}
	});
}
