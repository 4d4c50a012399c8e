//! Benchmarks of every call, each in its most expensive case.

// Benchmark setup may panic: a benchmark whose setup fails must stop loudly.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::panic
)]
#![cfg(feature = "runtime-benchmarks")]

use super::*;
use frame::benchmarking::prelude::*;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::ConsentDeposit::get()
		.saturating_add(T::EmergencyDeposit::get())
		.saturating_mul(100u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

fn every_category<T: Config>() -> CategoriesOf<T> {
	let all = [
		RecordCategory::Demographics,
		RecordCategory::Encounters,
		RecordCategory::Conditions,
		RecordCategory::Medications,
		RecordCategory::Allergies,
		RecordCategory::LabResults,
		RecordCategory::Imaging,
		RecordCategory::Procedures,
		RecordCategory::Immunizations,
		RecordCategory::ClinicalNotes,
		RecordCategory::MentalHealth,
		RecordCategory::Genomics,
		RecordCategory::Billing,
	];
	let count = (T::MaxCategories::get() as usize).min(all.len());
	all.into_iter().take(count).collect::<Vec<_>>().try_into().unwrap_or_default()
}

/// A patient with `count` consents to a credentialed `grantee`.
fn patient_with_consents<T: Config>(
	count: u32,
) -> Result<(T::AccountId, PatientId, T::AccountId), BenchmarkError> {
	let patient = funded::<T>("patient", 0);
	let patient_id = T::BenchmarkHelper::register_patient(&patient);
	let grantee = funded::<T>("grantee", 0);
	T::BenchmarkHelper::set_credential(&grantee, CredentialKind::Physician, true);
	for _ in 0..count {
		Pallet::<T>::grant(
			RawOrigin::Signed(patient.clone()).into(),
			patient_id,
			grantee.clone(),
			Purpose::Treatment,
			every_category::<T>(),
			Access::ReadWrite,
			None,
		)?;
	}
	Ok((patient, patient_id, grantee))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// Worst case: every earlier consent to the grantee has lapsed (its credential was taken
	// away) and is cleared while the new one is stored.
	#[benchmark]
	fn grant(g: Linear<0, { T::MaxConsentsPerGrantee::get() - 1 }>) -> Result<(), BenchmarkError> {
		let (patient, patient_id, grantee) = patient_with_consents::<T>(g)?;
		T::BenchmarkHelper::set_credential(&grantee, CredentialKind::Physician, false);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(patient),
			patient_id,
			grantee.clone(),
			Purpose::Treatment,
			every_category::<T>(),
			Access::ReadWrite,
			Some(Moment::MAX),
		);

		assert_eq!(ConsentsOf::<T>::get(patient_id, &grantee).len(), 1);
		Ok(())
	}

	#[benchmark]
	fn revoke(g: Linear<1, { T::MaxConsentsPerGrantee::get() }>) -> Result<(), BenchmarkError> {
		let (patient, patient_id, grantee) = patient_with_consents::<T>(g)?;
		let last = *ConsentsOf::<T>::get(patient_id, &grantee)
			.last()
			.ok_or(BenchmarkError::Stop("consents granted"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), last);

		assert!(!Consents::<T>::contains_key(last));
		Ok(())
	}

	// Worst case: the clinician's earlier access to the patient has lapsed and is ended first.
	#[benchmark]
	fn break_glass() -> Result<(), BenchmarkError> {
		let patient = funded::<T>("patient", 0);
		let patient_id = T::BenchmarkHelper::register_patient(&patient);
		let clinician = funded::<T>("clinician", 0);
		T::BenchmarkHelper::set_credential(&clinician, CredentialKind::Nurse, true);
		Pallet::<T>::break_glass(
			RawOrigin::Signed(clinician.clone()).into(),
			patient_id,
			EmergencyReason::PatientUnconscious,
			H256::repeat_byte(1),
		)?;
		T::BenchmarkHelper::advance_time(T::EmergencyAccessDuration::get());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(clinician.clone()),
			patient_id,
			EmergencyReason::LifeThreatening,
			H256::repeat_byte(2),
		);

		assert_eq!(EmergencyOf::<T>::get(patient_id, &clinician), Some(1));
		Ok(())
	}

	#[benchmark]
	fn end_emergency() -> Result<(), BenchmarkError> {
		let patient = funded::<T>("patient", 0);
		let patient_id = T::BenchmarkHelper::register_patient(&patient);
		let clinician = funded::<T>("clinician", 0);
		T::BenchmarkHelper::set_credential(&clinician, CredentialKind::Physician, true);
		Pallet::<T>::break_glass(
			RawOrigin::Signed(clinician).into(),
			patient_id,
			EmergencyReason::PatientUnconscious,
			H256::repeat_byte(1),
		)?;
		let access_id = NextAccessId::<T>::get().saturating_sub(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), access_id);

		assert!(!EmergencyAccesses::<T>::contains_key(access_id));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
