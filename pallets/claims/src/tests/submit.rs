//! `submit`: every check of the crate docs, in their order.

use super::*;
use crate::{
	ClaimCount, ClaimsByProvider, ClaimsOf, Config, Coverages, DuplicateKeys, Error, HoldReason,
	NextClaimId, PROVIDERS,
};
use carechain_primitives::{Access, CredentialKind, Purpose, RecordCategory};

#[test]
fn a_provider_submits_a_claim_for_its_encounter() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		assert_ok!(Submission::new(coverage_id).by(DOCTOR));
		last_event_is(Event::ClaimSubmitted {
			claim_id: 0,
			patient_id: PATIENT_ID,
			provider: DOCTOR,
			payer: INSURER,
			coverage_id,
			encounter_id: ENCOUNTER,
			billed: eur(BILLED),
		});
		let claim = ClaimsStorage::<Test>::get(0).expect("stored");
		assert_eq!(claim.status, ClaimStatus::Submitted);
		assert_eq!((claim.provider, claim.payer, claim.claim_hash), (DOCTOR, INSURER, BUNDLE));
		assert_eq!((claim.service_date, claim.submitted_at, claim.replaces), (TODAY, START, None));
		assert_eq!((claim.decision, claim.paid, claim.appeals), (None, 0, 0));
		assert_eq!(held(DOCTOR, HoldReason::ClaimDeposit), CLAIM_DEPOSIT);
		assert_eq!(DuplicateKeys::<Test>::get(INSURER, (DOCTOR, KEY)), Some(0));
		assert!(ClaimsOf::<Test>::contains_key(PATIENT_ID, 0));
		assert_eq!(ClaimCount::<Test>::get(PATIENT_ID), Some(1));
		assert_eq!(Coverages::<Test>::get(coverage_id).expect("stored").claims, 1);
		assert_eq!(NextClaimId::<Test>::get(), 1);
	});
}

#[test]
fn a_submission_is_charged_for_the_reads_it_made() {
	use crate::weights::WeightInfo as _;
	let db = <Test as frame_system::Config>::DbWeight::get();
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		let charged = <Test as Config>::WeightInfo::submit(PROVIDERS.len() as u32);
		// The author, a physician (the first kind read), reads no consent of its own.
		let authored = Submission::new(coverage_id).weighed_by(DOCTOR).expect("submitted");
		let expected = <Test as Config>::WeightInfo::submit(1).saturating_sub(db.reads(1));
		assert_eq!(authored.actual_weight, Some(expected));
		assert!(expected.all_lt(charged));
		// A nurse (the second kind) bills under its consent to write the encounter: read.
		let_nurse_bill();
		let consented = Submission::keyed(coverage_id, 9).weighed_by(NURSE).expect("submitted");
		assert_eq!(consented.actual_weight, Some(<Test as Config>::WeightInfo::submit(2)));
	});
}

#[test]
fn a_provider_permitted_to_write_the_encounter_may_bill_it_too() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		assert_noop!(Submission::new(coverage_id).by(NURSE), Error::<Test>::NotPermittedToBill);
		// Writing for another purpose, or reading, does not make a biller.
		permit(
			PATIENT_ID,
			NURSE,
			tag(RecordCategory::Encounters),
			Access::Read,
			Purpose::Treatment,
		);
		permit(
			PATIENT_ID,
			NURSE,
			tag(RecordCategory::Encounters),
			Access::Write,
			Purpose::Research,
		);
		assert_noop!(Submission::new(coverage_id).by(NURSE), Error::<Test>::NotPermittedToBill);
		let_nurse_bill();
		assert_ok!(Submission::new(coverage_id).by(NURSE));
	});
}

#[test]
fn break_glass_lets_a_clinician_treat_not_bill_what_others_wrote() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		// The nurse broke the glass: the access decision lets it write, by emergency.
		open_emergency(PATIENT_ID, NURSE);
		assert_noop!(Submission::new(coverage_id).by(NURSE), Error::<Test>::NotPermittedToBill);
		// What it wrote itself under the emergency, it may bill.
		store_record(ENCOUNTER, PATIENT_ID, NURSE, RecordCategory::Encounters);
		assert_ok!(Submission::new(coverage_id).by(NURSE));
	});
}

