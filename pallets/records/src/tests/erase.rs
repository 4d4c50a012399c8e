use super::*;
use crate::Error;

#[test]
fn erasing_any_version_erases_the_whole_chain_and_returns_deposits() {
	ExtBuilder::default().build_and_execute(|| {
		let first = anchor_labs();
		let second = amend(first, 2);
		let third = amend(second, 3);
		let unrelated = anchor_labs();
		assert_ok!(erase(GUARDIAN, second));
		last_event_is(Event::RecordErased {
			record_ids: vec![first, second, third],
			patient_id: PATIENT_ID,
		});
		for id in [first, second, third] {
			assert!(crate::Records::<Test>::get(id).is_none(), "nothing of the version stays");
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
			assert_noop!(erase(who, id), Error::<Test>::NotPatientOrDelegate);
		}
		// Once the patient is gone, anyone (here the author, reclaiming the deposit) may.
		deregister_patient(PATIENT_ID);
		assert_ok!(erase(DOCTOR, id));
		assert_eq!(held(DOCTOR), 0);
	});
}

#[test]
fn erase_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(erase(PATIENT, 0), Error::<Test>::UnknownRecord);
		let id = anchor_labs();
		assert_ok!(erase(PATIENT, id));
		assert_noop!(erase(PATIENT, id), Error::<Test>::RecordIsErased);
	});
}

/// How many storage keys this pallet holds (under its prefix, `twox_128("Records")`).
fn pallet_keys() -> usize {
	let prefix = frame::hashing::twox_128(b"Records");
	let mut key = prefix.to_vec();
	let mut keys = 0;
	while let Some(next) = frame::deps::sp_io::storage::next_key(&key) {
		if !next.starts_with(&prefix) {
			break;
		}
		keys += 1;
		key = next;
	}
	keys
}

#[test]
fn erasure_leaves_no_state_behind() {
	ExtBuilder::default().build_and_execute(|| {
		let first = anchor_labs();
		let second = amend(first, 2);
		assert_ok!(erase(PATIENT, second));
		// Only the id counter remains: no tombstone per version (which no one would pay for),
		// no index entry, no count. The ids still answer `Erased`, a later id `Unknown`.
		assert_eq!(pallet_keys(), 1, "only NextRecordId is left");
		assert_eq!(Records::verify(first, CONTENT), RecordVerification::Erased);
		assert_eq!(Records::verify(second + 1, CONTENT), RecordVerification::Unknown);
		assert_noop!(
			log_access(DOCTOR, second + 1, Purpose::Treatment),
			Error::<Test>::UnknownRecord
		);
	});
}

#[test]
fn a_self_reported_version_holds_the_patients_deposit_until_erased() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(anchor(PATIENT, tag(RecordCategory::Medications)));
		let id = crate::NextRecordId::<Test>::get() - 1;
		assert_eq!(crate::Records::<Test>::get(id).map(|r| r.deposit), Some(SELF_REPORT_DEPOSIT));
		assert_eq!(held(PATIENT), SELF_REPORT_DEPOSIT);
		// Deregistering leaves the record paid for: the deposit stays held until someone
		// erases it, and then it goes back to its author.
		deregister_patient(PATIENT_ID);
		assert_eq!(held(PATIENT), SELF_REPORT_DEPOSIT);
		assert_ok!(erase(STRANGER, id));
		assert_eq!(held(PATIENT), 0);
	});
}
