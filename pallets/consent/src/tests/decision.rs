//! The access decision's rules, one by one.

use super::*;
use carechain_primitives::{CategoryKey, CredentialKind, EmergencyReason};
use RecordCategory::*;

#[test]
fn a_consent_covers_only_its_grantee_categories_and_access() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Permitted(id));
		assert_eq!(decision(DOCTOR, LabResults, Access::Write), AccessDecision::Denied);
		assert_eq!(decision(DOCTOR, LabResults, Access::ReadWrite), AccessDecision::Denied);
		assert_eq!(decision(DOCTOR, Imaging, Access::Read), AccessDecision::Denied);
		assert_eq!(decision(NURSE, LabResults, Access::Read), AccessDecision::Denied);
	});
}

#[test]
fn the_decision_compares_tags_so_another_key_s_tag_for_the_same_category_permits_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		let labs = tag(LabResults);
		assert_eq!(
			Consent::check_access(PATIENT_ID, &DOCTOR, labs, Access::Read, None),
			AccessDecision::Permitted(id)
		);
		// Lab results under any other key (another patient's, a guess) is another tag.
		for key in [[0u8; 32], [1; 32], [0x18; 32]] {
			let elsewhere = CategoryKey(key).tag(LabResults);
			assert_ne!(elsewhere, labs);
			assert_eq!(
				Consent::check_access(PATIENT_ID, &DOCTOR, elsewhere, Access::Read, None),
				AccessDecision::Denied
			);
		}
		// The consent as stored names the tag, never the category.
		assert_eq!(
			crate::Consents::<Test>::get(id).expect("granted").categories.to_vec(),
			vec![labs]
		);
	});
}

#[test]
fn a_consent_expires_by_itself() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(grant(RELATIVE).categories(&[Medications]).expires_at(START + HOUR).call());
		advance(HOUR - 1);
		assert!(decision(RELATIVE, Medications, Access::Read).is_allowed());
		advance(1);
		assert_eq!(decision(RELATIVE, Medications, Access::Read), AccessDecision::Denied);
	});
}

#[test]
fn a_provider_grantee_needs_a_valid_credential_at_the_time_of_access() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		set_credential(DOCTOR, CredentialKind::Physician, false);
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Denied);
		set_credential(DOCTOR, CredentialKind::Physician, true);
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Permitted(id));
		// A grantee without credentials (a relative) needs none.
		let relative = grant_labs(RELATIVE);
		assert_eq!(
			decision(RELATIVE, LabResults, Access::Read),
			AccessDecision::Permitted(relative)
		);
	});
}

#[test]
fn a_deregistered_patient_denies_everything() {
	ExtBuilder::default().build_and_execute(|| {
		grant_labs(DOCTOR);
		assert_ok!(break_glass_for(NURSE, EmergencyReason::LifeThreatening));
		deregister_patient(PATIENT_ID);
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Denied);
		assert_eq!(decision(NURSE, LabResults, Access::Read), AccessDecision::Denied);
	});
}

#[test]
fn consent_is_preferred_over_emergency_access() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		assert_ok!(break_glass_for(DOCTOR, EmergencyReason::ImminentHarm));
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Permitted(id));
		assert_eq!(decision(DOCTOR, Imaging, Access::Read), AccessDecision::Emergency(0));
	});
}

#[test]
fn the_access_policy_trait_gives_the_same_answer() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		let policy = |purpose| {
			<Consent as carechain_primitives::AccessPolicy<u64>>::check_access(
				PATIENT_ID,
				&DOCTOR,
				tag(LabResults),
				Access::Read,
				purpose,
			)
		};
		assert_eq!(policy(Purpose::Treatment), AccessDecision::Permitted(id));
		assert_eq!(policy(Purpose::Research), AccessDecision::Denied);
	});
}

#[test]
fn a_consent_permits_only_the_purpose_it_names() {
	ExtBuilder::default().build_and_execute(|| {
		// An insurer (here a relative's account) may read billing records to pay a claim.
		let id = grant(RELATIVE).purpose(Purpose::Payment).categories(&[Billing]).granted();
		assert_eq!(
			decision_for(RELATIVE, Billing, Access::Read, Purpose::Payment),
			AccessDecision::Permitted(id)
		);
		for purpose in [Purpose::Treatment, Purpose::Research, Purpose::PublicHealth] {
			assert_eq!(
				decision_for(RELATIVE, Billing, Access::Read, purpose),
				AccessDecision::Denied,
				"{purpose:?}"
			);
		}
		// Version 1 of the API answers for any purpose.
		assert_eq!(decision(RELATIVE, Billing, Access::Read), AccessDecision::Permitted(id));
		// A second consent for research is found for research, the first still for payment.
		let research = grant(RELATIVE).purpose(Purpose::Research).categories(&[Billing]).granted();
		assert_eq!(
			decision_for(RELATIVE, Billing, Access::Read, Purpose::Research),
			AccessDecision::Permitted(research)
		);
		assert_eq!(
			decision_for(RELATIVE, Billing, Access::Read, Purpose::Payment),
			AccessDecision::Permitted(id)
		);
	});
}

