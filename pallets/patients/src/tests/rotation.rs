use super::*;
use crate::{Error, PatientIdOf, PendingRotations, Rotation};
use carechain_primitives::PatientRegistry;

/// `who` proposes `new_account` as the patient's key.
fn propose_by(who: AccountId, new_account: AccountId) -> DispatchResult {
	Patients::propose_key_rotation(RuntimeOrigin::signed(who), new_account)
}

/// The patient proposes `NEW_KEY` as its key.
fn propose() {
	assert_ok!(propose_by(PATIENT, NEW_KEY));
}

/// `who` accepts the pending rotation of the patient's key.
fn accept(who: AccountId) -> DispatchResult {
	Patients::accept_key_rotation(RuntimeOrigin::signed(who), PATIENT_ID)
}

/// `who` cancels the pending rotation of the patient's key.
fn cancel(who: AccountId) -> DispatchResult {
	Patients::cancel_key_rotation(RuntimeOrigin::signed(who), PATIENT_ID)
}

#[test]
fn rotation_moves_the_id_the_rights_and_the_deposits_to_the_new_key() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_ok!(Patients::add_delegate(RuntimeOrigin::signed(PATIENT), GUARDIAN, None));
		propose();
		assert_eq!(
			PendingRotations::<Test>::get(PATIENT_ID),
			Some(Rotation { new_account: NEW_KEY, expires_at: START + ROTATION_PERIOD })
		);
		last_event_is(Event::KeyRotationProposed {
			patient_id: PATIENT_ID,
			new_account: NEW_KEY,
			expires_at: START + ROTATION_PERIOD,
		});

		assert_ok!(accept(NEW_KEY));
		last_event_is(Event::KeyRotated {
			patient_id: PATIENT_ID,
			old_account: PATIENT,
			new_account: NEW_KEY,
		});
		assert_eq!(Patients::patient_of(&NEW_KEY), Some(PATIENT_ID));
		assert_eq!(Patients::account_of(PATIENT_ID), Some(NEW_KEY));
		assert_eq!(PatientIdOf::<Test>::get(PATIENT), None);
		assert!(PendingRotations::<Test>::get(PATIENT_ID).is_none());
		assert_eq!(held(PATIENT), 0);
		assert_eq!(held(NEW_KEY), REGISTRATION_DEPOSIT + DELEGATE_DEPOSIT);
		assert!(Patients::is_live_delegate(PATIENT_ID, &GUARDIAN), "delegates stay");

		// The old key has no rights any more.
		assert!(!Patients::is_patient_or_delegate(PATIENT_ID, &PATIENT));
		assert_noop!(
			Patients::update_commitment(RuntimeOrigin::signed(PATIENT), H256::zero()),
			Error::<Test>::NotPatient
		);
		assert_ok!(Patients::update_commitment(RuntimeOrigin::signed(NEW_KEY), H256::zero()));
	});
}

#[test]
fn propose_errors() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_ok!(Patients::register(RuntimeOrigin::signed(OTHER_PATIENT), H256::zero()));
		assert_noop!(propose_by(STRANGER, NEW_KEY), Error::<Test>::NotPatient);
		assert_noop!(propose_by(PATIENT, PATIENT), Error::<Test>::SameAccount);
		assert_noop!(propose_by(PATIENT, OTHER_PATIENT), Error::<Test>::AccountAlreadyPatient);
	});
}

#[test]
fn a_new_proposal_replaces_the_old_one() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		propose();
		assert_ok!(propose_by(PATIENT, STRANGER));
		assert_noop!(accept(NEW_KEY), Error::<Test>::NotProposedAccount);
	});
}

#[test]
fn accept_errors() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_noop!(accept(NEW_KEY), Error::<Test>::NoPendingRotation);
		propose();
		assert_noop!(accept(STRANGER), Error::<Test>::NotProposedAccount);
		// The proposed key registered as a patient of its own in the meantime.
		assert_ok!(Patients::register(RuntimeOrigin::signed(NEW_KEY), H256::zero()));
		assert_noop!(accept(NEW_KEY), Error::<Test>::AccountAlreadyPatient);
	});
}

#[test]
fn an_expired_proposal_cannot_be_accepted() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		propose();
		advance(ROTATION_PERIOD);
		assert_noop!(accept(NEW_KEY), Error::<Test>::RotationIsExpired);
	});
}

#[test]
fn a_new_key_that_cannot_hold_the_deposits_is_refused() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_ok!(propose_by(PATIENT, POOR));
		assert_noop!(accept(POOR), Error::<Test>::InsufficientDeposit);
	});
}

#[test]
fn the_patient_withdraws_and_the_new_key_declines() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		propose();
		assert_ok!(cancel(PATIENT));
		assert!(PendingRotations::<Test>::get(PATIENT_ID).is_none());
		last_event_is(Event::KeyRotationCancelled { patient_id: PATIENT_ID });
		propose();
		assert_ok!(cancel(NEW_KEY));
		assert!(PendingRotations::<Test>::get(PATIENT_ID).is_none());
	});
}

#[test]
fn cancel_errors() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_noop!(cancel(PATIENT), Error::<Test>::NoPendingRotation);
		propose();
		assert_noop!(cancel(STRANGER), Error::<Test>::NotProposedAccount);
	});
}

#[test]
fn rotating_to_a_delegate_ends_its_delegation() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		// The caregiver is a delegate, and becomes the patient's key.
		assert_ok!(Patients::add_delegate(RuntimeOrigin::signed(PATIENT), CAREGIVER, None));
		assert_ok!(Patients::add_delegate(RuntimeOrigin::signed(PATIENT), GUARDIAN, None));
		assert_ok!(propose_by(PATIENT, CAREGIVER));
		assert_ok!(accept(CAREGIVER));
		System::assert_has_event(
			Event::DelegateRemoved { patient_id: PATIENT_ID, delegate: CAREGIVER }.into(),
		);
		last_event_is(Event::KeyRotated {
			patient_id: PATIENT_ID,
			old_account: PATIENT,
			new_account: CAREGIVER,
		});
		// Not its own delegate; the other delegate stays; the deposits follow what is stored.
		assert!(!Patients::is_live_delegate(PATIENT_ID, &CAREGIVER));
		assert!(Patients::is_live_delegate(PATIENT_ID, &GUARDIAN));
		assert_eq!(held(PATIENT), 0);
		assert_eq!(held(CAREGIVER), REGISTRATION_DEPOSIT + DELEGATE_DEPOSIT);

		// After the next rotation the old key keeps no delegation it could act through.
		assert_ok!(propose_by(CAREGIVER, NEW_KEY));
		assert_ok!(accept(NEW_KEY));
		assert!(!Patients::is_patient_or_delegate(PATIENT_ID, &CAREGIVER));
		assert_eq!(held(CAREGIVER), 0);
	});
}
