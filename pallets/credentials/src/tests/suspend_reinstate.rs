use super::*;
use crate::Error;
use carechain_primitives::CredentialStatus;

fn suspend() -> DispatchResult {
	Credentials::suspend(RuntimeOrigin::signed(BOARD), DOCTOR, CredentialKind::Physician)
}

fn reinstate() -> DispatchResult {
	Credentials::reinstate(RuntimeOrigin::signed(BOARD), DOCTOR, CredentialKind::Physician)
}

#[test]
fn the_issuer_suspends_and_reinstates() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(suspend());
		assert_eq!(doctor_status(), CredentialStatus::Suspended);
		last_event_is(Event::CredentialSuspended {
			issuer: BOARD,
			subject: DOCTOR,
			kind: CredentialKind::Physician,
		});
		assert_ok!(reinstate());
		assert_eq!(doctor_status(), CredentialStatus::Valid);
		last_event_is(Event::CredentialReinstated {
			issuer: BOARD,
			subject: DOCTOR,
			kind: CredentialKind::Physician,
		});
	});
}

#[test]
fn suspending_twice_or_reinstating_an_active_credential_is_refused() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_noop!(reinstate(), Error::<Test>::CredentialNotSuspended);
		assert_ok!(suspend());
		assert_noop!(suspend(), Error::<Test>::CredentialAlreadySuspended);
	});
}

#[test]
fn a_revoked_credential_is_neither_suspended_nor_reinstated() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(revoke_doctor(RuntimeOrigin::signed(BOARD)));
		assert_noop!(suspend(), Error::<Test>::CredentialIsRevoked);
		assert_noop!(reinstate(), Error::<Test>::CredentialIsRevoked);
	});
}

#[test]
fn only_the_issuing_registered_issuer_suspends_or_reinstates() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		for call in [Credentials::suspend, Credentials::reinstate] {
			assert_noop!(
				call(RuntimeOrigin::signed(STRANGER), DOCTOR, CredentialKind::Physician),
				Error::<Test>::NotCredentialIssuer
			);
			assert_noop!(
				call(RuntimeOrigin::signed(BOARD), NURSE, CredentialKind::Physician),
				Error::<Test>::UnknownCredential
			);
		}
		assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), BOARD));
		assert_noop!(suspend(), Error::<Test>::IssuerIsRemoved);
		assert_noop!(reinstate(), Error::<Test>::IssuerIsRemoved);
	});
}
