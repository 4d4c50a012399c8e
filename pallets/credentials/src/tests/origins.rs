//! The origin matrix: every call tried with no origin, a stranger, the wrong issuer, and Root
//! where Root is not allowed; each refused cleanly with nothing changed.

use super::*;
use crate::Error;
use frame::testing_prelude::BadOrigin;
use CredentialKind::*;

/// BOARD issued DOCTOR a Physician credential; OTHER_BOARD is registered for Physician too.
fn setup() {
	issue_doctor();
	assert_ok!(register(OTHER_BOARD, &[Physician]));
}

#[test]
fn governance_calls_refuse_everyone_but_governance() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		setup();
		for origin in
			[RuntimeOrigin::none(), RuntimeOrigin::signed(STRANGER), RuntimeOrigin::signed(BOARD)]
		{
			assert_noop!(
				Credentials::register_issuer(
					origin.clone(),
					STRANGER,
					kinds(&[Nurse]),
					H256::zero()
				),
				BadOrigin
			);
			assert_noop!(Credentials::remove_issuer(origin, BOARD), BadOrigin);
		}
	});
}

#[test]
fn issue_refuses_no_origin_root_strangers_and_the_wrong_issuer() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		setup();
		let issue = |origin, kind| Credentials::issue(origin, NURSE, kind, LICENSE, START + DAY);
		assert_noop!(issue(RuntimeOrigin::none(), Nurse), BadOrigin);
		assert_noop!(issue(RuntimeOrigin::root(), Nurse), BadOrigin);
		assert_noop!(issue(RuntimeOrigin::signed(STRANGER), Nurse), Error::<Test>::NotIssuer);
		assert_noop!(
			issue(RuntimeOrigin::signed(OTHER_BOARD), Nurse),
			Error::<Test>::NotIssuerOfKind
		);
	});
}

#[test]
fn issuer_only_calls_refuse_no_origin_root_strangers_and_the_wrong_issuer() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		setup();
		let renew = |origin| Credentials::renew(origin, DOCTOR, Physician, START + 999 * DAY);
		let suspend = |origin| Credentials::suspend(origin, DOCTOR, Physician);
		let reinstate = |origin| Credentials::reinstate(origin, DOCTOR, Physician);
		let calls: [&dyn Fn(RuntimeOrigin) -> DispatchResult; 3] = [&renew, &suspend, &reinstate];
		for call in calls {
			assert_noop!(call(RuntimeOrigin::none()), BadOrigin);
			assert_noop!(call(RuntimeOrigin::root()), BadOrigin);
			assert_noop!(call(RuntimeOrigin::signed(STRANGER)), Error::<Test>::NotCredentialIssuer);
			assert_noop!(
				call(RuntimeOrigin::signed(OTHER_BOARD)),
				Error::<Test>::NotCredentialIssuer
			);
			assert_noop!(call(RuntimeOrigin::signed(DOCTOR)), Error::<Test>::NotCredentialIssuer);
		}
	});
}

#[test]
fn revoke_and_clear_refuse_no_origin_strangers_and_the_wrong_issuer() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		setup();
		let revoke = |origin| Credentials::revoke(origin, DOCTOR, Physician);
		let clear = |origin| Credentials::clear(origin, DOCTOR, Physician);
		let calls: [&dyn Fn(RuntimeOrigin) -> DispatchResult; 2] = [&revoke, &clear];
		for call in calls {
			assert_noop!(call(RuntimeOrigin::none()), BadOrigin);
			assert_noop!(call(RuntimeOrigin::signed(STRANGER)), Error::<Test>::NotCredentialIssuer);
			assert_noop!(
				call(RuntimeOrigin::signed(OTHER_BOARD)),
				Error::<Test>::NotCredentialIssuer
			);
			assert_noop!(call(RuntimeOrigin::signed(DOCTOR)), Error::<Test>::NotCredentialIssuer);
		}
	});
}
