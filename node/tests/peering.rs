//! Peering on a consortium network (docs/VALIDATORS.md, "Who may connect"): members' nodes run
//! `--reserved-only` with each other as reserved peers. A member's full node so admitted syncs;
//! a node that is not on their lists, though it dials them, syncs nothing and is no one's peer.

mod common;

use std::time::Duration;

use common::{scratch_dir, Node};
use serde_json::{json, Value};

/// The peer ids `node` syncs with (`system_peers`).
fn peers_of(node: &Node) -> Vec<String> {
	let peers = node.rpc("system_peers", json!([])).expect("system_peers answers");
	peers
		.as_array()
		.expect("a list")
		.iter()
		.filter_map(|peer| peer.get("peerId").and_then(Value::as_str).map(str::to_owned))
		.collect()
}

#[test]
fn only_reserved_peers_sync_with_a_reserved_only_network() {
	let dir = scratch_dir("peering");
	let start = |name: &str, key: u8, args: &[&str]| {
		let base = dir.join(name);
		let base = base.to_str().expect("a UTF-8 path").to_owned();
		// Each node its own p2p identity, as an operator generates it (`key generate-node-key`).
		let node_key = format!("{key:064x}");
		let mut all = vec!["--chain", "local", "--base-path", &base, "--node-key", &node_key];
		all.extend_from_slice(args);
		let mut node = Node::start(&all, &dir.join(format!("{name}.log")));
		assert!(node.serves_rpc(), "{name} exited before serving RPC");
		node
	};
	// The two validators of `local` and a member's full node, each reserved-only.
	let mut alice = start("alice", 1, &["--alice", "--validator", "--reserved-only"]);
	let mut bob = start("bob", 2, &["--bob", "--validator", "--reserved-only"]);
	let mut member = start("member", 3, &["--reserved-only"]);
	let members = [&alice, &bob, &member];
	for node in members {
		for other in members {
			if node.p2p_port != other.p2p_port {
				// Unsafe RPC, which a node answers on loopback: what an operator's config does.
				let added = node.rpc_reply("system_addReservedPeer", json!([other.multiaddr()]));
				assert_eq!(added.and_then(|reply| reply.get("result").cloned()), Some(Value::Null));
			}
		}
	}
	// An outsider that knows the members' addresses and dials them.
	let bootnodes: Vec<String> = members.iter().map(|node| node.multiaddr()).collect();
	let mut outsider_args: Vec<&str> = Vec::new();
	for address in &bootnodes {
		outsider_args.extend_from_slice(&["--bootnodes", address]);
	}
	let mut outsider = start("outsider", 4, &outsider_args);

	// Both validators author and finalise (each reached the other), and the member's node
	// follows.
	alice.wait_for(Duration::from_secs(180), "block 4 finalised by the validators", |_, fin| {
		fin >= 4
	});
	bob.wait_for(Duration::from_secs(60), "block 4 finalised on Bob's node", |_, fin| fin >= 4);
	member.wait_for(Duration::from_secs(60), "block 4 on the member's node", |best, _| best >= 4);

	// The outsider has dialled for all that time and holds nothing but genesis.
	let (best, _) = outsider.heights().expect("the outsider answers RPC");
	assert_eq!(best, 0, "the outsider synced blocks from a reserved-only network");
	let outsider_id = outsider.peer_id();
	for node in [&alice, &bob, &member] {
		assert!(!peers_of(node).contains(&outsider_id), "a member syncs with the outsider");
	}
	let health = outsider.rpc("system_health", json!([])).expect("system_health answers");
	assert_eq!(health["peers"], 0, "the outsider has sync peers: {health}");
	assert!(!outsider.exited() && !alice.exited() && !bob.exited() && !member.exited());
}
