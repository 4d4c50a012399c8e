//! A patient's life through the real runtime: register, add a delegate, rotate the key (the
//! old key is refused afterwards), deregister.

use crate::common;

use carechain_primitives::PatientRegistry;
use carechain_runtime::{Patients, Runtime, RuntimeCall, RuntimeOrigin};
use frame_support::assert_ok;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
use sp_runtime::traits::Dispatchable;

fn patients(call: pallet_patients::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Patients(call)
}

#[test]
fn register_delegate_rotate_and_deregister() {
	common::genesis_of("local_testnet").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000);
		let (old_key, guardian, new_key) =
			(Alice.to_account_id(), Bob.to_account_id(), Charlie.to_account_id());

		let register =
			patients(pallet_patients::Call::register { commitment: H256::repeat_byte(1) });
		assert_ok!(register.dispatch(RuntimeOrigin::signed(old_key.clone())));
		let patient_id = Patients::patient_of(&old_key).expect("registered");

		let delegate = patients(pallet_patients::Call::add_delegate {
			delegate: guardian.clone(),
			expires_at: None,
		});
		assert_ok!(delegate.dispatch(RuntimeOrigin::signed(old_key.clone())));
		assert!(Patients::is_patient_or_delegate(patient_id, &guardian));

		let propose =
			patients(pallet_patients::Call::propose_key_rotation { new_account: new_key.clone() });
		assert_ok!(propose.dispatch(RuntimeOrigin::signed(old_key.clone())));
		let accept = patients(pallet_patients::Call::accept_key_rotation { patient_id });
		assert_ok!(accept.dispatch(RuntimeOrigin::signed(new_key.clone())));
		assert_eq!(Patients::account_of(patient_id), Some(new_key.clone()));

		// The old key is refused from now on.
		let update =
			patients(pallet_patients::Call::update_commitment { commitment: H256::zero() });
		assert!(update.clone().dispatch(RuntimeOrigin::signed(old_key.clone())).is_err());
		assert!(!Patients::is_patient_or_delegate(patient_id, &old_key));
		assert_ok!(update.dispatch(RuntimeOrigin::signed(new_key.clone())));

		let deregister = patients(pallet_patients::Call::deregister {});
		assert_ok!(deregister.dispatch(RuntimeOrigin::signed(new_key.clone())));
		assert!(!Patients::is_active(patient_id));
		assert!(!Patients::is_patient_or_delegate(patient_id, &guardian));
		assert_eq!(Patients::patient_of(&new_key), None);
	});
}
