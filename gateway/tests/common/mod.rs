//! What the gateway's integration tests share: free ports, scratch directories, a dev node and
//! plain HTTP/1.1.

#![allow(dead_code)]

use std::{
	io::{Read, Write},
	net::{TcpListener, TcpStream},
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

use serde_json::Value;

/// A port free on loopback now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The node binary of the same build (`cargo test --workspace` builds it beside this test).
pub fn node_binary() -> PathBuf {
	let exe = std::env::current_exe().unwrap();
	let node = exe.parent().and_then(Path::parent).unwrap().join("carechain-node");
	assert!(
		node.exists(),
		"{} is missing: build carechain-node first (cargo build -p carechain-node)",
		node.display()
	);
	node
}

/// An empty directory for test `name`, under cargo's target tmp directory.
pub fn scratch(name: &str) -> PathBuf {
	let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).unwrap();
	dir
}

/// A child process killed when the test ends.
pub struct Process(pub Child);

impl Drop for Process {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

/// A dev node on a free RPC port, its log in `dir`; the port.
pub fn start_node(dir: &Path) -> (Process, u16) {
	let rpc = free_port();
	let child = Command::new(node_binary())
		.args([
			"--dev",
			"--tmp",
			"--rpc-port",
			&rpc.to_string(),
			"--no-prometheus",
			"--no-telemetry",
			"--no-mdns",
		])
		.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{}", free_port())])
		.stdout(Stdio::null())
		.stderr(std::fs::File::create(dir.join("node.log")).unwrap())
		.spawn()
		.unwrap();
	let deadline = Instant::now() + Duration::from_secs(120);
	while TcpStream::connect(("127.0.0.1", rpc)).is_err() {
		assert!(Instant::now() < deadline, "the node did not serve RPC within two minutes");
		std::thread::sleep(Duration::from_millis(200));
	}
	(Process(child), rpc)
}

/// One HTTP/1.1 request; the status and the body parsed as JSON (`Null` if it is not JSON).
pub fn http(
	port: u16,
	method: &str,
	path: &str,
	headers: &[(&str, String)],
	body: &[u8],
) -> (u16, Value) {
	let (status, _, body) = exchange(port, method, path, headers, body);
	(status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// One HTTP/1.1 request; the status, the response's head (lower-cased) and its body.
pub fn exchange(
	port: u16,
	method: &str,
	path: &str,
	headers: &[(&str, String)],
	body: &[u8],
) -> (u16, String, String) {
	let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
	stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
	let mut request = format!(
		"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
		body.len()
	);
	for (name, value) in headers {
		request.push_str(&format!("{name}: {value}\r\n"));
	}
	request.push_str("\r\n");
	stream.write_all(request.as_bytes()).unwrap();
	stream.write_all(body).unwrap();
	let mut response = Vec::new();
	stream.read_to_end(&mut response).unwrap();
	let text = String::from_utf8_lossy(&response);
	let (head, body) = text.split_once("\r\n\r\n").unwrap();
	let status = head.split(' ').nth(1).unwrap().parse().unwrap();
	(status, head.to_ascii_lowercase(), body.to_owned())
}

/// An OperationOutcome's diagnostics.
pub fn diagnostics(outcome: &Value) -> &str {
	assert_eq!(outcome["resourceType"], "OperationOutcome", "{outcome}");
	outcome["issue"][0]["diagnostics"].as_str().unwrap()
}

/// The gateway binary of this build with `args`, and the master key in the environment if given.
pub fn gateway(args: &[&str], key: Option<&str>) -> Command {
	let mut command = Command::new(env!("CARGO_BIN_EXE_carechain-gateway"));
	command.args(args).env_remove("CARECHAIN_GATEWAY_MASTER_KEY");
	if let Some(key) = key {
		command.env("CARECHAIN_GATEWAY_MASTER_KEY", key);
	}
	command
}

/// Starts the gateway beside the node at `rpc` on `store` (a directory, or an `s3://` URL) with
/// `args` and `envs`, its output in `logs`.out and `logs`.log; its port, read from what it prints
/// when it serves.
pub fn start_gateway(
	rpc: u16,
	store: &str,
	logs: &Path,
	key: &str,
	args: &[&str],
	envs: &[(&str, String)],
) -> (Process, u16) {
	let out = logs.with_extension("out");
	let child = gateway(
		&[
			"--node",
			&format!("ws://127.0.0.1:{rpc}"),
			"--listen",
			"127.0.0.1:0",
			"--poll-ms",
			"200",
		],
		Some(key),
	)
	.args(args)
	.args(["--store", store])
	.envs(envs.iter().map(|(name, value)| (name, value)))
	.stdout(std::fs::File::create(&out).unwrap())
	.stderr(std::fs::File::create(logs.with_extension("log")).unwrap())
	.spawn()
	.unwrap();
	let process = Process(child);
	let deadline = Instant::now() + Duration::from_secs(60);
	loop {
		let printed = std::fs::read_to_string(&out).unwrap_or_default();
		if let Some(port) = printed
			.split("http://127.0.0.1:")
			.nth(1)
			.and_then(|rest| rest.split('/').next())
			.and_then(|port| port.parse().ok())
		{
			return (process, port);
		}
		let said = std::fs::read_to_string(logs.with_extension("log")).unwrap_or_default();
		assert!(Instant::now() < deadline, "the gateway did not start: {printed}{said}");
		std::thread::sleep(Duration::from_millis(100));
	}
}
