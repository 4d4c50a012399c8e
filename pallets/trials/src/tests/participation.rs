//! `consent`, `withdraw`, `clear`: a patient's part in a study, on its `Consent` consent.

use super::*;
use crate::{Error, StudiesOf};
use carechain_primitives::{
	mock::Delegates, Access, ConsentFacts, ParticipantStatus, ParticipationView, Purpose,
};

fn consent(
	who: AccountId,
	study_id: StudyId,
	patient_id: PatientId,
	consent_id: ConsentId,
) -> DispatchResult {
	Trials::consent(RuntimeOrigin::signed(who), study_id, patient_id, consent_id)
}

#[test]
fn a_patient_consents_to_the_current_version_on_its_research_consent() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		let consent_id = grant_research(0, SPONSOR, 2, None);
		assert_ok!(consent(PATIENT, study_id, PATIENT_ID, consent_id));
		last_event_is(Event::ParticipantConsented {
			study_id,
			patient_id: PATIENT_ID,
			version: 1,
			consent_id,
			by: PATIENT,
		});
		let participation = Participants::<Test>::get(study_id, PATIENT_ID).expect("stored");
		assert_eq!((participation.consent_id, participation.version), (consent_id, 1));
		assert_eq!(
			(participation.consented_at, participation.enrolled_at, participation.withdrawn_at),
			(START, None, None)
		);
		assert_eq!(
			StudiesOf::<Test>::get(PATIENT_ID).map(|list| list.to_vec()),
			Some(vec![study_id])
		);
		assert_eq!(Trials::studies_of(PATIENT_ID), vec![study_id]);
		assert_eq!(
			Trials::participation(study_id, PATIENT_ID),
			Some(ParticipationView {
				status: ParticipantStatus::Consented,
				version: 1,
				consent_id,
				releases: 0
			})
		);
		assert_eq!(Trials::study(study_id).map(|s| s.participants), Some(1));
	});
}

#[test]
fn a_live_delegate_consents_for_the_patient() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		let consent_id = grant_research(0, SPONSOR, 2, None);
		assert_ok!(consent(DELEGATE, study_id, PATIENT_ID, consent_id));
		last_event_is(Event::ParticipantConsented {
			study_id,
			patient_id: PATIENT_ID,
			version: 1,
			consent_id,
			by: DELEGATE,
		});
		Delegates::set(Default::default());
		assert_noop!(
			Trials::withdraw(RuntimeOrigin::signed(DELEGATE), study_id, PATIENT_ID),
			Error::<Test>::NotPatientOrDelegate
		);
	});
}

#[test]
fn only_the_patient_or_a_delegate_of_an_active_patient_consents() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		let consent_id = grant_research(0, SPONSOR, 2, None);
		assert_noop!(
			consent(STRANGER, study_id, PATIENT_ID, consent_id),
			Error::<Test>::NotPatientOrDelegate
		);
		assert_noop!(
			consent(patient(1).1, study_id, PATIENT_ID, consent_id),
			Error::<Test>::NotPatientOrDelegate
		);
		deregister_patient(PATIENT_ID);
		assert_noop!(
			consent(PATIENT, study_id, PATIENT_ID, consent_id),
			Error::<Test>::PatientNotActive
		);
	});
}

#[test]
fn the_study_must_exist_and_not_have_ended() {
	ExtBuilder::default().build_and_execute(|| {
		let consent_id = grant_research(0, SPONSOR, 2, None);
		assert_noop!(consent(PATIENT, 5, PATIENT_ID, consent_id), Error::<Test>::UnknownStudy);
		let study_id = registered();
		assert_ok!(Trials::set_status(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			StudyStatus::Terminated
		));
		assert_noop!(consent(PATIENT, study_id, PATIENT_ID, consent_id), Error::<Test>::StudyEnded);
	});
}

