use super::*;
use crate::Error;
use carechain_primitives::CredentialStatus;

#[test]
fn the_issuer_extends_validity_even_after_expiry() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		let valid_until = issue_doctor();
		advance(400 * DAY);
		assert_eq!(doctor_status(), CredentialStatus::Expired);
		let extended = valid_until + 400 * DAY;
		assert_ok!(renew_doctor(BOARD, extended));
		assert_eq!(doctor_status(), CredentialStatus::Valid);
		last_event_is(Event::CredentialRenewed {
			issuer: BOARD,
			subject: DOCTOR,
			kind: CredentialKind::Physician,
			valid_until: extended,
		});
	});
}

#[test]
fn renewing_what_does_not_exist_is_refused() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		assert_noop!(
			Credentials::renew(
				RuntimeOrigin::signed(BOARD),
				DOCTOR,
				CredentialKind::Nurse,
				START + DAY
			),
			Error::<Test>::UnknownCredential
		);
	});
}

#[test]
fn only_the_issuing_issuer_renews() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(register(OTHER_BOARD, &[CredentialKind::Physician]));
		assert_noop!(
			renew_doctor(OTHER_BOARD, START + 999 * DAY),
			Error::<Test>::NotCredentialIssuer
		);
	});
}

#[test]
fn a_removed_issuer_cannot_renew() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), BOARD));
		assert_noop!(renew_doctor(BOARD, START + 999 * DAY), Error::<Test>::IssuerIsRemoved);
	});
}

#[test]
fn a_revoked_credential_cannot_be_renewed() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(revoke_doctor(RuntimeOrigin::signed(BOARD)));
		assert_noop!(renew_doctor(BOARD, START + 999 * DAY), Error::<Test>::CredentialIsRevoked);
	});
}

#[test]
fn a_renewal_must_lie_in_the_future_and_extend() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		let valid_until = issue_doctor();
		assert_noop!(renew_doctor(BOARD, valid_until), Error::<Test>::RenewalMustExtend);
		advance(400 * DAY);
		assert_noop!(renew_doctor(BOARD, valid_until + DAY), Error::<Test>::ValidUntilNotInFuture);
	});
}
