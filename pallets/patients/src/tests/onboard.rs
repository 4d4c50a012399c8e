//! Onboarding at the clinic: a hospital registers a patient whose account holds no token.

use super::*;
use crate::{Error, PatientIdOf, Patients as PatientStore};
use carechain_primitives::CredentialKind;
use frame::traits::fungible::Inspect;

/// `HOSPITAL` (or `who`) registers `account` as a patient.
fn onboard(who: AccountId, account: AccountId) -> DispatchResult {
	Patients::register_for(RuntimeOrigin::signed(who), account, H256::repeat_byte(0xab))
}

fn providers(who: AccountId) -> u32 {
	System::providers(&who)
}

#[test]
fn a_hospital_registers_a_patient_who_holds_no_token_and_pays_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!((Balances::total_balance(&NEWCOMER), providers(NEWCOMER)), (0, 0));
		assert_ok!(onboard(HOSPITAL, NEWCOMER));
		assert_eq!(PatientIdOf::<Test>::get(NEWCOMER), Some(0));
		let patient = PatientStore::<Test>::get(0).expect("registered");
		assert_eq!(patient.account, NEWCOMER);
		assert_eq!(patient.sponsor, Some(HOSPITAL));
		assert_eq!(patient.deposit, REGISTRATION_DEPOSIT);
		assert_eq!(held(HOSPITAL), REGISTRATION_DEPOSIT);
		assert_eq!(held(NEWCOMER), 0);
		// The account is live (a nonce can be checked) though it holds nothing.
		assert_eq!((Balances::total_balance(&NEWCOMER), providers(NEWCOMER)), (0, 1));
		System::assert_has_event(
			Event::PatientRegistered { patient_id: 0, account: NEWCOMER }.into(),
		);
		last_event_is(Event::PatientOnboarded { patient_id: 0, sponsor: HOSPITAL });
	});
}

#[test]
fn only_a_valid_hospital_onboards() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_noop!(onboard(STRANGER, NEWCOMER), Error::<Test>::NotOnboarder);
		// A patient is not an onboarder, nor is a physician.
		assert_noop!(onboard(PATIENT, NEWCOMER), Error::<Test>::NotOnboarder);
		set_credential(STRANGER, CredentialKind::Physician, true);
		assert_noop!(onboard(STRANGER, NEWCOMER), Error::<Test>::NotOnboarder);
		// A hospital whose credential lapsed (suspended, revoked, expired) no longer does.
		set_credential(HOSPITAL, CredentialKind::Hospital, false);
		assert_noop!(onboard(HOSPITAL, NEWCOMER), Error::<Test>::NotOnboarder);
		assert_noop!(
			Patients::register_for(RuntimeOrigin::none(), NEWCOMER, H256::zero()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn onboarding_refuses_a_patient_twice_and_a_hospital_that_cannot_pay() {
	ExtBuilder::default().with_patient().build_and_execute(|| {
		assert_noop!(onboard(HOSPITAL, PATIENT), Error::<Test>::AlreadyRegistered);
		set_credential(POOR, CredentialKind::Hospital, true);
		assert_noop!(onboard(POOR, NEWCOMER), Error::<Test>::InsufficientDeposit);
		assert_eq!(providers(NEWCOMER), 0, "nothing was left behind");
	});
}

#[test]
fn the_sponsor_pays_for_delegates_and_keeps_paying_across_a_rotation() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(onboard(HOSPITAL, NEWCOMER));
		let as_patient = RuntimeOrigin::signed(NEWCOMER);
		let guardian_providers = providers(GUARDIAN);
		assert_ok!(Patients::add_delegate(as_patient.clone(), GUARDIAN, None));
		assert_ok!(Patients::add_delegate(as_patient.clone(), NEWCOMER_KEY, None));
		assert_eq!(held(HOSPITAL), REGISTRATION_DEPOSIT + 2 * DELEGATE_DEPOSIT);
		// A delegate is a live account too, tokens or not.
		assert_eq!((providers(GUARDIAN), providers(NEWCOMER_KEY)), (guardian_providers + 1, 1));
		assert_ok!(Patients::remove_delegate(as_patient.clone(), GUARDIAN));
		assert_eq!(held(HOSPITAL), REGISTRATION_DEPOSIT + DELEGATE_DEPOSIT);
		assert_eq!(providers(GUARDIAN), guardian_providers);

		// The patient moves to a key that was its delegate: the delegation ends (its deposit
		// goes back to the sponsor), the provider reference moves, the rest stays held.
		assert_ok!(Patients::propose_key_rotation(as_patient, NEWCOMER_KEY));
		assert_ok!(Patients::accept_key_rotation(RuntimeOrigin::signed(NEWCOMER_KEY), 0));
		assert_eq!(held(HOSPITAL), REGISTRATION_DEPOSIT);
		assert_eq!((held(NEWCOMER), held(NEWCOMER_KEY)), (0, 0));
		assert_eq!((providers(NEWCOMER), providers(NEWCOMER_KEY)), (0, 1));
		assert_eq!(PatientStore::<Test>::get(0).and_then(|p| p.sponsor), Some(HOSPITAL));

		// Deregistration returns every deposit to the sponsor and the reference with it; the
		// account that never held a token is gone.
		assert_ok!(Patients::deregister(RuntimeOrigin::signed(NEWCOMER_KEY)));
		assert_eq!(held(HOSPITAL), 0);
		assert_eq!(providers(NEWCOMER_KEY), 0);
		assert!(!frame_system::Account::<Test>::contains_key(NEWCOMER_KEY));
	});
}

