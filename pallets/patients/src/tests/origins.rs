//! The origin matrix: every call tried with no origin, Root (never allowed here), a stranger
//! and the wrong role (a delegate acting as the patient, a patient onboarding); each refused
//! with nothing changed.

use super::*;
use crate::Error;
use frame::testing_prelude::BadOrigin;

#[test]
fn every_call_refuses_no_origin_root_strangers_and_delegates() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_ok!(Patients::add_delegate(RuntimeOrigin::signed(PATIENT), GUARDIAN, None));
		assert_ok!(Patients::propose_key_rotation(RuntimeOrigin::signed(PATIENT), NEW_KEY));

		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(Patients::register(origin.clone(), H256::zero()), BadOrigin);
			assert_noop!(Patients::register_for(origin.clone(), NEWCOMER, H256::zero()), BadOrigin);
			assert_noop!(Patients::update_commitment(origin.clone(), H256::zero()), BadOrigin);
			assert_noop!(Patients::add_delegate(origin.clone(), CAREGIVER, None), BadOrigin);
			assert_noop!(Patients::remove_delegate(origin.clone(), GUARDIAN), BadOrigin);
			assert_noop!(Patients::propose_key_rotation(origin.clone(), CAREGIVER), BadOrigin);
			assert_noop!(Patients::accept_key_rotation(origin.clone(), PATIENT_ID), BadOrigin);
			assert_noop!(Patients::cancel_key_rotation(origin.clone(), PATIENT_ID), BadOrigin);
			assert_noop!(Patients::deregister(origin), BadOrigin);
		}

		// A stranger and a delegate are not the patient.
		for who in [STRANGER, GUARDIAN] {
			let origin = RuntimeOrigin::signed(who);
			assert_noop!(
				Patients::update_commitment(origin.clone(), H256::zero()),
				Error::<Test>::NotPatient
			);
			assert_noop!(
				Patients::add_delegate(origin.clone(), CAREGIVER, None),
				Error::<Test>::NotPatient
			);
			assert_noop!(
				Patients::remove_delegate(origin.clone(), GUARDIAN),
				Error::<Test>::NotPatient
			);
			assert_noop!(
				Patients::propose_key_rotation(origin.clone(), CAREGIVER),
				Error::<Test>::NotPatient
			);
			assert_noop!(
				Patients::accept_key_rotation(origin.clone(), PATIENT_ID),
				Error::<Test>::NotProposedAccount
			);
			assert_noop!(
				Patients::cancel_key_rotation(origin.clone(), PATIENT_ID),
				Error::<Test>::NotProposedAccount
			);
			assert_noop!(
				Patients::register_for(origin.clone(), NEWCOMER, H256::zero()),
				Error::<Test>::NotOnboarder
			);
			assert_noop!(Patients::deregister(origin), Error::<Test>::NotPatient);
		}
		// Nor is the patient a hospital.
		assert_noop!(
			Patients::register_for(RuntimeOrigin::signed(PATIENT), NEWCOMER, H256::zero()),
			Error::<Test>::NotOnboarder
		);
	});
}
