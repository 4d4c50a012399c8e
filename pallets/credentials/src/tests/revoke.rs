use super::*;
use crate::Error;
use carechain_primitives::CredentialStatus;

#[test]
fn the_issuer_revokes_for_good_and_the_credential_stays_visible() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(revoke_doctor(RuntimeOrigin::signed(BOARD)));
		assert_eq!(doctor_status(), CredentialStatus::Revoked);
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
		assert_ok!(revoke_doctor(RuntimeOrigin::root()));
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
		assert_ok!(revoke_doctor(RuntimeOrigin::signed(BOARD)));
	});
}

#[test]
fn revoking_errors() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		assert_noop!(revoke_doctor(RuntimeOrigin::root()), Error::<Test>::UnknownCredential);
		issue_doctor();
		assert_noop!(
			revoke_doctor(RuntimeOrigin::signed(STRANGER)),
			Error::<Test>::NotCredentialIssuer
		);
		assert_ok!(revoke_doctor(RuntimeOrigin::root()));
		assert_noop!(
			revoke_doctor(RuntimeOrigin::signed(BOARD)),
			Error::<Test>::CredentialIsRevoked
		);
	});
}
