use super::*;
use crate::{Batches, BusinessStep, Error, Shipments};

#[test]
fn shipping_splits_the_batch_and_custody_moves_on_receipt() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		assert_ok!(SupplyChain::ship(RuntimeOrigin::signed(MAKER), root, WHOLESALER, 60));
		last_event_is(Event::Shipped {
			shipment_id: 0,
			batch_id: root,
			child_batch_id: 1,
			quantity: 60,
			from: MAKER,
			to: WHOLESALER,
			step: BusinessStep::Shipping,
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
		assert_noop!(
			SupplyChain::ship(RuntimeOrigin::signed(WHOLESALER), 1, PHARMACY, 1),
			Error::<Test>::InsufficientQuantity
		);

		assert_ok!(SupplyChain::receive(RuntimeOrigin::signed(WHOLESALER), 0));
		last_event_is(Event::Received {
			shipment_id: 0,
			batch_id: 1,
			quantity: 60,
			by: WHOLESALER,
			step: BusinessStep::Receiving,
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
		assert_ok!(SupplyChain::dispense(RuntimeOrigin::signed(PHARMACY), first, 2));
		last_event_is(Event::Dispensed {
			batch_id: first,
			quantity: 2,
			by: PHARMACY,
			step: BusinessStep::Dispensing,
			at: START,
		});
		assert_ok!(SupplyChain::dispense(RuntimeOrigin::signed(HOSPITAL), second, 50));
		assert_ok!(SupplyChain::destroy(RuntimeOrigin::signed(WHOLESALER), wholesale, 20));
		last_event_is(Event::Destroyed {
			batch_id: wholesale,
			quantity: 20,
			by: WHOLESALER,
			step: BusinessStep::Destroying,
			at: START,
		});
		// try_state checks 100 = 28 held + 52 dispensed + 20 destroyed across the splits.
	});
}

#[test]
fn ship_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let ship = |who, batch, to, quantity| {
			SupplyChain::ship(RuntimeOrigin::signed(who), batch, to, quantity)
		};
		assert_noop!(ship(MAKER, 9, WHOLESALER, 1), Error::<Test>::UnknownBatch);
		assert_noop!(ship(WHOLESALER, root, PHARMACY, 1), Error::<Test>::NotCustodian);
		assert_noop!(ship(MAKER, root, WHOLESALER, 0), Error::<Test>::ZeroQuantity);
		assert_noop!(ship(MAKER, root, WHOLESALER, 101), Error::<Test>::InsufficientQuantity);
		assert_noop!(ship(MAKER, root, MAKER, 1), Error::<Test>::ShipToSelf);
		assert_noop!(ship(MAKER, root, STRANGER, 1), Error::<Test>::NotTradingPartner);
		assert_noop!(ship(MAKER, root, REGULATOR, 1), Error::<Test>::NotTradingPartner);
		Now::set(START + YEAR);
		assert_noop!(ship(MAKER, root, WHOLESALER, 1), Error::<Test>::BatchExpired);
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
		assert_noop!(
			SupplyChain::ship(RuntimeOrigin::signed(holder), batch, next, 1),
			Error::<Test>::SplitTooDeep
		);
	});
}

