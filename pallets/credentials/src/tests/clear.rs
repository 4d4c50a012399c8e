use super::*;
use crate::Error;
use carechain_primitives::CredentialStatus;

#[test]
fn clearing_a_revoked_credential_returns_the_deposit() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(revoke_doctor(RuntimeOrigin::signed(BOARD)));
		assert_ok!(Credentials::clear(
			RuntimeOrigin::signed(BOARD),
			DOCTOR,
			CredentialKind::Physician
		));
		assert_eq!(held(BOARD), 0);
		assert_eq!(Balances::free_balance(BOARD), ENDOWMENT);
		assert_eq!(doctor_status(), CredentialStatus::None);
		last_event_is(Event::CredentialCleared {
			issuer: BOARD,
			subject: DOCTOR,
			kind: CredentialKind::Physician,
			deposit: DEPOSIT,
		});
	});
}

#[test]
fn governance_clears_an_expired_credential_and_the_issuer_gets_the_deposit() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		advance(400 * DAY);
		assert_ok!(Credentials::clear(RuntimeOrigin::root(), DOCTOR, CredentialKind::Physician));
		assert_eq!(held(BOARD), 0);
		assert_eq!(Balances::free_balance(BOARD), ENDOWMENT);
	});
}

#[test]
fn a_live_credential_cannot_be_cleared() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_noop!(
			Credentials::clear(RuntimeOrigin::signed(BOARD), DOCTOR, CredentialKind::Physician),
			Error::<Test>::CredentialIsLive
		);
		assert_ok!(Credentials::suspend(
			RuntimeOrigin::signed(BOARD),
			DOCTOR,
			CredentialKind::Physician
		));
		assert_noop!(
			Credentials::clear(RuntimeOrigin::signed(BOARD), DOCTOR, CredentialKind::Physician),
			Error::<Test>::CredentialIsLive
		);
	});
}

#[test]
fn clearing_errors() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		assert_noop!(
			Credentials::clear(RuntimeOrigin::signed(BOARD), DOCTOR, CredentialKind::Physician),
			Error::<Test>::UnknownCredential
		);
		issue_doctor();
		assert_ok!(revoke_doctor(RuntimeOrigin::root()));
		assert_noop!(
			Credentials::clear(RuntimeOrigin::signed(STRANGER), DOCTOR, CredentialKind::Physician),
			Error::<Test>::NotCredentialIssuer
		);
	});
}
