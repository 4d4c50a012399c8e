//! Erasure end to end (GDPR Art. 17): a patient with a delegate, consents, records (one of them
//! self-reported, one amended), a logged read and a break-glass access erases everything and
//! deregisters; afterwards no storage item of Carechain's pallets holds the patient's account,
//! the delegate's account, the patient's commitment, or any hash or storage reference of the
//! patient's records, and nothing is indexed under the patient's id.

use crate::common::{self, tag};

use carechain_primitives::{Access, EmergencyReason, PatientRegistry, Purpose, RecordCategory};
use carechain_runtime::{AccountId, Patients, Runtime, RuntimeCall, RuntimeOrigin};
use frame_support::assert_ok;
use sp_core::H256;
use sp_io::hashing::twox_128;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, EveStash, FerdieStash};
use sp_runtime::traits::Dispatchable;

const PALLETS: [&str; 5] = ["Credentials", "Patients", "Consent", "Records", "SupplyChain"];

fn call(origin: &AccountId, call: RuntimeCall) {
	assert_ok!(call.dispatch(RuntimeOrigin::signed(origin.clone())));
}

/// Every (key, value) stored under Carechain's pallets.
fn our_storage() -> Vec<(Vec<u8>, Vec<u8>)> {
	let mut items = Vec::new();
	for pallet in PALLETS {
		let prefix = twox_128(pallet.as_bytes()).to_vec();
		let mut key = prefix.clone();
		while let Some(next) = sp_io::storage::next_key(&key) {
			if !next.starts_with(&prefix) {
				break;
			}
			let value = sp_io::storage::get(&next).map(|v| v.to_vec()).unwrap_or_default();
			items.push((next.clone(), value));
			key = next;
		}
	}
	items
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
	haystack.windows(needle.len()).any(|window| window == needle)
}

