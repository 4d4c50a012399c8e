//! Helpers shared by the node tests: a node process that is killed when dropped, free loopback
//! ports, and a minimal JSON-RPC client over HTTP (no extra dependencies).

#![allow(dead_code)]

use std::{
	io::{Read, Write},
	net::{TcpListener, TcpStream},
	path::PathBuf,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

use serde_json::{json, Value};

/// The node binary cargo built for these tests.
pub fn node_binary() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_carechain-node"))
}

/// A port on loopback that nothing listens on right now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|listener| listener.local_addr())
		.map(|address| address.port())
		.expect("the OS hands out a free loopback port")
}

/// A running node, killed when the test ends however it ends.
pub struct Node {
	child: Child,
	pub rpc_port: u16,
	/// The port of its p2p listener, on 127.0.0.1.
	pub p2p_port: u16,
}

impl Node {
	/// Starts `carechain-node` with `args`, on free loopback ports, its logs in `log`.
	pub fn start(args: &[&str], log: &std::path::Path) -> Node {
		let rpc_port = free_port();
		let p2p_port = free_port();
		let log_file = std::fs::File::create(log).expect("log file");
		let child = Command::new(node_binary())
			.args(args)
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{p2p_port}")])
			.args(["--prometheus-port", &free_port().to_string()])
			.args(["--no-telemetry", "--no-mdns"])
			.stdout(Stdio::null())
			.stderr(log_file)
			.spawn()
			.expect("the node starts");
		Node { child, rpc_port, p2p_port }
	}

	/// Calls `method` with `params`; `None` while the node is not answering yet.
	pub fn rpc(&self, method: &str, params: Value) -> Option<Value> {
		self.rpc_reply(method, params)?.get("result").cloned()
	}

	/// The whole JSON-RPC reply (`result` or `error`) to `method` with `params`.
	pub fn rpc_reply(&self, method: &str, params: Value) -> Option<Value> {
		let body =
			json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params }).to_string();
		let (_, body) = self.post(&body)?;
		serde_json::from_str(&body).ok()
	}

	/// POSTs `body` as JSON to the RPC port; the HTTP status line and the response body.
	pub fn post(&self, body: &str) -> Option<(String, String)> {
		let mut stream = TcpStream::connect(("127.0.0.1", self.rpc_port)).ok()?;
		stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
		write!(
			stream,
			// With the port: nodes on non-development chains filter the Host header.
			"POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\n\
			 Content-Length: {}\r\nConnection: close\r\n\r\n{}",
			self.rpc_port,
			body.len(),
			body
		)
		.ok()?;
		let mut response = String::new();
		stream.read_to_string(&mut response).ok()?;
		let (head, body) = response.split_once("\r\n\r\n")?;
		Some((head.lines().next()?.to_string(), body.to_string()))
	}

	/// The node's p2p address, with its peer id, for another node's `--bootnodes` or reserved
	/// peers.
	pub fn multiaddr(&self) -> String {
		format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", self.p2p_port, self.peer_id())
	}

	/// The node's p2p identity (`system_localPeerId`).
	pub fn peer_id(&self) -> String {
		self.rpc("system_localPeerId", json!([]))
			.and_then(|id| id.as_str().map(str::to_owned))
			.expect("system_localPeerId answers with a peer id")
	}

	/// Whether the node process has exited.
	pub fn exited(&mut self) -> bool {
		matches!(self.child.try_wait(), Ok(Some(_)))
	}

	/// Waits (up to a minute) until the node answers RPC: `true`, or `false` if it exited
	/// first.
	pub fn serves_rpc(&mut self) -> bool {
		for _ in 0..240 {
			if self.exited() {
				return false;
			}
			if self.rpc("system_health", json!([])).is_some() {
				return true;
			}
			std::thread::sleep(Duration::from_millis(250));
		}
		panic!("the node neither served RPC nor exited within a minute");
	}

	/// The number of the best block, and of the last finalised one.
	pub fn heights(&self) -> Option<(u64, u64)> {
		let best = block_number(&self.rpc("chain_getHeader", json!([]))?)?;
		let finalized_hash = self.rpc("chain_getFinalizedHead", json!([]))?;
		let finalized = block_number(&self.rpc("chain_getHeader", json!([finalized_hash]))?)?;
		Some((best, finalized))
	}

	/// Waits until `done` holds for the node's heights, or panics after `limit`.
	pub fn wait_for(&mut self, limit: Duration, what: &str, done: impl Fn(u64, u64) -> bool) {
		let start = Instant::now();
		let mut last = None;
		while start.elapsed() < limit {
			if let Ok(Some(status)) = self.child.try_wait() {
				panic!("the node exited early ({status}) while waiting for {what}");
			}
			if let Some((best, finalized)) = self.heights() {
				if done(best, finalized) {
					return;
				}
				last = Some((best, finalized));
			}
			std::thread::sleep(Duration::from_millis(500));
		}
		panic!("no {what} within {limit:?}; last (best, finalised) seen: {last:?}");
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

fn block_number(header: &Value) -> Option<u64> {
	let hex = header.get("number")?.as_str()?.trim_start_matches("0x");
	u64::from_str_radix(hex, 16).ok()
}

/// A fresh directory for one test's files under the target directory.
pub fn scratch_dir(name: &str) -> PathBuf {
	let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).expect("scratch directory");
	dir
}
