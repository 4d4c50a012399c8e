//! No governance origin can act as a patient (issue: Root could act as any signed account). The
//! whole consortium of the development preset (Alice, whose motions pass as she proposes them)
//! tries every way polkadot-sdk offers Root to sign as someone else, and each is refused with
//! nothing changed; Root's own origin is refused by every patient-side call, which needs the
//! patient's signature.

use crate::common::{self, tag};

use carechain_primitives::{Access, PatientRegistry, Purpose, RecordCategory};
use carechain_runtime::{OriginCaller, Patients, Runtime, RuntimeCall, RuntimeOrigin};
use frame_support::{assert_noop, assert_ok, storage::StoragePrefixedMap};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave};
use sp_runtime::{traits::Dispatchable, DispatchError};

/// What the consortium would have the patient sign: a rotation of the patient's id to a key one
/// of its members holds.
fn take_over() -> RuntimeCall {
	RuntimeCall::Patients(pallet_patients::Call::propose_key_rotation {
		new_account: Dave.to_account_id(),
	})
}

fn as_patient(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Utility(pallet_utility::Call::dispatch_as {
		as_origin: Box::new(OriginCaller::system(frame_system::RawOrigin::Signed(
			Bob.to_account_id(),
		))),
		call: Box::new(call),
	})
}

/// A motion of the whole consortium to dispatch `call` as Root.
fn motion(call: RuntimeCall) -> RuntimeCall {
	let proposal = common::council::as_root(call);
	let length_bound = codec::Encode::encoded_size(&proposal) as u32;
	RuntimeCall::Council(pallet_collective::Call::propose {
		threshold: 1,
		proposal: Box::new(proposal),
		length_bound,
	})
}

#[test]
fn the_consortium_cannot_sign_as_a_patient() {
	common::genesis_of("development").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000);
		let patient = Bob.to_account_id();
		assert_ok!(RuntimeCall::Patients(pallet_patients::Call::register {
			commitment: H256::repeat_byte(1)
		})
		.dispatch(RuntimeOrigin::signed(patient.clone())));
		let patient_id = Patients::patient_of(&patient).expect("registered");
		let grant = RuntimeCall::Consent(pallet_consent::Call::grant {
			patient_id,
			grantee: Alice.to_account_id(),
			purpose: Purpose::Treatment,
			categories: vec![tag(RecordCategory::MentalHealth)].try_into().expect("one fits"),
			access: Access::ReadWrite,
			expires_at: None,
		});

		let attempts = [
			motion(as_patient(take_over())),
			motion(as_patient(grant.clone())),
			motion(RuntimeCall::Utility(pallet_utility::Call::batch_all {
				calls: vec![as_patient(take_over())],
			})),
			motion(RuntimeCall::Utility(pallet_utility::Call::dispatch_as_fallible {
				as_origin: Box::new(OriginCaller::system(frame_system::RawOrigin::Signed(
					patient.clone(),
				))),
				call: Box::new(grant),
			})),
			// Raw storage writes could rewrite the patient's key directly.
			motion(RuntimeCall::System(frame_system::Call::set_storage {
				items: vec![(
					pallet_patients::PatientIdOf::<Runtime>::hashed_key_for(Dave.to_account_id()),
					codec::Encode::encode(&patient_id),
				)],
			})),
			motion(RuntimeCall::System(frame_system::Call::kill_prefix {
				prefix: pallet_patients::Patients::<Runtime>::final_prefix().to_vec(),
				subkeys: 1,
			})),
			motion(RuntimeCall::Utility(pallet_utility::Call::if_else {
				main: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
				fallback: Box::new(as_patient(take_over())),
			})),
		];
		for attempt in attempts {
			let result = attempt.clone().dispatch(RuntimeOrigin::signed(Alice.to_account_id()));
			assert_eq!(
				result.map_err(|e| e.error),
				Err(DispatchError::from(frame_system::Error::<Runtime>::CallFiltered)),
				"{attempt:?}"
			);
		}
		assert!(pallet_patients::PendingRotations::<Runtime>::get(patient_id).is_none());
		assert_eq!(Patients::patient_of(&Dave.to_account_id()), None);
		assert!(pallet_consent::ConsentsOf::<Runtime>::iter_prefix(patient_id).next().is_none());

		// Root's own origin is not a patient's signature.
		assert_noop!(take_over().dispatch(RuntimeOrigin::root()), DispatchError::BadOrigin);
		assert_noop!(
			RuntimeCall::Patients(pallet_patients::Call::accept_key_rotation { patient_id })
				.dispatch(RuntimeOrigin::root()),
			DispatchError::BadOrigin
		);

		// What governance is for still works by motion.
		assert_ok!(motion(RuntimeCall::System(frame_system::Call::remark { remark: vec![1] }))
			.dispatch(RuntimeOrigin::signed(Alice.to_account_id())));
		assert_eq!(common::council::root_result(), Ok(()));
		assert_eq!(Patients::account_of(patient_id), Some(patient));
	});
}
