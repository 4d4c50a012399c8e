use super::*;
use crate::{ErasedRecords, Error};

#[test]
fn erasing_any_version_erases_the_whole_chain_and_returns_deposits() {
	ExtBuilder::default().build_and_execute(|| {
		let first = anchor_labs();
		let second = amend(first, 2);
		let third = amend(second, 3);
		let unrelated = anchor_labs();
		assert_ok!(Records::erase(RuntimeOrigin::signed(GUARDIAN), second));
		last_event_is(Event::RecordErased {
			record_ids: vec![first, second, third],
			patient_id: PATIENT_ID,
		});
		for id in [first, second, third] {
			assert!(crate::Records::<Test>::get(id).is_none(), "nothing but a tombstone stays");
			assert!(ErasedRecords::<Test>::contains_key(id));
			assert_eq!(Records::verify(id, CONTENT), RecordVerification::Erased);
		}
		assert_eq!(Records::verify(unrelated, CONTENT), RecordVerification::Match);
		assert_eq!(held(DOCTOR), RECORD_DEPOSIT, "only the unrelated record's deposit stays");
	});
}

#[test]
fn only_the_patient_or_a_delegate_erases_while_the_patient_is_active() {
	ExtBuilder::default().build_and_execute(|| {
		let id = anchor_labs();
		for who in [DOCTOR, STRANGER, RELATIVE] {
			assert_noop!(
				Records::erase(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotPatientOrDelegate
			);
		}
		// Once the patient is gone, anyone (here the author, reclaiming the deposit) may.
		deregister_patient(PATIENT_ID);
		assert_ok!(Records::erase(RuntimeOrigin::signed(DOCTOR), id));
		assert_eq!(held(DOCTOR), 0);
	});
}

#[test]
fn erase_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Records::erase(RuntimeOrigin::signed(PATIENT), 0),
			Error::<Test>::UnknownRecord
		);
		let id = anchor_labs();
		assert_ok!(Records::erase(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			Records::erase(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::RecordErased
		);
	});
}
