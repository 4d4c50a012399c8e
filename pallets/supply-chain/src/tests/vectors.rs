//! The serial-number tree's shared test vector (`test-vectors/serials.json`): the same file is
//! checked by the TypeScript client (`apps/test/vectors.test.ts`), so a pack proof built by an app
//! is the proof this pallet accepts.

use frame::hashing::{BlakeTwo256, H256};
use serde_json::Value;

fn h256(value: &Value) -> H256 {
	serde_json::from_value(value.clone()).expect("a 0x-hex hash")
}

#[test]
fn serial_trees_match_the_shared_vector() {
	let file: Value = serde_json::from_str(include_str!("../../test-vectors/serials.json"))
		.expect("the vector file is JSON");
	let cases = file["cases"].as_array().expect("cases");
	assert!(cases.len() >= 5, "the vector covers several tree shapes");
	for case in cases {
		let serials: Vec<&str> = case["serials"]
			.as_array()
			.expect("serials")
			.iter()
			.map(|s| s.as_str().expect("a serial is a string"))
			.collect();
		let root =
			binary_merkle_tree::merkle_root::<BlakeTwo256, _>(serials.iter().map(|s| s.as_bytes()));
		assert_eq!(root, h256(&case["root"]), "root of {serials:?}");
		let proofs = case["proofs"].as_array().expect("proofs");
		assert_eq!(proofs.len(), serials.len());
		for (index, (serial, expected)) in serials.iter().zip(proofs).enumerate() {
			let proof = binary_merkle_tree::merkle_proof::<BlakeTwo256, _, _>(
				serials.iter().map(|s| s.as_bytes()),
				index as u32,
			);
			let items: Vec<H256> =
				expected["items"].as_array().expect("items").iter().map(h256).collect();
			assert_eq!(proof.proof, items, "proof of {serial} in {serials:?}");
			assert_eq!(u64::from(proof.leaf_index), expected["leafIndex"].as_u64().expect("index"));
			assert_eq!(
				u64::from(proof.number_of_leaves),
				expected["numberOfLeaves"].as_u64().expect("leaves")
			);
			// And the pallet's own check accepts it.
			assert!(binary_merkle_tree::verify_proof::<BlakeTwo256, _, _>(
				&root,
				items,
				proof.number_of_leaves,
				proof.leaf_index,
				binary_merkle_tree::Leaf::Value(serial.as_bytes()),
			));
		}
	}
}
