use super::*;
use crate::{Batches, Error, Shipments};
use carechain_primitives::CredentialKind;

#[test]
fn shipping_splits_the_batch_and_custody_moves_on_receipt() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		assert_ok!(ship(MAKER, root, WHOLESALER, 60));
		last_event_is(Event::Shipped {
			shipment_id: 0,
			batch_id: root,
			child_batch_id: 1,
			quantity: 60,
			from: MAKER,
			to: WHOLESALER,
			at: START,
		});
		let parent = Batches::<Test>::get(root).expect("stored");
		assert_eq!((parent.held, parent.shipped_out), (40, 60));
		let child = Batches::<Test>::get(1).expect("stored");
		assert_eq!(
			(child.held, child.in_transit, child.parent, child.depth),
			(0, 60, Some(root), 1)
		);
		// Nothing moves before receipt.
		assert_noop!(ship(WHOLESALER, 1, PHARMACY, 1), Error::<Test>::InsufficientQuantity);

		assert_ok!(receive(WHOLESALER, 0));
		last_event_is(Event::Received {
			shipment_id: 0,
			batch_id: 1,
			quantity: 60,
			by: WHOLESALER,
			at: START,
		});
		let child = Batches::<Test>::get(1).expect("stored");
		assert_eq!((child.held, child.in_transit, child.custodian), (60, 0, WHOLESALER));
		assert!(Shipments::<Test>::get(0).is_some_and(|s| s.received));
	});
}

#[test]
fn a_split_batch_reaches_two_pharmacies_and_is_dispensed() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let wholesale = ship_and_receive(MAKER, root, WHOLESALER, 100);
		let first = ship_and_receive(WHOLESALER, wholesale, PHARMACY, 30);
		let second = ship_and_receive(WHOLESALER, wholesale, HOSPITAL, 50);
		assert_ok!(dispense(PHARMACY, first, 2));
		last_event_is(Event::Dispensed { batch_id: first, quantity: 2, by: PHARMACY, at: START });
		assert_ok!(dispense(HOSPITAL, second, 50));
		assert_ok!(destroy(WHOLESALER, wholesale, 20));
		last_event_is(Event::Destroyed {
			batch_id: wholesale,
			quantity: 20,
			by: WHOLESALER,
			at: START,
		});
		// try_state checks 100 = 28 held + 52 dispensed + 20 destroyed across the splits.
	});
}

#[test]
fn ship_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		assert_noop!(ship(MAKER, 9, WHOLESALER, 1), Error::<Test>::UnknownBatch);
		assert_noop!(ship(WHOLESALER, root, PHARMACY, 1), Error::<Test>::NotCustodian);
		assert_noop!(ship(MAKER, root, WHOLESALER, 0), Error::<Test>::ZeroQuantity);
		assert_noop!(ship(MAKER, root, WHOLESALER, 101), Error::<Test>::InsufficientQuantity);
		assert_noop!(ship(MAKER, root, MAKER, 1), Error::<Test>::ShipToSelf);
		assert_noop!(ship(MAKER, root, STRANGER, 1), Error::<Test>::NotTradingPartner);
		assert_noop!(ship(MAKER, root, REGULATOR, 1), Error::<Test>::NotTradingPartner);
		Now::set(START + YEAR);
		assert_noop!(ship(MAKER, root, WHOLESALER, 1), Error::<Test>::BatchIsExpired);
	});
}

#[test]
fn splits_are_bounded_in_depth() {
	ExtBuilder::default().build_and_execute(|| {
		let mut batch = commission();
		let mut holder = MAKER;
		for level in 0..MAX_DEPTH {
			let next = if level % 2 == 0 { WHOLESALER } else { PHARMACY };
			batch = ship_and_receive(holder, batch, next, 1);
			holder = next;
		}
		let next = if holder == WHOLESALER { PHARMACY } else { WHOLESALER };
		assert_noop!(ship(holder, batch, next, 1), Error::<Test>::SplitTooDeep);
	});
}

