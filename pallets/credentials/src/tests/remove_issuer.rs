use super::*;
use crate::{Error, Issuers};
use carechain_primitives::CredentialStatus;

#[test]
fn root_removes_an_issuer_and_voids_its_credentials_without_touching_them() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		let stored = crate::Credentials::<Test>::get(DOCTOR, CredentialKind::Physician);
		assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), BOARD));
		assert!(!Issuers::<Test>::contains_key(BOARD));
		// The credential is untouched, yet void.
		assert_eq!(crate::Credentials::<Test>::get(DOCTOR, CredentialKind::Physician), stored);
		assert_eq!(doctor_status(), CredentialStatus::IssuerRemoved);
		last_event_is(Event::IssuerRemoved { issuer: BOARD });
	});
}

#[test]
fn registering_the_same_account_again_does_not_revive_old_credentials() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), BOARD));
		assert_ok!(register(BOARD, &[CredentialKind::Physician]));
		assert_eq!(doctor_status(), CredentialStatus::IssuerRemoved);
	});
}

#[test]
fn removing_an_unknown_issuer_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credentials::remove_issuer(RuntimeOrigin::root(), BOARD),
			Error::<Test>::UnknownIssuer
		);
	});
}
