//! `appeal`: the provider contests a denial or a partial decision, within the window.

use super::*;
use crate::Error;
use carechain_primitives::CredentialKind;

#[test]
fn the_provider_appeals_a_partial_decision() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		assert_ok!(appeal(claim_id));
		last_event_is(Event::ClaimAppealed {
			claim_id,
			patient_id: PATIENT_ID,
			evidence_hash: EVIDENCE,
		});
		assert_eq!(status(claim_id), ClaimStatus::Appealed { evidence_hash: EVIDENCE });
		assert_eq!(ClaimsStorage::<Test>::get(claim_id).expect("stored").appeals, 1);
	});
}

#[test]
fn a_denial_and_a_paid_partial_decision_are_appealable() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		assert_ok!(adjudicate(claim_id, Outcome::Denied, 0, 0, &[ReasonCode::MissingInformation]));
		assert_ok!(appeal(claim_id));
		assert_ok!(adjudicate(claim_id, Outcome::Partial, 6_000, 0, &[ReasonCode::NotCovered]));
		// Paying the part allowed at once does not end the provider's right to appeal.
		assert_ok!(pay(claim_id, 6_000));
		assert_ok!(appeal(claim_id));
	});
}

#[test]
fn an_approval_or_a_claim_not_decided_is_not_appealable() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		assert_noop!(appeal(claim_id), Error::<Test>::NotAppealable);
		assert_ok!(adjudicate(
			claim_id,
			Outcome::Approved,
			9_000,
			0,
			&[ReasonCode::ExceedsFeeSchedule]
		));
		assert_noop!(appeal(claim_id), Error::<Test>::NotAppealable);
		assert_ok!(pay(claim_id, 9_000));
		assert_noop!(appeal(claim_id), Error::<Test>::NotAppealable);
		let partial = {
			assert_ok!(Submission::keyed(0, 2).by(DOCTOR));
			claim_id + 1
		};
		assert_ok!(adjudicate(partial, Outcome::Partial, 1, 0, &[ReasonCode::Other]));
		assert_ok!(appeal(partial));
		// Appealed already: the payer decides next.
		assert_noop!(appeal(partial), Error::<Test>::NotAppealable);
	});
}

#[test]
fn the_appeal_window_closes() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		advance(APPEAL_WINDOW);
		assert_ok!(appeal(claim_id));
		assert_ok!(adjudicate(claim_id, Outcome::Partial, 6_000, 1_000, &[ReasonCode::NotCovered]));
		advance(APPEAL_WINDOW + 1);
		assert_noop!(appeal(claim_id), Error::<Test>::AppealWindowClosed);
	});
}

#[test]
fn a_claim_is_appealed_at_most_max_appeals_times() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		for _ in 0..MAX_APPEALS {
			assert_ok!(appeal(claim_id));
			assert_ok!(adjudicate(
				claim_id,
				Outcome::Partial,
				6_000,
				1_000,
				&[ReasonCode::NotCovered]
			));
		}
		assert_noop!(appeal(claim_id), Error::<Test>::TooManyAppeals);
	});
}

#[test]
fn only_the_claims_provider_still_credentialed_appeals() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = partial();
		for who in [NURSE, INSURER, PATIENT] {
			assert_noop!(
				Claims::appeal(RuntimeOrigin::signed(who), claim_id, EVIDENCE),
				Error::<Test>::NotClaimProvider
			);
		}
		assert_noop!(appeal(claim_id + 1), Error::<Test>::UnknownClaim);
		set_credential(DOCTOR, CredentialKind::Physician, false);
		assert_noop!(appeal(claim_id), Error::<Test>::NotProvider);
	});
}
