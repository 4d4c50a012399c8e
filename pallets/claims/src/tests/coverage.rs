//! `register_coverage`, `end_coverage`, `remove_coverage`.

use super::*;
use crate::{CoverageCount, Coverages, Error, HoldReason, NextCoverageId};
use carechain_primitives::{Access, CredentialKind, Purpose};

#[test]
fn an_insurer_the_patient_consented_to_registers_a_coverage() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register_coverage(INSURER, PATIENT_ID, TODAY - 10, TODAY + 355));
		last_event_is(Event::CoverageRegistered {
			coverage_id: 0,
			patient_id: PATIENT_ID,
			payer: INSURER,
			valid_from: TODAY - 10,
			valid_until: TODAY + 355,
		});
		let coverage = Coverages::<Test>::get(0).expect("stored");
		assert_eq!(
			(coverage.patient_id, coverage.payer, coverage.plan_hash),
			(PATIENT_ID, INSURER, PLAN)
		);
		assert_eq!((coverage.claims, coverage.deposit), (0, COVERAGE_DEPOSIT));
		assert_eq!(held(INSURER, HoldReason::CoverageDeposit), COVERAGE_DEPOSIT);
		assert_eq!(CoverageCount::<Test>::get(PATIENT_ID), Some(1));
		assert_eq!(NextCoverageId::<Test>::get(), 1);
	});
}

#[test]
fn a_coverage_of_one_day_is_a_period() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register_coverage(INSURER, PATIENT_ID, TODAY, TODAY));
	});
}

#[test]
fn only_a_valid_insurer_registers_coverage() {
	ExtBuilder::default().build_and_execute(|| {
		permit(PATIENT_ID, DOCTOR, billing(), Access::Read, Purpose::Payment);
		assert_noop!(
			register_coverage(DOCTOR, PATIENT_ID, TODAY, TODAY),
			Error::<Test>::NotInsurer
		);
		set_credential(INSURER, CredentialKind::Insurer, false);
		assert_noop!(
			register_coverage(INSURER, PATIENT_ID, TODAY, TODAY),
			Error::<Test>::NotInsurer
		);
	});
}

#[test]
fn coverage_needs_an_active_patient() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(register_coverage(INSURER, 77, TODAY, TODAY), Error::<Test>::PatientNotActive);
		deregister_patient(PATIENT_ID);
		assert_noop!(
			register_coverage(INSURER, PATIENT_ID, TODAY, TODAY),
			Error::<Test>::PatientNotActive
		);
	});
}

#[test]
fn a_coverage_cannot_end_before_it_starts() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			register_coverage(INSURER, PATIENT_ID, TODAY, TODAY - 1),
			Error::<Test>::InvalidCoveragePeriod
		);
	});
}

#[test]
fn no_insurer_attaches_a_coverage_without_the_patients_consent_for_payment() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			register_coverage(OTHER_INSURER, PATIENT_ID, TODAY, TODAY),
			Error::<Test>::PaymentNotConsented
		);
		// A consent for another purpose, or under another tag, is not one for payment.
		permit(PATIENT_ID, OTHER_INSURER, billing(), Access::Read, Purpose::Research);
		assert_noop!(
			register_coverage(OTHER_INSURER, PATIENT_ID, TODAY, TODAY),
			Error::<Test>::PaymentNotConsented
		);
		assert_noop!(
			Claims::register_coverage(
				RuntimeOrigin::signed(INSURER),
				PATIENT_ID,
				PLAN,
				TODAY,
				TODAY,
				tag(carechain_primitives::RecordCategory::MentalHealth)
			),
			Error::<Test>::PaymentNotConsented
		);
	});
}

#[test]
fn a_patient_holds_at_most_max_coverages() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..MAX_COVERAGES {
			assert_ok!(register_coverage(INSURER, PATIENT_ID, TODAY, TODAY));
		}
		assert_noop!(
			register_coverage(INSURER, PATIENT_ID, TODAY, TODAY),
			Error::<Test>::TooManyCoverages
		);
		// Another patient's bound is its own.
		permit(OTHER_PATIENT_ID, INSURER, billing(), Access::Read, Purpose::Payment);
		assert_ok!(register_coverage(INSURER, OTHER_PATIENT_ID, TODAY, TODAY));
	});
}

#[test]
fn a_payer_that_cannot_hold_the_deposit_registers_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		set_credential(POOR_DOCTOR, CredentialKind::Insurer, true);
		permit(PATIENT_ID, POOR_DOCTOR, billing(), Access::Read, Purpose::Payment);
		assert_noop!(
			register_coverage(POOR_DOCTOR, PATIENT_ID, TODAY, TODAY),
			Error::<Test>::InsufficientDeposit
		);
	});
}

#[test]
fn coverage_ids_do_not_wrap() {
	ExtBuilder::default().build_and_execute(|| {
		NextCoverageId::<Test>::put(u64::MAX);
		assert_noop!(
			register_coverage(INSURER, PATIENT_ID, TODAY, TODAY),
			Error::<Test>::IdOverflow
		);
	});
}

