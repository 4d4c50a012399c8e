//! The committed chain specs match what the current runtime's presets produce.

mod common;

use std::process::Command;

#[test]
fn committed_chain_specs_match_the_runtime() {
	let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/chain-specs");
	let output = Command::new("bash")
		.args([script, "--check"])
		.env("CARECHAIN_NODE", common::node_binary())
		.output()
		.expect("bash runs the script");
	assert!(
		output.status.success(),
		"{}{}",
		String::from_utf8_lossy(&output.stdout),
		String::from_utf8_lossy(&output.stderr)
	);
}
