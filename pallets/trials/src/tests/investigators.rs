//! `add_investigator`, `remove_investigator`: the clinicians a sponsor names.

use super::*;
use crate::{Error, Investigators};
use carechain_primitives::CredentialKind;

fn add(study_id: StudyId, who: AccountId) -> DispatchResult {
	Trials::add_investigator(RuntimeOrigin::signed(SPONSOR), study_id, who)
}

fn remove(study_id: StudyId, who: AccountId) -> DispatchResult {
	Trials::remove_investigator(RuntimeOrigin::signed(SPONSOR), study_id, who)
}

#[test]
fn the_sponsor_names_and_removes_clinicians() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		assert_ok!(add(study_id, INVESTIGATOR));
		last_event_is(Event::InvestigatorAdded { study_id, investigator: INVESTIGATOR });
		assert_ok!(add(study_id, NURSE));
		assert!(Investigators::<Test>::contains_key(study_id, NURSE));
		assert_eq!(Studies::<Test>::get(study_id).map(|s| s.investigators), Some(2));
		assert_ok!(remove(study_id, NURSE));
		last_event_is(Event::InvestigatorRemoved { study_id, investigator: NURSE });
		assert!(!Investigators::<Test>::contains_key(study_id, NURSE));
		assert_eq!(Studies::<Test>::get(study_id).map(|s| s.investigators), Some(1));
	});
}

#[test]
fn an_investigator_is_a_clinician_named_once_within_the_bound() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		assert_noop!(add(study_id, STRANGER), Error::<Test>::NotClinician);
		assert_noop!(add(study_id, OTHER_SPONSOR), Error::<Test>::NotClinician);
		assert_ok!(add(study_id, INVESTIGATOR));
		assert_noop!(add(study_id, INVESTIGATOR), Error::<Test>::AlreadyInvestigator);
		assert_ok!(add(study_id, NURSE));
		set_credential(STRANGER, CredentialKind::Physician, true);
		assert_noop!(add(study_id, STRANGER), Error::<Test>::TooManyInvestigators);
		assert_noop!(remove(study_id, STRANGER), Error::<Test>::NotInvestigator);
	});
}

#[test]
fn only_the_sponsor_still_a_researcher_changes_them_before_the_end() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(add(3, INVESTIGATOR), Error::<Test>::UnknownStudy);
		assert_noop!(remove(3, INVESTIGATOR), Error::<Test>::UnknownStudy);
		let study_id = registered();
		assert_ok!(add(study_id, INVESTIGATOR));
		assert_noop!(
			Trials::add_investigator(RuntimeOrigin::signed(OTHER_SPONSOR), study_id, NURSE),
			Error::<Test>::NotSponsor
		);
		assert_noop!(
			Trials::remove_investigator(
				RuntimeOrigin::signed(INVESTIGATOR),
				study_id,
				INVESTIGATOR
			),
			Error::<Test>::NotSponsor
		);
		set_credential(SPONSOR, CredentialKind::Researcher, false);
		assert_noop!(add(study_id, NURSE), Error::<Test>::NotResearcher);
		assert_noop!(remove(study_id, INVESTIGATOR), Error::<Test>::NotResearcher);
		assert_ok!(Trials::set_status(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			StudyStatus::Terminated
		));
		set_credential(SPONSOR, CredentialKind::Researcher, true);
		assert_noop!(add(study_id, NURSE), Error::<Test>::StudyEnded);
		assert_noop!(remove(study_id, INVESTIGATOR), Error::<Test>::StudyEnded);
	});
}
