//! Consent through the real runtime, on the real Credentials and Patients pallets, read back
//! through the `ConsentApi` runtime API that apps call.

use crate::common::{self, tag};

use carechain_primitives::{
	runtime_decl_for_consent_api::ConsentApiV3, Access, AccessDecision, CredentialKind,
	EmergencyReason, PatientRegistry, Purpose, RecordCategory,
};
use carechain_runtime::{
	AccountId, Block, Patients, Runtime, RuntimeCall, RuntimeOrigin, MILLISECS_PER_DAY,
};
use frame_support::assert_ok;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, AliceStash, Bob, Charlie};
use sp_runtime::traits::Dispatchable;

fn check(
	patient_id: u64,
	who: AccountId,
	category: carechain_primitives::CategoryTag,
) -> AccessDecision {
	let any = <Runtime as ConsentApiV3<Block, AccountId>>::check_access(
		patient_id,
		who.clone(),
		category,
		Access::Read,
	);
	// The story's consents are all for treatment: version 2's answer for treatment is the same.
	let for_treatment = <Runtime as ConsentApiV3<Block, AccountId>>::check_access_for(
		patient_id,
		who,
		category,
		Access::Read,
		Purpose::Treatment,
	);
	assert_eq!(any, for_treatment);
	any
}

fn dispatch(call: RuntimeCall, origin: RuntimeOrigin) {
	assert_ok!(call.dispatch(origin));
}

#[test]
fn consent_revocation_credentials_break_glass_and_erasure() {
	common::genesis_of("development").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		let now = 1_800_000_000_000;
		pallet_timestamp::Now::<Runtime>::put(now);
		let patient = AliceStash.to_account_id();
		let (doctor, nurse) = (Bob.to_account_id(), Charlie.to_account_id());

		dispatch(
			RuntimeCall::Patients(pallet_patients::Call::register {
				commitment: H256::repeat_byte(1),
			}),
			RuntimeOrigin::signed(patient.clone()),
		);
		let patient_id = Patients::patient_of(&patient).expect("registered");

		dispatch(
			RuntimeCall::Consent(pallet_consent::Call::grant {
				patient_id,
				grantee: doctor.clone(),
				purpose: Purpose::Treatment,
				categories: vec![tag(RecordCategory::LabResults)].try_into().expect("bounded"),
				access: Access::Read,
				expires_at: Some(now + MILLISECS_PER_DAY),
			}),
			RuntimeOrigin::signed(patient.clone()),
		);
		assert_eq!(
			check(patient_id, doctor.clone(), tag(RecordCategory::LabResults)),
			AccessDecision::Permitted(0)
		);
		assert_eq!(
			check(patient_id, doctor.clone(), tag(RecordCategory::Imaging)),
			AccessDecision::Denied
		);

		// The regulator suspends the doctor's license: the consent no longer lets them in.
		dispatch(
			RuntimeCall::Credentials(pallet_credentials::Call::suspend {
				subject: doctor.clone(),
				kind: CredentialKind::Physician,
			}),
			RuntimeOrigin::signed(Alice.to_account_id()),
		);
		assert_eq!(
			check(patient_id, doctor.clone(), tag(RecordCategory::LabResults)),
			AccessDecision::Denied
		);

		// A nurse breaks the glass.
		dispatch(
			RuntimeCall::Consent(pallet_consent::Call::break_glass {
				patient_id,
				reason: EmergencyReason::PatientUnconscious,
				note_hash: H256::repeat_byte(2),
			}),
			RuntimeOrigin::signed(nurse.clone()),
		);
		assert_eq!(
			check(patient_id, nurse.clone(), tag(RecordCategory::MentalHealth)),
			AccessDecision::Emergency(0)
		);
		// Emergency access lasts 24 hours.
		pallet_timestamp::Now::<Runtime>::put(now + MILLISECS_PER_DAY);
		assert_eq!(
			check(patient_id, nurse.clone(), tag(RecordCategory::MentalHealth)),
			AccessDecision::Denied
		);

		// Erasure denies everything.
		pallet_timestamp::Now::<Runtime>::put(now);
		dispatch(
			RuntimeCall::Patients(pallet_patients::Call::deregister {}),
			RuntimeOrigin::signed(patient),
		);
		assert_eq!(
			check(patient_id, nurse, tag(RecordCategory::MentalHealth)),
			AccessDecision::Denied
		);
	});
}
