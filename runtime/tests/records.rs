//! The whole clinical story through the real runtime: credential → register → grant → anchor
//! → log_access → amend → verify (old: Superseded, new: Match) → revoke → log_access refused
//! → erase → verify Erased.

use crate::common::{self, tag};

use carechain_primitives::{
	runtime_decl_for_records_api::RecordsApiV1, Access, PatientRegistry, Purpose, RecordCategory,
	RecordVerification,
};
use carechain_runtime::{Block, Patients, Runtime, RuntimeCall, RuntimeOrigin};
use frame_support::assert_ok;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{AliceStash, Bob};
use sp_runtime::traits::Dispatchable;

fn verify(record_id: u64, content_hash: H256) -> RecordVerification {
	<Runtime as RecordsApiV1<Block>>::verify(record_id, content_hash)
}

/// Every id of the patient's index, read through the runtime API one page of `size` at a time.
fn index_of(patient_id: u64, size: u32) -> Vec<u64> {
	let (mut ids, mut after) = (Vec::new(), None);
	loop {
		let page = <Runtime as RecordsApiV1<Block>>::records_of(patient_id, after, size);
		match page.last() {
			None => break,
			Some(last) => after = Some(*last),
		}
		ids.extend(page);
	}
	ids.sort();
	ids
}

#[test]
fn the_clinical_story() {
	common::genesis_of("development").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000);
		// Bob holds a Physician credential from the development preset.
		let (patient, doctor) = (AliceStash.to_account_id(), Bob.to_account_id());
		let as_patient = RuntimeOrigin::signed(patient.clone());
		let as_doctor = RuntimeOrigin::signed(doctor.clone());

		assert_ok!(RuntimeCall::Patients(pallet_patients::Call::register {
			commitment: H256::repeat_byte(1)
		})
		.dispatch(as_patient.clone()));
		let patient_id = Patients::patient_of(&patient).expect("registered");

		assert_ok!(RuntimeCall::Consent(pallet_consent::Call::grant {
			patient_id,
			grantee: doctor.clone(),
			purpose: Purpose::Treatment,
			categories: vec![tag(RecordCategory::LabResults)].try_into().expect("bounded"),
			access: Access::ReadWrite,
			expires_at: None,
		})
		.dispatch(as_patient.clone()));

		let (first, second) = (H256::repeat_byte(0xa1), H256::repeat_byte(0xa2));
		assert_ok!(RuntimeCall::Records(pallet_records::Call::anchor {
			patient_id,
			category: tag(RecordCategory::LabResults),
			content_hash: first,
			storage_ref: H256::repeat_byte(0x5e),
		})
		.dispatch(as_doctor.clone()));
		let log = RuntimeCall::Records(pallet_records::Call::log_access {
			record_id: 0,
			purpose: Purpose::Treatment,
		});
		assert_ok!(log.clone().dispatch(as_doctor.clone()));

		assert_ok!(RuntimeCall::Records(pallet_records::Call::amend {
			record_id: 0,
			content_hash: second,
			storage_ref: H256::repeat_byte(0x5f),
		})
		.dispatch(as_doctor.clone()));
		assert_eq!(verify(0, first), RecordVerification::Superseded(1));
		assert_eq!(verify(1, second), RecordVerification::Match);
		assert_eq!(index_of(patient_id, 1), vec![0, 1], "both versions are in the index");

		assert_ok!(RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 0 })
			.dispatch(as_patient.clone()));
		let refused = RuntimeCall::Records(pallet_records::Call::log_access {
			record_id: 1,
			purpose: Purpose::Treatment,
		})
		.dispatch(as_doctor);
		assert!(refused.is_err(), "a read after revocation is refused");

		assert_ok!(
			RuntimeCall::Records(pallet_records::Call::erase { record_id: 1 }).dispatch(as_patient)
		);
		assert_eq!(verify(0, first), RecordVerification::Erased);
		assert_eq!(verify(1, second), RecordVerification::Erased);
		assert_eq!(verify(2, second), RecordVerification::Unknown);
		assert!(index_of(patient_id, 10).is_empty(), "erasure empties the patient's index");
	});
}
