//! `pay`: payments recorded, never more than the decision left to pay.

use super::*;
use crate::Error;
use carechain_primitives::CredentialKind;

#[test]
fn the_payer_records_a_payment() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		assert_ok!(pay(claim_id, 5_000));
		last_event_is(Event::ClaimPaid {
			claim_id,
			patient_id: PATIENT_ID,
			amount: 5_000,
			remittance_hash: REMITTANCE,
		});
		assert_eq!(
			status(claim_id),
			ClaimStatus::Paid { amount: 5_000, remittance_hash: REMITTANCE }
		);
		assert_eq!(ClaimsStorage::<Test>::get(claim_id).expect("stored").paid, 5_000);
	});
}

#[test]
fn payments_add_up_to_what_the_decision_left_to_pay_and_no_more() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		assert_noop!(pay(claim_id, 5_001), Error::<Test>::PaymentExceedsPayable);
		assert_ok!(pay(claim_id, 3_000));
		assert_noop!(pay(claim_id, 2_001), Error::<Test>::PaymentExceedsPayable);
		assert_noop!(pay(claim_id, u64::MAX), Error::<Test>::PaymentExceedsPayable);
		assert_ok!(pay(claim_id, 2_000));
		assert_eq!(ClaimsStorage::<Test>::get(claim_id).expect("stored").paid, 5_000);
		// Paid in full: nothing is left to pay.
		assert_noop!(pay(claim_id, 1), Error::<Test>::NotPayable);
	});
}

#[test]
fn a_payment_is_of_something() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		assert_noop!(pay(claim_id, 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn only_a_decided_claim_not_denied_is_paid() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		assert_noop!(pay(claim_id, 1), Error::<Test>::NotPayable);
		assert_ok!(adjudicate(claim_id, Outcome::Denied, 0, 0, &[ReasonCode::NotCovered]));
		assert_noop!(pay(claim_id, 1), Error::<Test>::NotPayable);
		assert_ok!(appeal(claim_id));
		assert_noop!(pay(claim_id, 1), Error::<Test>::NotPayable);
		assert_ok!(adjudicate(claim_id, Outcome::Approved, BILLED, 0, &[]));
		assert_ok!(pay(claim_id, BILLED));
	});
}

#[test]
fn only_the_claims_payer_still_credentialed_pays_it() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		for who in [OTHER_INSURER, DOCTOR, PATIENT] {
			assert_noop!(
				Claims::pay(RuntimeOrigin::signed(who), claim_id, 1, REMITTANCE),
				Error::<Test>::NotClaimPayer
			);
		}
		assert_noop!(pay(claim_id + 1, 1), Error::<Test>::UnknownClaim);
		set_credential(INSURER, CredentialKind::Insurer, false);
		assert_noop!(pay(claim_id, 1), Error::<Test>::NotInsurer);
	});
}
