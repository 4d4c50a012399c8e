use super::*;
use crate::{Delegate, Error, Patients as PatientStore};
use carechain_primitives::PatientRegistry;
use frame::traits::fungible::Mutate;

/// `who` names `delegate`, until `expires_at` if given.
fn add_delegate(who: AccountId, delegate: AccountId, expires_at: Option<u64>) -> DispatchResult {
	Patients::add_delegate(RuntimeOrigin::signed(who), delegate, expires_at)
}

/// `who` removes `delegate`.
fn remove_delegate(who: AccountId, delegate: AccountId) -> DispatchResult {
	Patients::remove_delegate(RuntimeOrigin::signed(who), delegate)
}

fn delegates() -> Vec<Delegate<u64, u64>> {
	PatientStore::<Test>::get(PATIENT_ID)
		.map(|p| p.delegates.to_vec())
		.unwrap_or_default()
}

#[test]
fn the_patient_adds_a_delegate_with_or_without_expiry() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_ok!(add_delegate(PATIENT, GUARDIAN, None));
		last_event_is(Event::DelegateAdded {
			patient_id: PATIENT_ID,
			delegate: GUARDIAN,
			expires_at: None,
		});
		let until = START + DAY;
		assert_ok!(add_delegate(PATIENT, CAREGIVER, Some(until)));
		assert_eq!(
			delegates(),
			vec![
				Delegate {
					account: GUARDIAN,
					expires_at: None,
					added_at: START,
					deposit: DELEGATE_DEPOSIT
				},
				Delegate {
					account: CAREGIVER,
					expires_at: Some(until),
					added_at: START,
					deposit: DELEGATE_DEPOSIT
				},
			]
		);
		assert_eq!(held(PATIENT), REGISTRATION_DEPOSIT + 2 * DELEGATE_DEPOSIT);
		assert!(Patients::is_live_delegate(PATIENT_ID, &CAREGIVER));
		advance(DAY);
		assert!(!Patients::is_live_delegate(PATIENT_ID, &CAREGIVER), "expired delegation");
		assert!(Patients::is_live_delegate(PATIENT_ID, &GUARDIAN));
	});
}

#[test]
fn add_delegate_errors() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_noop!(add_delegate(STRANGER, GUARDIAN, None), Error::<Test>::NotPatient);
		assert_noop!(add_delegate(PATIENT, PATIENT, None), Error::<Test>::CannotDelegateToSelf);
		assert_noop!(
			add_delegate(PATIENT, GUARDIAN, Some(START)),
			Error::<Test>::ExpiryNotInFuture
		);
		assert_ok!(add_delegate(PATIENT, GUARDIAN, None));
		assert_noop!(add_delegate(PATIENT, GUARDIAN, None), Error::<Test>::AlreadyDelegate);
		assert_ok!(add_delegate(PATIENT, CAREGIVER, None));
		assert_ok!(add_delegate(PATIENT, NEW_KEY, None));
		assert_noop!(add_delegate(PATIENT, STRANGER, None), Error::<Test>::TooManyDelegates);
	});
}

#[test]
fn a_patient_without_funds_for_the_deposit_cannot_add_a_delegate() {
	ExtBuilder::default().build_and_execute(|| {
		// Exactly enough for the registration and the existential deposit, nothing more.
		Balances::set_balance(&PATIENT, REGISTRATION_DEPOSIT + 1);
		assert_ok!(Patients::register(RuntimeOrigin::signed(PATIENT), H256::repeat_byte(1)));
		assert_noop!(add_delegate(PATIENT, GUARDIAN, None), Error::<Test>::InsufficientDeposit);
	});
}

#[test]
fn expired_delegates_make_room_and_get_their_deposits_back() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		for delegate in [GUARDIAN, CAREGIVER, NEW_KEY] {
			assert_ok!(add_delegate(PATIENT, delegate, Some(START + DAY)));
		}
		advance(DAY);
		assert_ok!(add_delegate(PATIENT, STRANGER, None));
		assert_eq!(delegates().len(), 1);
		assert_eq!(held(PATIENT), REGISTRATION_DEPOSIT + DELEGATE_DEPOSIT);
		System::assert_has_event(
			Event::DelegateRemoved { patient_id: PATIENT_ID, delegate: GUARDIAN }.into(),
		);
		// An expired delegate may also be named again.
		assert_ok!(add_delegate(PATIENT, GUARDIAN, None));
	});
}

#[test]
fn the_patient_removes_a_delegate_and_the_deposit_returns() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_ok!(add_delegate(PATIENT, GUARDIAN, None));
		assert_ok!(remove_delegate(PATIENT, GUARDIAN));
		assert!(delegates().is_empty());
		assert_eq!(held(PATIENT), REGISTRATION_DEPOSIT);
		assert!(!Patients::is_live_delegate(PATIENT_ID, &GUARDIAN));
		last_event_is(Event::DelegateRemoved { patient_id: PATIENT_ID, delegate: GUARDIAN });
	});
}

#[test]
fn remove_delegate_errors() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_noop!(remove_delegate(PATIENT, GUARDIAN), Error::<Test>::NotDelegate);
		assert_ok!(add_delegate(PATIENT, GUARDIAN, None));
		assert_noop!(remove_delegate(GUARDIAN, GUARDIAN), Error::<Test>::NotPatient);
	});
}
