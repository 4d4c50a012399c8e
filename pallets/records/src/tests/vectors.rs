//! The content-hash recipe's shared test vector (`test-vectors/content-hash.json`), also checked
//! by the TypeScript client (`apps/test/vectors.test.ts`): apps and auditors hash alike.

use frame::{
	deps::sp_core::Bytes,
	hashing::{blake2_256, H256},
};
use serde_json::Value;

#[test]
fn content_hashes_match_the_shared_vector() {
	let file: Value = serde_json::from_str(include_str!("../../test-vectors/content-hash.json"))
		.expect("the vector file is JSON");
	let cases = file["cases"].as_array().expect("cases");
	assert!(!cases.is_empty());
	for case in cases {
		let salt: Bytes = serde_json::from_value(case["salt"].clone()).expect("hex salt");
		let bytes: Bytes = serde_json::from_value(case["bytes"].clone()).expect("hex bytes");
		let expected: H256 = serde_json::from_value(case["contentHash"].clone()).expect("hash");
		assert_eq!(salt.len(), 32, "salts are 32 bytes");
		let hashed = blake2_256(&[salt.0, bytes.0].concat());
		assert_eq!(H256(hashed), expected);
	}
}
