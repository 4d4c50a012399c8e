//! The origin matrix: every call tried with no origin and Root (never allowed here), strangers
//! and the wrong role; each refused with nothing changed.

use super::*;
use crate::Error;
use frame::testing_prelude::BadOrigin;

#[test]
fn every_call_refuses_no_origin_root_and_strangers() {
	ExtBuilder::default().build_and_execute(|| {
		let id = anchor_labs();
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Records::anchor(
					origin.clone(),
					PATIENT_ID,
					tag(RecordCategory::LabResults),
					CONTENT,
					STORAGE
				),
				BadOrigin
			);
			assert_noop!(Records::amend(origin.clone(), id, CONTENT, STORAGE), BadOrigin);
			assert_noop!(Records::log_access(origin.clone(), id, Purpose::Treatment), BadOrigin);
			assert_noop!(Records::erase(origin, id), BadOrigin);
		}
		assert_noop!(
			anchor(STRANGER, tag(RecordCategory::LabResults)),
			Error::<Test>::NotPermittedToWrite
		);
		assert_noop!(amend_by(STRANGER, id), Error::<Test>::NotPermittedToWrite);
		assert_noop!(
			log_access(STRANGER, id, Purpose::Treatment),
			Error::<Test>::NotPermittedToRead
		);
		assert_noop!(erase(STRANGER, id), Error::<Test>::NotPatientOrDelegate);
		// The wrong role: a provider cannot erase. (The patient and its delegates log reads of
		// their own records: `log_access.rs`.)
		assert_noop!(erase(DOCTOR, id), Error::<Test>::NotPatientOrDelegate);
	});
}
