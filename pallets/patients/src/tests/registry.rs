//! What other pallets see through `PatientRegistry`.

use super::*;
use carechain_primitives::PatientRegistry;

#[test]
fn the_registry_answers_for_patients_delegates_and_strangers() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_ok!(Patients::add_delegate(RuntimeOrigin::signed(PATIENT), GUARDIAN, None));
		assert_eq!(Patients::patient_of(&PATIENT), Some(PATIENT_ID));
		assert_eq!(Patients::patient_of(&GUARDIAN), None);
		assert_eq!(Patients::account_of(PATIENT_ID), Some(PATIENT));
		assert_eq!(Patients::account_of(7), None);
		assert!(Patients::is_active(PATIENT_ID));
		assert!(!Patients::is_active(7));
		assert!(Patients::is_patient_or_delegate(PATIENT_ID, &PATIENT));
		assert!(Patients::is_patient_or_delegate(PATIENT_ID, &GUARDIAN));
		assert!(!Patients::is_patient_or_delegate(PATIENT_ID, &STRANGER));
		assert!(!Patients::is_live_delegate(PATIENT_ID, &PATIENT));
	});
}

#[test]
fn authority_starts_with_the_key_or_the_delegation_and_a_new_one_starts_later() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_eq!(Patients::authority_since(PATIENT_ID, &PATIENT), Some(START));
		assert_eq!(Patients::authority_since(PATIENT_ID, &GUARDIAN), None);
		advance(DAY);
		assert_ok!(Patients::add_delegate(RuntimeOrigin::signed(PATIENT), GUARDIAN, None));
		assert_eq!(Patients::authority_since(PATIENT_ID, &GUARDIAN), Some(START + DAY));
		// Removed, then delegated again: a new delegation, with a new start.
		assert_ok!(Patients::remove_delegate(RuntimeOrigin::signed(PATIENT), GUARDIAN));
		assert_eq!(Patients::authority_since(PATIENT_ID, &GUARDIAN), None);
		advance(DAY);
		assert_ok!(Patients::add_delegate(RuntimeOrigin::signed(PATIENT), GUARDIAN, None));
		assert_eq!(Patients::authority_since(PATIENT_ID, &GUARDIAN), Some(START + 2 * DAY));
		// An expired delegation is no authority.
		assert_ok!(Patients::add_delegate(
			RuntimeOrigin::signed(PATIENT),
			CAREGIVER,
			Some(START + 3 * DAY)
		));
		advance(DAY);
		assert_eq!(Patients::authority_since(PATIENT_ID, &CAREGIVER), None);
		// A rotation: the new key's authority starts now, the old key has none.
		assert_ok!(Patients::propose_key_rotation(RuntimeOrigin::signed(PATIENT), NEW_KEY));
		assert_ok!(Patients::accept_key_rotation(RuntimeOrigin::signed(NEW_KEY), PATIENT_ID));
		assert_eq!(Patients::authority_since(PATIENT_ID, &NEW_KEY), Some(START + 3 * DAY));
		assert_eq!(Patients::authority_since(PATIENT_ID, &PATIENT), None);
	});
}
