//! `replace` and `void`: the provider's corrections before adjudication (X12 claim frequency
//! codes 7 and 8).

use super::*;
use crate::{ClaimCount, Coverages, DuplicateKeys, Error, HoldReason};
use carechain_primitives::{Access, CredentialKind, Purpose};

const NEW_BUNDLE: H256 = H256::repeat_byte(0xb2);

fn replace(claim_id: ClaimId, billed: Money, key: H256) -> DispatchResult {
	Claims::replace(RuntimeOrigin::signed(DOCTOR), claim_id, NEW_BUNDLE, billed, key)
}

#[test]
fn a_replacement_takes_the_originals_place_and_key() {
	ExtBuilder::default().build_and_execute(|| {
		let original = submitted();
		assert_ok!(replace(original, eur(9_000), KEY));
		let replacement = original + 1;
		last_event_is(Event::ClaimReplaced {
			claim_id: replacement,
			original,
			patient_id: PATIENT_ID,
			billed: eur(9_000),
		});
		assert_eq!(status(original), ClaimStatus::Replaced { by: replacement });
		let claim = ClaimsStorage::<Test>::get(replacement).expect("stored");
		assert_eq!(claim.status, ClaimStatus::Submitted);
		assert_eq!(
			(claim.replaces, claim.claim_hash, claim.billed),
			(Some(original), NEW_BUNDLE, eur(9_000))
		);
		assert_eq!(
			(claim.patient_id, claim.payer, claim.encounter_id),
			(PATIENT_ID, INSURER, ENCOUNTER)
		);
		assert_eq!(DuplicateKeys::<Test>::get(INSURER, (DOCTOR, KEY)), Some(replacement));
		// Both stay stored, each with its deposit, until cleared.
		assert_eq!(held(DOCTOR, HoldReason::ClaimDeposit), 2 * CLAIM_DEPOSIT);
		assert_eq!(ClaimCount::<Test>::get(PATIENT_ID), Some(2));
		assert_eq!(Coverages::<Test>::get(claim.coverage_id).expect("stored").claims, 2);
		// The replacement, not the original, is what the payer decides.
		assert_noop!(
			adjudicate(original, Outcome::Approved, 1, 0, &[]),
			Error::<Test>::NotAwaitingAdjudication
		);
		assert_ok!(adjudicate(replacement, Outcome::Approved, 9_000, 0, &[]));
	});
}

#[test]
fn a_replacement_with_new_codes_frees_the_old_key() {
	ExtBuilder::default().build_and_execute(|| {
		let original = submitted();
		let new_key = H256::repeat_byte(0xd2);
		assert_ok!(replace(original, eur(9_000), new_key));
		assert_eq!(DuplicateKeys::<Test>::get(INSURER, (DOCTOR, KEY)), None);
		assert_eq!(DuplicateKeys::<Test>::get(INSURER, (DOCTOR, new_key)), Some(original + 1));
	});
}

#[test]
fn a_replacement_may_not_take_another_standing_claims_key() {
	ExtBuilder::default().build_and_execute(|| {
		let first = submitted();
		let other_key = H256::repeat_byte(0xd2);
		assert_ok!(Submission { duplicate_key: other_key, ..Submission::new(0) }.by(DOCTOR));
		assert_noop!(replace(first, eur(1), other_key), Error::<Test>::DuplicateClaim);
	});
}

#[test]
fn only_a_pending_claim_is_replaced() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		assert_ok!(replace(claim_id, eur(1), KEY));
		assert_noop!(replace(claim_id, eur(1), KEY), Error::<Test>::NotPending);
		let replacement = claim_id + 1;
		assert_ok!(adjudicate(replacement, Outcome::Approved, 1, 0, &[]));
		assert_noop!(replace(replacement, eur(1), KEY), Error::<Test>::NotPending);
	});
}

#[test]
fn a_replacement_bills_money_in_a_currency() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		assert_noop!(replace(claim_id, eur(0), KEY), Error::<Test>::ZeroAmount);
		assert_noop!(
			replace(claim_id, Money { amount: 1, currency: CurrencyCode(*b"e$r") }, KEY),
			Error::<Test>::InvalidCurrency
		);
	});
}