#[test]
fn only_a_provider_submits() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		for who in [STRANGER, INSURER, PATIENT] {
			assert_noop!(Submission::new(coverage_id).by(who), Error::<Test>::NotProvider);
		}
		set_credential(DOCTOR, CredentialKind::Physician, false);
		assert_noop!(Submission::new(coverage_id).by(DOCTOR), Error::<Test>::NotProvider);
	});
}

#[test]
fn a_claim_needs_an_active_patient() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		deregister_patient(PATIENT_ID);
		assert_noop!(Submission::new(coverage_id).by(DOCTOR), Error::<Test>::PatientNotActive);
	});
}

#[test]
fn a_claim_bills_money_in_a_currency() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		let with = |billed| Submission { billed, ..Submission::new(coverage_id) }.by(DOCTOR);
		assert_noop!(with(eur(0)), Error::<Test>::ZeroAmount);
		for code in [*b"eur", *b"E0R", [0, 0, 0]] {
			assert_noop!(
				with(Money { amount: 1, currency: CurrencyCode(code) }),
				Error::<Test>::InvalidCurrency
			);
		}
		assert_ok!(with(Money { amount: 1, currency: CurrencyCode(*b"CHF") }));
	});
}

#[test]
fn a_service_date_is_past_and_within_the_filing_limit() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		let on =
			|service_date| Submission { service_date, ..Submission::new(coverage_id) }.by(DOCTOR);
		assert_noop!(on(TODAY + 1), Error::<Test>::ServiceDateInFuture);
		assert_noop!(on(TODAY - TIMELY_FILING_DAYS - 1), Error::<Test>::TimelyFilingExpired);
		assert_ok!(on(TODAY - TIMELY_FILING_DAYS));
	});
}

#[test]
fn a_claim_goes_against_the_patients_coverage_held_by_the_payer_it_names() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		assert_noop!(Submission::new(coverage_id + 1).by(DOCTOR), Error::<Test>::UnknownCoverage);
		assert_noop!(
			Submission { payer: OTHER_INSURER, ..Submission::new(coverage_id) }.by(DOCTOR),
			Error::<Test>::CoverageNotHeldByPayer
		);
		permit(OTHER_PATIENT_ID, INSURER, billing(), Access::Read, Purpose::Payment);
		assert_ok!(register_coverage(INSURER, OTHER_PATIENT_ID, TODAY - 1, TODAY));
		// The patient's claim against the other patient's coverage.
		assert_noop!(
			Submission::new(coverage_id + 1).by(DOCTOR),
			Error::<Test>::CoverageOfAnotherPatient
		);
	});
}

#[test]
fn the_coverage_must_be_active_on_the_service_date() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register_coverage(INSURER, PATIENT_ID, TODAY - 30, TODAY - 10));
		let on = |service_date| Submission { service_date, ..Submission::new(0) }.by(DOCTOR);
		// Expired coverage for today's care.
		assert_noop!(on(TODAY), Error::<Test>::CoverageNotActive);
		assert_noop!(on(TODAY - 31), Error::<Test>::CoverageNotActive);
		// Care given while it was active can still be billed.
		assert_ok!(on(TODAY - 10));
	});
}

#[test]
fn a_payer_that_lost_its_credential_is_billed_no_more() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		set_credential(INSURER, CredentialKind::Insurer, false);
		assert_noop!(Submission::new(coverage_id).by(DOCTOR), Error::<Test>::PayerNotInsurer);
	});
}

#[test]
fn the_encounter_must_be_a_stored_record_of_the_patient() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		assert_noop!(
			Submission { encounter_id: 99, ..Submission::new(coverage_id) }.by(DOCTOR),
			Error::<Test>::UnknownEncounter
		);
		assert_noop!(
			Submission { encounter_id: OTHER_ENCOUNTER, ..Submission::new(coverage_id) }.by(DOCTOR),
			Error::<Test>::EncounterOfAnotherPatient
		);
		erase_record(ENCOUNTER);
		assert_noop!(Submission::new(coverage_id).by(DOCTOR), Error::<Test>::UnknownEncounter);
	});
}

