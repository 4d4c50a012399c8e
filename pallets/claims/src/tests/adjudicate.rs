//! `adjudicate`: the payer's decision, and what it may say.

use super::*;
use crate::{Decision, Error};
use carechain_primitives::CredentialKind;

#[test]
fn the_payer_approves_a_claim() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		assert_ok!(adjudicate(
			claim_id,
			Outcome::Approved,
			8_000,
			2_000,
			&[ReasonCode::ExceedsFeeSchedule]
		));
		last_event_is(Event::ClaimAdjudicated {
			claim_id,
			patient_id: PATIENT_ID,
			outcome: Outcome::Approved,
			allowed: 8_000,
			patient_responsibility: 2_000,
			reasons: reasons(&[ReasonCode::ExceedsFeeSchedule]),
		});
		assert_eq!(
			status(claim_id),
			ClaimStatus::Adjudicated {
				outcome: Outcome::Approved,
				allowed: 8_000,
				patient_responsibility: 2_000,
				reasons: reasons(&[ReasonCode::ExceedsFeeSchedule]),
			}
		);
		let claim = ClaimsStorage::<Test>::get(claim_id).expect("stored");
		assert_eq!(
			claim.decision,
			Some(Decision { outcome: Outcome::Approved, payable: 6_000, at: START })
		);
	});
}

#[test]
fn an_approval_needs_no_reason() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		assert_ok!(adjudicate(claim_id, Outcome::Approved, BILLED, 0, &[]));
	});
}

#[test]
fn the_payer_allows_part_of_a_claim_or_denies_it() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		assert!(matches!(
			status(claim_id),
			ClaimStatus::Adjudicated { outcome: Outcome::Partial, .. }
		));
		assert_ok!(Submission::keyed(0, 2).by(DOCTOR));
		assert_ok!(adjudicate(
			claim_id + 1,
			Outcome::Denied,
			0,
			0,
			&[ReasonCode::NoPriorAuthorization]
		));
		last_event_is(Event::ClaimAdjudicated {
			claim_id: claim_id + 1,
			patient_id: PATIENT_ID,
			outcome: Outcome::Denied,
			allowed: 0,
			patient_responsibility: 0,
			reasons: reasons(&[ReasonCode::NoPriorAuthorization]),
		});
	});
}

#[test]
fn the_amounts_must_fit_the_outcome() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		let why = [ReasonCode::Other];
		for (outcome, allowed, patient) in [
			(Outcome::Approved, BILLED + 1, 0),
			(Outcome::Approved, 0, 0),
			(Outcome::Approved, 100, 101),
			(Outcome::Partial, BILLED, 0),
			(Outcome::Partial, 0, 0),
			(Outcome::Partial, 5_000, 5_001),
			(Outcome::Denied, 1, 0),
			(Outcome::Denied, 0, 1),
		] {
			assert_noop!(
				adjudicate(claim_id, outcome, allowed, patient, &why),
				Error::<Test>::InvalidAdjudication
			);
		}
	});
}

#[test]
fn a_partial_or_denied_decision_gives_its_reasons_once_each() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		assert_noop!(
			adjudicate(claim_id, Outcome::Partial, 1, 0, &[]),
			Error::<Test>::ReasonRequired
		);
		assert_noop!(
			adjudicate(claim_id, Outcome::Denied, 0, 0, &[]),
			Error::<Test>::ReasonRequired
		);
		assert_noop!(
			adjudicate(
				claim_id,
				Outcome::Denied,
				0,
				0,
				&[ReasonCode::Other, ReasonCode::NotCovered, ReasonCode::Other]
			),
			Error::<Test>::DuplicateReason
		);
		assert_noop!(
			adjudicate(
				claim_id,
				Outcome::Approved,
				1,
				0,
				&[ReasonCode::Deductible, ReasonCode::Deductible]
			),
			Error::<Test>::DuplicateReason
		);
	});
}

#[test]
fn only_a_submitted_or_appealed_claim_is_decided() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		assert_noop!(
			adjudicate(claim_id, Outcome::Approved, BILLED, 0, &[]),
			Error::<Test>::NotAwaitingAdjudication
		);
		assert_ok!(pay(claim_id, 5_000));
		assert_noop!(
			adjudicate(claim_id, Outcome::Approved, BILLED, 0, &[]),
			Error::<Test>::NotAwaitingAdjudication
		);
		assert_ok!(appeal(claim_id));
		assert_ok!(adjudicate(claim_id, Outcome::Approved, BILLED, 0, &[]));
		assert_eq!(
			ClaimsStorage::<Test>::get(claim_id)
				.expect("stored")
				.decision
				.map(|d| d.payable),
			Some(BILLED)
		);
		// Voided claims are decided by nobody.
		assert_ok!(Submission::keyed(0, 2).by(DOCTOR));
		assert_ok!(Claims::void(RuntimeOrigin::signed(DOCTOR), claim_id + 1));
		assert_noop!(
			adjudicate(claim_id + 1, Outcome::Approved, 1, 0, &[]),
			Error::<Test>::NotAwaitingAdjudication
		);
	});
}

#[test]
fn a_decision_after_an_appeal_does_not_take_back_what_was_paid() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		assert_ok!(pay(claim_id, 5_000));
		assert_ok!(appeal(claim_id));
		// 5,500 allowed, 1,000 of it the patient's: 4,500 payable, below the 5,000 paid.
		assert_noop!(
			adjudicate(claim_id, Outcome::Partial, 5_500, 1_000, &[ReasonCode::NotCovered]),
			Error::<Test>::BelowAmountPaid
		);
		assert_ok!(adjudicate(claim_id, Outcome::Partial, 6_000, 1_000, &[ReasonCode::NotCovered]));
	});
}

#[test]
fn only_the_claims_payer_still_credentialed_decides_it() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		for who in [OTHER_INSURER, DOCTOR, PATIENT] {
			assert_noop!(
				Claims::adjudicate(
					RuntimeOrigin::signed(who),
					claim_id,
					Outcome::Approved,
					1,
					0,
					reasons(&[])
				),
				Error::<Test>::NotClaimPayer
			);
		}
		assert_noop!(
			adjudicate(claim_id + 1, Outcome::Approved, 1, 0, &[]),
			Error::<Test>::UnknownClaim
		);
		set_credential(INSURER, CredentialKind::Insurer, false);
		assert_noop!(adjudicate(claim_id, Outcome::Approved, 1, 0, &[]), Error::<Test>::NotInsurer);
	});
}

#[test]
fn a_deregistered_patients_pending_claim_is_still_decided_and_paid() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		deregister_patient(PATIENT_ID);
		assert_ok!(adjudicate(claim_id, Outcome::Approved, BILLED, 0, &[]));
		assert_ok!(pay(claim_id, BILLED));
	});
}
