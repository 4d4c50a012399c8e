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
use carechain_primitives::{CategoryKey, RecordCategory};
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

/// The benchmark patient's tags for as many categories as a consent may name.
fn every_category<T: Config>() -> CategoriesOf<T> {
	let key = CategoryKey([0x42; 32]);
	let count = (T::MaxCategories::get() as usize).min(RecordCategory::ALL.len());
	let tags = RecordCategory::ALL.into_iter().take(count).map(|category| key.tag(category));
	tags.collect::<Vec<_>>().try_into().unwrap_or_default()
}

/// A patient with `count` consents to a credentialed `grantee`, each lasting `lasting`
/// milliseconds from now (or forever). Granted by the patient, or each by a different delegate
/// (whose deposits are then held in as many accounts).
fn patient_with_consents<T: Config>(
	count: u32,
	lasting: Option<Moment>,
	by_delegates: bool,
) -> Result<(T::AccountId, PatientId, T::AccountId), BenchmarkError> {
	let patient = funded::<T>("patient", 0);
	let patient_id = T::BenchmarkHelper::register_patient(&patient);
	let grantee = funded::<T>("grantee", 0);
	T::BenchmarkHelper::set_credential(&grantee, CredentialKind::Physician, true);
	for index in 0..count {
		let granter = if by_delegates {
			let delegate = funded::<T>("delegate", index);
			T::BenchmarkHelper::add_delegate(patient_id, &patient, &delegate);
			delegate
		} else {
			patient.clone()
		};
		Pallet::<T>::grant(
			RawOrigin::Signed(granter).into(),
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

/// A patient with `count` consents of their own to one grantee; returns the patient, the id
/// and the newest consent (the one a revocation walks the whole list to find).
fn last_of_consents<T: Config>(
	count: u32,
) -> Result<(T::AccountId, PatientId, ConsentId), BenchmarkError> {
	let (patient, patient_id, grantee) = patient_with_consents::<T>(count, None, false)?;
	let last = ConsentsOf::<T>::get(patient_id, &grantee)
		.last()
		.map(|terms| terms.consent_id)
		.ok_or(BenchmarkError::Stop("consents granted"))?;
	Ok((patient, patient_id, last))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// The grant with no earlier consent to the grantee. k: the grantee's one valid credential is
	// the k-th kind in `CredentialKind::ALL`, so that many are checked (and its issuer read).
	// Worst case for the signer: a delegate (the patient's key is checked first).
	#[benchmark]
	fn grant(k: Linear<1, { CredentialKind::ALL.len() as u32 }>) -> Result<(), BenchmarkError> {
		let (patient, patient_id, grantee) = patient_with_consents::<T>(0, None, false)?;
		let kind = CredentialKind::ALL[k as usize - 1];
		for other in CredentialKind::ALL {
			T::BenchmarkHelper::set_credential(&grantee, other, other == kind);
		}
		let signer = funded::<T>("guardian", 0);
		T::BenchmarkHelper::add_delegate(patient_id, &patient, &signer);
		// The transaction fee has already read and written the signer's account.
		add_to_whitelist(frame_system::Account::<T>::hashed_key_for(&signer).into());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(signer),
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

	// A grant that first clears g earlier consents to the grantee, all lapsed (their time
	// passed), each returning its deposit to a different delegate's account (the worst case);
	// the grantee's credential is the first kind checked. `Pallet::grant_weight` adds what g
	// costs here to `grant`. g stops one short of the bound: the g granters and the signer are
	// all delegates, and the runtime allows a patient 8 delegates and a grantee 8 consents; the
	// linear fit covers the last step.
	#[benchmark]
	fn grant_clearing(
		g: Linear<0, { T::MaxConsentsPerGrantee::get() - 1 }>,
	) -> Result<(), BenchmarkError> {
		let (patient, patient_id, grantee) = patient_with_consents::<T>(g, Some(1), true)?;
		T::BenchmarkHelper::advance_time(1);
		let signer = funded::<T>("guardian", 0);
		T::BenchmarkHelper::add_delegate(patient_id, &patient, &signer);
		add_to_whitelist(frame_system::Account::<T>::hashed_key_for(&signer).into());

		#[extrinsic_call]
		grant(
			RawOrigin::Signed(signer),
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

	// The granter (here the patient) revokes: the deposit returns to the signer's account,
	// which the transaction fee has already read and written; the patient is not read.
	#[benchmark]
	fn revoke(g: Linear<1, { T::MaxConsentsPerGrantee::get() }>) -> Result<(), BenchmarkError> {
		let (patient, _, last) = last_of_consents::<T>(g)?;
		add_to_whitelist(frame_system::Account::<T>::hashed_key_for(&patient).into());

		#[extrinsic_call]
		revoke(RawOrigin::Signed(patient), last);

		assert!(!Consents::<T>::contains_key(last));
		Ok(())
	}

	// Anyone else revokes (worst case: a delegate of the patient who granted it): the patient
	// and the delegations are read, and the deposit returns to an account the fee did not touch.
	#[benchmark]
	fn revoke_by_delegate(
		g: Linear<1, { T::MaxConsentsPerGrantee::get() }>,
	) -> Result<(), BenchmarkError> {
		let (patient, patient_id, last) = last_of_consents::<T>(g)?;
		let delegate = funded::<T>("delegate", 0);
		T::BenchmarkHelper::add_delegate(patient_id, &patient, &delegate);
		add_to_whitelist(frame_system::Account::<T>::hashed_key_for(&delegate).into());

		#[extrinsic_call]
		revoke(RawOrigin::Signed(delegate), last);

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
