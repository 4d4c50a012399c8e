//! Benchmarks of every call, each in its most expensive case: a hospital (the last provider
//! kind read) billing an encounter another clinician wrote, so every rule is checked.

// Benchmark setup may panic: a benchmark whose setup fails must stop loudly.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::panic
)]

use super::*;
use carechain_primitives::{CategoryKey, CurrencyCode, ReasonCode, RecordCategory, MILLIS_PER_DAY};
use frame::benchmarking::prelude::*;

/// Noon of day 20,000 (2024-10-04): the clock the benchmarks run at.
const TODAY: Day = 20_000;
const BILLED: Amount = 10_000;

fn billing_tag() -> CategoryTag {
	CategoryKey([0x42; 32]).tag(RecordCategory::Billing)
}

fn eur(amount: Amount) -> Money {
	Money { amount, currency: CurrencyCode(*b"EUR") }
}

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let amount = T::ClaimDeposit::get()
		.max(T::CoverageDeposit::get())
		.saturating_mul(10u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

/// The parties of a claim, with the patient's consent to the payer for payment.
struct Parties<T: Config> {
	patient_id: PatientId,
	provider: T::AccountId,
	payer: T::AccountId,
	encounter_id: RecordId,
}

/// The parties, the provider holding `kind` of [`PROVIDERS`].
fn parties_with<T: Config>(kind: CredentialKind) -> Parties<T> {
	T::BenchmarkHelper::set_now(Moment::from(TODAY) * MILLIS_PER_DAY + MILLIS_PER_DAY / 2);
	let patient = funded::<T>("patient");
	let patient_id = T::BenchmarkHelper::register_patient(&patient);
	let payer = funded::<T>("payer");
	T::BenchmarkHelper::set_credential(&payer, CredentialKind::Insurer);
	T::BenchmarkHelper::consent_to_payment(&patient, patient_id, &payer, billing_tag());
	let author = funded::<T>("author");
	T::BenchmarkHelper::set_credential(&author, CredentialKind::Physician);
	let provider = funded::<T>("provider");
	T::BenchmarkHelper::set_credential(&provider, kind);
	let encounter_id =
		T::BenchmarkHelper::anchor_encounter(&patient, patient_id, &author, &provider);
	Parties { patient_id, provider, payer, encounter_id }
}

/// The parties, the provider a hospital (the last of [`PROVIDERS`] read).
fn parties<T: Config>() -> Parties<T> {
	parties_with::<T>(CredentialKind::Hospital)
}

/// The parties, and a coverage of the patient by the payer around today.
fn covered<T: Config>() -> Result<(Parties<T>, CoverageId), BenchmarkError> {
	covered_by::<T>(parties::<T>())
}

/// `parties`, and a coverage of the patient by their payer around today.
fn covered_by<T: Config>(parties: Parties<T>) -> Result<(Parties<T>, CoverageId), BenchmarkError> {
	let coverage_id = NextCoverageId::<T>::get();
	Pallet::<T>::register_coverage(
		RawOrigin::Signed(parties.payer.clone()).into(),
		parties.patient_id,
		H256::repeat_byte(1),
		TODAY - 365,
		TODAY + 365,
		billing_tag(),
	)?;
	Ok((parties, coverage_id))
}

/// A claim submitted for care given on `service_date`; returns the parties and its id.
fn submitted_on<T: Config>(service_date: Day) -> Result<(Parties<T>, ClaimId), BenchmarkError> {
	let (parties, coverage_id) = covered::<T>()?;
	let claim_id = NextClaimId::<T>::get();
	Pallet::<T>::submit(
		RawOrigin::Signed(parties.provider.clone()).into(),
		parties.patient_id,
		parties.payer.clone(),
		coverage_id,
		parties.encounter_id,
		H256::repeat_byte(2),
		eur(BILLED),
		service_date,
		H256::repeat_byte(3),
		billing_tag(),
	)?;
	Ok((parties, claim_id))
}

fn submitted<T: Config>() -> Result<(Parties<T>, ClaimId), BenchmarkError> {
	submitted_on::<T>(TODAY)
}

/// The most reasons a decision may give, all different.
fn all_reasons() -> Reasons {
	[
		ReasonCode::Deductible,
		ReasonCode::Coinsurance,
		ReasonCode::Copayment,
		ReasonCode::ExceedsFeeSchedule,
		ReasonCode::NotCovered,
		ReasonCode::NotMedicallyNecessary,
		ReasonCode::NoPriorAuthorization,
		ReasonCode::MissingInformation,
	]
	.into_iter()
	.take(carechain_primitives::MAX_REASONS as usize)
	.collect::<Vec<_>>()
	.try_into()
	.unwrap()
}

/// A claim decided `Partial` with every reason: 5,000 payable of 10,000 billed.
fn partial<T: Config>() -> Result<(Parties<T>, ClaimId), BenchmarkError> {
	let (parties, claim_id) = submitted::<T>()?;
	Pallet::<T>::adjudicate(
		RawOrigin::Signed(parties.payer.clone()).into(),
		claim_id,
		Outcome::Partial,
		6_000,
		1_000,
		all_reasons(),
	)?;
	Ok((parties, claim_id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_coverage() {
		let parties = parties::<T>();
		let coverage_id = NextCoverageId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(parties.payer),
			parties.patient_id,
			H256::repeat_byte(1),
			TODAY,
			TODAY + 365,
			billing_tag(),
		);

		assert!(Coverages::<T>::contains_key(coverage_id));
	}

	#[benchmark]
	fn end_coverage() -> Result<(), BenchmarkError> {
		let (parties, coverage_id) = covered::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.payer), coverage_id, TODAY);

		assert_eq!(Coverages::<T>::get(coverage_id).map(|c| c.valid_until), Some(TODAY));
		Ok(())
	}

	#[benchmark]
	fn remove_coverage() -> Result<(), BenchmarkError> {
		let parties = parties::<T>();
		Pallet::<T>::register_coverage(
			RawOrigin::Signed(parties.payer.clone()).into(),
			parties.patient_id,
			H256::repeat_byte(1),
			TODAY - 10,
			TODAY - 1,
			billing_tag(),
		)?;
		let coverage_id = NextCoverageId::<T>::get() - 1;

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.payer), coverage_id);

		assert!(!Coverages::<T>::contains_key(coverage_id));
		Ok(())
	}

	/// The provider holds the `k`-th of [`PROVIDERS`], the kinds read until it is found.
	#[benchmark]
	fn submit(k: Linear<1, { PROVIDERS.len() as u32 }>) -> Result<(), BenchmarkError> {
		let (parties, coverage_id) = covered_by::<T>(parties_with::<T>(PROVIDERS[k as usize - 1]))?;
		let claim_id = NextClaimId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(parties.provider),
			parties.patient_id,
			parties.payer,
			coverage_id,
			parties.encounter_id,
			H256::repeat_byte(2),
			eur(BILLED),
			TODAY,
			H256::repeat_byte(3),
			billing_tag(),
		);

		assert!(Claims::<T>::contains_key(claim_id));
		Ok(())
	}

	/// A replacement with new codes: the old key goes and the new one is written.
	#[benchmark]
	fn replace() -> Result<(), BenchmarkError> {
		let (parties, claim_id) = submitted::<T>()?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(parties.provider),
			claim_id,
			H256::repeat_byte(4),
			eur(9_000),
			H256::repeat_byte(5),
		);

		assert_eq!(
			Pallet::<T>::claim_status(claim_id),
			Some(ClaimStatus::Replaced { by: claim_id + 1 })
		);
		Ok(())
	}

	#[benchmark]
	fn void() -> Result<(), BenchmarkError> {
		let (parties, claim_id) = submitted::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.provider), claim_id);

		assert_eq!(Pallet::<T>::claim_status(claim_id), Some(ClaimStatus::Voided));
		Ok(())
	}

	#[benchmark]
	fn adjudicate() -> Result<(), BenchmarkError> {
		let (parties, claim_id) = submitted::<T>()?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(parties.payer),
			claim_id,
			Outcome::Partial,
			6_000,
			1_000,
			all_reasons(),
		);

		assert!(Claims::<T>::get(claim_id).is_some_and(|claim| claim.decision.is_some()));
		Ok(())
	}

	#[benchmark]
	fn pay() -> Result<(), BenchmarkError> {
		let (parties, claim_id) = partial::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.payer), claim_id, 5_000, H256::repeat_byte(6));

		assert!(Claims::<T>::get(claim_id).is_some_and(|claim| claim.paid == 5_000));
		Ok(())
	}

	#[benchmark]
	fn appeal() -> Result<(), BenchmarkError> {
		let (parties, claim_id) = partial::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.provider), claim_id, H256::repeat_byte(7));

		assert!(Claims::<T>::get(claim_id).is_some_and(|claim| claim.appeals == 1));
		Ok(())
	}

	/// A claim paid in full, whose key and coverage count go with it.
	#[benchmark]
	fn clear() -> Result<(), BenchmarkError> {
		let (parties, claim_id) = submitted_on::<T>(TODAY - 1)?;
		Pallet::<T>::adjudicate(
			RawOrigin::Signed(parties.payer.clone()).into(),
			claim_id,
			Outcome::Approved,
			BILLED,
			0,
			Reasons::default(),
		)?;
		Pallet::<T>::pay(
			RawOrigin::Signed(parties.payer).into(),
			claim_id,
			BILLED,
			H256::repeat_byte(6),
		)?;
		let later = Moment::from(TODAY + T::TimelyFilingDays::get()) * MILLIS_PER_DAY;
		T::BenchmarkHelper::set_now(later);

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.provider), claim_id);

		assert!(!Claims::<T>::contains_key(claim_id));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
