//! Benchmarks of every call, each in its most expensive case.

// Benchmark setup may panic: a benchmark whose setup fails must stop loudly.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::panic
)]

use super::*;
use frame::benchmarking::prelude::*;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let deposits = T::RegistrationDeposit::get()
		.saturating_add(T::DelegateDeposit::get().saturating_mul(T::MaxDelegates::get().into()));
	let amount = deposits
		.saturating_mul(10u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

/// A registered patient with `delegates` delegates that never expire.
fn patient_with<T: Config>(delegates: u32) -> Result<(T::AccountId, PatientId), BenchmarkError> {
	let patient = funded::<T>("patient", 0);
	Pallet::<T>::register(RawOrigin::Signed(patient.clone()).into(), H256::repeat_byte(1))?;
	for index in 0..delegates {
		Pallet::<T>::add_delegate(
			RawOrigin::Signed(patient.clone()).into(),
			account("delegate", index, 0),
			None,
		)?;
	}
	let patient_id =
		PatientIdOf::<T>::get(&patient).ok_or(BenchmarkError::Stop("patient registered"))?;
	Ok((patient, patient_id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() {
		let patient = funded::<T>("patient", 0);
		// The transaction fee has already read and written the signer's account.
		add_to_whitelist(frame_system::Account::<T>::hashed_key_for(&patient).into());

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), H256::repeat_byte(1));

		assert!(PatientIdOf::<T>::contains_key(&patient));
	}

	#[benchmark]
	fn register_for() {
		let hospital = funded::<T>("hospital", 0);
		T::BenchmarkHelper::set_credential(&hospital, CredentialKind::Hospital);
		// An account that has never held a token: the call creates it.
		let patient: T::AccountId = account("patient", 0, 0);
		add_to_whitelist(frame_system::Account::<T>::hashed_key_for(&hospital).into());

		#[extrinsic_call]
		_(RawOrigin::Signed(hospital), patient.clone(), H256::repeat_byte(1));

		assert!(PatientIdOf::<T>::contains_key(&patient));
		assert_eq!(frame_system::Pallet::<T>::providers(&patient), 1);
	}

	#[benchmark]
	fn update_commitment() -> Result<(), BenchmarkError> {
		let (patient, patient_id) = patient_with::<T>(0)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), H256::repeat_byte(2));

		assert_eq!(
			Patients::<T>::get(patient_id).map(|p| p.commitment),
			Some(H256::repeat_byte(2))
		);
		Ok(())
	}

	#[benchmark]
	fn add_delegate(d: Linear<0, { T::MaxDelegates::get() - 1 }>) -> Result<(), BenchmarkError> {
		let (patient, patient_id) = patient_with::<T>(d)?;
		let delegate: T::AccountId = account("new-delegate", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), delegate.clone(), None);

		assert!(Pallet::<T>::is_live_delegate(patient_id, &delegate));
		Ok(())
	}

	#[benchmark]
	fn remove_delegate(d: Linear<1, { T::MaxDelegates::get() }>) -> Result<(), BenchmarkError> {
		let (patient, patient_id) = patient_with::<T>(d)?;
		let delegate: T::AccountId = account("delegate", d - 1, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), delegate.clone());

		assert!(!Pallet::<T>::is_live_delegate(patient_id, &delegate));
		Ok(())
	}

	#[benchmark]
	fn propose_key_rotation() -> Result<(), BenchmarkError> {
		let (patient, patient_id) = patient_with::<T>(0)?;
		let new_account: T::AccountId = account("new-key", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), new_account);

		assert!(PendingRotations::<T>::contains_key(patient_id));
		Ok(())
	}

	#[benchmark]
	fn accept_key_rotation(d: Linear<0, { T::MaxDelegates::get() }>) -> Result<(), BenchmarkError> {
		let (patient, patient_id) = patient_with::<T>(d)?;
		let new_account = funded::<T>("new-key", 0);
		Pallet::<T>::propose_key_rotation(RawOrigin::Signed(patient).into(), new_account.clone())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(new_account.clone()), patient_id);

		assert_eq!(PatientIdOf::<T>::get(&new_account), Some(patient_id));
		Ok(())
	}

	#[benchmark]
	fn cancel_key_rotation() -> Result<(), BenchmarkError> {
		let (patient, patient_id) = patient_with::<T>(0)?;
		Pallet::<T>::propose_key_rotation(
			RawOrigin::Signed(patient.clone()).into(),
			account("new-key", 0, 0),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), patient_id);

		assert!(!PendingRotations::<T>::contains_key(patient_id));
		Ok(())
	}

	#[benchmark]
	fn deregister(d: Linear<0, { T::MaxDelegates::get() }>) -> Result<(), BenchmarkError> {
		let (patient, patient_id) = patient_with::<T>(d)?;
		Pallet::<T>::propose_key_rotation(
			RawOrigin::Signed(patient.clone()).into(),
			account("new-key", 0, 0),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient));

		assert!(!Patients::<T>::contains_key(patient_id));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
