//! `amend`: protocol versions, and the re-consent they may require.

use super::*;
use crate::{Error, Versions};
use carechain_primitives::{CredentialKind, ParticipantStatus};

fn amend(study_id: StudyId, reconsent_required: bool) -> DispatchResult {
	Trials::amend(
		RuntimeOrigin::signed(SPONSOR),
		study_id,
		H256::repeat_byte(0x02),
		PLAN,
		OUTCOMES,
		reconsent_required,
	)
}

#[test]
fn an_amendment_publishes_the_next_version() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		advance(1_000);
		assert_ok!(amend(study_id, false));
		last_event_is(Event::ProtocolAmended { study_id, version: 2, reconsent_required: false });
		let version = Versions::<Test>::get(study_id, 2).expect("published");
		assert_eq!(
			(version.protocol_hash, version.published_at),
			(H256::repeat_byte(0x02), START + 1_000)
		);
		let study = Studies::<Test>::get(study_id).expect("stored");
		assert_eq!((study.version, study.reconsent_from), (2, 1));
		assert_eq!(Trials::versions(study_id).len(), 2);
		// The registration's version is kept as it was.
		assert_eq!(Versions::<Test>::get(study_id, 1).map(|v| v.protocol_hash), Some(PROTOCOL));
	});
}

#[test]
fn a_reconsent_amendment_pauses_older_consents_until_the_patient_consents_again() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = with_enrolled(2);
		assert_ok!(amend(study_id, true));
		let study = Studies::<Test>::get(study_id).expect("stored");
		assert_eq!((study.version, study.reconsent_from), (2, 2));
		for i in 0..2 {
			assert_eq!(
				Trials::participation(study_id, patient(i).0).map(|v| v.status),
				Some(ParticipantStatus::Paused)
			);
			assert!(!Trials::is_enrolled_current(study_id, patient(i).0));
		}
		// Patient 0 consents to version 2 on the same consent: enrolled again, current.
		let consent_id = consent_id_of(0, SPONSOR);
		assert_ok!(Trials::consent(
			RuntimeOrigin::signed(PATIENT),
			study_id,
			PATIENT_ID,
			consent_id
		));
		assert_eq!(version_of(study_id, PATIENT_ID), 2);
		assert!(Trials::is_enrolled_current(study_id, PATIENT_ID));
		assert!(!Trials::is_enrolled_current(study_id, patient(1).0));
		// A later amendment without re-consent pauses no one.
		assert_ok!(amend(study_id, false));
		assert!(Trials::is_enrolled_current(study_id, PATIENT_ID));
		assert_eq!(Studies::<Test>::get(study_id).map(|s| s.reconsent_from), Some(2));
	});
}

#[test]
fn versions_are_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		let study_id = registered();
		for _ in 1..MAX_VERSIONS {
			assert_ok!(amend(study_id, false));
		}
		assert_noop!(amend(study_id, false), Error::<Test>::TooManyVersions);
	});
}

#[test]
fn only_the_sponsor_still_a_researcher_amends_a_study_not_ended() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(amend(7, false), Error::<Test>::UnknownStudy);
		let study_id = registered();
		assert_noop!(
			Trials::amend(
				RuntimeOrigin::signed(OTHER_SPONSOR),
				study_id,
				PROTOCOL,
				PLAN,
				OUTCOMES,
				false
			),
			Error::<Test>::NotSponsor
		);
		set_credential(SPONSOR, CredentialKind::Researcher, false);
		assert_noop!(amend(study_id, false), Error::<Test>::NotResearcher);
		assert_ok!(Trials::set_status(
			RuntimeOrigin::signed(SPONSOR),
			study_id,
			StudyStatus::Terminated
		));
		assert_noop!(amend(study_id, false), Error::<Test>::StudyEnded);
	});
}

#[test]
fn a_reconsent_amendment_pauses_the_research_use_of_the_older_consents() {
	ExtBuilder::default().build_and_execute(|| {
		use carechain_primitives::ResearchPauses;
		let study_id = with_enrolled(2);
		let (first, second) = (consent_id_of(0, SPONSOR), consent_id_of(1, SPONSOR));
		// The `Consent` pallet's decision asks this: nothing is paused before the amendment, or
		// by one that asks no re-consent.
		assert!(!Trials::is_paused(first) && !Trials::is_paused(second));
		assert_ok!(amend(study_id, false));
		assert!(!Trials::is_paused(first) && !Trials::is_paused(second));
		assert_ok!(amend(study_id, true));
		assert!(Trials::is_paused(first) && Trials::is_paused(second));
		// Patient 0 consents to version 3: its consent permits the sponsor again; the other's
		// stays paused. A consent no study rests on is never paused.
		assert_ok!(Trials::consent(RuntimeOrigin::signed(PATIENT), study_id, PATIENT_ID, first));
		assert!(!Trials::is_paused(first) && Trials::is_paused(second));
		assert!(!Trials::is_paused(consent_id_of(5, SPONSOR)));
		// Once patient 1 withdraws, its consent is revoked and rests under no study.
		assert_ok!(Trials::withdraw(RuntimeOrigin::signed(patient(1).1), study_id, patient(1).0));
		assert!(!Trials::is_paused(second));
		assert_eq!(crate::ConsentUses::<Test>::get(second), None);
	});
}
