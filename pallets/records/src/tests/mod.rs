//! Unit tests, one file per call. Every test runs through `ExtBuilder::build_and_execute`,
//! which checks the pallet's invariants afterwards.

mod amend;
mod anchor;
mod anchor_batch;
mod erase;
mod index;
mod log_access;
mod origins;
mod vectors;

use crate::{mock::*, Event};
use carechain_primitives::{
	Access, AccessDecision, CategoryTag, Purpose, RecordCategory, RecordVerification,
};
use frame::testing_prelude::*;

pub const CONTENT: H256 = H256::repeat_byte(0xc1);
pub const STORAGE: H256 = H256::repeat_byte(0x5e);

pub fn last_event_is(event: Event<Test>) {
	System::assert_last_event(event.into());
}

/// `who` anchors a record of `category` for the patient, with `CONTENT` and `STORAGE`.
pub fn anchor(who: AccountId, category: CategoryTag) -> DispatchResultWithPostInfo {
	Records::anchor(RuntimeOrigin::signed(who), PATIENT_ID, category, CONTENT, STORAGE)
}

/// `DOCTOR` anchors a lab result of the patient; returns its id.
pub fn anchor_labs() -> u64 {
	let id = crate::NextRecordId::<Test>::get();
	assert_ok!(anchor(DOCTOR, tag(RecordCategory::LabResults)));
	id
}

/// `DOCTOR` amends `record_id` with content `byte`; returns the new id.
pub fn amend(record_id: u64, byte: u8) -> u64 {
	let id = crate::NextRecordId::<Test>::get();
	assert_ok!(Records::amend(
		RuntimeOrigin::signed(DOCTOR),
		record_id,
		H256::repeat_byte(byte),
		STORAGE
	));
	id
}

/// `who` amends `record_id` with `CONTENT` and `STORAGE`.
pub fn amend_by(who: AccountId, record_id: u64) -> DispatchResultWithPostInfo {
	Records::amend(RuntimeOrigin::signed(who), record_id, CONTENT, STORAGE)
}

/// `who` erases `record_id` (and the versions chained to it).
pub fn erase(who: AccountId, record_id: u64) -> DispatchResult {
	Records::erase(RuntimeOrigin::signed(who), record_id)
}

/// `reader` logs a read of `record_id` for `purpose`.
pub fn log_access(reader: AccountId, record_id: u64, purpose: Purpose) -> DispatchResult {
	Records::log_access(RuntimeOrigin::signed(reader), record_id, purpose)
}
