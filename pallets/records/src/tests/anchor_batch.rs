use super::*;
use crate::{Error, Record, RecordCount, RecordsOf};

/// `n` distinct (content hash, storage reference) pairs.
fn entries(n: u8) -> BoundedVec<(H256, H256), ConstU32<MAX_BATCH>> {
	(0..n)
		.map(|i| (H256::repeat_byte(0xa0 + i), H256::repeat_byte(0xb0 + i)))
		.collect::<Vec<_>>()
		.try_into()
		.expect("within the bound")
}

fn batch(who: AccountId, category: CategoryTag, n: u8) -> DispatchResultWithPostInfo {
	Records::anchor_batch(RuntimeOrigin::signed(who), PATIENT_ID, category, entries(n))
}

#[test]
fn a_permitted_provider_anchors_a_batch_under_consecutive_ids() {
	ExtBuilder::default().build_and_execute(|| {
		let first = crate::NextRecordId::<Test>::get();
		assert_ok!(batch(DOCTOR, tag(RecordCategory::LabResults), 3));

		assert_eq!(crate::NextRecordId::<Test>::get(), first + 3);
		assert_eq!(RecordCount::<Test>::get(PATIENT_ID), Some(3));
		assert_eq!(held(DOCTOR), 3 * RECORD_DEPOSIT);
		let anchored: Vec<_> = System::events()
			.into_iter()
			.filter_map(|record| match record.event {
				RuntimeEvent::Records(event) => Some(event),
				_ => None,
			})
			.collect();
		let mut expected = Vec::new();
		for (offset, (content_hash, storage_ref)) in entries(3).into_iter().enumerate() {
			let id = first + offset as u64;
			assert_eq!(
				crate::Records::<Test>::get(id),
				Some(Record {
					patient_id: PATIENT_ID,
					category: tag(RecordCategory::LabResults),
					content_hash,
					storage_ref,
					author: DOCTOR,
					self_reported: false,
					anchored_at: START,
					previous: None,
					superseded_by: None,
					version: 1,
					deposit: RECORD_DEPOSIT,
				})
			);
			assert!(RecordsOf::<Test>::contains_key(PATIENT_ID, id));
			assert_eq!(Records::verify(id, content_hash), RecordVerification::Match);
			expected.push(Event::RecordAnchored {
				record_id: id,
				patient_id: PATIENT_ID,
				category: tag(RecordCategory::LabResults),
				author: DOCTOR,
				self_reported: false,
			});
		}
		assert_eq!(anchored, expected, "one event per record, in id order");
	});
}

#[test]
fn the_patient_anchors_a_self_reported_batch_and_it_joins_single_anchors() {
	ExtBuilder::default().build_and_execute(|| {
		let single = anchor_labs();
		assert_ok!(batch(PATIENT, tag(RecordCategory::Medications), 2));
		assert_eq!(RecordCount::<Test>::get(PATIENT_ID), Some(3));
		for id in [single + 1, single + 2] {
			let record = crate::Records::<Test>::get(id).expect("anchored");
			assert!(record.self_reported);
			assert_eq!(record.author, PATIENT);
		}
		last_event_is(Event::RecordAnchored {
			record_id: single + 2,
			patient_id: PATIENT_ID,
			category: tag(RecordCategory::Medications),
			author: PATIENT,
			self_reported: true,
		});
	});
}

#[test]
fn anchor_batch_errors_anchor_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(batch(DOCTOR, tag(RecordCategory::LabResults), 0), Error::<Test>::EmptyBatch);
		// No consent for this category; not a provider.
		assert_noop!(
			batch(DOCTOR, tag(RecordCategory::Imaging), 2),
			Error::<Test>::NotPermittedToWrite
		);
		assert_noop!(
			batch(STRANGER, tag(RecordCategory::LabResults), 1),
			Error::<Test>::NotPermittedToWrite
		);
		// The per-patient bound counts the whole batch: 3 stored + 3 > 5.
		assert_ok!(batch(DOCTOR, tag(RecordCategory::LabResults), 3));
		assert_noop!(
			batch(DOCTOR, tag(RecordCategory::LabResults), 3),
			Error::<Test>::TooManyRecords
		);
		assert_ok!(batch(DOCTOR, tag(RecordCategory::LabResults), 2));
		assert_eq!(RecordCount::<Test>::get(PATIENT_ID), Some(MAX_RECORDS));
	});
}

#[test]
fn a_batch_needs_every_deposit_and_ids_for_every_record() {
	ExtBuilder::default().build_and_execute(|| {
		use frame::traits::fungible::Mutate;
		set_credential(POOR, carechain_primitives::CredentialKind::Laboratory, true);
		permit(POOR, tag(RecordCategory::LabResults), Access::Write, AccessDecision::Permitted(9));
		Balances::set_balance(&POOR, 2 * RECORD_DEPOSIT + 5);
		assert_noop!(
			batch(POOR, tag(RecordCategory::LabResults), 3),
			Error::<Test>::InsufficientDeposit
		);
		assert_ok!(batch(POOR, tag(RecordCategory::LabResults), 1));

		crate::NextRecordId::<Test>::put(u64::MAX - 1);
		assert_noop!(batch(DOCTOR, tag(RecordCategory::LabResults), 2), Error::<Test>::IdOverflow);
		assert_ok!(batch(DOCTOR, tag(RecordCategory::LabResults), 1));
	});
}

#[test]
fn a_deregistered_patients_records_cannot_be_batch_anchored() {
	ExtBuilder::default().build_and_execute(|| {
		deregister_patient(PATIENT_ID);
		assert_noop!(
			batch(DOCTOR, tag(RecordCategory::LabResults), 2),
			Error::<Test>::PatientNotActive
		);
	});
}

#[test]
fn anchor_batch_is_charged_per_record() {
	use crate::weights::WeightInfo;
	let one = <() as WeightInfo>::anchor_batch(1).ref_time();
	let most = <() as WeightInfo>::anchor_batch(MAX_BATCH).ref_time();
	assert!(most > one, "a longer batch weighs more");
	// What a batch saves: the rules are checked once, not per record.
	assert!(
		most < u64::from(MAX_BATCH) * <() as WeightInfo>::anchor(crate::ALL_PROVIDERS).ref_time()
	);
}
