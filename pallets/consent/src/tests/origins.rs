//! The origin matrix: every call tried with no origin, Root (never allowed here), a stranger
//! and the wrong role; each refused with nothing changed.

use super::*;
use crate::Error;
use carechain_primitives::EmergencyReason;
use frame::testing_prelude::BadOrigin;
use RecordCategory::*;

#[test]
fn every_call_refuses_no_origin_and_root() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		assert_ok!(break_glass_for(NURSE, EmergencyReason::Other));
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				grant(DOCTOR).origin(origin.clone()).categories(&[Imaging]).call(),
				BadOrigin
			);
			assert_noop!(Consent::revoke(origin.clone(), id), BadOrigin);
			assert_noop!(
				Consent::break_glass(
					origin.clone(),
					PATIENT_ID,
					EmergencyReason::Other,
					H256::zero()
				),
				BadOrigin
			);
			assert_noop!(Consent::end_emergency(origin, 0), BadOrigin);
		}
	});
}

#[test]
fn the_wrong_role_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		// A provider cannot grant consent to themselves, nor revoke the patient's consent.
		assert_noop!(
			grant(DOCTOR).by(DOCTOR).categories(&[Imaging]).call(),
			Error::<Test>::NotPatientOrDelegate
		);
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(DOCTOR), id),
			Error::<Test>::NotPatientOrDelegate
		);
		// The patient and their delegate are not clinicians.
		for who in [PATIENT, GUARDIAN] {
			assert_noop!(break_glass_for(who, EmergencyReason::Other), Error::<Test>::NotClinician);
		}
		// Another clinician cannot end someone else's open access.
		assert_ok!(break_glass_for(NURSE, EmergencyReason::Other));
		assert_noop!(
			Consent::end_emergency(RuntimeOrigin::signed(DOCTOR), 0),
			Error::<Test>::NotClinicianOrPatient
		);
	});
}
