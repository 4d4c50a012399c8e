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
