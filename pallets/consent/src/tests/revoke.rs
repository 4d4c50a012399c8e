use super::*;
use crate::{Consents, ConsentsOf, Error};
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

#[test]
fn revoke_is_refunded_to_the_consents_listed_and_to_who_revokes() {
	use crate::weights::WeightInfo;
	ExtBuilder::default().build_and_execute(|| {
		let most = <<Test as crate::Config>::MaxConsentsPerGrantee as Get<u32>>::get();
		let first = grant_labs(DOCTOR);
		let second = grant_labs(DOCTOR);
		// A delegate revoking reads the patient and returns the deposit to the patient's
		// account: charged as that case was benchmarked, for the two consents listed.
		let by_delegate = Consent::revoke(RuntimeOrigin::signed(GUARDIAN), first).expect("revoked");
		assert_eq!(by_delegate.actual_weight, Some(<() as WeightInfo>::revoke_by_delegate(2)));
		// The granter revoking: no patient read, and the account is the one the fee touched.
		let by_granter = Consent::revoke(RuntimeOrigin::signed(PATIENT), second).expect("revoked");
		assert_eq!(by_granter.actual_weight, Some(<() as WeightInfo>::revoke(1)));
		let charged = <() as WeightInfo>::revoke_by_delegate(most);
		assert!(
			charged.ref_time() > <() as WeightInfo>::revoke_by_delegate(2).ref_time(),
			"the refund for consents listed is real"
		);
		assert!(
			charged.ref_time() > <() as WeightInfo>::revoke(most).ref_time(),
			"the refund for revoking one's own grant is real"
		);
	});
}
