use super::*;
use crate::{Credential, CredentialState, Error};
use carechain_primitives::CredentialStatus;

#[test]
fn an_issuer_issues_a_credential_and_holds_a_deposit() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		let valid_until = issue_doctor();
		assert_eq!(
			crate::Credentials::<Test>::get(DOCTOR, CredentialKind::Physician),
			Some(Credential {
				issuer: BOARD,
				issuer_epoch: 0,
				license_hash: LICENSE,
				issued_at: START,
				valid_until,
				state: CredentialState::Active,
				deposit: DEPOSIT,
			})
		);
		assert_eq!(held(BOARD), DEPOSIT);
		assert_eq!(doctor_status(), CredentialStatus::Valid);
		last_event_is(Event::CredentialIssued {
			issuer: BOARD,
			subject: DOCTOR,
			kind: CredentialKind::Physician,
			valid_until,
		});
	});
}

#[test]
fn a_stranger_cannot_issue() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		assert_noop!(
			issue(STRANGER, DOCTOR, CredentialKind::Physician, START + DAY),
			Error::<Test>::NotIssuer
		);
	});
}

#[test]
fn an_issuer_cannot_issue_a_kind_it_is_not_registered_for() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		assert_noop!(
			issue(BOARD, DOCTOR, CredentialKind::Manufacturer, START + DAY),
			Error::<Test>::NotIssuerOfKind
		);
	});
}

#[test]
fn valid_until_must_lie_in_the_future() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		for valid_until in [START, START - 1, 0] {
			assert_noop!(
				issue(BOARD, DOCTOR, CredentialKind::Physician, valid_until),
				Error::<Test>::ValidUntilNotInFuture
			);
		}
	});
}

#[test]
fn issuing_over_a_valid_or_suspended_credential_is_refused() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		let again = || issue(BOARD, DOCTOR, CredentialKind::Physician, START + DAY);
		assert_noop!(again(), Error::<Test>::CredentialAlreadyLive);
		assert_ok!(Credentials::suspend(
			RuntimeOrigin::signed(BOARD),
			DOCTOR,
			CredentialKind::Physician
		));
		assert_noop!(again(), Error::<Test>::CredentialAlreadyLive);
	});
}

#[test]
fn an_issuer_without_funds_for_the_deposit_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register(POOR_BOARD, &[CredentialKind::Nurse]));
		assert_noop!(
			issue(POOR_BOARD, NURSE, CredentialKind::Nurse, START + DAY),
			Error::<Test>::InsufficientDeposit
		);
	});
}

#[test]
fn an_expired_credential_is_replaced_and_its_deposit_returned() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		assert_ok!(issue(BOARD, DOCTOR, CredentialKind::Physician, START + DAY));
		advance(DAY);
		assert_ok!(register(OTHER_BOARD, &[CredentialKind::Physician]));
		assert_ok!(issue(OTHER_BOARD, DOCTOR, CredentialKind::Physician, START + 3 * DAY));
		assert_eq!(held(BOARD), 0, "the old issuer got its deposit back");
		assert_eq!(held(OTHER_BOARD), DEPOSIT);
		assert_eq!(doctor_status(), CredentialStatus::Valid);
	});
}

#[test]
fn a_credential_voided_by_its_issuers_removal_can_be_issued_anew() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), BOARD));
		assert_ok!(register(OTHER_BOARD, &[CredentialKind::Physician]));
		assert_ok!(issue(OTHER_BOARD, DOCTOR, CredentialKind::Physician, START + DAY));
		assert_eq!(held(BOARD), 0);
		assert_eq!(doctor_status(), CredentialStatus::Valid);
	});
}
