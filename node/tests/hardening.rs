//! Node hardening defaults: RPC on loopback unless asked, unsafe RPC methods refused on public
//! interfaces, and no live chain on the public development keys.

mod common;

use std::process::Command;

use common::{node_binary, scratch_dir, Node};
use serde_json::{json, Value};

/// The local addresses the process listens on for `port`, from /proc/net/tcp and tcp6.
fn listening_addresses(port: u16) -> Vec<String> {
	let mut found = Vec::new();
	for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
		let Ok(text) = std::fs::read_to_string(table) else { continue };
		for line in text.lines().skip(1) {
			let fields: Vec<&str> = line.split_whitespace().collect();
			// local_address is HEXADDR:HEXPORT; state 0A is LISTEN.
			let (Some(local), Some(state)) = (fields.get(1), fields.get(3)) else { continue };
			let Some((address, hex_port)) = local.split_once(':') else { continue };
			if *state == "0A" && u16::from_str_radix(hex_port, 16) == Ok(port) {
				found.push(address.to_string());
			}
		}
	}
	found
}

fn wait_for_rpc(node: &mut Node) {
	assert!(node.serves_rpc(), "the node exited before serving RPC");
}

#[test]
fn rpc_listens_on_loopback_only_by_default() {
	let dir = scratch_dir("rpc-loopback");
	let mut node = Node::start(&["--dev", "--tmp"], &dir.join("node.log"));
	wait_for_rpc(&mut node);
	let addresses = listening_addresses(node.rpc_port);
	assert!(!addresses.is_empty(), "the RPC port is listening");
	for address in &addresses {
		// 127.0.0.1 as stored little-endian, or ::1.
		assert!(
			address == "0100007F" || address == "00000000000000000000000001000000",
			"RPC listens on a non-loopback address: {address}"
		);
	}
	// On loopback, the node's operator may call unsafe methods (key rotation, say).
	let reply = node.rpc_reply("author_rotateKeys", json!([])).expect("a reply");
	assert!(reply.get("result").is_some(), "unsafe methods work on loopback: {reply}");
}

#[test]
fn unsafe_rpc_methods_are_refused_on_public_interfaces() {
	let dir = scratch_dir("rpc-external");
	let mut node = Node::start(&["--dev", "--tmp", "--rpc-external"], &dir.join("node.log"));
	wait_for_rpc(&mut node);
	assert!(
		listening_addresses(node.rpc_port)
			.iter()
			.any(|a| a == "00000000" || a == "00000000000000000000000000000000"),
		"--rpc-external listens on every interface"
	);
	for (method, params) in [
		("author_rotateKeys", json!([])),
		("author_insertKey", json!(["aura", "//Mallory", "0x00"])),
		("system_addReservedPeer", json!(["/ip4/127.0.0.1/tcp/1/p2p/12D3KooW"])),
	] {
		let reply = node.rpc_reply(method, params).expect("a reply");
		let error = reply.get("error").unwrap_or_else(|| panic!("{method} was allowed: {reply}"));
		assert!(
			error.to_string().contains("unsafe"),
			"{method} is refused as unsafe on a public interface: {error}"
		);
	}
	// Safe methods still answer.
	assert!(node.rpc("system_health", json!([])).is_some());
}

/// The `testnet` spec, as the consortium would start from it (plain JSON).
fn testnet_spec() -> Value {
	let output = Command::new(node_binary())
		.args(["build-spec", "--chain", "testnet", "--disable-default-bootnode"])
		.output()
		.expect("the node runs");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	serde_json::from_slice(&output.stdout).expect("a JSON chain spec")
}

/// Runs the node on `spec` until it serves RPC or exits; its exit error, if it exited.
fn run_spec(name: &str, spec: &Value) -> Result<(), String> {
	let dir = scratch_dir(name);
	let path = dir.join("spec.json");
	std::fs::write(&path, spec.to_string()).expect("spec written");
	let log = dir.join("node.log");
	let mut node = Node::start(&["--chain", path.to_str().expect("utf-8 path"), "--tmp"], &log);
	if node.serves_rpc() {
		Ok(())
	} else {
		Err(std::fs::read_to_string(&log).unwrap_or_default())
	}
}

#[test]
fn a_live_chain_on_development_keys_is_refused() {
	let mut spec = testnet_spec();
	assert_eq!(spec["chainType"], "Local", "the testnet preset is a local test network");
	spec["chainType"] = json!("Live");
	let error = run_spec("live-dev-keys", &spec).expect_err("the node refuses to run it");
	assert!(error.contains("refusing to run the live chain"), "unexpected error: {error}");
	assert!(error.contains("development key"), "the error names the cause: {error}");
}

#[test]
fn a_live_chain_with_its_own_keys_runs() {
	let mut spec = testnet_spec();
	spec["chainType"] = json!("Live");
	let patch = &mut spec["genesis"]["runtimeGenesis"]["patch"];
	// Keys that are not among the well-known development keys.
	let inspect = |scheme: &str| -> String {
		let output = Command::new(node_binary())
			.args(["key", "inspect", "--scheme", scheme, "--output-type", "json"])
			.arg("//CarechainHardeningTest")
			.output()
			.expect("the node runs");
		let key: Value = serde_json::from_slice(&output.stdout).expect("key JSON");
		key["ss58Address"].as_str().expect("an address").to_string()
	};
	let (aura, grandpa) = (inspect("sr25519"), inspect("ed25519"));
	// One validator with its own session keys (its account is its Aura key's).
	patch["session"]["keys"] =
		json!([[aura.clone(), aura.clone(), { "aura": aura, "grandpa": grandpa }]]);

	// The validators' keys are its own, but a development account still sits in the consortium.
	let error = run_spec("live-dev-member", &spec).expect_err("a dev member is refused");
	assert!(error.contains("consortium members"), "the error names the consortium: {error}");

	spec["genesis"]["runtimeGenesis"]["patch"]["councilMembership"]["members"] = json!([aura]);
	run_spec("live-own-keys", &spec).expect("the node runs a live chain with its own keys");
}
