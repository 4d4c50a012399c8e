//! Benchmarks of every call, each in its most expensive case: a study using every category,
//! a participant joining anew, and a release whose every participation is current (each read
//! in full and written).

// Benchmark setup may panic: a benchmark whose setup fails must stop loudly.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::panic
)]

use super::*;
use carechain_primitives::MILLIS_PER_DAY;
use frame::benchmarking::prelude::*;

/// Noon of day 20,000 (2024-10-04): the clock the benchmarks start at.
const START: Moment = 20_000 * MILLIS_PER_DAY + MILLIS_PER_DAY / 2;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::StudyDeposit::get()
		.saturating_mul(10u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

/// As many categories as a study may use.
fn categories_of<T: Config>() -> u32 {
	T::MaxCategories::get()
}

/// A researcher with a registered study of every category, target the most participations a
/// study may store, `k` the floor; returns the sponsor and the study's id.
fn study<T: Config>() -> Result<(T::AccountId, StudyId), BenchmarkError> {
	T::BenchmarkHelper::set_now(START);
	let sponsor = funded::<T>("sponsor", 0);
	T::BenchmarkHelper::set_credential(&sponsor, CredentialKind::Researcher);
	let study_id = NextStudyId::<T>::get();
	Pallet::<T>::register(
		RawOrigin::Signed(sponsor.clone()).into(),
		StudyKind::Interventional,
		H256::repeat_byte(1),
		H256::repeat_byte(2),
		H256::repeat_byte(3),
		H256::repeat_byte(4),
		H256::repeat_byte(5),
		categories_of::<T>(),
		T::MaxParticipants::get(),
		T::MinCohort::get(),
	)?;
	Ok((sponsor, study_id))
}

/// The study with an investigator (a nurse: the last clinician kind read), recruiting.
fn recruiting<T: Config>() -> Result<(T::AccountId, StudyId, T::AccountId), BenchmarkError> {
	let (sponsor, study_id) = study::<T>()?;
	let investigator = funded::<T>("investigator", 0);
	T::BenchmarkHelper::set_credential(&investigator, CredentialKind::Nurse);
	Pallet::<T>::add_investigator(
		RawOrigin::Signed(sponsor.clone()).into(),
		study_id,
		investigator.clone(),
	)?;
	T::BenchmarkHelper::set_now(START + 6_000);
	Pallet::<T>::set_status(
		RawOrigin::Signed(sponsor.clone()).into(),
		study_id,
		StudyStatus::Recruiting,
	)?;
	Ok((sponsor, study_id, investigator))
}

/// Patient `index`, registered, with its research consent to `sponsor` on every category.
fn patient<T: Config>(index: u32, sponsor: &T::AccountId) -> (T::AccountId, PatientId, ConsentId) {
	let who = funded::<T>("patient", index);
	let patient_id = T::BenchmarkHelper::register_patient(&who);
	let consent_id =
		T::BenchmarkHelper::consent_to_research(&who, patient_id, sponsor, categories_of::<T>());
	(who, patient_id, consent_id)
}

/// Patient 0 with its research consent to `sponsor`, taking part in `MaxStudiesPerPatient - 1`
/// other studies of the sponsor on that consent: the longest lists a call on one more
/// participation walks (the patient's studies, the consent's uses).
fn busy_patient<T: Config>(
	sponsor: &T::AccountId,
) -> Result<(T::AccountId, PatientId, ConsentId), BenchmarkError> {
	let (who, patient_id, consent_id) = patient::<T>(0, sponsor);
	for _ in 1..T::MaxStudiesPerPatient::get() {
		let (_, other, _) = recruiting::<T>()?;
		Pallet::<T>::consent(RawOrigin::Signed(who.clone()).into(), other, patient_id, consent_id)?;
	}
	Ok((who, patient_id, consent_id))
}

/// The busy patient, having joined `study_id` too (and been enrolled if `investigator` is given),
/// withdrawn from it.
fn withdrawn_busy_patient<T: Config>(
	sponsor: &T::AccountId,
	study_id: StudyId,
	investigator: Option<&T::AccountId>,
) -> Result<(T::AccountId, PatientId), BenchmarkError> {
	let (who, patient_id, consent_id) = busy_patient::<T>(sponsor)?;
	let signed = || RawOrigin::Signed(who.clone()).into();
	Pallet::<T>::consent(signed(), study_id, patient_id, consent_id)?;
	if let Some(investigator) = investigator {
		Pallet::<T>::enrol(RawOrigin::Signed(investigator.clone()).into(), study_id, patient_id)?;
	}
	Pallet::<T>::withdraw(signed(), study_id, patient_id)?;
	Ok((who, patient_id))
}

/// Patient `index` of `study_id`, consented (and enrolled if `investigator` is given).
fn participant<T: Config>(
	index: u32,
	sponsor: &T::AccountId,
	study_id: StudyId,
	investigator: Option<&T::AccountId>,
) -> Result<(T::AccountId, PatientId), BenchmarkError> {
	let (who, patient_id, consent_id) = patient::<T>(index, sponsor);
	Pallet::<T>::consent(RawOrigin::Signed(who.clone()).into(), study_id, patient_id, consent_id)?;
	if let Some(investigator) = investigator {
		Pallet::<T>::enrol(RawOrigin::Signed(investigator.clone()).into(), study_id, patient_id)?;
	}
	Ok((who, patient_id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() -> Result<(), BenchmarkError> {
		T::BenchmarkHelper::set_now(START);
		let sponsor = funded::<T>("sponsor", 0);
		T::BenchmarkHelper::set_credential(&sponsor, CredentialKind::Researcher);
		let study_id = NextStudyId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(sponsor),
			StudyKind::Interventional,
			H256::repeat_byte(1),
			H256::repeat_byte(2),
			H256::repeat_byte(3),
			H256::repeat_byte(4),
			H256::repeat_byte(5),
			categories_of::<T>(),
			T::MaxParticipants::get(),
			T::MinCohort::get(),
		);

		assert!(Studies::<T>::contains_key(study_id));
		Ok(())
	}

	/// A re-consent amendment.
	#[benchmark]
	fn amend() -> Result<(), BenchmarkError> {
		let (sponsor, study_id) = study::<T>()?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(sponsor),
			study_id,
			H256::repeat_byte(5),
			H256::repeat_byte(6),
			H256::repeat_byte(7),
			true,
		);

		assert_eq!(Studies::<T>::get(study_id).map(|s| s.reconsent_from), Some(2));
		Ok(())
	}

	/// A nurse: the last clinician kind read.
	#[benchmark]
	fn add_investigator() -> Result<(), BenchmarkError> {
		let (sponsor, study_id) = study::<T>()?;
		let investigator = funded::<T>("investigator", 0);
		T::BenchmarkHelper::set_credential(&investigator, CredentialKind::Nurse);

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), study_id, investigator.clone());

		assert!(Investigators::<T>::contains_key(study_id, investigator));
		Ok(())
	}

	#[benchmark]
	fn remove_investigator() -> Result<(), BenchmarkError> {
		let (sponsor, study_id, investigator) = recruiting::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), study_id, investigator.clone());

		assert!(!Investigators::<T>::contains_key(study_id, investigator));
		Ok(())
	}

	/// Opening enrolment: the registration is checked final.
	#[benchmark]
	fn set_status() -> Result<(), BenchmarkError> {
		let (sponsor, study_id) = study::<T>()?;
		let investigator = funded::<T>("investigator", 0);
		T::BenchmarkHelper::set_credential(&investigator, CredentialKind::Physician);
		Pallet::<T>::add_investigator(
			RawOrigin::Signed(sponsor.clone()).into(),
			study_id,
			investigator,
		)?;
		T::BenchmarkHelper::set_now(START + 6_000);

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), study_id, StudyStatus::Recruiting);

		assert_eq!(Studies::<T>::get(study_id).map(|s| s.status), Some(StudyStatus::Recruiting));
		Ok(())
	}

	/// A patient joining anew, in its last free place: counted in the study and listed in its
	/// own list of studies and the consent's uses, both then full.
	#[benchmark]
	fn consent() -> Result<(), BenchmarkError> {
		let (sponsor, study_id, _) = recruiting::<T>()?;
		let (who, patient_id, consent_id) = busy_patient::<T>(&sponsor)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), study_id, patient_id, consent_id);

		assert!(Participants::<T>::contains_key(study_id, patient_id));
		Ok(())
	}

	/// An enrolled participant withdraws: its consent is revoked in the `Consent` pallet.
	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let (sponsor, study_id, investigator) = recruiting::<T>()?;
		let (who, patient_id) = participant::<T>(0, &sponsor, study_id, Some(&investigator))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), study_id, patient_id);

		assert!(
			Participants::<T>::get(study_id, patient_id).is_some_and(|p| p.withdrawn_at.is_some())
		);
		Ok(())
	}

	/// A withdrawn participation of a patient whose list of studies is full.
	#[benchmark]
	fn clear() -> Result<(), BenchmarkError> {
		let (sponsor, study_id, investigator) = recruiting::<T>()?;
		let (who, patient_id) =
			withdrawn_busy_patient::<T>(&sponsor, study_id, Some(&investigator))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), study_id, patient_id);

		assert!(!Participants::<T>::contains_key(study_id, patient_id));
		Ok(())
	}

	#[benchmark]
	fn enrol() -> Result<(), BenchmarkError> {
		let (sponsor, study_id, investigator) = recruiting::<T>()?;
		let (_, patient_id) = participant::<T>(0, &sponsor, study_id, None)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(investigator), study_id, patient_id);

		assert_eq!(Studies::<T>::get(study_id).map(|s| s.enrolled), Some(1));
		Ok(())
	}

	/// By an investigator (its naming and both clinician kinds read), of a participant that
	/// withdrew (every count moves), whose list of studies is full.
	#[benchmark]
	fn decline() -> Result<(), BenchmarkError> {
		let (sponsor, study_id, investigator) = recruiting::<T>()?;
		let (_, patient_id) = withdrawn_busy_patient::<T>(&sponsor, study_id, None)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(investigator), study_id, patient_id);

		assert!(Declined::<T>::contains_key(study_id, patient_id));
		assert!(!Participants::<T>::contains_key(study_id, patient_id));
		Ok(())
	}

	/// `p` participations, every one current: each read in full and written.
	#[benchmark]
	fn release(p: Linear<1, { T::MaxParticipants::get() }>) -> Result<(), BenchmarkError> {
		let (sponsor, study_id, investigator) = recruiting::<T>()?;
		for index in 0..p {
			participant::<T>(index, &sponsor, study_id, Some(&investigator))?;
		}
		// The benchmark measures the walk of `p`; a cohort below `k` is released too, so the
		// smallest values measure the same work.
		Studies::<T>::mutate(study_id, |study| {
			if let Some(study) = study {
				study.min_cohort = 1;
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), study_id, H256::repeat_byte(8), p);

		assert_eq!(Studies::<T>::get(study_id).map(|s| s.releases), Some(1));
		Ok(())
	}

	#[benchmark]
	fn commit_results() -> Result<(), BenchmarkError> {
		let (sponsor, study_id, _) = recruiting::<T>()?;
		Pallet::<T>::set_status(
			RawOrigin::Signed(sponsor.clone()).into(),
			study_id,
			StudyStatus::Completed,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), study_id, H256::repeat_byte(9), H256::repeat_byte(4));

		assert!(Studies::<T>::get(study_id).is_some_and(|s| s.results.is_some()));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