#[test]
fn the_patient_must_have_consented_to_the_payer_for_payment() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		// The patient revoked the insurer's consent after the coverage was registered.
		deny_all(INSURER);
		assert_noop!(Submission::new(coverage_id).by(DOCTOR), Error::<Test>::PaymentNotConsented);
		// A consent for treatment is not one for payment.
		permit(PATIENT_ID, INSURER, billing(), Access::Read, Purpose::Treatment);
		assert_noop!(Submission::new(coverage_id).by(DOCTOR), Error::<Test>::PaymentNotConsented);
		// Nor one under a tag the provider made up.
		permit(PATIENT_ID, INSURER, billing(), Access::Read, Purpose::Payment);
		assert_noop!(
			Submission { billing_tag: CategoryTag([7; 16]), ..Submission::new(coverage_id) }
				.by(DOCTOR),
			Error::<Test>::PaymentNotConsented
		);
		assert_ok!(Submission::new(coverage_id).by(DOCTOR));
	});
}

#[test]
fn a_second_claim_with_the_same_key_to_the_same_payer_is_a_duplicate() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		let coverage_id = ClaimsStorage::<Test>::get(claim_id).expect("stored").coverage_id;
		assert_noop!(Submission::new(coverage_id).by(DOCTOR), Error::<Test>::DuplicateClaim);
		// Even once the first was decided and paid.
		assert_ok!(adjudicate(claim_id, Outcome::Approved, BILLED, 0, &[]));
		assert_ok!(pay(claim_id, BILLED));
		assert_noop!(Submission::new(coverage_id).by(DOCTOR), Error::<Test>::DuplicateClaim);
		// Another key is another claim.
		assert_ok!(Submission::keyed(coverage_id, 2).by(DOCTOR));
	});
}

#[test]
fn a_provider_that_copies_anothers_key_blocks_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		// The nurse, who may bill the encounter too, sees the doctor's key in the pool and
		// submits first under it.
		let_nurse_bill();
		assert_ok!(Submission::new(coverage_id).by(NURSE));
		// The key's recipe binds the provider: the doctor's own claim is no duplicate of it.
		assert_ok!(Submission::new(coverage_id).by(DOCTOR));
		assert_noop!(Submission::new(coverage_id).by(DOCTOR), Error::<Test>::DuplicateClaim);
	});
}

#[test]
fn the_same_key_to_another_payer_is_not_a_duplicate() {
	ExtBuilder::default().build_and_execute(|| {
		submitted();
		permit(PATIENT_ID, OTHER_INSURER, billing(), Access::Read, Purpose::Payment);
		assert_ok!(register_coverage(OTHER_INSURER, PATIENT_ID, TODAY, TODAY));
		// Coordination of benefits: the secondary payer is billed for the same service.
		assert_ok!(Submission { payer: OTHER_INSURER, ..Submission::new(1) }.by(DOCTOR));
	});
}

#[test]
fn a_patient_holds_at_most_max_claims() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		let with_key = |key: u8| Submission::keyed(coverage_id, key);
		for key in 0..MAX_CLAIMS_PER_PROVIDER {
			assert_ok!(with_key(key as u8).by(DOCTOR));
		}
		let_nurse_bill();
		for key in MAX_CLAIMS_PER_PROVIDER..MAX_CLAIMS {
			assert_ok!(with_key(key as u8).by(NURSE));
		}
		assert_noop!(with_key(0xff).by(NURSE), Error::<Test>::TooManyClaims);
	});
}

#[test]
fn one_provider_holds_at_most_its_share_of_a_patients_claims() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		let with_key = |key: u8| Submission::keyed(coverage_id, key);
		for key in 0..MAX_CLAIMS_PER_PROVIDER {
			assert_ok!(with_key(key as u8).by(DOCTOR));
		}
		assert_eq!(
			ClaimsByProvider::<Test>::get(PATIENT_ID, DOCTOR),
			Some(MAX_CLAIMS_PER_PROVIDER)
		);
		assert_noop!(with_key(0xfe).by(DOCTOR), Error::<Test>::TooManyClaimsByProvider);
		// Another provider still has room.
		let_nurse_bill();
		assert_ok!(with_key(0xfe).by(NURSE));
	});
}

#[test]
fn a_provider_that_cannot_hold_the_deposit_submits_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		store_record(ENCOUNTER, PATIENT_ID, POOR_DOCTOR, RecordCategory::Encounters);
		assert_noop!(
			Submission::new(coverage_id).by(POOR_DOCTOR),
			Error::<Test>::InsufficientDeposit
		);
	});
}

#[test]
fn claim_ids_do_not_wrap() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		NextClaimId::<Test>::put(u64::MAX);
		assert_noop!(Submission::new(coverage_id).by(DOCTOR), Error::<Test>::IdOverflow);
	});
}
