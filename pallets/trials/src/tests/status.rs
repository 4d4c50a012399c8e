//! `set_status`: the sponsor's transitions, and when enrolment may open.

use super::*;
use crate::Error;
use carechain_primitives::{day_of, CredentialKind};

fn set(study_id: StudyId, status: StudyStatus) -> DispatchResult {
	Trials::set_status(RuntimeOrigin::signed(SPONSOR), study_id, status)
}

#[test]
fn a_study_recruits_runs_and_completes() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = recruiting();
		last_event_is(Event::StatusChanged {
			study_id,
			from: StudyStatus::NotYetRecruiting,
			to: StudyStatus::Recruiting,
		});
		assert_ok!(set(study_id, StudyStatus::Active));
		assert_ok!(set(study_id, StudyStatus::Recruiting));
		assert_ok!(set(study_id, StudyStatus::Active));
		advance_days(3);
		assert_ok!(set(study_id, StudyStatus::Completed));
		last_event_is(Event::StatusChanged {
			study_id,
			from: StudyStatus::Active,
			to: StudyStatus::Completed,
		});
		let study = Studies::<Test>::get(study_id).expect("stored");
		assert_eq!(
			(study.status, study.ended_on),
			(StudyStatus::Completed, Some(day_of(Now::get())))
		);
	});
}

#[test]
fn enrolment_opens_only_once_the_registration_is_final() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		// In the block of the registration, and with no investigator: not final.
		assert_ok!(Trials::add_investigator(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			INVESTIGATOR
		));
		assert_noop!(set(study_id, StudyStatus::Recruiting), Error::<Test>::RegistrationNotFinal);
		let other = registered();
		next_block();
		assert_noop!(set(other, StudyStatus::Recruiting), Error::<Test>::RegistrationNotFinal);
		assert_ok!(set(study_id, StudyStatus::Recruiting));
	});
}

#[test]
fn invalid_transitions_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		assert_noop!(set(study_id, StudyStatus::Active), Error::<Test>::InvalidTransition);
		assert_noop!(set(study_id, StudyStatus::Completed), Error::<Test>::InvalidTransition);
		assert_noop!(
			set(study_id, StudyStatus::NotYetRecruiting),
			Error::<Test>::InvalidTransition
		);
		assert_ok!(set(study_id, StudyStatus::Terminated));
		for to in [
			StudyStatus::Recruiting,
			StudyStatus::Active,
			StudyStatus::Completed,
			StudyStatus::Terminated,
		] {
			assert_noop!(set(study_id, to), Error::<Test>::InvalidTransition);
		}
	});
}

#[test]
fn a_sponsor_without_its_credential_may_only_terminate() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(set(9, StudyStatus::Terminated), Error::<Test>::UnknownStudy);
		let study_id = recruiting();
		assert_noop!(
			Trials::set_status(
				RuntimeOrigin::signed(OTHER_SPONSOR),
				study_id,
				StudyStatus::Terminated
			),
			Error::<Test>::NotSponsor
		);
		set_credential(SPONSOR, CredentialKind::Researcher, false);
		assert_noop!(set(study_id, StudyStatus::Active), Error::<Test>::NotResearcher);
		assert_ok!(set(study_id, StudyStatus::Terminated));
		assert!(Studies::<Test>::get(study_id).is_some_and(|s| s.ended_on.is_some()));
	});
}