#[test]
fn a_self_registered_key_gets_a_provider_reference_too_and_gives_it_back() {
	ExtBuilder::default().build_and_execute(|| {
		let before = providers(PATIENT);
		assert_ok!(Patients::register(RuntimeOrigin::signed(PATIENT), H256::zero()));
		assert_eq!(providers(PATIENT), before + 1);
		assert_ok!(Patients::propose_key_rotation(RuntimeOrigin::signed(PATIENT), NEW_KEY));
		let new_key_before = providers(NEW_KEY);
		assert_ok!(Patients::accept_key_rotation(RuntimeOrigin::signed(NEW_KEY), 0));
		assert_eq!((providers(PATIENT), providers(NEW_KEY)), (before, new_key_before + 1));
		assert_ok!(Patients::deregister(RuntimeOrigin::signed(NEW_KEY)));
		assert_eq!(providers(NEW_KEY), new_key_before);
	});
}

#[test]
fn a_key_that_something_still_depends_on_cannot_be_let_go() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(onboard(HOSPITAL, NEWCOMER));
		// Something else holds a consumer reference on the key that only the patient
		// reference keeps alive.
		assert_ok!(System::inc_consumers(&NEWCOMER));
		assert_noop!(
			Patients::deregister(RuntimeOrigin::signed(NEWCOMER)),
			Error::<Test>::KeyStillInUse
		);
		assert_ok!(Patients::propose_key_rotation(RuntimeOrigin::signed(NEWCOMER), NEWCOMER_KEY));
		assert_noop!(
			Patients::accept_key_rotation(RuntimeOrigin::signed(NEWCOMER_KEY), 0),
			Error::<Test>::KeyStillInUse
		);
		System::dec_consumers(&NEWCOMER);
		assert_ok!(Patients::deregister(RuntimeOrigin::signed(NEWCOMER)));
		assert_eq!(held(HOSPITAL), 0);
	});
}

#[test]
fn delegates_lose_their_reference_when_pruned_or_when_the_patient_leaves() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(onboard(HOSPITAL, NEWCOMER));
		let as_patient = RuntimeOrigin::signed(NEWCOMER);
		assert_ok!(Patients::add_delegate(as_patient.clone(), NEWCOMER_KEY, Some(START + DAY)));
		assert_eq!(providers(NEWCOMER_KEY), 1);
		// Expired, then pruned to make room for another: its reference goes.
		advance(DAY);
		assert_ok!(Patients::add_delegate(as_patient.clone(), CAREGIVER, None));
		assert_eq!(providers(NEWCOMER_KEY), 0);
		let caregiver_providers = providers(CAREGIVER);
		assert_ok!(Patients::deregister(as_patient));
		assert_eq!(providers(CAREGIVER), caregiver_providers - 1);
		// A delegate that something depends on still loses its delegation.
		assert_ok!(onboard(HOSPITAL, NEWCOMER));
		assert_ok!(Patients::add_delegate(RuntimeOrigin::signed(NEWCOMER), NEWCOMER_KEY, None));
		assert_ok!(System::inc_consumers(&NEWCOMER_KEY));
		assert_ok!(Patients::remove_delegate(RuntimeOrigin::signed(NEWCOMER), NEWCOMER_KEY));
		assert_eq!(providers(NEWCOMER_KEY), 1, "the account still needs it, so it stays");
		System::dec_consumers(&NEWCOMER_KEY);
	});
}
