//! `commit_results`, and what `TrialsApi` tells regulators: overdue results, switched outcomes.

use super::*;
use crate::Error;
use carechain_primitives::{results_due, CredentialKind, StudyResults};

fn commit(study_id: StudyId, reported_outcomes: H256) -> DispatchResult {
	Trials::commit_results(RuntimeOrigin::signed(SPONSOR), study_id, RESULTS, reported_outcomes)
}

fn complete(study_id: StudyId) {
	assert_ok!(Trials::set_status(
		RuntimeOrigin::signed(SPONSOR),
		study_id,
		StudyStatus::Completed
	));
}

#[test]
fn results_reporting_the_pre_specified_outcomes_are_not_switched() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = recruiting();
		complete(study_id);
		assert_eq!(Trials::outcomes_switched(study_id), None);
		assert_ok!(commit(study_id, OUTCOMES));
		last_event_is(Event::ResultsCommitted {
			study_id,
			results_hash: RESULTS,
			reported_outcomes_hash: OUTCOMES,
			outcomes_switched: false,
			late: false,
		});
		assert_eq!(
			Studies::<Test>::get(study_id).and_then(|s| s.results),
			Some(StudyResults {
				results_hash: RESULTS,
				reported_outcomes_hash: OUTCOMES,
				committed_at: Now::get()
			})
		);
		assert_eq!(Trials::outcomes_switched(study_id), Some(false));
		assert_eq!(Trials::results_overdue(study_id), Some(false));
		assert_noop!(commit(study_id, OUTCOMES), Error::<Test>::ResultsAlreadyCommitted);
	});
}

#[test]
fn switched_outcomes_are_flagged_even_after_an_amendment_changed_them() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = recruiting();
		let switched = H256::repeat_byte(0x5c);
		assert_ok!(Trials::amend(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			PROTOCOL,
			PLAN,
			switched,
			false
		));
		complete(study_id);
		assert_ok!(commit(study_id, switched));
		last_event_is(Event::ResultsCommitted {
			study_id,
			results_hash: RESULTS,
			reported_outcomes_hash: switched,
			outcomes_switched: true,
			late: false,
		});
		assert_eq!(Trials::outcomes_switched(study_id), Some(true));
		assert_eq!(
			Trials::versions(study_id).iter().map(|v| v.outcomes_hash).collect::<Vec<_>>(),
			vec![OUTCOMES, switched]
		);
	});
}

#[test]
fn results_are_overdue_a_year_after_the_end_and_late_when_committed_then() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = recruiting();
		assert_eq!(Trials::results_overdue(study_id), Some(false));
		assert_ok!(Trials::set_status(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			StudyStatus::Terminated
		));
		let ended_on = Studies::<Test>::get(study_id).and_then(|s| s.ended_on).expect("ended");
		advance_days(365);
		assert_eq!(carechain_primitives::day_of(Now::get()), results_due(ended_on));
		assert_eq!(Trials::results_overdue(study_id), Some(false));
		advance_days(1);
		assert_eq!(Trials::results_overdue(study_id), Some(true));
		// Reporting is owed even by a sponsor that lost its credential.
		set_credential(SPONSOR, CredentialKind::Researcher, false);
		assert_ok!(commit(study_id, OUTCOMES));
		last_event_is(Event::ResultsCommitted {
			study_id,
			results_hash: RESULTS,
			reported_outcomes_hash: OUTCOMES,
			outcomes_switched: false,
			late: true,
		});
		assert_eq!(Trials::results_overdue(study_id), Some(false));
	});
}

#[test]
fn only_the_sponsor_commits_results_of_an_ended_study() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(commit(6, OUTCOMES), Error::<Test>::UnknownStudy);
		assert_eq!(Trials::results_overdue(6), None);
		assert_eq!(Trials::study(6), None);
		assert!(Trials::versions(6).is_empty());
		let study_id = recruiting();
		assert_noop!(commit(study_id, OUTCOMES), Error::<Test>::NotEnded);
		complete(study_id);
		assert_noop!(
			Trials::commit_results(
				RuntimeOrigin::signed(OTHER_SPONSOR),
				study_id,
				RESULTS,
				OUTCOMES
			),
			Error::<Test>::NotSponsor
		);
	});
}
