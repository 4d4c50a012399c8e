use super::*;
use crate::{Error, Record};

#[test]
fn a_permitted_provider_anchors_and_the_record_verifies() {
	ExtBuilder::default().build_and_execute(|| {
		let id = anchor_labs();
		assert_eq!(
			crate::Records::<Test>::get(id),
			Some(Record {
				patient_id: PATIENT_ID,
				category: tag(RecordCategory::LabResults),
				content_hash: CONTENT,
				storage_ref: STORAGE,
				author: DOCTOR,
				self_reported: false,
				anchored_at: START,
				previous: None,
				superseded_by: None,
				version: 1,
				deposit: RECORD_DEPOSIT,
			})
		);
		assert_eq!(held(DOCTOR), RECORD_DEPOSIT);
		last_event_is(Event::RecordAnchored {
			record_id: id,
			patient_id: PATIENT_ID,
			category: tag(RecordCategory::LabResults),
			author: DOCTOR,
			self_reported: false,
		});
		assert_eq!(Records::verify(id, CONTENT), RecordVerification::Match);
		assert_eq!(Records::verify(id, STORAGE), RecordVerification::Mismatch);
		assert_eq!(Records::verify(id + 1, CONTENT), RecordVerification::Unknown);
	});
}

#[test]
fn the_patient_and_a_delegate_anchor_self_reported_records() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [PATIENT, GUARDIAN] {
			assert_ok!(anchor(who, tag(RecordCategory::Medications)));
			System::assert_last_event(
				Event::RecordAnchored {
					record_id: crate::NextRecordId::<Test>::get() - 1,
					patient_id: PATIENT_ID,
					category: tag(RecordCategory::Medications),
					author: who,
					self_reported: true,
				}
				.into(),
			);
		}
	});
}

#[test]
fn anchoring_needs_write_permission_and_a_provider_credential() {
	ExtBuilder::default().build_and_execute(|| {
		// No consent for this category.
		assert_noop!(
			anchor(DOCTOR, tag(RecordCategory::Imaging)),
			Error::<Test>::NotPermittedToWrite
		);
		// A credentialed nurse without consent.
		assert_noop!(
			anchor(NURSE, tag(RecordCategory::LabResults)),
			Error::<Test>::NotPermittedToWrite
		);
		// Permitted by consent but not a provider.
		assert_noop!(
			anchor(RELATIVE, tag(RecordCategory::LabResults)),
			Error::<Test>::NotPermittedToWrite
		);
		// Only read permission.
		deny_all(DOCTOR);
		permit(DOCTOR, tag(RecordCategory::LabResults), Access::Read, AccessDecision::Permitted(5));
		assert_noop!(
			anchor(DOCTOR, tag(RecordCategory::LabResults)),
			Error::<Test>::NotPermittedToWrite
		);
		// Emergency access is enough.
		permit(
			DOCTOR,
			tag(RecordCategory::LabResults),
			Access::Write,
			AccessDecision::Emergency(1),
		);
		assert_ok!(anchor(DOCTOR, tag(RecordCategory::LabResults)));
	});
}

#[test]
fn a_deregistered_patients_records_cannot_be_anchored() {
	ExtBuilder::default().build_and_execute(|| {
		deregister_patient(PATIENT_ID);
		assert_noop!(
			anchor(DOCTOR, tag(RecordCategory::LabResults)),
			Error::<Test>::PatientNotActive
		);
	});
}

#[test]
fn an_author_who_cannot_pay_the_deposit_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		set_credential(POOR, carechain_primitives::CredentialKind::Laboratory, true);
		permit(POOR, tag(RecordCategory::LabResults), Access::Write, AccessDecision::Permitted(9));
		assert_noop!(
			anchor(POOR, tag(RecordCategory::LabResults)),
			Error::<Test>::InsufficientDeposit
		);
	});
}

#[test]
fn exhausted_record_ids_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		crate::NextRecordId::<Test>::put(u64::MAX);
		assert_noop!(anchor(DOCTOR, tag(RecordCategory::LabResults)), Error::<Test>::IdOverflow);
	});
}

#[test]
fn anchor_is_charged_for_the_credential_kinds_read() {
	use crate::{weights::WeightInfo, ALL_PROVIDERS};
	ExtBuilder::default().build_and_execute(|| {
		let weight = |k| <() as WeightInfo>::anchor(k);
		assert!(weight(1).ref_time() < weight(ALL_PROVIDERS).ref_time(), "each kind costs");
		let charged =
			|who| anchor(who, tag(RecordCategory::LabResults)).expect("anchored").actual_weight;
		// A physician qualifies at the first of the five provider kinds.
		assert_eq!(charged(DOCTOR), Some(weight(1)));
		// A hospital, the last kind, is what every writer is charged before dispatch.
		set_credential(NURSE, carechain_primitives::CredentialKind::Nurse, false);
		set_credential(NURSE, carechain_primitives::CredentialKind::Hospital, true);
		permit(NURSE, tag(RecordCategory::LabResults), Access::Write, AccessDecision::Permitted(7));
		assert_eq!(charged(NURSE), Some(weight(ALL_PROVIDERS)));
		// Self-reported: no credential is read, but the deposit is held, as its own benchmark
		// measures; that is what it is charged, and it is never more than the charge before
		// dispatch.
		let self_reported = <() as WeightInfo>::anchor_self_reported();
		assert_eq!(charged(PATIENT), Some(self_reported));
		assert!(self_reported.all_lte(crate::Pallet::<Test>::anchor_weight()));
		assert!(weight(ALL_PROVIDERS).all_lte(crate::Pallet::<Test>::anchor_weight()));
	});
}

#[test]
fn writing_needs_a_consent_for_treatment() {
	ExtBuilder::default().build_and_execute(|| {
		// The nurse is a provider, but its only consent to write imaging is for research.
		permit_for(
			NURSE,
			tag(RecordCategory::Imaging),
			Access::Write,
			Purpose::Research,
			AccessDecision::Permitted(8),
		);
		assert_noop!(
			anchor(NURSE, tag(RecordCategory::Imaging)),
			Error::<Test>::NotPermittedToWrite
		);
		permit(NURSE, tag(RecordCategory::Imaging), Access::Write, AccessDecision::Permitted(9));
		assert_ok!(anchor(NURSE, tag(RecordCategory::Imaging)));
	});
}
