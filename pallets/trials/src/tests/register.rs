//! `register`: a study committed by hash at version 1.

use super::*;
use crate::{Error, HoldReason, NextStudyId, Versions};
use carechain_primitives::{CredentialKind, ProtocolVersionInfo};

#[test]
fn a_researcher_registers_a_study_at_version_one() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		last_event_is(Event::StudyRegistered {
			study_id,
			sponsor: SPONSOR,
			kind: StudyKind::Interventional,
			registry_hash: REGISTRY,
			categories_hash: study_categories(),
			category_count: STUDY_CATEGORIES,
			target: TARGET,
			min_cohort: MIN_COHORT,
		});
		let study = Studies::<Test>::get(study_id).expect("stored");
		assert_eq!((study.sponsor, study.status), (SPONSOR, StudyStatus::NotYetRecruiting));
		assert_eq!((study.version, study.reconsent_from), (1, 1));
		assert_eq!(
			(study.target, study.min_cohort, study.categories_hash, study.category_count),
			(TARGET, MIN_COHORT, study_categories(), STUDY_CATEGORIES)
		);
		assert_eq!((study.participations, study.enrolled, study.releases), (0, 0, 0));
		assert_eq!((study.registered_at, study.ended_on, study.results), (START, None, None));
		assert_eq!(
			Versions::<Test>::get(study_id, 1),
			Some(ProtocolVersionInfo {
				protocol_hash: PROTOCOL,
				analysis_plan_hash: PLAN,
				outcomes_hash: OUTCOMES,
				reconsent_required: false,
				published_at: START,
			})
		);
		assert_eq!(held(SPONSOR, HoldReason::StudyDeposit), STUDY_DEPOSIT);
		assert_eq!(NextStudyId::<Test>::get(), study_id + 1);
		assert_eq!(Trials::versions(study_id).len(), 1);
	});
}

#[test]
fn only_a_valid_researcher_registers() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(register_by(INVESTIGATOR), Error::<Test>::NotResearcher);
		set_credential(SPONSOR, CredentialKind::Researcher, false);
		assert_noop!(register_by(SPONSOR), Error::<Test>::NotResearcher);
	});
}

#[test]
fn a_study_uses_one_to_thirteen_categories() {
	ExtBuilder::default().build_and_execute(|| {
		let with = |count: u32| {
			Trials::register(
				RuntimeOrigin::signed(SPONSOR),
				StudyKind::Observational,
				REGISTRY,
				PROTOCOL,
				PLAN,
				OUTCOMES,
				study_categories(),
				count,
				TARGET,
				MIN_COHORT,
			)
		};
		assert_noop!(with(0), Error::<Test>::NoCategories);
		assert_noop!(with(14), Error::<Test>::TooManyCategories);
		assert_ok!(with(1));
		assert_ok!(with(13));
	});
}

#[test]
fn k_is_at_least_the_floor_and_the_target_between_k_and_the_bound() {
	ExtBuilder::default().build_and_execute(|| {
		let with = |target: u32, min_cohort: u32| {
			Trials::register(
				RuntimeOrigin::signed(SPONSOR),
				StudyKind::Interventional,
				REGISTRY,
				PROTOCOL,
				PLAN,
				OUTCOMES,
				study_categories(),
				STUDY_CATEGORIES,
				target,
				min_cohort,
			)
		};
		assert_noop!(with(TARGET, MIN_COHORT - 1), Error::<Test>::CohortBelowFloor);
		assert_noop!(with(MIN_COHORT - 1, MIN_COHORT), Error::<Test>::InvalidTarget);
		assert_noop!(with(MAX_PARTICIPANTS + 1, MIN_COHORT), Error::<Test>::InvalidTarget);
		assert_ok!(with(MAX_PARTICIPANTS, MAX_PARTICIPANTS));
		assert_ok!(with(MIN_COHORT, MIN_COHORT));
	});
}

#[test]
fn the_deposit_must_be_paid() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(register_by(POOR_SPONSOR), Error::<Test>::InsufficientDeposit);
	});
}

#[test]
fn study_ids_run_out_cleanly() {
	ExtBuilder::default().build_and_execute(|| {
		NextStudyId::<Test>::put(StudyId::MAX);
		assert_noop!(register_by(SPONSOR), Error::<Test>::IdOverflow);
	});
}