#[test]
fn the_payer_ends_a_coverage_from_today_on() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		assert_ok!(Claims::end_coverage(RuntimeOrigin::signed(INSURER), coverage_id, TODAY));
		last_event_is(Event::CoverageEnded {
			coverage_id,
			patient_id: PATIENT_ID,
			valid_until: TODAY,
		});
		assert_eq!(Coverages::<Test>::get(coverage_id).expect("stored").valid_until, TODAY);
		// Care given today is still covered; tomorrow's is not.
		assert_ok!(Submission::new(coverage_id).by(DOCTOR));
		advance_days(1);
		assert_noop!(
			Submission {
				service_date: TODAY + 1,
				duplicate_key: H256::repeat_byte(2),
				..Submission::new(coverage_id)
			}
			.by(DOCTOR),
			Error::<Test>::CoverageNotActive
		);
	});
}

#[test]
fn a_coverage_is_not_ended_retroactively_nor_extended() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		let end = |day| Claims::end_coverage(RuntimeOrigin::signed(INSURER), coverage_id, day);
		assert_noop!(end(TODAY - 1), Error::<Test>::InvalidCoverageEnd);
		assert_noop!(end(TODAY + 365), Error::<Test>::InvalidCoverageEnd);
		assert_noop!(end(TODAY + 366), Error::<Test>::InvalidCoverageEnd);
		// A coverage starting later cannot end before it starts.
		assert_ok!(register_coverage(INSURER, PATIENT_ID, TODAY + 10, TODAY + 20));
		assert_noop!(
			Claims::end_coverage(RuntimeOrigin::signed(INSURER), coverage_id + 1, TODAY + 9),
			Error::<Test>::InvalidCoverageEnd
		);
	});
}

#[test]
fn only_the_coverages_payer_still_credentialed_ends_it() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		assert_noop!(
			Claims::end_coverage(RuntimeOrigin::signed(OTHER_INSURER), coverage_id, TODAY),
			Error::<Test>::NotCoveragePayer
		);
		assert_noop!(
			Claims::end_coverage(RuntimeOrigin::signed(INSURER), 5, TODAY),
			Error::<Test>::UnknownCoverage
		);
		set_credential(INSURER, CredentialKind::Insurer, false);
		assert_noop!(
			Claims::end_coverage(RuntimeOrigin::signed(INSURER), coverage_id, TODAY),
			Error::<Test>::NotInsurer
		);
	});
}

#[test]
fn an_ended_coverage_no_claim_names_is_removed_and_its_deposit_returns() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		assert_ok!(Claims::end_coverage(RuntimeOrigin::signed(INSURER), coverage_id, TODAY));
		let remove = || Claims::remove_coverage(RuntimeOrigin::signed(INSURER), coverage_id);
		// It covers today still.
		assert_noop!(remove(), Error::<Test>::CoverageInUse);
		advance_days(1);
		// Even a payer that lost its credential may clean up.
		set_credential(INSURER, CredentialKind::Insurer, false);
		assert_ok!(remove());
		last_event_is(Event::CoverageRemoved { coverage_id, patient_id: PATIENT_ID });
		assert!(Coverages::<Test>::get(coverage_id).is_none());
		assert_eq!(CoverageCount::<Test>::get(PATIENT_ID), None);
		assert_eq!(held(INSURER, HoldReason::CoverageDeposit), 0);
	});
}

#[test]
fn a_coverage_a_claim_names_stays() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		let coverage_id = ClaimsStorage::<Test>::get(claim_id).expect("stored").coverage_id;
		assert_ok!(Claims::end_coverage(RuntimeOrigin::signed(INSURER), coverage_id, TODAY));
		advance_days(1);
		assert_noop!(
			Claims::remove_coverage(RuntimeOrigin::signed(INSURER), coverage_id),
			Error::<Test>::CoverageInUse
		);
	});
}

#[test]
fn only_the_payer_removes_a_coverage() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register_coverage(INSURER, PATIENT_ID, TODAY - 10, TODAY - 1));
		assert_noop!(
			Claims::remove_coverage(RuntimeOrigin::signed(OTHER_INSURER), 0),
			Error::<Test>::NotCoveragePayer
		);
		assert_noop!(
			Claims::remove_coverage(RuntimeOrigin::signed(INSURER), 1),
			Error::<Test>::UnknownCoverage
		);
		assert_ok!(Claims::remove_coverage(RuntimeOrigin::signed(INSURER), 0));
	});
}

#[test]
fn the_patient_removes_a_coverage_once_it_withdrew_the_payers_consent() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		let by_patient = || Claims::remove_coverage(RuntimeOrigin::signed(PATIENT), coverage_id);
		assert_noop!(by_patient(), Error::<Test>::PaymentStillConsented);
		// Neither a stranger nor another insurer may.
		assert_noop!(
			Claims::remove_coverage(RuntimeOrigin::signed(STRANGER), coverage_id),
			Error::<Test>::NotCoveragePayer
		);
		deny_all(INSURER);
		assert_ok!(by_patient());
		last_event_is(Event::CoverageRemoved { coverage_id, patient_id: PATIENT_ID });
		// The deposit goes back to the payer, not to the patient.
		assert_eq!(held(INSURER, HoldReason::CoverageDeposit), 0);
		assert_eq!(CoverageCount::<Test>::get(PATIENT_ID), None);
	});
}

#[test]
fn a_coverage_a_claim_names_is_not_removed_by_the_patient_either() {
	ExtBuilder::default().build_and_execute(|| {
		let claim_id = submitted();
		let coverage_id = ClaimsStorage::<Test>::get(claim_id).expect("stored").coverage_id;
		deny_all(INSURER);
		assert_noop!(
			Claims::remove_coverage(RuntimeOrigin::signed(PATIENT), coverage_id),
			Error::<Test>::CoverageInUse
		);
	});
}
