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
use carechain_primitives::CredentialKind;
use frame::testing_prelude::*;

pub fn last_event_is(event: Event<Test>) {
	System::assert_last_event(event.into());
}

/// MAKER registers GTIN and commissions lot "LOT1" of 100 units; returns the batch id.
pub fn commission() -> u64 {
	assert_ok!(SupplyChain::register_product(RuntimeOrigin::signed(MAKER), GTIN, H256::zero()));
	let id = crate::NextBatchId::<Test>::get();
	assert_ok!(SupplyChain::commission_batch(
		RuntimeOrigin::signed(MAKER),
		GTIN,
		lot("LOT1"),
		START + YEAR,
		100,
		serials_root(),
	));
	id
}

/// `from` ships `quantity` of `batch` to `to`, who receives; returns the child batch id.
pub fn ship_and_receive(from: u64, batch: u64, to: u64, quantity: u32) -> u64 {
	let child = crate::NextBatchId::<Test>::get();
	let shipment = crate::NextShipmentId::<Test>::get();
	assert_ok!(SupplyChain::ship(RuntimeOrigin::signed(from), batch, to, quantity));
	assert_ok!(SupplyChain::receive(RuntimeOrigin::signed(to), shipment));
	child
}
