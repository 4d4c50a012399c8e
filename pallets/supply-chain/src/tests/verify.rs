use super::*;
use carechain_primitives::{SerialProof, UnitStatus, UnitVerification};
use frame::{hashing::blake2_256, traits::BlakeTwo256};

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
		assert_ok!(quarantine(PHARMACY, pharmacy));
		assert_eq!(verify("LOT1", 0), UnitVerification::Quarantined);
		assert_ok!(release(PHARMACY, pharmacy));
		Now::set(START + YEAR);
		assert_eq!(verify("LOT1", 0), UnitVerification::Expired);
		assert_ok!(recall(MAKER, root));
		assert_eq!(verify("LOT1", 0), UnitVerification::Recalled);
	});
}

/// Commissions lot "PAIR" of two units whose serials are `A1` and `B2`; returns the two leaf
/// hashes, the children of the lot's root.
fn commission_pair() -> (H256, H256) {
	commission();
	let leaves = [crate::serial_leaf(b"A1"), crate::serial_leaf(b"B2")];
	let root = binary_merkle_tree::merkle_root::<BlakeTwo256, _>(leaves.iter());
	assert_ok!(commission_batch(MAKER, "PAIR", START + YEAR, 2, root));
	(H256(blake2_256(&leaves[0])), H256(blake2_256(&leaves[1])))
}

fn verify_pair(
	serial: Vec<u8>,
	leaf_index: u32,
	number_of_leaves: u32,
	items: Vec<H256>,
) -> UnitVerification {
	SupplyChain::verify_unit(
		GTIN,
		b"PAIR".to_vec(),
		serial,
		SerialProof { leaf_index, number_of_leaves, items },
	)
}

#[test]
fn the_root_children_presented_as_a_serial_do_not_verify() {
	ExtBuilder::default().build_and_execute(|| {
		let (left, right) = commission_pair();
		// The attack: a 64-byte "serial" made of the root's two children, as a one-leaf tree.
		let forged: Vec<u8> = left.0.iter().chain(right.0.iter()).copied().collect();
		assert_eq!(verify_pair(forged.clone(), 0, 1, vec![]), UnitVerification::InvalidProof);
		// With the lot's true leaf count it fails too (wrong proof length, and no such leaf).
		assert_eq!(verify_pair(forged, 0, 2, vec![]), UnitVerification::InvalidProof);
		// The genuine packs verify.
		assert!(matches!(
			verify_pair(b"A1".to_vec(), 0, 2, vec![right]),
			UnitVerification::Authentic(_)
		));
		assert!(matches!(
			verify_pair(b"B2".to_vec(), 1, 2, vec![left]),
			UnitVerification::Authentic(_)
		));
	});
}

#[test]
fn a_proof_must_have_the_lots_shape() {
	ExtBuilder::default().build_and_execute(|| {
		let (left, right) = commission_pair();
		// Another leaf count than the commissioned quantity.
		assert_eq!(verify_pair(b"A1".to_vec(), 0, 3, vec![right]), UnitVerification::InvalidProof);
		// A sibling too many, or one too few.
		assert_eq!(
			verify_pair(b"A1".to_vec(), 0, 2, vec![right, left]),
			UnitVerification::InvalidProof
		);
		assert_eq!(verify_pair(b"A1".to_vec(), 0, 2, vec![]), UnitVerification::InvalidProof);
		// The 100-unit lot: a genuine proof with its leaf count changed.
		let mut miscounted = proof(3);
		miscounted.number_of_leaves = LOT_QUANTITY + 1;
		assert_eq!(
			SupplyChain::verify_unit(GTIN, b"LOT1".to_vec(), serials()[3].clone(), miscounted),
			UnitVerification::InvalidProof
		);
	});
}

#[test]
fn only_gs1_serials_verify() {
	ExtBuilder::default().build_and_execute(|| {
		commission();
		// Not GS1 AI 21 serials: empty, 21 characters, a space, a non-ASCII byte. Each is given a
		// tree of its own that the pallet would otherwise accept, so only the serial rule refuses.
		for serial in [b"".to_vec(), vec![b'A'; 21], b"SN 1".to_vec(), vec![0xc3, 0xa9]] {
			let leaf = crate::serial_leaf(&serial);
			let root = binary_merkle_tree::merkle_root::<BlakeTwo256, _>([leaf.clone()]);
			let lot_text = alloc::format!("BAD{}", serial.len());
			assert_ok!(commission_batch(MAKER, &lot_text, START + YEAR, 1, root));
			assert_eq!(
				SupplyChain::verify_unit(
					GTIN,
					lot_text.into_bytes(),
					serial,
					SerialProof { leaf_index: 0, number_of_leaves: 1, items: vec![] }
				),
				UnitVerification::InvalidProof
			);
		}
		assert!(crate::is_valid_serial(b"ABCDEFGHIJ0123456789"));
		assert!(crate::is_valid_serial(b"!\"%&'()*+,-./:;<=>?_"));
	});
}

#[test]
fn proof_lengths_are_those_the_tree_gives() {
	// Every leaf of trees of 1 to 40 leaves: the length `proof_len` predicts is the length
	// `merkle_proof` produces.
	for leaves in 1..=40u32 {
		let values: Vec<Vec<u8>> =
			(0..leaves).map(|n| crate::serial_leaf(&n.to_be_bytes())).collect();
		for index in 0..leaves {
			let proof = binary_merkle_tree::merkle_proof::<BlakeTwo256, _, _>(values.iter(), index);
			assert_eq!(
				crate::proof_len(index, leaves),
				Some(proof.proof.len()),
				"{index} of {leaves}"
			);
		}
		assert_eq!(crate::proof_len(leaves, leaves), None);
	}
}