#[test]
fn the_consent_must_be_the_patients_research_consent_to_the_sponsor_covering_the_study() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		assert_noop!(consent(PATIENT, study_id, PATIENT_ID, 77), Error::<Test>::UnknownConsent);
		let others = grant_research(1, SPONSOR, 2, None);
		assert_noop!(
			consent(PATIENT, study_id, PATIENT_ID, others),
			Error::<Test>::ConsentOfAnotherPatient
		);
		let to_another_sponsor = grant_research(0, OTHER_SPONSOR, 2, None);
		assert_noop!(
			consent(PATIENT, study_id, PATIENT_ID, to_another_sponsor),
			Error::<Test>::ConsentNotForStudy
		);
		let facts = |purpose, access| ConsentFacts {
			patient_id: PATIENT_ID,
			grantee: SPONSOR,
			purpose,
			access,
			expires_at: None,
			categories: 2,
		};
		carechain_primitives::mock::store_consent(1, facts(Purpose::Treatment, Access::Read));
		assert_noop!(consent(PATIENT, study_id, PATIENT_ID, 1), Error::<Test>::ConsentNotForStudy);
		carechain_primitives::mock::store_consent(2, facts(Purpose::Research, Access::Write));
		assert_noop!(consent(PATIENT, study_id, PATIENT_ID, 2), Error::<Test>::ConsentNotForStudy);
		carechain_primitives::mock::store_consent(3, facts(Purpose::Research, Access::ReadWrite));
		assert_ok!(consent(PATIENT, study_id, PATIENT_ID, 3));
		let narrow = grant_research(1, SPONSOR, 1, None);
		assert_noop!(
			consent(patient(1).1, study_id, patient(1).0, narrow),
			Error::<Test>::ConsentTooNarrow
		);
		let lapsed = grant_research(2, SPONSOR, 2, Some(START));
		assert_noop!(
			consent(patient(2).1, study_id, patient(2).0, lapsed),
			Error::<Test>::ConsentNotInForce
		);
	});
}

#[test]
fn consenting_twice_to_the_same_version_on_the_same_consent_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		let consent_id = join(study_id, 0);
		assert_noop!(
			consent(PATIENT, study_id, PATIENT_ID, consent_id),
			Error::<Test>::AlreadyConsented
		);
		// A new consent replaces the old one.
		remove_consent(consent_id);
		let renewed = consent_id + 50;
		carechain_primitives::mock::store_consent(
			renewed,
			ConsentFacts {
				patient_id: PATIENT_ID,
				grantee: SPONSOR,
				purpose: Purpose::Research,
				access: Access::Read,
				expires_at: None,
				categories: 2,
			},
		);
		assert_ok!(consent(PATIENT, study_id, PATIENT_ID, renewed));
		assert_eq!(
			Participants::<Test>::get(study_id, PATIENT_ID).map(|p| p.consent_id),
			Some(renewed)
		);
		assert_eq!(Trials::studies_of(PATIENT_ID), vec![study_id], "listed once");
	});
}

#[test]
fn participations_are_bounded_per_study_and_per_patient() {
	ExtBuilder::default().build_and_execute(|| {
		let first = registered();
		let second = registered();
		let third = registered();
		join(first, 0);
		join(second, 0);
		assert_noop!(
			consent(PATIENT, third, PATIENT_ID, consent_id_of(0, SPONSOR)),
			Error::<Test>::TooManyStudies
		);
		// A study holds at most MAX_PARTICIPANTS: the test has COHORT patients, fewer; fill it
		// with more.
		for i in 1..COHORT {
			join(third, i);
		}
		let extra: u64 = COHORT;
		let (extra_id, extra_key) = patient(extra);
		let mut keys = PatientKeys::get();
		keys.insert(extra_id, extra_key);
		let (last_id, last_key) = patient(extra + 1);
		keys.insert(last_id, last_key);
		PatientKeys::set(keys);
		join(third, extra);
		let consent_id = grant_research(extra + 1, SPONSOR, 2, None);
		assert_eq!(
			Studies::<Test>::get(third).map(|s| s.participations),
			Some(MAX_PARTICIPANTS - 1)
		);
		assert_ok!(consent(last_key, first, last_id, consent_id));
		// Fill the last place of `third` from another patient, then refuse the next.
		let third_consent = grant_research(extra + 1, SPONSOR, 2, None);
		assert_ok!(consent(last_key, third, last_id, third_consent));
		assert_eq!(Studies::<Test>::get(third).map(|s| s.participations), Some(MAX_PARTICIPANTS));
		assert_noop!(
			consent(PATIENT, third, PATIENT_ID, consent_id_of(0, SPONSOR)),
			Error::<Test>::TooManyParticipants
		);
	});
}

