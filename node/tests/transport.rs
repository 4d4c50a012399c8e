//! Bad transport input: malformed extrinsics and junk JSON-RPC are each refused with an error,
//! and the node keeps producing blocks.

mod common;

use std::time::Duration;

use common::{scratch_dir, Node};
use serde_json::{json, Value};

fn error_of(reply: &Value) -> String {
	reply
		.get("error")
		.unwrap_or_else(|| panic!("expected an error, got {reply}"))
		.to_string()
}

#[test]
fn junk_is_refused_and_blocks_keep_coming() {
	let dir = scratch_dir("transport");
	let mut node = Node::start(&["--dev", "--tmp"], &dir.join("node.log"));
	node.wait_for(Duration::from_secs(120), "a first block", |best, _| best >= 1);
	let (best_before, _) = node.heights().expect("heights");

	// Malformed extrinsics: not hex, empty, truncated, a valid length prefix with junk, an
	// unsigned call that needs a signature, and a signed-looking one with a bogus signature.
	let bad_extrinsics = [
		"not hex at all",
		"0x",
		"0x04",
		"0x2804deadbeefdeadbeef",
		// Length 12, version 4 unsigned, call Balances(5).transfer_keep_alive(3) to a zero id.
		"0x30040503000000000000000000",
		&format!("0x{}", "ff".repeat(4096)),
	];
	for xt in bad_extrinsics {
		let reply = node
			.rpc_reply("author_submitExtrinsic", json!([xt]))
			.unwrap_or_else(|| panic!("no reply to a malformed extrinsic {xt:.40}"));
		let error = error_of(&reply);
		assert!(!error.is_empty(), "{xt:.40} refused with a reason");
	}

	// Junk JSON-RPC: not JSON, not an object, unknown method, wrong parameters, an empty batch.
	for junk in ["{not json", "42", "[]", "{\"jsonrpc\":\"2.0\"}"] {
		let (status, body) = node.post(junk).expect("an HTTP reply");
		assert!(
			body.contains("\"error\"") || !status.contains("200"),
			"junk `{junk}` was not refused (status {status}, body {body})"
		);
	}
	for (method, params) in [
		("no_suchMethod", json!([])),
		("chain_getBlockHash", json!(["not a number"])),
		("state_getStorage", json!(["0xzz"])),
		("author_submitExtrinsic", json!([])),
		("state_call", json!(["Core_version", "0x", "0x00"])),
	] {
		let reply = node.rpc_reply(method, params).expect("a reply");
		error_of(&reply);
	}

	// The node is still alive and producing blocks.
	assert!(!node.exited(), "the node survived the junk");
	node.wait_for(Duration::from_secs(60), "two more blocks", |best, _| best >= best_before + 2);
}