#[test]
fn after_erasure_nothing_links_the_patient_to_a_record_consent_or_commitment() {
	common::genesis_of("development").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		let start = 1_800_000_000_000u64;
		pallet_timestamp::Now::<Runtime>::put(start);
		let (patient, guardian) = (FerdieStash.to_account_id(), EveStash.to_account_id());
		let (doctor, nurse, anyone) =
			(Bob.to_account_id(), Charlie.to_account_id(), Alice.to_account_id());
		let commitment = H256::repeat_byte(0xc0);
		let hashes: Vec<H256> = (0x10..0x18).map(H256::repeat_byte).collect();

		// The patient's life on chain.
		call(&patient, RuntimeCall::Patients(pallet_patients::Call::register { commitment }));
		let patient_id = Patients::patient_of(&patient).expect("registered");
		call(
			&patient,
			RuntimeCall::Patients(pallet_patients::Call::add_delegate {
				delegate: guardian.clone(),
				expires_at: None,
			}),
		);
		call(
			&guardian,
			RuntimeCall::Consent(pallet_consent::Call::grant {
				patient_id,
				grantee: doctor.clone(),
				purpose: Purpose::Treatment,
				categories: vec![tag(RecordCategory::LabResults)].try_into().expect("one category"),
				access: Access::ReadWrite,
				expires_at: None,
			}),
		);
		call(
			&patient,
			RuntimeCall::Consent(pallet_consent::Call::grant {
				patient_id,
				grantee: nurse.clone(),
				purpose: Purpose::Treatment,
				categories: vec![tag(RecordCategory::Allergies)].try_into().expect("one category"),
				access: Access::Read,
				expires_at: None,
			}),
		);
		let anchor = |who: &AccountId, category, n: usize| {
			call(
				who,
				RuntimeCall::Records(pallet_records::Call::anchor {
					patient_id,
					category,
					content_hash: hashes[n],
					storage_ref: hashes[n + 1],
				}),
			)
		};
		anchor(&doctor, tag(RecordCategory::LabResults), 0); // record 0
		anchor(&patient, tag(RecordCategory::Medications), 2); // record 1, self-reported
		call(
			&doctor,
			RuntimeCall::Records(pallet_records::Call::amend {
				record_id: 0,
				content_hash: hashes[4],
				storage_ref: hashes[5],
			}),
		); // record 2 supersedes 0
		call(
			&doctor,
			RuntimeCall::Records(pallet_records::Call::log_access {
				record_id: 2,
				purpose: Purpose::Treatment,
			}),
		);
		call(
			&nurse,
			RuntimeCall::Consent(pallet_consent::Call::break_glass {
				patient_id,
				reason: EmergencyReason::PatientUnconscious,
				note_hash: hashes[6],
			}),
		);
		let before = our_storage();
		assert!(
			before
				.iter()
				.any(|(k, v)| contains(k, patient.as_ref()) || contains(v, patient.as_ref())),
			"the scan sees the patient's account before erasure"
		);

		// Erasure: the patient erases their records and leaves; what names them is swept.
		call(&patient, RuntimeCall::Records(pallet_records::Call::erase { record_id: 2 }));
		call(&guardian, RuntimeCall::Records(pallet_records::Call::erase { record_id: 1 }));
		call(&patient, RuntimeCall::Patients(pallet_patients::Call::deregister {}));
		for consent_id in [0, 1] {
			// Anyone may sweep a departed patient's consents (the deposits go back).
			call(&anyone, RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id }));
		}
		// The break-glass access names the nurse and the patient id, not the patient's
		// account; it ends once it lapses, by anyone.
		pallet_timestamp::Now::<Runtime>::put(start + 25 * 60 * 60 * 1000);
		call(&anyone, RuntimeCall::Consent(pallet_consent::Call::end_emergency { access_id: 0 }));

		// Nothing links the patient any more.
		assert!(!Patients::is_active(patient_id));
		assert_eq!(Patients::patient_of(&patient), None);
		let after = our_storage();
		let mut secrets: Vec<(&str, Vec<u8>)> = vec![
			("the patient's account", patient.encode_to_vec()),
			("the delegate's account", guardian.encode_to_vec()),
			("the commitment", commitment.as_bytes().to_vec()),
		];
		for (i, hash) in hashes.iter().take(6).enumerate() {
			secrets
				.push((["a content hash", "a storage reference"][i % 2], hash.as_bytes().to_vec()));
		}
		for (what, bytes) in &secrets {
			for (key, value) in &after {
				assert!(
					!contains(key, bytes) && !contains(value, bytes),
					"{what} is still stored under key 0x{}",
					hex(key)
				);
			}
		}
		assert_eq!(pallet_records::RecordsOf::<Runtime>::iter_prefix(patient_id).count(), 0);
		assert_eq!(pallet_records::RecordCount::<Runtime>::get(patient_id), None);
		assert!(
			pallet_consent::Consents::<Runtime>::iter().all(|(_, c)| c.patient_id != patient_id)
		);
		assert!(pallet_consent::EmergencyAccesses::<Runtime>::iter()
			.all(|(_, a)| a.patient_id != patient_id));
		assert_eq!(pallet_consent::ConsentsOf::<Runtime>::iter_prefix(patient_id).count(), 0);
		// What stays: nothing but the id counters. The erased ids still answer as erased.
		assert!(pallet_patients::Patients::<Runtime>::get(patient_id).is_none());
		for id in [0, 1, 2] {
			assert!(pallet_records::Records::<Runtime>::get(id).is_none());
			assert_eq!(
				pallet_records::Pallet::<Runtime>::verify(id, sp_core::H256::zero()),
				carechain_primitives::RecordVerification::Erased
			);
		}
	});
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

trait EncodeToVec {
	fn encode_to_vec(&self) -> Vec<u8>;
}

impl EncodeToVec for AccountId {
	fn encode_to_vec(&self) -> Vec<u8> {
		let bytes: &[u8] = self.as_ref();
		bytes.to_vec()
	}
}
