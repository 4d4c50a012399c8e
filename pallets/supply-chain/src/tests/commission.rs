use super::*;
use crate::{Batch, Error, Lots, Products};

#[test]
fn a_manufacturer_registers_a_product_and_commissions_a_batch() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(SupplyChain::register_product(
			RuntimeOrigin::signed(MAKER),
			GTIN,
			H256::repeat_byte(1)
		));
		last_event_is(Event::ProductRegistered { gtin: GTIN, manufacturer: MAKER });
		assert_eq!(Products::<Test>::get(GTIN).map(|p| p.manufacturer), Some(MAKER));

		assert_ok!(commission_batch(MAKER, "LOT1", START + YEAR, 100, serials_root()));
		last_event_is(Event::BatchCommissioned {
			batch_id: 0,
			gtin: GTIN,
			lot: lot("LOT1"),
			quantity: 100,
			expires_on: START + YEAR,
			manufacturer: MAKER,
			at: START,
		});
		assert_eq!(Lots::<Test>::get(GTIN, lot("LOT1")), Some((0, serials_root())));
		let batch: Batch<u64> = crate::Batches::<Test>::get(0).expect("stored");
		assert_eq!((batch.held, batch.custodian, batch.root, batch.depth), (100, MAKER, 0, 0));
	});
}

#[test]
fn register_product_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(register_product(MAKER, *b"00012345678904"), Error::<Test>::InvalidGtin);
		assert_noop!(register_product(WHOLESALER, GTIN), Error::<Test>::NotManufacturer);
		assert_ok!(register_product(MAKER, GTIN));
		assert_noop!(register_product(OTHER_MAKER, GTIN), Error::<Test>::ProductAlreadyRegistered);
	});
}

#[test]
fn commission_batch_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let commission = |who, lot_text: &str, expires_on, quantity| {
			commission_batch(who, lot_text, expires_on, quantity, serials_root())
		};
		assert_noop!(commission(MAKER, "L1", START + YEAR, 10), Error::<Test>::UnknownProduct);
		assert_ok!(register_product(MAKER, GTIN));
		assert_noop!(
			commission(OTHER_MAKER, "L1", START + YEAR, 10),
			Error::<Test>::NotProductManufacturer
		);
		assert_noop!(commission(MAKER, "L 1", START + YEAR, 10), Error::<Test>::InvalidLot);
		assert_noop!(commission(MAKER, "L1", START + YEAR, 0), Error::<Test>::ZeroQuantity);
		assert_noop!(commission(MAKER, "L1", START, 10), Error::<Test>::ExpiryNotInFuture);
		assert_ok!(commission(MAKER, "L1", START + YEAR, 10));
		assert_noop!(
			commission(MAKER, "L1", START + YEAR, 10),
			Error::<Test>::LotAlreadyCommissioned
		);
		set_credential(MAKER, CredentialKind::Manufacturer, false);
		assert_noop!(commission(MAKER, "L2", START + YEAR, 10), Error::<Test>::NotManufacturer);
	});
}

#[test]
fn exhausted_batch_ids_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register_product(MAKER, GTIN));
		crate::NextBatchId::<Test>::put(u64::MAX);
		assert_noop!(
			commission_batch(MAKER, "L1", START + YEAR, 1, serials_root()),
			Error::<Test>::IdOverflow
		);
	});
}
