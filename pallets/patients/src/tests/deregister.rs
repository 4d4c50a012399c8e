use super::*;
use crate::{Error, NextPatientId, PatientIdOf, Patients as PatientStore, PendingRotations};
use carechain_primitives::PatientRegistry;

#[test]
fn deregistering_erases_every_link_and_returns_every_deposit() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_ok!(Patients::add_delegate(RuntimeOrigin::signed(PATIENT), GUARDIAN, None));
		assert_ok!(Patients::propose_key_rotation(RuntimeOrigin::signed(PATIENT), NEW_KEY));
		advance(DAY);
		assert_ok!(Patients::deregister(RuntimeOrigin::signed(PATIENT)));
		last_event_is(Event::PatientDeregistered { patient_id: PATIENT_ID });

		assert!(PatientStore::<Test>::get(PATIENT_ID).is_none());
		assert!(PatientIdOf::<Test>::get(PATIENT).is_none());
		assert!(PendingRotations::<Test>::get(PATIENT_ID).is_none());
		// Nothing is left of the patient in this pallet: no tombstone no one pays for. The id
		// is not reused, since ids come from the counter.
		assert_eq!(NextPatientId::<Test>::get(), PATIENT_ID + 1);
		assert_eq!(PatientIdOf::<Test>::iter().count(), 0);
		assert_eq!(PatientStore::<Test>::iter().count(), 0);
		assert_eq!(held(PATIENT), 0);
		assert_eq!(Balances::free_balance(PATIENT), ENDOWMENT);

		// Other pallets see the patient as gone, delegates included.
		assert!(!Patients::is_active(PATIENT_ID));
		assert!(!Patients::is_patient_or_delegate(PATIENT_ID, &PATIENT));
		assert!(!Patients::is_patient_or_delegate(PATIENT_ID, &GUARDIAN));
	});
}

#[test]
fn an_erased_id_is_never_reused() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_ok!(Patients::deregister(RuntimeOrigin::signed(PATIENT)));
		assert_ok!(Patients::register(RuntimeOrigin::signed(PATIENT), H256::repeat_byte(3)));
		assert_eq!(PatientIdOf::<Test>::get(PATIENT), Some(1));
		assert_eq!(NextPatientId::<Test>::get(), 2);
		assert!(!Patients::is_active(PATIENT_ID));
	});
}

#[test]
fn only_a_patient_deregisters() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_noop!(
			Patients::deregister(RuntimeOrigin::signed(STRANGER)),
			Error::<Test>::NotPatient
		);
	});
}
