//! Benchmarks of every call, each in its most expensive case: a provider (not the patient)
//! acting under a consent, so every rule is checked.

// Benchmark setup may panic: a benchmark whose setup fails must stop loudly.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::panic
)]

use super::*;
use carechain_primitives::{CategoryKey, RecordCategory};
use frame::benchmarking::prelude::*;

/// The benchmark patient's tag for `category`.
fn bench_tag(category: RecordCategory) -> CategoryTag {
	CategoryKey([0x42; 32]).tag(category)
}

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let amount = T::RecordDeposit::get()
		.max(T::SelfReportDeposit::get())
		.saturating_mul(T::MaxVersions::get().saturating_add(10).into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

/// A patient, and a provider permitted to read and write their lab results. The provider's
/// credential is the last of [`PROVIDERS`], so that writing checks every kind (the worst case).
fn setup<T: Config>() -> (T::AccountId, PatientId, T::AccountId) {
	setup_reading::<T>(ALL_PROVIDERS)
}

/// [`setup`] with a provider whose credential is the `k`th of [`PROVIDERS`] (from 1), so that
/// writing reads `k` credential kinds.
fn setup_reading<T: Config>(k: u32) -> (T::AccountId, PatientId, T::AccountId) {
	let patient = funded::<T>("patient");
	let patient_id = T::BenchmarkHelper::register_patient(&patient);
	let provider = funded::<T>("provider");
	let kind = PROVIDERS[k as usize - 1];
	T::BenchmarkHelper::permit(
		&patient,
		patient_id,
		&provider,
		kind,
		bench_tag(RecordCategory::LabResults),
	);
	(patient, patient_id, provider)
}

/// A chain of `versions` versions anchored by `provider`; returns the latest id.
fn chain<T: Config>(
	patient_id: PatientId,
	provider: &T::AccountId,
	versions: u32,
) -> Result<RecordId, BenchmarkError> {
	Pallet::<T>::anchor(
		RawOrigin::Signed(provider.clone()).into(),
		patient_id,
		bench_tag(RecordCategory::LabResults),
		H256::repeat_byte(1),
		H256::repeat_byte(2),
	)?;
	let mut latest = NextRecordId::<T>::get().saturating_sub(1);
	for version in 1..versions {
		Pallet::<T>::amend(
			RawOrigin::Signed(provider.clone()).into(),
			latest,
			H256::repeat_byte(version as u8),
			H256::repeat_byte(2),
		)?;
		latest = NextRecordId::<T>::get().saturating_sub(1);
	}
	Ok(latest)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn anchor(k: Linear<1, ALL_PROVIDERS>) {
		let (_, patient_id, provider) = setup_reading::<T>(k);
		let record_id = NextRecordId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(provider),
			patient_id,
			bench_tag(RecordCategory::LabResults),
			H256::repeat_byte(1),
			H256::repeat_byte(2),
		);

		assert!(Records::<T>::contains_key(record_id));
	}

	/// The patient reports a record itself: no credential is read, but its deposit is held.
	#[benchmark]
	fn anchor_self_reported() {
		let (patient, patient_id, _) = setup::<T>();
		let record_id = NextRecordId::<T>::get();

		#[extrinsic_call]
		anchor(
			RawOrigin::Signed(patient),
			patient_id,
			bench_tag(RecordCategory::Medications),
			H256::repeat_byte(1),
			H256::repeat_byte(2),
		);

		assert!(Records::<T>::get(record_id).is_some_and(|record| record.self_reported));
	}

	#[benchmark]
	fn anchor_batch(n: Linear<1, { T::MaxAnchorBatch::get() }>) {
		let (_, patient_id, provider) = setup::<T>();
		let first_id = NextRecordId::<T>::get();
		let records: Vec<(H256, H256)> =
			(0..n).map(|i| (H256::repeat_byte(i as u8), H256::repeat_byte(2))).collect();
		let records: BoundedVec<_, T::MaxAnchorBatch> = records.try_into().unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), patient_id, bench_tag(RecordCategory::LabResults), records);

		assert_eq!(NextRecordId::<T>::get(), first_id + u64::from(n));
		assert_eq!(RecordCount::<T>::get(patient_id), Some(n));
	}

	#[benchmark]
	fn amend() -> Result<(), BenchmarkError> {
		let (_, patient_id, provider) = setup::<T>();
		let latest = chain::<T>(patient_id, &provider, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), latest, H256::repeat_byte(9), H256::repeat_byte(2));

		assert!(Records::<T>::get(latest).is_some_and(|r| r.superseded_by.is_some()));
		Ok(())
	}

	/// A read by break-glass, the decision's longest path: the reader has no consent, so the
	/// decision reads its (empty) consents, then its emergency access and its clinician
	/// credentials (a nurse: the last kind checked).
	#[benchmark]
	fn log_access() -> Result<(), BenchmarkError> {
		let (_, patient_id, provider) = setup::<T>();
		let latest = chain::<T>(patient_id, &provider, 1)?;
		let clinician = funded::<T>("clinician");
		T::BenchmarkHelper::break_glass(patient_id, &clinician);

		#[extrinsic_call]
		_(RawOrigin::Signed(clinician), latest, Purpose::Treatment);

		Ok(())
	}

	/// A chain the patient reported itself: every version returns a deposit (a provider's
	/// versions may hold none), the most expensive chain to erase.
	#[benchmark]
	fn erase(v: Linear<1, { T::MaxVersions::get() }>) -> Result<(), BenchmarkError> {
		let (patient, patient_id, _) = setup::<T>();
		let latest = chain::<T>(patient_id, &patient, v)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), latest);

		assert!(!Records::<T>::contains_key(latest));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
