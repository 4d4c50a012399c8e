//! Benchmarks of every call, each in its most expensive case: batches as deep as allowed, so
//! the recall check walks the longest ancestry.

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

/// What the benchmarks need from the runtime: credentials are seen through a trait.
pub trait BenchmarkHelper<AccountId> {
	/// Gives `who` a valid credential of `kind`.
	fn set_credential(who: &AccountId, kind: CredentialKind);
	/// Takes `who`'s credential of `kind` away (if it has one).
	fn revoke_credential(who: &AccountId, kind: CredentialKind);
}

const GTIN: Gtin = *b"00012345678905";

fn lot() -> Lot {
	b"LOT-2026-A".to_vec().try_into().unwrap_or_default()
}

/// A manufacturer with a registered product and a commissioned batch of 1,000 units.
fn commissioned<T: Config>() -> Result<(T::AccountId, BatchId), BenchmarkError> {
	let maker: T::AccountId = account("maker", 0, 0);
	T::BenchmarkHelper::set_credential(&maker, CredentialKind::Manufacturer);
	Pallet::<T>::register_product(RawOrigin::Signed(maker.clone()).into(), GTIN, H256::zero())?;
	Pallet::<T>::commission_batch(
		RawOrigin::Signed(maker.clone()).into(),
		GTIN,
		lot(),
		Moment::MAX,
		1_000,
		H256::repeat_byte(7),
	)?;
	Ok((maker, NextBatchId::<T>::get().saturating_sub(1)))
}

