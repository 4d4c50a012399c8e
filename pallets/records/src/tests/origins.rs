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
					RecordCategory::LabResults,
					CONTENT,
					STORAGE
				),
				BadOrigin
			);
			assert_noop!(Records::amend(origin.clone(), id, CONTENT, STORAGE), BadOrigin);
			assert_noop!(Records::log_access(origin.clone(), id, Purpose::Treatment), BadOrigin);
			assert_noop!(Records::erase(origin, id), BadOrigin);
		}
		let stranger = RuntimeOrigin::signed(STRANGER);
		assert_noop!(
			Records::anchor(
				stranger.clone(),
				PATIENT_ID,
				RecordCategory::LabResults,
				CONTENT,
				STORAGE
			),
			Error::<Test>::NotPermittedToWrite
		);
		assert_noop!(
			Records::amend(stranger.clone(), id, CONTENT, STORAGE),
			Error::<Test>::NotPermittedToWrite
		);
		assert_noop!(
			Records::log_access(stranger.clone(), id, Purpose::Treatment),
			Error::<Test>::NotPermittedToRead
		);
		assert_noop!(Records::erase(stranger, id), Error::<Test>::NotPatientOrDelegate);
		// The wrong role: a provider cannot erase, the patient does not log reads of their own.
		assert_noop!(
			Records::erase(RuntimeOrigin::signed(DOCTOR), id),
			Error::<Test>::NotPatientOrDelegate
		);
		assert_noop!(
			Records::log_access(RuntimeOrigin::signed(PATIENT), id, Purpose::Treatment),
			Error::<Test>::NotPermittedToRead
		);
	});
}
