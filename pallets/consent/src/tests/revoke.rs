use super::*;
use crate::{ConsentCount, Consents, ConsentsOf, Error};
use RecordCategory::*;

#[test]
fn revocation_takes_effect_in_the_same_block_and_returns_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		assert!(decision(DOCTOR, LabResults, Access::Read).is_allowed());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Denied);
		assert!(Consents::<Test>::get(id).is_none());
		assert!(ConsentsOf::<Test>::get(PATIENT_ID, DOCTOR).is_empty());
		assert_eq!(ConsentCount::<Test>::get(PATIENT_ID), 0);
		assert_eq!(consent_held(PATIENT), 0);
		last_event_is(Event::ConsentRevoked {
			consent_id: id,
			patient_id: PATIENT_ID,
			grantee: DOCTOR,
			revoked_by: PATIENT,
		});
	});
}

#[test]
fn a_delegate_revokes_and_the_granter_gets_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(GUARDIAN), id));
		assert_eq!(consent_held(PATIENT), 0);
		assert_eq!(Balances::free_balance(PATIENT), ENDOWMENT);
	});
}

#[test]
fn the_granter_may_revoke_even_after_the_patient_is_gone() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		deregister_patient(PATIENT_ID);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(consent_held(PATIENT), 0);
	});
}

#[test]
fn anyone_may_sweep_a_deregistered_patients_consents() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NotPatientOrDelegate
		);
		deregister_patient(PATIENT_ID);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(STRANGER), id));
		last_event_is(Event::ConsentRevoked {
			consent_id: id,
			patient_id: PATIENT_ID,
			grantee: DOCTOR,
			revoked_by: STRANGER,
		});
		assert_eq!(consent_held(PATIENT), 0, "the deposit went back to the granter");
		assert!(crate::Consents::<Test>::get(id).is_none());
	});
}

#[test]
fn revoke_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(PATIENT), 0),
			Error::<Test>::UnknownConsent
		);
		let id = grant_labs(DOCTOR);
		// The grantee cannot revoke on the patient's behalf, nor can a stranger.
		for who in [DOCTOR, STRANGER] {
			assert_noop!(
				Consent::revoke(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotPatientOrDelegate
			);
		}
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::UnknownConsent
		);
	});
}
