//! Benchmarks of both calls, each in its most expensive case: a full set to scan, and for a
//! removal the validator's keys to purge.

// Benchmark setup may panic: a benchmark whose setup fails must stop loudly.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::panic
)]

use super::*;
use frame::{
	benchmarking::prelude::*,
	deps::{
		codec::Decode,
		sp_runtime::traits::{OpaqueKeys, TrailingZeroInput},
	},
};

/// Session keys for `who`, stored as `Session::set_keys` stores them, with the deposit held and
/// the consumer reference taken (the proof of ownership is `Session`'s own check, before these
/// calls). Distinct per `index`.
fn with_keys<T: Config>(who: &T::AccountId, index: u32) {
	let mut seed = [0u8; 64];
	seed[..4].copy_from_slice(&index.to_le_bytes());
	let keys = <T as pallet_session::Config>::Keys::decode(&mut TrailingZeroInput::new(&seed))
		.expect("keys decode from any bytes");
	for id in <<T as pallet_session::Config>::Keys as OpaqueKeys>::key_ids() {
		pallet_session::KeyOwner::<T>::insert((*id, keys.get_raw(*id).to_vec()), who.clone());
	}
	pallet_session::NextKeys::<T>::insert(who, keys);
	frame_system::Pallet::<T>::inc_providers(who);
	frame_system::Pallet::<T>::inc_consumers(who).expect("a provider is there");
}

/// A set one short of full, every validator with keys.
fn almost_full<T: Config>() {
	let validators: Vec<T::AccountId> = (0..T::MaxValidators::get().saturating_sub(1))
		.map(|i| account("validator", i, 0))
		.collect();
	for (i, who) in validators.iter().enumerate() {
		with_keys::<T>(who, i as u32);
	}
	Validators::<T>::put(ValidatorsOf::<T>::truncate_from(validators));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		almost_full::<T>();
		let who: T::AccountId = account("new", 0, 0);
		with_keys::<T>(&who, 1_000);
		let origin =
			T::ManagerOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as <T as frame_system::Config>::RuntimeOrigin, who.clone());

		assert!(Validators::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		almost_full::<T>();
		let who = Validators::<T>::get().last().cloned().expect("a validator");
		let origin =
			T::ManagerOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as <T as frame_system::Config>::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
