use super::*;
use crate::Error;

#[test]
fn a_permitted_read_is_logged_with_the_consent_that_allowed_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = anchor_labs();
		assert_ok!(log_access(RELATIVE, id, Purpose::Treatment));
		last_event_is(Event::RecordAccessed {
			record_id: id,
			patient_id: PATIENT_ID,
			reader: RELATIVE,
			purpose: Purpose::Treatment,
			decision: AccessDecision::Permitted(6),
		});
		permit(NURSE, tag(RecordCategory::LabResults), Access::Read, AccessDecision::Emergency(4));
		assert_ok!(log_access(NURSE, id, Purpose::Treatment));
		last_event_is(Event::RecordAccessed {
			record_id: id,
			patient_id: PATIENT_ID,
			reader: NURSE,
			purpose: Purpose::Treatment,
			decision: AccessDecision::Emergency(4),
		});
	});
}

#[test]
fn a_denied_read_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let id = anchor_labs();
		assert_noop!(
			log_access(STRANGER, id, Purpose::Research),
			Error::<Test>::NotPermittedToRead
		);
		deny_all(RELATIVE);
		assert_noop!(
			log_access(RELATIVE, id, Purpose::Treatment),
			Error::<Test>::NotPermittedToRead
		);
	});
}

#[test]
fn reads_of_unknown_erased_or_departed_records_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(log_access(DOCTOR, 0, Purpose::Treatment), Error::<Test>::UnknownRecord);
		let first = anchor_labs();
		let second = anchor_labs();
		assert_ok!(erase(PATIENT, first));
		assert_noop!(log_access(DOCTOR, first, Purpose::Treatment), Error::<Test>::RecordIsErased);
		deregister_patient(PATIENT_ID);
		assert_noop!(
			log_access(DOCTOR, second, Purpose::Treatment),
			Error::<Test>::PatientNotActive
		);
	});
}

#[test]
fn a_read_is_permitted_only_for_the_purpose_consented_to() {
	ExtBuilder::default().build_and_execute(|| {
		let id = anchor_labs();
		// An insurer's consent covers payment: it may log a read for payment, not research.
		permit_for(
			STRANGER,
			tag(RecordCategory::LabResults),
			Access::Read,
			Purpose::Payment,
			AccessDecision::Permitted(3),
		);
		assert_noop!(
			log_access(STRANGER, id, Purpose::Research),
			Error::<Test>::NotPermittedToRead
		);
		assert_ok!(log_access(STRANGER, id, Purpose::Payment));
		last_event_is(Event::RecordAccessed {
			record_id: id,
			patient_id: PATIENT_ID,
			reader: STRANGER,
			purpose: Purpose::Payment,
			decision: AccessDecision::Permitted(3),
		});
	});
}
