//! `clear`: settled claims leave storage once their filing window has passed.

use super::*;
use crate::{ClaimCount, ClaimsOf, Coverages, DuplicateKeys, Error, HoldReason};

fn clear(claim_id: ClaimId) -> DispatchResult {
	Claims::clear(RuntimeOrigin::signed(STRANGER), claim_id)
}

/// Past the filing window of today's care.
fn past_filing_window() {
	advance_days(TIMELY_FILING_DAYS as u64 + 1);
}

#[test]
fn anyone_clears_a_claim_paid_in_full_once_its_filing_window_passed() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		assert_ok!(adjudicate(claim_id, Outcome::Approved, BILLED, 0, &[]));
		assert_ok!(pay(claim_id, BILLED));
		assert_noop!(clear(claim_id), Error::<Test>::NotSettled);
		past_filing_window();
		assert_ok!(clear(claim_id));
		last_event_is(Event::ClaimCleared { claim_id, patient_id: PATIENT_ID });
		assert!(ClaimsStorage::<Test>::get(claim_id).is_none());
		assert!(!ClaimsOf::<Test>::contains_key(PATIENT_ID, claim_id));
		assert_eq!(ClaimCount::<Test>::get(PATIENT_ID), None);
		assert_eq!(DuplicateKeys::<Test>::get(INSURER, (DOCTOR, KEY)), None);
		assert_eq!(Coverages::<Test>::get(0).expect("stored").claims, 0);
		assert_eq!(held(DOCTOR, HoldReason::ClaimDeposit), 0);
	});
}

#[test]
fn a_voided_claim_is_cleared_at_once_a_denied_one_after_the_filing_window() {
	ExtBuilder::default().build_and_execute(|| {
		let voided = submitted();
		assert_ok!(Claims::void(RuntimeOrigin::signed(DOCTOR), voided));
		assert_ok!(Submission::keyed(0, 2).by(DOCTOR));
		let denied = voided + 1;
		assert_ok!(adjudicate(denied, Outcome::Denied, 0, 0, &[ReasonCode::NotCovered]));
		// A voided claim holds no key: it goes at once.
		assert_ok!(clear(voided));
		assert_noop!(clear(denied), Error::<Test>::NotSettled);
		past_filing_window();
		assert_ok!(clear(denied));
		assert_eq!(ClaimCount::<Test>::get(PATIENT_ID), None);
	});
}

#[test]
fn clearing_a_replaced_claim_leaves_its_replacements_key() {
	ExtBuilder::default().build_and_execute(|| {
		let original = submitted();
		assert_ok!(Claims::replace(RuntimeOrigin::signed(DOCTOR), original, BUNDLE, eur(1), KEY));
		// A replaced claim holds no key: it goes at once.
		assert_ok!(clear(original));
		assert_eq!(DuplicateKeys::<Test>::get(INSURER, (DOCTOR, KEY)), Some(original + 1));
		past_filing_window();
		// The replacement is still pending: it stays.
		assert_noop!(clear(original + 1), Error::<Test>::NotSettled);
	});
}

#[test]
fn a_claim_with_something_left_to_do_stays() {
	ExtBuilder::default().build_and_execute(|| {
		// Awaiting a decision.
		let claim_id = submitted();
		past_filing_window();
		assert_noop!(clear(claim_id), Error::<Test>::NotSettled);
		// Approved but not paid in full: the payer still owes.
		assert_ok!(adjudicate(claim_id, Outcome::Approved, BILLED, 0, &[]));
		assert_ok!(pay(claim_id, BILLED - 1));
		assert_noop!(clear(claim_id), Error::<Test>::NotSettled);
	});
}

#[test]
fn a_partial_decision_stays_while_it_may_be_appealed() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		// Decided late: 80 days after the care, and paid in full at once.
		advance_days(80);
		assert_ok!(adjudicate(claim_id, Outcome::Partial, 6_000, 1_000, &[ReasonCode::NotCovered]));
		assert_ok!(pay(claim_id, 5_000));
		// The filing window passed, the appeal window did not.
		advance_days(11);
		assert_noop!(clear(claim_id), Error::<Test>::NotSettled);
		advance(APPEAL_WINDOW);
		assert_ok!(clear(claim_id));
	});
}

#[test]
fn an_appealed_claim_stays_until_decided_again() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		assert_ok!(appeal(claim_id));
		past_filing_window();
		assert_noop!(clear(claim_id), Error::<Test>::NotSettled);
	});
}

#[test]
fn an_unknown_claim_is_not_cleared() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(clear(0), Error::<Test>::UnknownClaim);
	});
}

#[test]
fn its_provider_clears_a_claim_the_payer_never_decided_or_paid() {
	ExtBuilder::default().build_and_execute(|| {
		let undecided = submitted();
		assert_ok!(Submission::keyed(0, 2).by(DOCTOR));
		let unpaid = undecided + 1;
		assert_ok!(adjudicate(unpaid, Outcome::Approved, BILLED, 0, &[]));
		// The payer lost its credential: it can decide and pay no more.
		set_credential(INSURER, carechain_primitives::CredentialKind::Insurer, false);
		let by_doctor = |id| Claims::clear(RuntimeOrigin::signed(DOCTOR), id);
		past_filing_window();
		assert_noop!(by_doctor(undecided), Error::<Test>::NotSettled);
		// Past the filing and the appeal windows, the provider writes them off.
		advance(APPEAL_WINDOW);
		assert_noop!(clear(undecided), Error::<Test>::NotSettled);
		assert_ok!(by_doctor(undecided));
		assert_ok!(by_doctor(unpaid));
		assert_eq!(held(DOCTOR, HoldReason::ClaimDeposit), 0);
		// No claim names the coverage any more.
		assert_eq!(Coverages::<Test>::get(0).expect("stored").claims, 0);
	});
}