#[test]
fn custody_moves_are_refunded_to_the_depth_of_the_batch_moved() {
	use crate::weights::WeightInfo;
	ExtBuilder::default().build_and_execute(|| {
		// The weights assume the last of the credential kinds checked qualified, on both sides;
		// a manufacturer (first of four shipper kinds), a distributor (second shipper, first of
		// three trading-partner kinds) and a pharmacy (third shipper, second partner, first of
		// two dispenser kinds) are refunded the reads of the kinds after theirs.
		let read = |n: u64| <Test as frame_system::Config>::DbWeight::get().reads(n);
		assert!(read(1).ref_time() > 0, "the mock charges for storage");
		let root = commission();
		let first = ship(MAKER, root, WHOLESALER, 10).expect("shipped");
		assert_eq!(first.actual_weight, Some(<() as WeightInfo>::ship(0) - read(3 + 2)));
		assert_ok!(receive(WHOLESALER, 0));
		let child = crate::NextBatchId::<Test>::get() - 1;
		let second = ship(WHOLESALER, child, PHARMACY, 5).expect("shipped");
		assert_eq!(second.actual_weight, Some(<() as WeightInfo>::ship(1) - read(2 + 1)));
		assert!(
			<() as WeightInfo>::ship(MAX_DEPTH).ref_time() > <() as WeightInfo>::ship(1).ref_time(),
			"the refund is real"
		);
		// Receiving and dispensing are refunded to the depth of the batch received or dispensed.
		let received = receive(PHARMACY, 1).expect("received");
		let grandchild = crate::NextBatchId::<Test>::get() - 1;
		// The pharmacy as addressee, the distributor as sender.
		assert_eq!(received.actual_weight, Some(<() as WeightInfo>::receive(2) - read(1 + 2)));
		let dispensed = dispense(PHARMACY, grandchild, 1).expect("dispensed");
		assert_eq!(dispensed.actual_weight, Some(<() as WeightInfo>::dispense(2) - read(1)));
		// A hospital is the last kind of both lists: from a pharmacy it is refunded only the
		// shipper's read, and from a hospital to a hospital it is the benchmarked case.
		let to_hospital = ship(PHARMACY, grandchild, HOSPITAL, 2).expect("shipped");
		assert_eq!(to_hospital.actual_weight, Some(<() as WeightInfo>::ship(2) - read(1)));
		let shipment = crate::NextShipmentId::<Test>::get() - 1;
		let hospital_batch = crate::NextBatchId::<Test>::get() - 1;
		assert_ok!(receive(HOSPITAL, shipment));
		set_credential(STRANGER, CredentialKind::Hospital, true);
		let hospital_to_hospital = ship(HOSPITAL, hospital_batch, STRANGER, 1).expect("shipped");
		assert_eq!(hospital_to_hospital.actual_weight, Some(<() as WeightInfo>::ship(3)));
		assert!(
			<() as WeightInfo>::receive(MAX_DEPTH).ref_time()
				> <() as WeightInfo>::receive(2).ref_time()
		);
		assert!(
			<() as WeightInfo>::dispense(MAX_DEPTH).ref_time()
				> <() as WeightInfo>::dispense(2).ref_time()
		);
	});
}

#[test]
fn receive_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		assert_noop!(receive(WHOLESALER, 0), Error::<Test>::UnknownShipment);
		assert_ok!(ship(MAKER, root, WHOLESALER, 10));
		assert_noop!(receive(PHARMACY, 0), Error::<Test>::NotAddressee);
		assert_ok!(receive(WHOLESALER, 0));
		assert_noop!(receive(WHOLESALER, 0), Error::<Test>::AlreadyReceived);
	});
}

#[test]
fn dispense_and_destroy_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let pharmacy_batch = ship_and_receive(MAKER, root, PHARMACY, 10);
		assert_noop!(dispense(MAKER, root, 1), Error::<Test>::NotDispenser);
		assert_noop!(dispense(HOSPITAL, pharmacy_batch, 1), Error::<Test>::NotCustodian);
		assert_noop!(dispense(PHARMACY, pharmacy_batch, 0), Error::<Test>::ZeroQuantity);
		assert_noop!(dispense(PHARMACY, pharmacy_batch, 11), Error::<Test>::InsufficientQuantity);
		assert_noop!(dispense(PHARMACY, 9, 1), Error::<Test>::UnknownBatch);
		assert_noop!(destroy(MAKER, pharmacy_batch, 1), Error::<Test>::NotCustodian);
		assert_noop!(destroy(PHARMACY, pharmacy_batch, 0), Error::<Test>::ZeroQuantity);
		assert_noop!(destroy(PHARMACY, pharmacy_batch, 11), Error::<Test>::InsufficientQuantity);
		Now::set(START + YEAR);
		assert_noop!(dispense(PHARMACY, pharmacy_batch, 1), Error::<Test>::BatchIsExpired);
		// Expired stock can still be destroyed.
		assert_ok!(destroy(PHARMACY, pharmacy_batch, 10));
	});
}

