//! The serial-number tree's shared test vector (`test-vectors/serials.json`): the same file is
//! checked by the TypeScript client (`apps/test/vectors.test.ts`), so a pack proof built by an app
//! is the proof this pallet accepts, and a forgery refused here is refused there.

use crate::{is_serial_of, serial_leaf};
use carechain_primitives::SerialProof;
use frame::hashing::{BlakeTwo256, H256};
use serde_json::Value;

fn h256(value: &Value) -> H256 {
	serde_json::from_value(value.clone()).expect("a 0x-hex hash")
}

fn proof_of(value: &Value) -> SerialProof {
	SerialProof {
		leaf_index: value["leafIndex"].as_u64().expect("leafIndex") as u32,
		number_of_leaves: value["numberOfLeaves"].as_u64().expect("numberOfLeaves") as u32,
		items: value["items"].as_array().expect("items").iter().map(h256).collect(),
	}
}

fn vector() -> Value {
	serde_json::from_str(include_str!("../../test-vectors/serials.json"))
		.expect("the vector file is JSON")
}

#[test]
fn serial_trees_match_the_shared_vector() {
	let file = vector();
	let cases = file["cases"].as_array().expect("cases");
	assert!(cases.len() >= 5, "the vector covers several tree shapes");
	for case in cases {
		let serials: Vec<&str> = case["serials"]
			.as_array()
			.expect("serials")
			.iter()
			.map(|s| s.as_str().expect("a serial is a string"))
			.collect();
		let leaves: Vec<Vec<u8>> = serials.iter().map(|s| serial_leaf(s.as_bytes())).collect();
		let root = binary_merkle_tree::merkle_root::<BlakeTwo256, _>(leaves.iter());
		assert_eq!(root, h256(&case["root"]), "root of {serials:?}");
		let proofs = case["proofs"].as_array().expect("proofs");
		assert_eq!(proofs.len(), serials.len());
		for (index, (serial, expected)) in serials.iter().zip(proofs).enumerate() {
			let proof =
				binary_merkle_tree::merkle_proof::<BlakeTwo256, _, _>(leaves.iter(), index as u32);
			let expected = proof_of(expected);
			assert_eq!(proof.proof, expected.items, "proof of {serial} in {serials:?}");
			assert_eq!(proof.leaf_index, expected.leaf_index);
			assert_eq!(proof.number_of_leaves, expected.number_of_leaves);
			// And the pallet's own check accepts it, for a lot of exactly these units.
			let quantity = serials.len() as u32;
			assert!(is_serial_of(&root, quantity, serial.as_bytes(), expected), "{serial}");
		}
	}
}

#[test]
fn the_shared_forgeries_are_refused() {
	let file = vector();
	let cases = file["cases"].as_array().expect("cases");
	let forgeries = file["forgeries"].as_array().expect("forgeries");
	assert!(forgeries.len() >= 3, "the vector lists the known forgeries");
	for forgery in forgeries {
		let root = h256(&forgery["root"]);
		let serial = hex_bytes(forgery["serialHex"].as_str().expect("serialHex"));
		let proof = proof_of(&forgery["proof"]);
		// The lot's true size when the forgery targets one of the cases' trees; otherwise the
		// most the attacker can hope for, the size the proof claims.
		let quantity = cases
			.iter()
			.find(|case| h256(&case["root"]) == root)
			.map(|case| case["serials"].as_array().expect("serials").len() as u32)
			.unwrap_or(proof.number_of_leaves);
		assert!(!is_serial_of(&root, quantity, &serial, proof), "{}", forgery["why"]);
	}
}

fn hex_bytes(text: &str) -> Vec<u8> {
	let digits = text.strip_prefix("0x").expect("0x-prefixed hex");
	(0..digits.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&digits[i..i + 2], 16).expect("hex digits"))
		.collect()
}
