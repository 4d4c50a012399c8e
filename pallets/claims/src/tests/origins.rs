//! The origin matrix: every call tried with no origin and Root (never allowed here), and by the
//! wrong role; each refused with nothing changed. The right roles are in each call's tests.

use super::*;
use crate::Error;
use frame::testing_prelude::BadOrigin;

#[test]
fn every_call_refuses_no_origin_and_root() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Claims::register_coverage(
					origin.clone(),
					PATIENT_ID,
					PLAN,
					TODAY,
					TODAY,
					billing()
				),
				BadOrigin
			);
			assert_noop!(Claims::end_coverage(origin.clone(), 0, TODAY), BadOrigin);
			assert_noop!(Claims::remove_coverage(origin.clone(), 0), BadOrigin);
			assert_noop!(
				Claims::submit(
					origin.clone(),
					PATIENT_ID,
					INSURER,
					0,
					ENCOUNTER,
					BUNDLE,
					eur(1),
					TODAY,
					H256::repeat_byte(3),
					billing()
				),
				BadOrigin
			);
			assert_noop!(Claims::replace(origin.clone(), claim_id, BUNDLE, eur(1), KEY), BadOrigin);
			assert_noop!(Claims::void(origin.clone(), claim_id), BadOrigin);
			assert_noop!(
				Claims::adjudicate(origin.clone(), claim_id, Outcome::Approved, 1, 0, reasons(&[])),
				BadOrigin
			);
			assert_noop!(Claims::pay(origin.clone(), claim_id, 1, REMITTANCE), BadOrigin);
			assert_noop!(Claims::appeal(origin.clone(), claim_id, EVIDENCE), BadOrigin);
			assert_noop!(Claims::clear(origin, claim_id), BadOrigin);
		}
	});
}

#[test]
fn the_parties_cannot_take_each_others_turns() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		// The provider cannot decide or pay its own claim, nor register coverage.
		assert_noop!(
			Claims::adjudicate(
				RuntimeOrigin::signed(DOCTOR),
				claim_id,
				Outcome::Approved,
				BILLED,
				0,
				reasons(&[])
			),
			Error::<Test>::NotClaimPayer
		);
		assert_noop!(
			Claims::pay(RuntimeOrigin::signed(DOCTOR), claim_id, 1, REMITTANCE),
			Error::<Test>::NotClaimPayer
		);
		assert_noop!(
			register_coverage(DOCTOR, PATIENT_ID, TODAY, TODAY),
			Error::<Test>::NotInsurer
		);
		// The payer cannot void, replace or appeal the provider's claim, nor submit one.
		assert_noop!(
			Claims::void(RuntimeOrigin::signed(INSURER), claim_id),
			Error::<Test>::NotClaimProvider
		);
		assert_noop!(Submission::new(0).by(INSURER), Error::<Test>::NotProvider);
		// The patient does none of it.
		assert_noop!(
			Claims::void(RuntimeOrigin::signed(PATIENT), claim_id),
			Error::<Test>::NotClaimProvider
		);
		assert_noop!(
			Claims::end_coverage(RuntimeOrigin::signed(PATIENT), 0, TODAY),
			Error::<Test>::NotCoveragePayer
		);
	});
}
