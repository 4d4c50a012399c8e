use super::*;
use carechain_primitives::{UnitStatus, UnitVerification};

fn verify(lot_text: &str, serial_index: u32) -> UnitVerification {
	let serial = serials()[serial_index as usize].clone();
	SupplyChain::verify_unit(GTIN, lot_text.as_bytes().to_vec(), serial, proof(serial_index))
}

#[test]
fn an_authentic_pack_verifies_from_any_split() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		for index in 0..5 {
			assert_eq!(
				verify("LOT1", index),
				UnitVerification::Authentic(UnitStatus {
					batch_id: root,
					expires_on: START + YEAR
				})
			);
		}
	});
}

#[test]
fn unknown_lots_and_forged_proofs_are_told_apart() {
	ExtBuilder::default().build_and_execute(|| {
		commission();
		assert_eq!(verify("LOT2", 0), UnitVerification::Unknown);
		assert_eq!(
			SupplyChain::verify_unit(GTIN, vec![b'x'; 40], b"SN00000".to_vec(), proof(0)),
			UnitVerification::Unknown
		);
		// A serial that is not in the lot, with another serial's proof.
		assert_eq!(
			SupplyChain::verify_unit(GTIN, b"LOT1".to_vec(), b"SN99999".to_vec(), proof(0)),
			UnitVerification::InvalidProof
		);
		let mut forged = proof(1);
		forged.items[0] = H256::repeat_byte(0xff);
		assert_eq!(
			SupplyChain::verify_unit(GTIN, b"LOT1".to_vec(), serials()[1].clone(), forged),
			UnitVerification::InvalidProof
		);
		let mut out_of_range = proof(1);
		out_of_range.leaf_index = 9;
		assert_eq!(
			SupplyChain::verify_unit(GTIN, b"LOT1".to_vec(), serials()[1].clone(), out_of_range),
			UnitVerification::InvalidProof
		);
	});
}

#[test]
fn recalled_quarantined_and_expired_lots_are_reported() {
	ExtBuilder::default().build_and_execute(|| {
		let root = commission();
		let pharmacy = ship_and_receive(MAKER, root, PHARMACY, 10);
		assert_ok!(SupplyChain::quarantine(RuntimeOrigin::signed(PHARMACY), pharmacy));
		assert_eq!(verify("LOT1", 0), UnitVerification::Quarantined);
		assert_ok!(SupplyChain::release(RuntimeOrigin::signed(PHARMACY), pharmacy));
		Now::set(START + YEAR);
		assert_eq!(verify("LOT1", 0), UnitVerification::Expired);
		assert_ok!(SupplyChain::recall(RuntimeOrigin::signed(MAKER), root, H256::zero()));
		assert_eq!(verify("LOT1", 0), UnitVerification::Recalled);
	});
}
