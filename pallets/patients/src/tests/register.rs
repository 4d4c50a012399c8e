use super::*;
use crate::{Error, NextPatientId, PatientIdOf, Patients as PatientStore};

/// `who` registers with a commitment of `byte`s.
fn register(who: AccountId, byte: u8) -> DispatchResult {
	Patients::register(RuntimeOrigin::signed(who), H256::repeat_byte(byte))
}

#[test]
fn an_account_registers_with_a_new_id_and_a_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register(PATIENT, 1));
		assert_eq!(PatientIdOf::<Test>::get(PATIENT), Some(0));
		let patient = PatientStore::<Test>::get(0).expect("registered");
		assert_eq!(patient.account, PATIENT);
		assert_eq!(patient.commitment, H256::repeat_byte(1));
		assert_eq!(patient.registered_at, START);
		assert_eq!(patient.key_since, START);
		assert!(patient.delegates.is_empty());
		assert_eq!(held(PATIENT), REGISTRATION_DEPOSIT);
		assert_eq!(NextPatientId::<Test>::get(), 1);
		last_event_is(Event::PatientRegistered { patient_id: 0, account: PATIENT });

		assert_ok!(register(OTHER_PATIENT, 2));
		assert_eq!(PatientIdOf::<Test>::get(OTHER_PATIENT), Some(1));
	});
}

#[test]
fn one_patient_per_account() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_noop!(register(PATIENT, 2), Error::<Test>::AlreadyRegistered);
	});
}

#[test]
fn an_account_that_cannot_pay_the_deposit_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(register(POOR, 2), Error::<Test>::InsufficientDeposit);
	});
}

#[test]
fn exhausted_ids_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		NextPatientId::<Test>::put(u64::MAX);
		assert_noop!(register(PATIENT, 2), Error::<Test>::IdOverflow);
	});
}

#[test]
fn the_patient_updates_the_commitment() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_ok!(Patients::update_commitment(
			RuntimeOrigin::signed(PATIENT),
			H256::repeat_byte(9)
		));
		assert_eq!(
			PatientStore::<Test>::get(PATIENT_ID).map(|p| p.commitment),
			Some(H256::repeat_byte(9))
		);
		last_event_is(Event::CommitmentUpdated { patient_id: PATIENT_ID });
	});
}

#[test]
fn only_a_patient_updates_a_commitment() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_noop!(
			Patients::update_commitment(RuntimeOrigin::signed(STRANGER), H256::repeat_byte(9)),
			Error::<Test>::NotPatient
		);
	});
}