/// A batch `depth` shipments from its root, received by a holder credentialed as a hospital:
/// the last kind of [`SHIPPERS`], [`TRADING_PARTNERS`] and [`DISPENSERS`], so that every kind is
/// checked before it qualifies (the worst case).
fn deep_batch<T: Config>(depth: u32) -> Result<(T::AccountId, BatchId), BenchmarkError> {
	let (mut holder, mut batch_id) = commissioned::<T>()?;
	for level in 0..depth {
		let next: T::AccountId = account("partner", level, 0);
		T::BenchmarkHelper::set_credential(&next, CredentialKind::Hospital);
		Pallet::<T>::ship(RawOrigin::Signed(holder).into(), batch_id, next.clone(), 100)?;
		let shipment_id = NextShipmentId::<T>::get().saturating_sub(1);
		Pallet::<T>::receive(RawOrigin::Signed(next.clone()).into(), shipment_id)?;
		holder = next;
		batch_id = NextBatchId::<T>::get().saturating_sub(1);
	}
	Ok((holder, batch_id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_product() {
		let maker: T::AccountId = account("maker", 0, 0);
		T::BenchmarkHelper::set_credential(&maker, CredentialKind::Manufacturer);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), GTIN, H256::zero());

		assert!(Products::<T>::contains_key(GTIN));
	}

	#[benchmark]
	fn commission_batch() -> Result<(), BenchmarkError> {
		let maker: T::AccountId = account("maker", 0, 0);
		T::BenchmarkHelper::set_credential(&maker, CredentialKind::Manufacturer);
		Pallet::<T>::register_product(RawOrigin::Signed(maker.clone()).into(), GTIN, H256::zero())?;
		let lot: Lot = b"ABCDEFGHIJ0123456789".to_vec().try_into().unwrap_or_default();

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), GTIN, lot.clone(), Moment::MAX, 1_000, H256::zero());

		assert!(Lots::<T>::contains_key(GTIN, &lot));
		Ok(())
	}

	#[benchmark]
	fn ship(d: Linear<0, { T::MaxSplitDepth::get() - 1 }>) -> Result<(), BenchmarkError> {
		let (holder, batch_id) = deep_batch::<T>(d)?;
		let to: T::AccountId = account("destination", 0, 0);
		// The last trading-partner kind: every kind is read.
		T::BenchmarkHelper::set_credential(&to, TRADING_PARTNERS[TRADING_PARTNERS.len() - 1]);

		// The holder ships from depth d; at depth 0 it is the manufacturer, the first shipper
		// kind, so it is given a hospital's credential too and loses its manufacturer's: every
		// shipper kind is then read.
		T::BenchmarkHelper::set_credential(&holder, CredentialKind::Hospital);
		T::BenchmarkHelper::revoke_credential(&holder, CredentialKind::Manufacturer);

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), batch_id, to, 10);

		assert_eq!(NextShipmentId::<T>::get(), u64::from(d) + 1);
		Ok(())
	}

	#[benchmark]
	fn receive(d: Linear<1, { T::MaxSplitDepth::get() }>) -> Result<(), BenchmarkError> {
		let (holder, batch_id) = deep_batch::<T>(d - 1)?;
		let to: T::AccountId = account("destination", 0, 0);
		// Hospitals on both sides: the last kind of each list, so every kind is read.
		T::BenchmarkHelper::set_credential(&to, CredentialKind::Hospital);
		T::BenchmarkHelper::set_credential(&holder, CredentialKind::Hospital);
		Pallet::<T>::ship(RawOrigin::Signed(holder.clone()).into(), batch_id, to.clone(), 10)?;
		T::BenchmarkHelper::revoke_credential(&holder, CredentialKind::Manufacturer);
		let shipment_id = NextShipmentId::<T>::get().saturating_sub(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(to), shipment_id);

		assert!(Shipments::<T>::get(shipment_id).is_some_and(|s| s.received));
		Ok(())
	}

	#[benchmark]
	fn dispense(d: Linear<1, { T::MaxSplitDepth::get() }>) -> Result<(), BenchmarkError> {
		let (holder, batch_id) = deep_batch::<T>(d)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), batch_id, 1);

		assert_eq!(Batches::<T>::get(batch_id).map(|b| b.dispensed), Some(1));
		Ok(())
	}

	#[benchmark]
	fn recall() -> Result<(), BenchmarkError> {
		let (_, batch_id) = deep_batch::<T>(1)?;
		let regulator: T::AccountId = account("regulator", 0, 0);
		T::BenchmarkHelper::set_credential(&regulator, CredentialKind::Regulator);

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), batch_id, H256::zero());

		assert!(Batches::<T>::get(batch_id).is_some_and(|b| b.recalled));
		Ok(())
	}

	#[benchmark]
	fn quarantine() -> Result<(), BenchmarkError> {
		let (_, batch_id) = deep_batch::<T>(1)?;
		let regulator: T::AccountId = account("regulator", 0, 0);
		T::BenchmarkHelper::set_credential(&regulator, CredentialKind::Regulator);

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), batch_id);

		assert!(Batches::<T>::get(batch_id).is_some_and(|b| b.quarantined));
		Ok(())
	}

	#[benchmark]
	fn release() -> Result<(), BenchmarkError> {
		let (_, batch_id) = deep_batch::<T>(1)?;
		let regulator: T::AccountId = account("regulator", 0, 0);
		T::BenchmarkHelper::set_credential(&regulator, CredentialKind::Regulator);
		Pallet::<T>::quarantine(RawOrigin::Signed(regulator.clone()).into(), batch_id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), batch_id);

		assert!(Batches::<T>::get(batch_id).is_some_and(|b| !b.quarantined));
		Ok(())
	}

	#[benchmark]
	fn return_shipment() -> Result<(), BenchmarkError> {
		let (holder, batch_id) = deep_batch::<T>(1)?;
		let to: T::AccountId = account("destination", 0, 0);
		T::BenchmarkHelper::set_credential(&to, CredentialKind::Hospital);
		Pallet::<T>::ship(RawOrigin::Signed(holder.clone()).into(), batch_id, to, 10)?;
		let shipment_id = NextShipmentId::<T>::get().saturating_sub(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), shipment_id);

		assert!(Shipments::<T>::get(shipment_id).is_some_and(|s| s.returned));
		Ok(())
	}

	#[benchmark]
	fn destroy() -> Result<(), BenchmarkError> {
		let (holder, batch_id) = deep_batch::<T>(1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), batch_id, 5);

		assert_eq!(Batches::<T>::get(batch_id).map(|b| b.destroyed), Some(5));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