#[test]
fn a_replacement_counts_against_the_providers_bound() {
	ExtBuilder::default().build_and_execute(|| {
		let first = submitted();
		for key in 1..MAX_CLAIMS_PER_PROVIDER {
			assert_ok!(Submission::keyed(0, key as u8).by(DOCTOR));
		}
		assert_noop!(replace(first, eur(1), KEY), Error::<Test>::TooManyClaimsByProvider);
		// Clearing the original at once makes room (it holds no key).
		assert_ok!(Claims::void(RuntimeOrigin::signed(DOCTOR), first));
		assert_ok!(Claims::clear(RuntimeOrigin::signed(STRANGER), first));
		assert_ok!(Submission::keyed(0, 0xee).by(DOCTOR));
	});
}

#[test]
fn a_replacement_is_checked_as_a_new_submission() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		// The patient withdrew the payer's consent.
		deny_all(INSURER);
		assert_noop!(replace(claim_id, eur(1), KEY), Error::<Test>::PaymentNotConsented);
		permit(PATIENT_ID, INSURER, billing(), Access::Read, Purpose::Payment);
		// The payer lost its credential.
		set_credential(INSURER, CredentialKind::Insurer, false);
		assert_noop!(replace(claim_id, eur(1), KEY), Error::<Test>::PayerNotInsurer);
		set_credential(INSURER, CredentialKind::Insurer, true);
		// The encounter was erased.
		erase_record(ENCOUNTER);
		assert_noop!(replace(claim_id, eur(1), KEY), Error::<Test>::UnknownEncounter);
		store_record(
			ENCOUNTER,
			PATIENT_ID,
			DOCTOR,
			carechain_primitives::RecordCategory::Encounters,
		);
		// The filing window closed.
		advance_days(TIMELY_FILING_DAYS as u64 + 1);
		assert_noop!(replace(claim_id, eur(1), KEY), Error::<Test>::TimelyFilingExpired);
	});
}

#[test]
fn a_deregistered_patient_is_not_billed_again_by_replacement() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		deregister_patient(PATIENT_ID);
		assert_noop!(replace(claim_id, eur(1), KEY), Error::<Test>::PatientNotActive);
		// The pending claim can still be voided.
		assert_ok!(Claims::void(RuntimeOrigin::signed(DOCTOR), claim_id));
	});
}

#[test]
fn only_the_claims_provider_still_credentialed_replaces_or_voids_it() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		for who in [NURSE, INSURER, PATIENT] {
			assert_noop!(
				Claims::replace(RuntimeOrigin::signed(who), claim_id, NEW_BUNDLE, eur(1), KEY),
				Error::<Test>::NotClaimProvider
			);
			assert_noop!(
				Claims::void(RuntimeOrigin::signed(who), claim_id),
				Error::<Test>::NotClaimProvider
			);
		}
		assert_noop!(replace(claim_id + 1, eur(1), KEY), Error::<Test>::UnknownClaim);
		assert_noop!(
			Claims::void(RuntimeOrigin::signed(DOCTOR), claim_id + 1),
			Error::<Test>::UnknownClaim
		);
		set_credential(DOCTOR, CredentialKind::Physician, false);
		assert_noop!(replace(claim_id, eur(1), KEY), Error::<Test>::NotProvider);
		assert_noop!(
			Claims::void(RuntimeOrigin::signed(DOCTOR), claim_id),
			Error::<Test>::NotProvider
		);
	});
}

#[test]
fn a_voided_claim_releases_its_key() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		assert_ok!(Claims::void(RuntimeOrigin::signed(DOCTOR), claim_id));
		last_event_is(Event::ClaimVoided { claim_id, patient_id: PATIENT_ID });
		assert_eq!(status(claim_id), ClaimStatus::Voided);
		assert_eq!(DuplicateKeys::<Test>::get(INSURER, (DOCTOR, KEY)), None);
		// A corrected claim for the same service is not a duplicate of a voided one.
		assert_ok!(Submission::new(0).by(DOCTOR));
	});
}

#[test]
fn only_a_pending_claim_is_voided() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		assert_ok!(Claims::void(RuntimeOrigin::signed(DOCTOR), claim_id));
		assert_noop!(
			Claims::void(RuntimeOrigin::signed(DOCTOR), claim_id),
			Error::<Test>::NotPending
		);
		assert_ok!(Submission::new(0).by(DOCTOR));
		let decided = claim_id + 1;
		assert_ok!(adjudicate(decided, Outcome::Denied, 0, 0, &[ReasonCode::NotCovered]));
		assert_noop!(
			Claims::void(RuntimeOrigin::signed(DOCTOR), decided),
			Error::<Test>::NotPending
		);
	});
}
