use super::*;
use crate::Error;
use carechain_primitives::CredentialStatus;

#[test]
fn the_issuer_revokes_for_good_and_the_credential_stays_visible() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(Credentials::revoke(
			RuntimeOrigin::signed(BOARD),
			DOCTOR,
			CredentialKind::Physician
		));
		assert_eq!(
			Credentials::credential_status(&DOCTOR, CredentialKind::Physician),
			CredentialStatus::Revoked
		);
		// The deposit stays held until the credential is cleared.
		assert_eq!(held(BOARD), DEPOSIT);
		last_event_is(Event::CredentialRevoked {
			issuer: BOARD,
			subject: DOCTOR,
			kind: CredentialKind::Physician,
			by_governance: false,
		});
	});
}

#[test]
fn governance_revokes_any_credential() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(Credentials::revoke(RuntimeOrigin::root(), DOCTOR, CredentialKind::Physician));
		last_event_is(Event::CredentialRevoked {
			issuer: BOARD,
			subject: DOCTOR,
			kind: CredentialKind::Physician,
			by_governance: true,
		});
	});
}

#[test]
fn a_removed_issuer_may_still_revoke_what_it_issued() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), BOARD));
		assert_ok!(Credentials::revoke(
			RuntimeOrigin::signed(BOARD),
			DOCTOR,
			CredentialKind::Physician
		));
	});
}

#[test]
fn revoking_errors() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		assert_noop!(
			Credentials::revoke(RuntimeOrigin::root(), DOCTOR, CredentialKind::Physician),
			Error::<Test>::UnknownCredential
		);
		issue_doctor();
		assert_noop!(
			Credentials::revoke(RuntimeOrigin::signed(STRANGER), DOCTOR, CredentialKind::Physician),
			Error::<Test>::NotCredentialIssuer
		);
		assert_ok!(Credentials::revoke(RuntimeOrigin::root(), DOCTOR, CredentialKind::Physician));
		assert_noop!(
			Credentials::revoke(RuntimeOrigin::signed(BOARD), DOCTOR, CredentialKind::Physician),
			Error::<Test>::CredentialIsRevoked
		);
	});
}
