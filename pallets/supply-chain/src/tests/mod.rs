//! Unit tests, by call and topic. Every test runs through `ExtBuilder::build_and_execute`,
//! which checks the pallet's invariants (conservation across splits among them) afterwards.

mod commission;
mod custody;
mod gs1;
mod origins;
mod recall;
mod vectors;
mod verify;

use crate::{mock::*, Event};
use carechain_primitives::{CredentialKind, Gtin, Moment};
use frame::testing_prelude::*;

pub fn last_event_is(event: Event<Test>) {
	System::assert_last_event(event.into());
}

/// MAKER registers GTIN and commissions lot "LOT1" of 100 units; returns the batch id.
pub fn commission() -> u64 {
	assert_ok!(register_product(MAKER, GTIN));
	let id = crate::NextBatchId::<Test>::get();
	assert_ok!(commission_batch(MAKER, "LOT1", START + YEAR, 100, serials_root()));
	id
}

/// `from` ships `quantity` of `batch` to `to`, who receives; returns the child batch id.
pub fn ship_and_receive(from: u64, batch: u64, to: u64, quantity: u32) -> u64 {
	let child = crate::NextBatchId::<Test>::get();
	let shipment = crate::NextShipmentId::<Test>::get();
	assert_ok!(ship(from, batch, to, quantity));
	assert_ok!(receive(to, shipment));
	child
}

// Each call signed by `who`, for the tests that name only who calls and on what.

/// `who` registers `gtin`, with no metadata.
pub fn register_product(who: AccountId, gtin: Gtin) -> DispatchResult {
	SupplyChain::register_product(RuntimeOrigin::signed(who), gtin, H256::zero())
}

/// `who` commissions `quantity` units of lot `lot_text` of GTIN, expiring on `expires_on`, the
/// serials' Merkle root `serials`.
pub fn commission_batch(
	who: AccountId,
	lot_text: &str,
	expires_on: Moment,
	quantity: u32,
	serials: H256,
) -> DispatchResult {
	SupplyChain::commission_batch(
		RuntimeOrigin::signed(who),
		GTIN,
		lot(lot_text),
		expires_on,
		quantity,
		serials,
	)
}

pub fn ship(
	who: AccountId,
	batch: u64,
	to: AccountId,
	quantity: u32,
) -> DispatchResultWithPostInfo {
	SupplyChain::ship(RuntimeOrigin::signed(who), batch, to, quantity)
}

pub fn receive(who: AccountId, shipment: u64) -> DispatchResultWithPostInfo {
	SupplyChain::receive(RuntimeOrigin::signed(who), shipment)
}

pub fn dispense(who: AccountId, batch: u64, quantity: u32) -> DispatchResultWithPostInfo {
	SupplyChain::dispense(RuntimeOrigin::signed(who), batch, quantity)
}

pub fn destroy(who: AccountId, batch: u64, quantity: u32) -> DispatchResult {
	SupplyChain::destroy(RuntimeOrigin::signed(who), batch, quantity)
}

pub fn return_shipment(who: AccountId, shipment: u64) -> DispatchResult {
	SupplyChain::return_shipment(RuntimeOrigin::signed(who), shipment)
}

/// `who` recalls `batch`, giving no reason.
pub fn recall(who: AccountId, batch: u64) -> DispatchResult {
	SupplyChain::recall(RuntimeOrigin::signed(who), batch, H256::zero())
}

pub fn quarantine(who: AccountId, batch: u64) -> DispatchResult {
	SupplyChain::quarantine(RuntimeOrigin::signed(who), batch)
}

pub fn release(who: AccountId, batch: u64) -> DispatchResult {
	SupplyChain::release(RuntimeOrigin::signed(who), batch)
}
