//! The commitment recipe's shared test vector (`test-vectors/commitment.json`), also checked by
//! the TypeScript client (`apps/test/vectors.test.ts`, which also canonicalises the resource).

use frame::{
	deps::sp_core::Bytes,
	hashing::{blake2_256, H256},
};
use serde_json::Value;

#[test]
fn commitments_match_the_shared_vector() {
	let file: Value = serde_json::from_str(include_str!("../../test-vectors/commitment.json"))
		.expect("the vector file is JSON");
	let cases = file["cases"].as_array().expect("cases");
	assert!(!cases.is_empty());
	for case in cases {
		let salt: Bytes = serde_json::from_value(case["salt"].clone()).expect("hex salt");
		let canonical = case["canonical"].as_str().expect("the canonical JSON");
		let expected: H256 = serde_json::from_value(case["commitment"].clone()).expect("hash");
		assert_eq!(salt.len(), 32, "salts are 32 bytes");
		let hashed = blake2_256(&[salt.0.as_slice(), canonical.as_bytes()].concat());
		assert_eq!(H256(hashed), expected);
	}
}
