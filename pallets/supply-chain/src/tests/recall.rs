use super::*;
use crate::{Batches, Error, Flags};

#[test]
fn a_recall_at_the_root_reaches_every_split_at_any_depth() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let wholesale = ship_and_receive(MAKER, root, WHOLESALER, 100);
		let pharmacy = ship_and_receive(WHOLESALER, wholesale, PHARMACY, 30);
		// In transit when the recall comes.
		assert_ok!(ship(WHOLESALER, wholesale, HOSPITAL, 10));
		let in_transit_shipment = crate::NextShipmentId::<Test>::get() - 1;

		assert_ok!(SupplyChain::recall(RuntimeOrigin::signed(MAKER), root, H256::repeat_byte(9)));
		last_event_is(Event::Recalled {
			batch_id: root,
			reason_hash: H256::repeat_byte(9),
			by: MAKER,
			at: START,
		});
		let batch = Batches::<Test>::get(pharmacy).expect("stored");
		assert!(SupplyChain::is_recalled(&batch), "a split two levels down is recalled");
		assert_noop!(dispense(PHARMACY, pharmacy, 1), Error::<Test>::BatchIsRecalled);
		assert_noop!(ship(WHOLESALER, wholesale, PHARMACY, 1), Error::<Test>::BatchIsRecalled);
		assert_noop!(receive(HOSPITAL, in_transit_shipment), Error::<Test>::BatchIsRecalled);
		// Recalled stock may be destroyed.
		assert_ok!(destroy(PHARMACY, pharmacy, 30));
		assert_eq!(Flags::<Test>::get(root).recalls, 1);
	});
}

#[test]
fn a_regulator_recalls_a_single_split_and_siblings_are_untouched() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let first = ship_and_receive(MAKER, root, PHARMACY, 10);
		let second = ship_and_receive(MAKER, root, HOSPITAL, 10);
		assert_ok!(recall(REGULATOR, first));
		assert_ok!(dispense(HOSPITAL, second, 1));
		assert_noop!(dispense(PHARMACY, first, 1), Error::<Test>::BatchIsRecalled);
	});
}

#[test]
fn recall_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(recall(MAKER, 0), Error::<Test>::UnknownBatch);
		let root = commission();
		for who in [OTHER_MAKER, WHOLESALER, STRANGER] {
			assert_noop!(recall(who, root), Error::<Test>::NotRecaller);
		}
		// A manufacturer that lost its licence keeps no authority over its lots.
		set_credential(MAKER, carechain_primitives::CredentialKind::Manufacturer, false);
		assert_noop!(recall(MAKER, root), Error::<Test>::NotRecaller);
		set_credential(MAKER, carechain_primitives::CredentialKind::Manufacturer, true);
		assert_ok!(recall(MAKER, root));
		assert_noop!(recall(REGULATOR, root), Error::<Test>::AlreadyRecalled);
	});
}

#[test]
fn quarantine_stops_movement_until_release() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let pharmacy = ship_and_receive(MAKER, root, PHARMACY, 10);
		assert_ok!(quarantine(PHARMACY, pharmacy));
		assert_eq!(crate::QuarantinedBy::<Test>::get(pharmacy), Some(PHARMACY));
		last_event_is(Event::Quarantined { batch_id: pharmacy, by: PHARMACY, at: START });
		assert_noop!(dispense(PHARMACY, pharmacy, 1), Error::<Test>::BatchIsQuarantined);
		assert_noop!(quarantine(REGULATOR, pharmacy), Error::<Test>::AlreadyQuarantined);
		assert_ok!(release(PHARMACY, pharmacy));
		last_event_is(Event::Released { batch_id: pharmacy, by: PHARMACY, at: START });
		assert!(!crate::QuarantinedBy::<Test>::contains_key(pharmacy));
		assert_noop!(release(REGULATOR, pharmacy), Error::<Test>::BatchNotQuarantined);
		assert_ok!(dispense(PHARMACY, pharmacy, 1));
		// Quarantined in transit: cannot be received.
		assert_ok!(ship(MAKER, root, HOSPITAL, 5));
		let child = crate::NextBatchId::<Test>::get() - 1;
		let shipment = crate::NextShipmentId::<Test>::get() - 1;
		assert_ok!(quarantine(REGULATOR, child));
		assert_noop!(receive(HOSPITAL, shipment), Error::<Test>::BatchIsQuarantined);
	});
}

