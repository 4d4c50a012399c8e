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

#[test]
fn a_read_for_research_is_charged_the_reads_of_study_pauses() {
	ExtBuilder::default().build_and_execute(|| {
		use crate::weights::WeightInfo as _;
		use frame::deps::frame_support::dispatch::GetDispatchInfo as _;
		let base = <Test as crate::Config>::WeightInfo::log_access();
		let pause_reads = <Test as frame_system::Config>::DbWeight::get()
			.reads(carechain_primitives::mock::MOCK_RESEARCH_READS);
		assert!(pause_reads.ref_time() > 0);
		for purpose in [Purpose::Treatment, Purpose::Payment, Purpose::PublicHealth] {
			assert_eq!(Records::log_access_weight(purpose), base, "{purpose:?}");
		}
		assert_eq!(Records::log_access_weight(Purpose::Research), base + pause_reads);
		// The call declares that weight for its purpose.
		let call = crate::Call::<Test>::log_access { record_id: 0, purpose: Purpose::Research };
		assert_eq!(call.get_dispatch_info().call_weight, base + pause_reads);
	});
}

#[test]
fn the_patient_and_its_delegates_log_reads_of_its_own_records_without_a_consent() {
	ExtBuilder::default().build_and_execute(|| {
		let id = anchor_labs();
		for (reader, purpose) in [(PATIENT, Purpose::Treatment), (GUARDIAN, Purpose::Research)] {
			assert_ok!(log_access(reader, id, purpose));
			last_event_is(Event::OwnRecordAccessed {
				record_id: id,
				patient_id: PATIENT_ID,
				reader,
				purpose,
			});
		}
		// A delegate removed reads nothing more of the patient's; no one else is the patient.
		carechain_primitives::mock::Delegates::set(Default::default());
		assert_noop!(
			log_access(GUARDIAN, id, Purpose::Treatment),
			Error::<Test>::NotPermittedToRead
		);
		assert_noop!(
			log_access(STRANGER, id, Purpose::Treatment),
			Error::<Test>::NotPermittedToRead
		);
		// A consent the patient holds to itself is not needed, nor read as one: a decision that
		// permits comes first, and the patient's own read is logged only when none does.
		permit_for(
			PATIENT,
			tag(RecordCategory::LabResults),
			Access::Read,
			Purpose::Treatment,
			AccessDecision::Permitted(9),
		);
		assert_ok!(log_access(PATIENT, id, Purpose::Treatment));
		last_event_is(Event::RecordAccessed {
			record_id: id,
			patient_id: PATIENT_ID,
			reader: PATIENT,
			purpose: Purpose::Treatment,
			decision: AccessDecision::Permitted(9),
		});
	});
}
