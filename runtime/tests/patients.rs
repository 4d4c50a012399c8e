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

/// Whether `who`'s next transaction (nonce 0) passes `CheckNonce`, as the pool would check it.
fn nonce_accepted(who: &carechain_runtime::AccountId) -> bool {
	use sp_runtime::traits::DispatchTransaction;
	let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
	let info = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
	let extension = frame_system::CheckNonce::<Runtime>::from(0);
	extension
		.validate_only(
			RuntimeOrigin::signed(who.clone()),
			&call,
			&info,
			0,
			sp_runtime::transaction_validity::TransactionSource::External,
			0,
		)
		.is_ok()
}

#[test]
fn a_hospital_onboards_a_patient_whose_account_never_held_a_token() {
	common::genesis_of("development").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000);
		// Bob's stash is the development chain's hospital.
		let hospital = sp_keyring::Sr25519Keyring::BobStash.to_account_id();
		let newcomer: carechain_runtime::AccountId =
			sp_keyring::Sr25519Keyring::One.to_account_id();
		let balance = || pallet_balances::Pallet::<Runtime>::free_balance(&newcomer);
		assert_eq!(balance(), 0);
		assert!(!nonce_accepted(&newcomer), "an account with nothing cannot send a transaction");

		let onboard = patients(pallet_patients::Call::register_for {
			account: newcomer.clone(),
			commitment: H256::repeat_byte(7),
		});
		// A physician is not a hospital.
		assert!(onboard.clone().dispatch(RuntimeOrigin::signed(Bob.to_account_id())).is_err());
		assert_ok!(onboard.dispatch(RuntimeOrigin::signed(hospital.clone())));
		let patient_id = Patients::patient_of(&newcomer).expect("onboarded");
		assert_eq!(balance(), 0, "the hospital paid the deposit");
		assert!(nonce_accepted(&newcomer), "the patient's account is live without a token");

		assert_ok!(patients(pallet_patients::Call::deregister {})
			.dispatch(RuntimeOrigin::signed(newcomer.clone())));
		assert!(!Patients::is_active(patient_id));
		assert!(!nonce_accepted(&newcomer), "deregistration took the reference back");
		assert!(pallet_patients::Pallet::<Runtime>::do_try_state().is_ok());
	});
}
