//! The access decision's rules, one by one.

use super::*;
use carechain_primitives::{CredentialKind, EmergencyReason};
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
fn a_consent_expires_by_itself() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(PATIENT),
			PATIENT_ID,
			RELATIVE,
			Purpose::Treatment,
			categories(&[Medications]),
			Access::Read,
			Some(START + HOUR),
		));
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
		assert_ok!(Consent::break_glass(
			RuntimeOrigin::signed(NURSE),
			PATIENT_ID,
			EmergencyReason::LifeThreatening,
			H256::zero(),
		));
		deregister_patient(PATIENT_ID);
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Denied);
		assert_eq!(decision(NURSE, LabResults, Access::Read), AccessDecision::Denied);
	});
}

#[test]
fn consent_is_preferred_over_emergency_access() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		assert_ok!(Consent::break_glass(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT_ID,
			EmergencyReason::ImminentHarm,
			H256::zero(),
		));
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Permitted(id));
		assert_eq!(decision(DOCTOR, Imaging, Access::Read), AccessDecision::Emergency(0));
	});
}

#[test]
fn the_access_policy_trait_gives_the_same_answer() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		assert_eq!(
			<Consent as carechain_primitives::AccessPolicy<u64>>::check_access(
				PATIENT_ID,
				&DOCTOR,
				LabResults,
				Access::Read
			),
			AccessDecision::Permitted(id)
		);
	});
}
