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

/// An issuer far in the future enough that no benchmark block reaches it.
const FAR_FUTURE: Moment = Moment::MAX / 2;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::CredentialDeposit::get()
		.saturating_mul(100u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

fn all_kinds<T: Config>(count: u32) -> KindsOf<T> {
	let kinds: Vec<CredentialKind> =
		CredentialKind::ALL.iter().copied().take(count as usize).collect();
	kinds.try_into().unwrap_or_default()
}

/// A funded issuer registered for every kind the bound allows.
fn registered_issuer<T: Config>(index: u32) -> Result<T::AccountId, BenchmarkError> {
	let issuer = funded::<T>("issuer", index);
	Pallet::<T>::do_register(
		issuer.clone(),
		all_kinds::<T>(T::MaxKindsPerIssuer::get()),
		H256::zero(),
	)
	.map_err(|_| BenchmarkError::Stop("cannot register an issuer"))?;
	Ok(issuer)
}

/// An issuer with a valid Physician credential issued to `subject`.
fn issued<T: Config>(subject: &T::AccountId) -> Result<T::AccountId, BenchmarkError> {
	let issuer = registered_issuer::<T>(0)?;
	Pallet::<T>::issue(
		RawOrigin::Signed(issuer.clone()).into(),
		subject.clone(),
		CredentialKind::Physician,
		H256::repeat_byte(1),
		FAR_FUTURE,
	)?;
	Ok(issuer)
}

/// An account holding a valid credential of `kind`, for `EnsureCredential`'s benchmark origin.
pub fn valid_holder<T: Config>(kind: CredentialKind) -> Result<T::AccountId, BenchmarkError> {
	let issuer = funded::<T>("holder-issuer", 0);
	let kinds: KindsOf<T> =
		alloc::vec![kind].try_into().map_err(|_| BenchmarkError::Stop("kind bound"))?;
	Pallet::<T>::do_register(issuer.clone(), kinds, H256::zero())
		.map_err(|_| BenchmarkError::Stop("cannot register an issuer"))?;
	let holder: T::AccountId = account("holder", 0, 0);
	Pallet::<T>::issue(
		RawOrigin::Signed(issuer).into(),
		holder.clone(),
		kind,
		H256::repeat_byte(2),
		FAR_FUTURE,
	)?;
	Ok(holder)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_issuer(
		k: Linear<1, { T::MaxKindsPerIssuer::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let issuer: T::AccountId = account("issuer", 0, 0);
		let kinds = all_kinds::<T>(k);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, issuer.clone(), kinds, H256::repeat_byte(7));

		assert!(Issuers::<T>::contains_key(&issuer));
		Ok(())
	}

	#[benchmark]
	fn remove_issuer() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let issuer = registered_issuer::<T>(0)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, issuer.clone());

		assert!(!Issuers::<T>::contains_key(&issuer));
		Ok(())
	}

	// Worst case: a revoked credential from another issuer is replaced, so the old deposit is
	// released as the new one is held.
	#[benchmark]
	fn issue() -> Result<(), BenchmarkError> {
		let subject: T::AccountId = account("subject", 0, 0);
		let previous_issuer = issued::<T>(&subject)?;
		Pallet::<T>::revoke(
			RawOrigin::Signed(previous_issuer).into(),
			subject.clone(),
			CredentialKind::Physician,
		)?;
		let issuer = registered_issuer::<T>(1)?;
		// The transaction fee has already read and written the signer's account.
		add_to_whitelist(frame_system::Account::<T>::hashed_key_for(&issuer).into());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(issuer.clone()),
			subject.clone(),
			CredentialKind::Physician,
			H256::repeat_byte(3),
			FAR_FUTURE,
		);

		assert_eq!(
			Credentials::<T>::get(&subject, CredentialKind::Physician).map(|c| c.issuer),
			Some(issuer)
		);
		Ok(())
	}

	#[benchmark]
	fn renew() -> Result<(), BenchmarkError> {
		let subject: T::AccountId = account("subject", 0, 0);
		let issuer = issued::<T>(&subject)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), subject.clone(), CredentialKind::Physician, FAR_FUTURE + 1);

		assert_eq!(
			Credentials::<T>::get(&subject, CredentialKind::Physician).map(|c| c.valid_until),
			Some(FAR_FUTURE + 1)
		);
		Ok(())
	}

	#[benchmark]
	fn suspend() -> Result<(), BenchmarkError> {
		let subject: T::AccountId = account("subject", 0, 0);
		let issuer = issued::<T>(&subject)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), subject.clone(), CredentialKind::Physician);

		assert_eq!(
			Pallet::<T>::credential_status(&subject, CredentialKind::Physician),
			CredentialStatus::Suspended
		);
		Ok(())
	}

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let subject: T::AccountId = account("subject", 0, 0);
		let issuer = issued::<T>(&subject)?;
		Pallet::<T>::suspend(
			RawOrigin::Signed(issuer.clone()).into(),
			subject.clone(),
			CredentialKind::Physician,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), subject.clone(), CredentialKind::Physician);

		assert_eq!(
			Pallet::<T>::credential_status(&subject, CredentialKind::Physician),
			CredentialStatus::Valid
		);
		Ok(())
	}

	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let subject: T::AccountId = account("subject", 0, 0);
		let issuer = issued::<T>(&subject)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), subject.clone(), CredentialKind::Physician);

		assert_eq!(
			Pallet::<T>::credential_status(&subject, CredentialKind::Physician),
			CredentialStatus::Revoked
		);
		Ok(())
	}

	#[benchmark]
	fn clear() -> Result<(), BenchmarkError> {
		let subject: T::AccountId = account("subject", 0, 0);
		let issuer = issued::<T>(&subject)?;
		Pallet::<T>::revoke(
			RawOrigin::Signed(issuer.clone()).into(),
			subject.clone(),
			CredentialKind::Physician,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), subject.clone(), CredentialKind::Physician);

		assert!(!Credentials::<T>::contains_key(&subject, CredentialKind::Physician));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