#[test]
fn custody_moves_are_refunded_to_the_depth_of_the_batch_moved() {
	use crate::weights::WeightInfo;
	ExtBuilder::default().build_and_execute(|| {
		// The weights assume the last of the credential kinds checked qualified; a distributor
		// (first of three trading-partner kinds) and a pharmacy (first of two dispenser kinds)
		// are refunded the reads of the kinds after theirs.
		let read = |n: u64| <Test as frame_system::Config>::DbWeight::get().reads(n);
		assert!(read(1).ref_time() > 0, "the mock charges for storage");
		let root = commission();
		let first =
			SupplyChain::ship(RuntimeOrigin::signed(MAKER), root, WHOLESALER, 10).expect("shipped");
		assert_eq!(first.actual_weight, Some(<() as WeightInfo>::ship(0) - read(2)));
		assert_ok!(SupplyChain::receive(RuntimeOrigin::signed(WHOLESALER), 0));
		let child = crate::NextBatchId::<Test>::get() - 1;
		let second = SupplyChain::ship(RuntimeOrigin::signed(WHOLESALER), child, PHARMACY, 5)
			.expect("shipped");
		assert_eq!(second.actual_weight, Some(<() as WeightInfo>::ship(1) - read(1)));
		assert!(
			<() as WeightInfo>::ship(MAX_DEPTH).ref_time() > <() as WeightInfo>::ship(1).ref_time(),
			"the refund is real"
		);
		// Receiving and dispensing are refunded to the depth of the batch received or dispensed.
		let received = SupplyChain::receive(RuntimeOrigin::signed(PHARMACY), 1).expect("received");
		let grandchild = crate::NextBatchId::<Test>::get() - 1;
		assert_eq!(received.actual_weight, Some(<() as WeightInfo>::receive(2)));
		let dispensed = SupplyChain::dispense(RuntimeOrigin::signed(PHARMACY), grandchild, 1)
			.expect("dispensed");
		assert_eq!(dispensed.actual_weight, Some(<() as WeightInfo>::dispense(2) - read(1)));
		// A hospital is the last kind of both lists: the benchmarked case, nothing refunded.
		let to_hospital =
			SupplyChain::ship(RuntimeOrigin::signed(PHARMACY), grandchild, HOSPITAL, 1)
				.expect("shipped");
		assert_eq!(to_hospital.actual_weight, Some(<() as WeightInfo>::ship(2)));
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
		assert_noop!(
			SupplyChain::receive(RuntimeOrigin::signed(WHOLESALER), 0),
			Error::<Test>::UnknownShipment
		);
		assert_ok!(SupplyChain::ship(RuntimeOrigin::signed(MAKER), root, WHOLESALER, 10));
		assert_noop!(
			SupplyChain::receive(RuntimeOrigin::signed(PHARMACY), 0),
			Error::<Test>::NotAddressee
		);
		assert_ok!(SupplyChain::receive(RuntimeOrigin::signed(WHOLESALER), 0));
		assert_noop!(
			SupplyChain::receive(RuntimeOrigin::signed(WHOLESALER), 0),
			Error::<Test>::AlreadyReceived
		);
	});
}

#[test]
fn dispense_and_destroy_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let pharmacy_batch = ship_and_receive(MAKER, root, PHARMACY, 10);
		assert_noop!(
			SupplyChain::dispense(RuntimeOrigin::signed(MAKER), root, 1),
			Error::<Test>::NotDispenser
		);
		assert_noop!(
			SupplyChain::dispense(RuntimeOrigin::signed(HOSPITAL), pharmacy_batch, 1),
			Error::<Test>::NotCustodian
		);
		assert_noop!(
			SupplyChain::dispense(RuntimeOrigin::signed(PHARMACY), pharmacy_batch, 0),
			Error::<Test>::ZeroQuantity
		);
		assert_noop!(
			SupplyChain::dispense(RuntimeOrigin::signed(PHARMACY), pharmacy_batch, 11),
			Error::<Test>::InsufficientQuantity
		);
		assert_noop!(
			SupplyChain::dispense(RuntimeOrigin::signed(PHARMACY), 9, 1),
			Error::<Test>::UnknownBatch
		);
		assert_noop!(
			SupplyChain::destroy(RuntimeOrigin::signed(MAKER), pharmacy_batch, 1),
			Error::<Test>::NotCustodian
		);
		assert_noop!(
			SupplyChain::destroy(RuntimeOrigin::signed(PHARMACY), pharmacy_batch, 0),
			Error::<Test>::ZeroQuantity
		);
		assert_noop!(
			SupplyChain::destroy(RuntimeOrigin::signed(PHARMACY), pharmacy_batch, 11),
			Error::<Test>::InsufficientQuantity
		);
		Now::set(START + YEAR);
		assert_noop!(
			SupplyChain::dispense(RuntimeOrigin::signed(PHARMACY), pharmacy_batch, 1),
			Error::<Test>::BatchExpired
		);
		// Expired stock can still be destroyed.
		assert_ok!(SupplyChain::destroy(RuntimeOrigin::signed(PHARMACY), pharmacy_batch, 10));
	});
}