#[test]
fn withdrawing_revokes_the_consent_and_ends_the_enrolment() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(1);
		let consent_id = consent_id_of(0, SPONSOR);
		assert_ok!(Trials::withdraw(RuntimeOrigin::signed(DELEGATE), study_id, PATIENT_ID));
		last_event_is(Event::ParticipantWithdrew {
			study_id,
			patient_id: PATIENT_ID,
			consent_id,
			by: DELEGATE,
		});
		assert_eq!(revoked(), vec![(consent_id, DELEGATE)]);
		let participation = Participants::<Test>::get(study_id, PATIENT_ID).expect("kept");
		assert_eq!(
			(participation.enrolled_at, participation.withdrawn_at),
			(None, Some(Now::get()))
		);
		let study = Studies::<Test>::get(study_id).expect("stored");
		assert_eq!((study.participations, study.withdrawn, study.enrolled), (1, 1, 0));
		assert_eq!(
			Trials::participation(study_id, PATIENT_ID).map(|v| v.status),
			Some(ParticipantStatus::Withdrawn)
		);
		assert_noop!(
			Trials::withdraw(RuntimeOrigin::signed(PATIENT), study_id, PATIENT_ID),
			Error::<Test>::Withdrawn
		);
		// Consenting again on a new consent brings the patient back, not enrolled.
		let again = grant_research(0, SPONSOR, 2, None);
		assert_ok!(consent(PATIENT, study_id, PATIENT_ID, again));
		let study = Studies::<Test>::get(study_id).expect("stored");
		assert_eq!((study.participations, study.withdrawn, study.enrolled), (1, 0, 0));
		assert_eq!(
			Trials::participation(study_id, PATIENT_ID).map(|v| v.status),
			Some(ParticipantStatus::Consented)
		);
	});
}

#[test]
fn only_the_patient_or_a_delegate_withdraws_a_participation_it_has() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		assert_noop!(
			Trials::withdraw(RuntimeOrigin::signed(PATIENT), study_id, PATIENT_ID),
			Error::<Test>::NotParticipating
		);
		join(study_id, 0);
		assert_noop!(
			Trials::withdraw(RuntimeOrigin::signed(SPONSOR), study_id, PATIENT_ID),
			Error::<Test>::NotPatientOrDelegate
		);
		assert_noop!(
			Trials::withdraw(RuntimeOrigin::signed(patient(1).1), study_id, PATIENT_ID),
			Error::<Test>::NotPatientOrDelegate
		);
	});
}

#[test]
fn a_revocation_in_the_consent_pallet_pauses_the_participation() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(1);
		remove_consent(consent_id_of(0, SPONSOR));
		assert_eq!(
			Trials::participation(study_id, PATIENT_ID).map(|v| v.status),
			Some(ParticipantStatus::Paused)
		);
		assert!(!Trials::is_enrolled_current(study_id, PATIENT_ID));
	});
}

#[test]
fn a_withdrawn_participation_or_one_of_an_ended_study_is_cleared() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(2);
		let clear =
			|who, patient_id| Trials::clear(RuntimeOrigin::signed(who), study_id, patient_id);
		assert_noop!(clear(PATIENT, PATIENT_ID), Error::<Test>::StillParticipating);
		assert_noop!(clear(STRANGER, PATIENT_ID), Error::<Test>::NotPatientOrDelegate);
		assert_noop!(clear(patient(5).1, patient(5).0), Error::<Test>::NotParticipating);
		assert_ok!(Trials::withdraw(RuntimeOrigin::signed(PATIENT), study_id, PATIENT_ID));
		assert_ok!(clear(PATIENT, PATIENT_ID));
		last_event_is(Event::ParticipationCleared { study_id, patient_id: PATIENT_ID });
		assert!(Participants::<Test>::get(study_id, PATIENT_ID).is_none());
		assert_eq!(StudiesOf::<Test>::get(PATIENT_ID), None, "the emptied list is removed");
		assert_ok!(Trials::set_status(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			StudyStatus::Completed
		));
		assert_ok!(clear(patient(1).1, patient(1).0));
		let study = Studies::<Test>::get(study_id).expect("stored");
		assert_eq!((study.participations, study.withdrawn, study.enrolled), (0, 0, 0));
	});
}

