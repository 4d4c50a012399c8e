use super::*;
use crate::Error;

/// `who` anchors two records of `category` in one batch.
fn anchor_two(who: AccountId, category: CategoryTag) -> DispatchResultWithPostInfo {
	let records = vec![(CONTENT, STORAGE), (H256::repeat_byte(7), STORAGE)];
	let records = records.try_into().expect("within the bound");
	Records::anchor_batch(RuntimeOrigin::signed(who), PATIENT_ID, category, records)
}

#[test]
fn amending_chains_versions_both_ways_and_supersedes_the_old_one() {
	ExtBuilder::default().build_and_execute(|| {
		let first = anchor_labs();
		let second = amend(first, 2);
		last_event_is(Event::RecordAmended {
			record_id: second,
			previous: first,
			patient_id: PATIENT_ID,
			author: DOCTOR,
		});
		let old = crate::Records::<Test>::get(first).expect("kept");
		let new = crate::Records::<Test>::get(second).expect("stored");
		assert_eq!(old.superseded_by, Some(second));
		assert_eq!(old.content_hash, CONTENT, "never overwritten");
		assert_eq!(new.previous, Some(first));
		assert_eq!(new.version, 2);
		assert_eq!(Records::verify(first, CONTENT), RecordVerification::Superseded(second));
		assert_eq!(Records::verify(second, H256::repeat_byte(2)), RecordVerification::Match);
		assert_eq!(held(DOCTOR), 2 * RECORD_DEPOSIT);
	});
}

#[test]
fn only_the_latest_version_is_amended_and_chains_are_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		let first = anchor_labs();
		let second = amend(first, 2);
		assert_noop!(amend_by(DOCTOR, first), Error::<Test>::RecordIsSuperseded);
		let third = amend(second, 3);
		assert_noop!(amend_by(DOCTOR, third), Error::<Test>::TooManyVersions);
	});
}

#[test]
fn amending_needs_the_same_permission_as_anchoring() {
	ExtBuilder::default().build_and_execute(|| {
		let first = anchor_labs();
		assert_noop!(amend_by(NURSE, first), Error::<Test>::NotPermittedToWrite);
		// The author loses consent: no more amendments.
		deny_all(DOCTOR);
		assert_noop!(amend_by(DOCTOR, first), Error::<Test>::NotPermittedToWrite);
		// The patient may amend a provider's record (as self-reported).
		assert_ok!(amend_by(PATIENT, first));
		deregister_patient(PATIENT_ID);
		assert_noop!(amend_by(PATIENT, first + 1), Error::<Test>::PatientNotActive);
	});
}

#[test]
fn unknown_and_erased_records_cannot_be_amended() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(amend_by(DOCTOR, 0), Error::<Test>::UnknownRecord);
		let first = anchor_labs();
		assert_ok!(erase(PATIENT, first));
		assert_noop!(amend_by(DOCTOR, first), Error::<Test>::RecordIsErased);
	});
}

#[test]
fn amend_and_anchor_batch_are_refunded_the_credential_kinds_not_read() {
	use crate::{weights::WeightInfo, ALL_PROVIDERS};
	ExtBuilder::default().build_and_execute(|| {
		// A physician qualifies at the first of the five provider kinds: what `anchor(k)`
		// measures four more kinds to cost is returned.
		let unread = <() as WeightInfo>::anchor(ALL_PROVIDERS) - <() as WeightInfo>::anchor(1);
		assert!(unread.ref_time() > 0, "the mock charges for storage");
		let first = anchor_labs();
		let amended = amend_by(DOCTOR, first).expect("amended");
		assert_eq!(amended.actual_weight, Some(<() as WeightInfo>::amend() - unread));
		let batch = anchor_two(DOCTOR, tag(RecordCategory::LabResults)).expect("anchored");
		assert_eq!(batch.actual_weight, Some(<() as WeightInfo>::anchor_batch(2) - unread));
	});
}

#[test]
fn a_self_reported_amend_or_batch_is_charged_its_deposit_hold() {
	use crate::{weights::WeightInfo, ALL_PROVIDERS};
	ExtBuilder::default().build_and_execute(|| {
		// No credential kind is read, and the deposit is held: the hold the
		// `anchor_self_reported` benchmark measures is added back.
		let unread = <() as WeightInfo>::anchor(ALL_PROVIDERS) - <() as WeightInfo>::anchor(0);
		let hold = crate::Pallet::<Test>::self_report_hold();
		assert!(hold.ref_time() > 0, "a hold costs something");
		assert_ok!(anchor(PATIENT, tag(RecordCategory::Medications)));
		let first = crate::NextRecordId::<Test>::get() - 1;
		let amended = amend_by(PATIENT, first).expect("amended");
		assert_eq!(amended.actual_weight, Some(<() as WeightInfo>::amend() - unread + hold));
		let batch = anchor_two(GUARDIAN, tag(RecordCategory::Medications)).expect("anchored");
		assert_eq!(batch.actual_weight, Some(<() as WeightInfo>::anchor_batch(2) - unread + hold));
		// Never more than charged before dispatch.
		assert!((<() as WeightInfo>::amend() - unread + hold)
			.all_lte(<() as WeightInfo>::amend() + hold));
	});
}
