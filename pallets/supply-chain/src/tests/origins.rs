//! The origin matrix: every call tried with no origin and Root (never allowed here), a
//! stranger, and the wrong role; each refused with nothing changed.

use super::*;
use crate::Error;
use frame::testing_prelude::BadOrigin;

#[test]
fn every_call_refuses_no_origin_and_root() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		assert_ok!(ship(MAKER, root, WHOLESALER, 1));
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				SupplyChain::register_product(origin.clone(), GTIN, H256::zero()),
				BadOrigin
			);
			assert_noop!(
				SupplyChain::commission_batch(
					origin.clone(),
					GTIN,
					lot("X"),
					START + YEAR,
					1,
					H256::zero()
				),
				BadOrigin
			);
			assert_noop!(SupplyChain::ship(origin.clone(), root, WHOLESALER, 1), BadOrigin);
			assert_noop!(SupplyChain::receive(origin.clone(), 0), BadOrigin);
			assert_noop!(SupplyChain::dispense(origin.clone(), root, 1), BadOrigin);
			assert_noop!(SupplyChain::recall(origin.clone(), root, H256::zero()), BadOrigin);
			assert_noop!(SupplyChain::quarantine(origin.clone(), root), BadOrigin);
			assert_noop!(SupplyChain::release(origin.clone(), root), BadOrigin);
			assert_noop!(SupplyChain::destroy(origin.clone(), root, 1), BadOrigin);
			assert_noop!(SupplyChain::return_shipment(origin, 0), BadOrigin);
		}
	});
}

#[test]
fn strangers_and_wrong_roles_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		assert_ok!(ship(MAKER, root, WHOLESALER, 1));
		assert_noop!(
			register_product(STRANGER, *b"10614141000415"),
			Error::<Test>::NotManufacturer
		);
		// A regulator is not the product's manufacturer.
		assert_noop!(
			commission_batch(REGULATOR, "X", START + YEAR, 1, H256::zero()),
			Error::<Test>::NotProductManufacturer
		);
		assert_noop!(ship(STRANGER, root, WHOLESALER, 1), Error::<Test>::NotCustodian);
		assert_noop!(dispense(STRANGER, root, 1), Error::<Test>::NotCustodian);
		assert_noop!(destroy(STRANGER, root, 1), Error::<Test>::NotCustodian);
		assert_noop!(recall(STRANGER, root), Error::<Test>::NotRecaller);
		assert_noop!(quarantine(STRANGER, root), Error::<Test>::NotQuarantineAuthority);
		assert_noop!(return_shipment(STRANGER, 0), Error::<Test>::NotShipmentParty);
	});
}