#[test]
fn anyone_clears_what_a_deregistered_patient_left() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(2);
		assert_noop!(
			Trials::clear(RuntimeOrigin::signed(STRANGER), study_id, PATIENT_ID),
			Error::<Test>::NotPatientOrDelegate
		);
		deregister_patient(PATIENT_ID);
		assert_eq!(
			Trials::participation(study_id, PATIENT_ID).map(|v| v.status),
			Some(ParticipantStatus::Paused)
		);
		assert_ok!(Trials::clear(RuntimeOrigin::signed(STRANGER), study_id, PATIENT_ID));
		last_event_is(Event::ParticipationCleared { study_id, patient_id: PATIENT_ID });
		assert_eq!(StudiesOf::<Test>::get(PATIENT_ID), None);
		let study = Studies::<Test>::get(study_id).expect("stored");
		assert_eq!((study.participations, study.enrolled), (1, 1));
	});
}

#[test]
fn a_consent_notes_every_study_resting_on_it_until_the_participation_moves_or_goes() {
	ExtBuilder::default().build_and_execute(|| {
		use crate::ConsentUses;
		use carechain_primitives::{ConsentLedger, ResearchPauses};
		let first = recruiting();
		let second = recruiting();
		// Patient 0 joins both studies on one consent to the sponsor.
		let consent_id = join(first, 0);
		assert_ok!(Trials::consent(RuntimeOrigin::signed(PATIENT), second, PATIENT_ID, consent_id));
		let uses = |consent_id| ConsentUses::<Test>::get(consent_id).map(|list| list.to_vec());
		assert_eq!(uses(consent_id), Some(vec![(first, 1), (second, 1)]));
		// A re-consent amendment of the second study pauses the consent for both: the sponsor
		// may not read under it while any of its studies has paused the patient.
		assert_ok!(Trials::amend(
			RuntimeOrigin::signed(SPONSOR),
			second,
			H256::repeat_byte(0x02),
			PLAN,
			OUTCOMES,
			true
		));
		assert!(Trials::is_paused(consent_id));
		// The patient consents to the second study's version 2 on a new consent: the first
		// consent now rests under the first study only, at version 1, and is not paused.
		let newer = consent_id + 100;
		let facts =
			<carechain_primitives::mock::MockConsents as ConsentLedger<AccountId>>::consent(
				consent_id,
			)
			.expect("stored");
		carechain_primitives::mock::store_consent(newer, facts);
		assert_ok!(Trials::consent(RuntimeOrigin::signed(PATIENT), second, PATIENT_ID, newer));
		assert_eq!(uses(consent_id), Some(vec![(first, 1)]));
		assert_eq!(uses(newer), Some(vec![(second, 2)]));
		assert!(!Trials::is_paused(consent_id) && !Trials::is_paused(newer));
		// A declined participation, and a cleared one, leave no use behind.
		assert_ok!(Trials::decline(RuntimeOrigin::signed(SPONSOR), first, PATIENT_ID));
		assert_eq!(uses(consent_id), None);
		assert_ok!(Trials::withdraw(RuntimeOrigin::signed(PATIENT), second, PATIENT_ID));
		assert_eq!(uses(newer), None);
		assert_ok!(Trials::clear(RuntimeOrigin::signed(PATIENT), second, PATIENT_ID));
		assert_eq!(ConsentUses::<Test>::iter().count(), 0);
		// What a decision may read: each of the grantee's consents, and the patient's studies.
		assert_eq!(
			<Trials as ResearchPauses>::max_reads(3),
			3 + u64::from(<<Test as crate::Config>::MaxStudiesPerPatient as Get<u32>>::get())
		);
	});
}