#[test]
fn a_research_consent_a_study_paused_permits_nothing_until_resumed() {
	ExtBuilder::default().build_and_execute(|| {
		// A sponsor (here a relative's account) holds two research consents and one to pay.
		let paused = grant(RELATIVE).purpose(Purpose::Research).categories(&[Billing]).granted();
		let payment = grant(RELATIVE).purpose(Purpose::Payment).categories(&[Billing]).granted();
		set_paused(paused, true);
		assert_eq!(
			decision_for(RELATIVE, Billing, Access::Read, Purpose::Research),
			AccessDecision::Denied
		);
		// A pause is the study's, for research: the consent to pay still permits, and version 1
		// of the API, for any purpose, finds it rather than the paused one.
		assert_eq!(
			decision_for(RELATIVE, Billing, Access::Read, Purpose::Payment),
			AccessDecision::Permitted(payment)
		);
		assert_eq!(decision(RELATIVE, Billing, Access::Read), AccessDecision::Permitted(payment));
		// Another research consent, not paused, permits; once the patient consents to the new
		// version (the pause lifts), the older consent permits again, as the oldest.
		let other = grant(RELATIVE).purpose(Purpose::Research).categories(&[Billing]).granted();
		assert_eq!(
			decision_for(RELATIVE, Billing, Access::Read, Purpose::Research),
			AccessDecision::Permitted(other)
		);
		set_paused(paused, false);
		assert_eq!(
			decision_for(RELATIVE, Billing, Access::Read, Purpose::Research),
			AccessDecision::Permitted(paused)
		);
		// A pause is of a research use: it does not touch a consent to treat.
		let treat = grant_labs(DOCTOR);
		set_paused(treat, true);
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Permitted(treat));
	});
}

#[test]
fn research_decisions_charge_a_pause_read_for_every_consent_to_the_grantee() {
	ExtBuilder::default().build_and_execute(|| {
		// The stand-in reads once per consent, and a grantee holds at most MAX_PER_GRANTEE.
		assert_eq!(
			<Consent as carechain_primitives::AccessPolicy<AccountId>>::research_reads(),
			u64::from(MAX_PER_GRANTEE)
		);
	});
}

#[test]
fn break_glass_answers_for_treatment_only() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(break_glass_for(NURSE, EmergencyReason::PatientUnconscious));
		assert_eq!(
			decision_for(NURSE, MentalHealth, Access::Read, Purpose::Treatment),
			AccessDecision::Emergency(0)
		);
		for purpose in [Purpose::Payment, Purpose::Research, Purpose::PublicHealth] {
			assert_eq!(
				decision_for(NURSE, MentalHealth, Access::Read, purpose),
				AccessDecision::Denied,
				"{purpose:?}"
			);
		}
	});
}

#[test]
fn a_consent_granted_by_a_delegate_ends_with_the_delegation() {
	ExtBuilder::default().build_and_execute(|| {
		// The guardian, a delegate, grants a relative everything, with no expiry.
		let id = grant(RELATIVE)
			.by(GUARDIAN)
			.categories(&[LabResults, MentalHealth])
			.access(Access::ReadWrite)
			.granted();
		assert_eq!(decision(RELATIVE, MentalHealth, Access::Read), AccessDecision::Permitted(id));
		// The patient removes the guardian: what it granted stops permitting at once.
		Delegates::set(Default::default());
		assert_eq!(decision(RELATIVE, MentalHealth, Access::Read), AccessDecision::Denied);
		assert_eq!(
			decision_for(RELATIVE, LabResults, Access::Write, Purpose::Treatment),
			AccessDecision::Denied
		);
		// Delegating to the guardian again later starts a new authority: the consent granted
		// under the old one stays dead (as a re-added credential kind revives nothing).
		advance(HOUR);
		Delegates::set([(PATIENT_ID, GUARDIAN)].into());
		carechain_primitives::mock::set_authority_since(PATIENT_ID, GUARDIAN, START + HOUR);
		assert_eq!(decision(RELATIVE, MentalHealth, Access::Read), AccessDecision::Denied);
		// The former delegate may still revoke its own grant and get its deposit back.
		Delegates::set(Default::default());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(GUARDIAN), id));
		assert_eq!(consent_held(GUARDIAN), 0);
	});
}

#[test]
fn a_consent_granted_by_a_rotated_key_ends_with_the_rotation() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		// The patient's id moves to a new key (a lost or stolen phone).
		PatientKeys::set([(PATIENT_ID, STRANGER)].into());
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Denied);
		// A grant from the new key clears the dead consent and replaces it.
		let renewed = grant(DOCTOR).by(STRANGER).granted();
		System::assert_has_event(
			Event::ConsentRevoked {
				consent_id: id,
				patient_id: PATIENT_ID,
				grantee: DOCTOR,
				revoked_by: STRANGER,
			}
			.into(),
		);
		assert_eq!(listed(DOCTOR), vec![renewed]);
		assert_eq!(consent_held(PATIENT), 0, "the old key's deposit came back");
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Permitted(renewed));
	});
}

#[test]
fn rotating_back_to_an_old_key_does_not_revive_its_consents() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		PatientKeys::set([(PATIENT_ID, STRANGER)].into());
		advance(HOUR);
		// Back to the first key, which is the patient's key again only from now.
		PatientKeys::set([(PATIENT_ID, PATIENT)].into());
		carechain_primitives::mock::set_authority_since(PATIENT_ID, PATIENT, START + HOUR);
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Denied);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
	});
}
