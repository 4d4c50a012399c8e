//! A `--dev` node started as a process produces and finalises blocks and answers RPC; bad
//! command lines fail with a message that says what to do.

mod common;

use std::{process::Command, time::Duration};

use common::{node_binary, scratch_dir, Node};
use serde_json::json;

#[test]
fn dev_node_produces_and_finalises_blocks() {
	let dir = scratch_dir("dev_node");
	let mut node = Node::start(&["--dev", "--tmp"], &dir.join("node.log"));

	node.wait_for(Duration::from_secs(180), "best block 3 and a finalised block", |best, fin| {
		best >= 3 && fin >= 1
	});

	let chain = node.rpc("system_chain", json!([])).expect("system_chain answers");
	assert_eq!(chain, "Carechain Development");
	let version = node.rpc("state_getRuntimeVersion", json!([])).expect("runtime version");
	assert_eq!(version["specName"], "carechain");
	let properties = node.rpc("system_properties", json!([])).expect("properties");
	assert_eq!(properties["tokenSymbol"], "CARE");
	// The node's own RPC extensions are mounted.
	let methods = node.rpc("rpc_methods", json!([])).expect("rpc_methods");
	let methods: Vec<_> = methods["methods"].as_array().expect("a list").iter().collect();
	assert!(methods.iter().any(|m| *m == "system_accountNextIndex"));
	assert!(methods.iter().any(|m| *m == "payment_queryInfo"));

	let log = std::fs::read_to_string(dir.join("node.log")).unwrap_or_default();
	assert!(log.contains("ParityDb"), "the node stores its state in ParityDB:\n{log}");
}

#[test]
fn unknown_chain_lists_the_valid_ones() {
	let output = Command::new(node_binary())
		.args(["build-spec", "--chain", "mainnet"])
		.output()
		.expect("the node runs");
	assert!(!output.status.success());
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(
		stderr.contains("unknown chain `mainnet`")
			&& stderr.contains("dev, local, testnet, benchmark"),
		"unexpected error: {stderr}"
	);
}

#[test]
fn every_built_in_chain_has_a_spec() {
	for chain in ["dev", "local", "testnet", "benchmark"] {
		let output = Command::new(node_binary())
			.args(["build-spec", "--chain", chain, "--raw", "--disable-default-bootnode"])
			.output()
			.expect("the node runs");
		assert!(output.status.success(), "{chain}: {}", String::from_utf8_lossy(&output.stderr));
		let spec: serde_json::Value =
			serde_json::from_slice(&output.stdout).expect("a JSON chain spec");
		assert!(spec["genesis"]["raw"]["top"].is_object(), "{chain} has raw genesis storage");
	}
}