#[test]
fn a_sender_without_a_valid_licence_cannot_ship() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let wholesale = ship_and_receive(MAKER, root, WHOLESALER, 20);
		// The distributor's licence is revoked: the stock it holds cannot move on.
		set_credential(WHOLESALER, CredentialKind::Distributor, false);
		assert_noop!(ship(WHOLESALER, wholesale, PHARMACY, 1), Error::<Test>::NotShipper);
		// Nor can a manufacturer that lost its licence ship its own lot.
		set_credential(MAKER, CredentialKind::Manufacturer, false);
		assert_noop!(ship(MAKER, root, PHARMACY, 1), Error::<Test>::NotShipper);
	});
}

#[test]
fn both_sides_must_still_be_licensed_when_a_shipment_is_received() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		assert_ok!(ship(MAKER, root, PHARMACY, 10));
		assert_ok!(ship(MAKER, root, HOSPITAL, 10));
		// The pharmacy loses its licence while the goods are on the road.
		set_credential(PHARMACY, CredentialKind::Pharmacy, false);
		assert_noop!(receive(PHARMACY, 0), Error::<Test>::NotTradingPartner);
		// The manufacturer loses its licence: nobody may take custody from it.
		set_credential(MAKER, CredentialKind::Manufacturer, false);
		assert_noop!(receive(HOSPITAL, 1), Error::<Test>::NotShipper);
		// Licences restored, both arrive.
		set_credential(PHARMACY, CredentialKind::Pharmacy, true);
		set_credential(MAKER, CredentialKind::Manufacturer, true);
		assert_ok!(receive(PHARMACY, 0));
		assert_ok!(receive(HOSPITAL, 1));
	});
}

#[test]
fn a_shipment_returned_to_its_sender_is_back_in_its_custody() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		assert_ok!(ship(MAKER, root, PHARMACY, 10));
		let child = crate::NextBatchId::<Test>::get() - 1;
		// The addressee refuses it.
		assert_ok!(return_shipment(PHARMACY, 0));
		last_event_is(Event::ShipmentReturned {
			shipment_id: 0,
			batch_id: child,
			quantity: 10,
			by: PHARMACY,
			at: START,
		});
		let batch = Batches::<Test>::get(child).expect("stored");
		assert_eq!((batch.held, batch.in_transit, batch.custodian), (10, 0, MAKER));
		assert!(Shipments::<Test>::get(0).is_some_and(|s| s.returned && !s.received));
		assert_noop!(receive(PHARMACY, 0), Error::<Test>::AlreadyReturned);
		// The sender holds the units again and may ship them elsewhere.
		assert_ok!(ship(MAKER, child, HOSPITAL, 10));
		// And the sender may call a shipment back itself.
		assert_ok!(return_shipment(MAKER, 1));
	});
}

#[test]
fn recalled_stock_in_transit_is_returned_and_destroyed() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let wholesale = ship_and_receive(MAKER, root, WHOLESALER, 50);
		assert_ok!(ship(WHOLESALER, wholesale, PHARMACY, 20));
		let in_transit = crate::NextBatchId::<Test>::get() - 1;
		assert_ok!(recall(MAKER, root));
		assert_noop!(receive(PHARMACY, 1), Error::<Test>::BatchIsRecalled);
		// The recalled units on the road go back to the sender, who destroys them.
		assert_ok!(return_shipment(WHOLESALER, 1));
		assert_ok!(destroy(WHOLESALER, in_transit, 20));
		assert_ok!(destroy(WHOLESALER, wholesale, 30));
		assert_ok!(destroy(MAKER, root, 50));
		// Nothing of the lot is unaccounted for: no unit is in transit any more.
		for (_, batch) in Batches::<Test>::iter() {
			assert_eq!((batch.held, batch.in_transit), (0, 0));
		}
	});
}

#[test]
fn return_shipment_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		assert_noop!(return_shipment(MAKER, 0), Error::<Test>::UnknownShipment);
		assert_ok!(ship(MAKER, root, PHARMACY, 10));
		for who in [STRANGER, HOSPITAL, REGULATOR] {
			assert_noop!(return_shipment(who, 0), Error::<Test>::NotShipmentParty);
		}
		assert_ok!(receive(PHARMACY, 0));
		assert_noop!(return_shipment(PHARMACY, 0), Error::<Test>::AlreadyReceived);
		assert_ok!(ship(MAKER, root, HOSPITAL, 10));
		assert_ok!(return_shipment(HOSPITAL, 1));
		assert_noop!(return_shipment(MAKER, 1), Error::<Test>::AlreadyReturned);
	});
}
