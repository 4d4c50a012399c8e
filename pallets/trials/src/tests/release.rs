//! `release`: data only on cohorts of at least `k` current participants.

use super::*;
use crate::{weights::WeightInfo as _, Config, Error};
use carechain_primitives::CredentialKind;

#[test]
fn a_release_needs_k_current_participants_and_counts_each_member() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(u64::from(MIN_COHORT) - 1);
		// Consented but not enrolled does not count.
		join(study_id, 11);
		assert_noop!(release(study_id), Error::<Test>::CohortTooSmall);
		assert_ok!(Trials::enrol(RuntimeOrigin::signed(INVESTIGATOR), study_id, patient(11).0));
		assert_ok!(release(study_id));
		last_event_is(Event::DataReleased {
			study_id,
			release: 1,
			version: 1,
			cohort_size: MIN_COHORT,
			request_hash: REQUEST,
		});
		assert_eq!(Trials::participation(study_id, PATIENT_ID).map(|v| v.releases), Some(1));
		assert_eq!(Studies::<Test>::get(study_id).map(|s| s.releases), Some(1));
	});
}

#[test]
fn paused_withdrawn_lapsed_and_erased_participants_are_not_in_the_cohort() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(u64::from(MIN_COHORT) + 1);
		assert_ok!(release(study_id));
		// Twelve enrolled: one withdraws and eleven remain, enough; one more consent revoked in
		// the Consent pallet leaves ten.
		assert_ok!(Trials::withdraw(RuntimeOrigin::signed(PATIENT), study_id, PATIENT_ID));
		assert_ok!(release(study_id));
		remove_consent(consent_id_of(1, SPONSOR));
		assert_noop!(release(study_id), Error::<Test>::CohortTooSmall);
		assert_eq!(Trials::participation(study_id, patient(1).0).map(|v| v.releases), Some(2));
		assert_eq!(Trials::participation(study_id, patient(2).0).map(|v| v.releases), Some(2));
		assert_eq!(Trials::participation(study_id, PATIENT_ID).map(|v| v.releases), Some(1));
	});
}

#[test]
fn a_reconsent_amendment_holds_releases_until_k_participants_consent_again() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(u64::from(MIN_COHORT));
		assert_ok!(Trials::amend(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			PROTOCOL,
			PLAN,
			OUTCOMES,
			true
		));
		assert_noop!(release(study_id), Error::<Test>::CohortTooSmall);
		for i in 0..u64::from(MIN_COHORT) - 1 {
			assert_ok!(Trials::consent(
				RuntimeOrigin::signed(patient(i).1),
				study_id,
				patient(i).0,
				consent_id_of(i, SPONSOR)
			));
		}
		assert_noop!(release(study_id), Error::<Test>::CohortTooSmall);
		let last = u64::from(MIN_COHORT) - 1;
		assert_ok!(Trials::consent(
			RuntimeOrigin::signed(patient(last).1),
			study_id,
			patient(last).0,
			consent_id_of(last, SPONSOR)
		));
		assert_ok!(release(study_id));
		last_event_is(Event::DataReleased {
			study_id,
			release: 1,
			version: 2,
			cohort_size: MIN_COHORT,
			request_hash: REQUEST,
		});
		// An erased patient leaves the cohort.
		deregister_patient(PATIENT_ID);
		assert_noop!(release(study_id), Error::<Test>::CohortTooSmall);
	});
}

#[test]
fn the_witness_bounds_what_a_release_reads_and_is_refunded_to_it() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(u64::from(MIN_COHORT));
		let stored = MIN_COHORT;
		assert_noop!(
			Trials::release(RuntimeOrigin::signed(SPONSOR), study_id, REQUEST, stored - 1),
			Error::<Test>::WitnessTooLow
		);
		let info =
			Trials::release(RuntimeOrigin::signed(SPONSOR), study_id, REQUEST, MAX_PARTICIPANTS)
				.expect("released");
		assert_eq!(info.actual_weight, Some(<Test as Config>::WeightInfo::release(stored)));
		assert!(<Test as Config>::WeightInfo::release(stored)
			.all_lt(<Test as Config>::WeightInfo::release(MAX_PARTICIPANTS)));
	});
}

#[test]
fn only_the_sponsor_still_a_researcher_releases_once_enrolment_opened() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(release(8), Error::<Test>::UnknownStudy);
		let not_started = registered();
		assert_noop!(release(not_started), Error::<Test>::NotStarted);
		let study_id = with_enrolled(u64::from(MIN_COHORT));
		assert_noop!(
			Trials::release(
				RuntimeOrigin::signed(OTHER_SPONSOR),
				study_id,
				REQUEST,
				MAX_PARTICIPANTS
			),
			Error::<Test>::NotSponsor
		);
		set_credential(SPONSOR, CredentialKind::Researcher, false);
		assert_noop!(release(study_id), Error::<Test>::NotResearcher);
		set_credential(SPONSOR, CredentialKind::Researcher, true);
		// After the end, the analysis may still need data.
		assert_ok!(Trials::set_status(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			StudyStatus::Completed
		));
		assert_ok!(release(study_id));
	});
}
