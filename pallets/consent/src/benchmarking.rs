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

/// A patient with `count` consents to a credentialed `grantee`, each lasting `lasting`
/// milliseconds from now (or forever).
fn patient_with_consents<T: Config>(
	count: u32,
	lasting: Option<Moment>,
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
			lasting.map(|lasting| T::Time::now().saturating_add(lasting)),
		)?;
	}
	Ok((patient, patient_id, grantee))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// Worst case for g: every earlier consent to the grantee has lapsed (its time passed) and
	// is cleared while the new one is stored. k: the grantee's one valid credential is the k-th
	// kind in `CredentialKind::ALL`, so that many are checked (and its issuer read).
	#[benchmark]
	fn grant(
		g: Linear<0, { T::MaxConsentsPerGrantee::get() - 1 }>,
		k: Linear<1, { CredentialKind::ALL.len() as u32 }>,
	) -> Result<(), BenchmarkError> {
		let (patient, patient_id, grantee) = patient_with_consents::<T>(g, Some(1))?;
		T::BenchmarkHelper::advance_time(1);
		let kind = CredentialKind::ALL[k as usize - 1];
		for other in CredentialKind::ALL {
			T::BenchmarkHelper::set_credential(&grantee, other, other == kind);
		}
		// The transaction fee has already read and written the signer's account.
		add_to_whitelist(frame_system::Account::<T>::hashed_key_for(&patient).into());

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

		let list = ConsentsOf::<T>::get(patient_id, &grantee);
		assert_eq!(list.len(), 1);
		let stored =
			Consents::<T>::get(list[0].consent_id).ok_or(BenchmarkError::Stop("consent stored"))?;
		assert_eq!(stored.provider_kind, Some(kind));
		Ok(())
	}

	#[benchmark]
	fn revoke(g: Linear<1, { T::MaxConsentsPerGrantee::get() }>) -> Result<(), BenchmarkError> {
		let (patient, patient_id, grantee) = patient_with_consents::<T>(g, None)?;
		let last = ConsentsOf::<T>::get(patient_id, &grantee)
			.last()
			.map(|terms| terms.consent_id)
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
		// The transaction fee has already read and written the signer's account.
		add_to_whitelist(frame_system::Account::<T>::hashed_key_for(&clinician).into());

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