#[test]
fn quarantine_authority_is_checked() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(quarantine(MAKER, 0), Error::<Test>::UnknownBatch);
		assert_noop!(release(REGULATOR, 0), Error::<Test>::UnknownBatch);
		let root = commission();
		for who in [STRANGER, WHOLESALER, OTHER_MAKER] {
			assert_noop!(quarantine(who, root), Error::<Test>::NotQuarantineAuthority);
		}
		assert_noop!(release(MAKER, root), Error::<Test>::BatchNotQuarantined);
		assert_ok!(quarantine(REGULATOR, root));
		for who in [STRANGER, WHOLESALER, OTHER_MAKER] {
			assert_noop!(release(who, root), Error::<Test>::NotQuarantineAuthority);
		}
	});
}

#[test]
fn only_whoever_quarantined_or_a_regulator_releases() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let pharmacy = ship_and_receive(MAKER, root, PHARMACY, 10);
		// The manufacturer quarantines the pharmacy's stock: the suspect custodian cannot
		// lift it, nor can the manufacturer's own custodianship of the root count for it.
		assert_ok!(quarantine(MAKER, pharmacy));
		assert_noop!(release(PHARMACY, pharmacy), Error::<Test>::NotQuarantineAuthority);
		assert_ok!(release(MAKER, pharmacy));
		// A regulator's quarantine: neither custodian nor manufacturer may lift it.
		assert_ok!(quarantine(REGULATOR, pharmacy));
		for who in [PHARMACY, MAKER] {
			assert_noop!(release(who, pharmacy), Error::<Test>::NotQuarantineAuthority);
		}
		// Any valid regulator may release, not only the one that quarantined.
		set_credential(STRANGER, carechain_primitives::CredentialKind::Regulator, true);
		assert_ok!(release(STRANGER, pharmacy));
		// A regulator that lost its licence cannot.
		assert_ok!(quarantine(REGULATOR, pharmacy));
		set_credential(REGULATOR, carechain_primitives::CredentialKind::Regulator, false);
		assert_noop!(release(REGULATOR, pharmacy), Error::<Test>::NotQuarantineAuthority);
	});
}

#[test]
fn a_quarantine_stops_every_split_of_the_quarantined_batch() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let wholesale = ship_and_receive(MAKER, root, WHOLESALER, 60);
		let pharmacy = ship_and_receive(WHOLESALER, wholesale, PHARMACY, 20);
		assert_ok!(ship(WHOLESALER, wholesale, HOSPITAL, 10));
		let in_transit_shipment = crate::NextShipmentId::<Test>::get() - 1;
		let sibling = ship_and_receive(MAKER, root, HOSPITAL, 10);

		assert_ok!(quarantine(REGULATOR, wholesale));
		assert_noop!(dispense(PHARMACY, pharmacy, 1), Error::<Test>::BatchIsQuarantined);
		assert_noop!(ship(PHARMACY, pharmacy, HOSPITAL, 1), Error::<Test>::BatchIsQuarantined);
		assert_noop!(receive(HOSPITAL, in_transit_shipment), Error::<Test>::BatchIsQuarantined);
		// A batch not split from the quarantined one moves.
		assert_ok!(dispense(HOSPITAL, sibling, 1));
		// A recall above a quarantine is reported as the recall.
		assert_ok!(recall(MAKER, root));
		assert_noop!(dispense(PHARMACY, pharmacy, 1), Error::<Test>::BatchIsRecalled);
		assert_ok!(release(REGULATOR, wholesale));
		let batch = Batches::<Test>::get(pharmacy).expect("stored");
		assert_eq!(
			SupplyChain::hold_of(&batch),
			crate::Hold { recalled: true, quarantined: false }
		);
	});
}

#[test]
fn a_manufacturer_without_a_licence_cannot_quarantine_or_release_a_partners_stock() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let pharmacy = ship_and_receive(MAKER, root, PHARMACY, 10);
		let hospital = ship_and_receive(MAKER, root, HOSPITAL, 10);
		assert_ok!(quarantine(MAKER, pharmacy));
		set_credential(MAKER, carechain_primitives::CredentialKind::Manufacturer, false);
		// The quarantine it placed stays; it can neither lift it nor place another.
		assert_noop!(release(MAKER, pharmacy), Error::<Test>::NotQuarantineAuthority);
		assert_noop!(quarantine(MAKER, hospital), Error::<Test>::NotQuarantineAuthority);
		assert_ok!(release(REGULATOR, pharmacy));
	});
}
