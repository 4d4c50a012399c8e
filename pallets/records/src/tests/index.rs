use super::*;
use crate::{Error, RecordCount, RecordsOf};

fn page(after: Option<u64>, max: u32) -> Vec<u64> {
	Records::records_of(PATIENT_ID, after, max)
}

fn all_pages(size: u32) -> Vec<u64> {
	let mut ids = Vec::new();
	let mut after = None;
	loop {
		let next = page(after, size);
		if next.is_empty() {
			return ids;
		}
		after = next.last().copied();
		ids.extend(next);
	}
}

#[test]
fn anchors_and_amendments_are_indexed_under_the_patient_and_paged() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(page(None, 10).is_empty());
		let first = anchor_labs();
		let second = amend(first, 2);
		let other = anchor_labs();
		assert_eq!(RecordCount::<Test>::get(PATIENT_ID), Some(3));
		let mut expected = vec![first, second, other];
		expected.sort();
		for size in [1, 2, 3, 10] {
			let mut ids = all_pages(size);
			assert_eq!(ids.len(), 3, "page size {size} visits every record once");
			ids.sort();
			assert_eq!(ids, expected);
		}
		assert_eq!(page(None, 2).len(), 2, "a page holds at most `max` ids");
		assert!(page(None, 0).is_empty());
		assert!(Records::records_of(PATIENT_ID + 1, None, 10).is_empty(), "other patients: none");
	});
}

#[test]
fn a_patient_holds_at_most_max_records_per_patient() {
	ExtBuilder::default().build_and_execute(|| {
		let mut ids = Vec::new();
		for _ in 0..MAX_RECORDS {
			ids.push(anchor_labs());
		}
		let held_before = held(DOCTOR);
		assert_noop!(
			anchor(DOCTOR, tag(RecordCategory::LabResults)),
			Error::<Test>::TooManyRecords
		);
		assert_noop!(amend_by(DOCTOR, ids[0]), Error::<Test>::TooManyRecords);
		assert_eq!(held(DOCTOR), held_before, "a refused anchor holds nothing");
		// Erasing frees room.
		assert_ok!(erase(PATIENT, ids[0]));
		assert_eq!(RecordCount::<Test>::get(PATIENT_ID), Some(MAX_RECORDS - 1));
		anchor_labs();
	});
}

#[test]
fn erasure_removes_the_whole_chain_from_the_index() {
	ExtBuilder::default().build_and_execute(|| {
		let first = anchor_labs();
		let second = amend(first, 2);
		let kept = anchor_labs();
		assert_ok!(erase(PATIENT, second));
		assert!(!RecordsOf::<Test>::contains_key(PATIENT_ID, first));
		assert!(!RecordsOf::<Test>::contains_key(PATIENT_ID, second));
		assert_eq!(all_pages(10), vec![kept]);
		assert_eq!(RecordCount::<Test>::get(PATIENT_ID), Some(1));
		assert_ok!(erase(PATIENT, kept));
		assert_eq!(RecordCount::<Test>::get(PATIENT_ID), None, "no count is left behind");
		assert_eq!(RecordsOf::<Test>::iter_prefix(PATIENT_ID).count(), 0);
	});
}
