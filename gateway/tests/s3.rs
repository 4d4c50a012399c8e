//! The gateway on an S3-compatible store (`--store s3://bucket/prefix`, the `s3` feature), against
//! a real S3 server on loopback: moto's (`moto_server`, which `scripts/setup` installs into
//! `~/.cache/carechain/moto`; `CARECHAIN_MOTO_SERVER` names another). The store's whole life
//! (pending, bound, found by record, shredded, expired, the chain it belongs to) on S3 objects,
//! two gateways' prefixes in one bucket kept apart, and the binary serving and following a dev
//! node's finalised blocks with its state in S3, then re-wrapping the S3 store's keys.
//!
//! `cargo test -p carechain-gateway --features runtime-benchmarks,s3 --test s3`

mod common;

use std::{
	path::PathBuf,
	process::{Command, Stdio},
	time::{Duration, Instant, SystemTime},
};

use carechain_gateway::{
	envelope::{self, Header, MasterKey},
	store::Vault,
};
use common::{exchange, free_port, gateway, http, scratch, start_gateway, start_node, Process};
use object_store::aws::AmazonS3Builder;
use sp_core::H256;

const KEY: &str = "3333333333333333333333333333333333333333333333333333333333333333";
const BUCKET: &str = "carechain";
const UPLOADER: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

/// moto's S3 server on a free loopback port, with the bucket made; stopped when dropped.
struct S3 {
	_process: Process,
	port: u16,
}

fn moto_binary() -> PathBuf {
	if let Ok(path) = std::env::var("CARECHAIN_MOTO_SERVER") {
		return PathBuf::from(path);
	}
	let cached = PathBuf::from(std::env::var("HOME").unwrap_or_default())
		.join(".cache/carechain/moto/bin/moto_server");
	if cached.exists() {
		cached
	} else {
		PathBuf::from("moto_server")
	}
}

fn start_s3(dir: &std::path::Path) -> S3 {
	let port = free_port();
	let binary = moto_binary();
	let child = Command::new(&binary)
		.args(["-H", "127.0.0.1", "-p", &port.to_string()])
		.stdout(Stdio::null())
		.stderr(std::fs::File::create(dir.join("moto.log")).unwrap())
		.spawn()
		.unwrap_or_else(|e| {
			panic!("{}: {e} (scripts/setup installs moto's S3 server)", binary.display())
		});
	let process = Process(child);
	let deadline = Instant::now() + Duration::from_secs(60);
	while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
		assert!(Instant::now() < deadline, "moto's S3 server did not listen within a minute");
		std::thread::sleep(Duration::from_millis(100));
	}
	let (status, _, body) = exchange(port, "PUT", &format!("/{BUCKET}"), &[], b"");
	assert_eq!(status, 200, "creating the bucket: {body}");
	S3 { _process: process, port }
}

impl S3 {
	/// What a gateway reads from the environment to reach this server.
	fn env(&self) -> Vec<(&'static str, String)> {
		vec![
			("AWS_ENDPOINT", format!("http://127.0.0.1:{}", self.port)),
			("AWS_ALLOW_HTTP", "true".into()),
			("AWS_ACCESS_KEY_ID", "carechain".into()),
			("AWS_SECRET_ACCESS_KEY", "carechain-secret".into()),
			("AWS_DEFAULT_REGION", "us-east-1".into()),
		]
	}

	/// The same configuration, for a vault opened in this test.
	fn vault(&self, location: &str) -> Vault {
		let builder =
			self.env().into_iter().fold(AmazonS3Builder::new(), |builder, (name, value)| {
				builder.with_config(name.to_ascii_lowercase().parse().unwrap(), value)
			});
		Vault::s3_with(builder, location).unwrap()
	}
}

fn sealed(master: &MasterKey, at: H256, patient_id: u64, body: &[u8]) -> Vec<u8> {
	let header = Header::upload(patient_id, &[5; 16], UPLOADER.into(), "text/plain".into(), 0);
	envelope::seal(master, at, header, body).0
}

#[tokio::test(flavor = "multi_thread")]
async fn the_store_keeps_its_envelopes_in_s3() {
	let dir = scratch("gateway-s3-vault");
	let s3 = tokio::task::block_in_place(|| start_s3(&dir));
	let master = MasterKey::from_hex(KEY).unwrap();
	let vault = s3.vault("carechain/hospital-a");
	let neighbour = s3.vault("carechain/hospital-b");
	let (at, later) = (H256::repeat_byte(1), H256::repeat_byte(2));

	// Pending: listed, its header read by a ranged read, not yet servable.
	vault.put_pending(at, sealed(&master, at, 7, &[9; 50_000])).await.unwrap();
	assert_eq!(vault.pending_refs().await.unwrap(), vec![at]);
	assert!(vault.is_pending(at).await.unwrap());
	assert_eq!(vault.pending_header(at).await.unwrap().unwrap().unwrap().patient_id, 7);
	assert!(!vault.holds(at).await.unwrap());

	// Bound (S3 has no rename: a copy and a delete): found by its record, opens to its body.
	vault.bind(at, 5).await.unwrap();
	assert!(!vault.is_pending(at).await.unwrap() && vault.holds(at).await.unwrap());
	assert_eq!(vault.bound_ref(5).await.unwrap(), Some(at));
	assert_eq!(vault.bound_records().await.unwrap(), vec![5]);
	let bound = vault.bound(at).await.unwrap().unwrap();
	assert_eq!(envelope::open(&master, at, &bound).unwrap().1.body, vec![9; 50_000]);

	// Another gateway's prefix in the same bucket sees none of it.
	assert!(neighbour.pending_refs().await.unwrap().is_empty());
	assert_eq!(neighbour.bound_ref(5).await.unwrap(), None);
	assert!(neighbour.bound_records().await.unwrap().is_empty());

	// Its state: the last finalised block applied, and the chain it belongs to.
	vault.set_finalized(12).await.unwrap();
	assert_eq!(vault.finalized().await.unwrap(), Some(12));
	assert_eq!(neighbour.finalized().await.unwrap(), None);
	vault.bind_to_chain(H256::repeat_byte(0xaa)).await.unwrap();
	vault.bind_to_chain(H256::repeat_byte(0xaa)).await.unwrap();
	let refused = vault.bind_to_chain(H256::repeat_byte(0xbb)).await.unwrap_err().to_string();
	assert!(
		refused.contains("this store belongs to the chain whose genesis is 0xaaaa"),
		"{refused}"
	);

	// Shredded: nothing of it is left.
	assert!(vault.shred(5).await.unwrap());
	assert!(!vault.holds(at).await.unwrap());
	assert_eq!(vault.bound_ref(5).await.unwrap(), None);
	assert!(vault.bound_records().await.unwrap().is_empty());
	assert!(!vault.shred(5).await.unwrap(), "a second shred finds nothing");

	// An upload never anchored expires.
	vault
		.put_pending(later, sealed(&master, later, 8, b"never anchored"))
		.await
		.unwrap();
	assert_eq!(vault.expire_pending(SystemTime::now() - Duration::from_secs(60)).await.unwrap(), 0);
	assert_eq!(vault.expire_pending(SystemTime::now() + Duration::from_secs(60)).await.unwrap(), 1);
	assert!(vault.pending_refs().await.unwrap().is_empty());

	// A location that names no bucket is refused.
	for location in ["", "/prefix"] {
		let builder = AmazonS3Builder::new();
		let error = Vault::s3_with(builder, location).err().expect("refused").to_string();
		assert!(error.contains("s3://<bucket>[/<prefix>]"), "{location}: {error}");
	}
}

#[test]
fn beside_a_dev_node_the_gateway_keeps_its_store_in_s3() {
	let dir = scratch("gateway-s3-node");
	let (_node, rpc) = start_node(&dir);
	let s3 = start_s3(&dir);
	let location = "carechain/site";
	let store = format!("s3://{location}");
	let (server, port) = start_gateway(rpc, &store, &dir.join("gateway"), KEY, &[], &s3.env());
	assert!(std::fs::read_to_string(dir.join("gateway.out")).unwrap().contains(&store));
	assert_eq!(http(port, "GET", "/fhir/metadata", &[], b"").0, 200);

	// It follows finalisation with its state in S3.
	let deadline = Instant::now() + Duration::from_secs(90);
	loop {
		let (status, health) = http(port, "GET", "/health", &[], b"");
		if status == 200 && health["applied"].as_u64().unwrap_or_default() > 1 {
			break;
		}
		assert!(Instant::now() < deadline, "the gateway did not follow finalisation: {health}");
		std::thread::sleep(Duration::from_millis(200));
	}
	let runtime = tokio::runtime::Runtime::new().unwrap();
	let vault = s3.vault(location);
	assert!(runtime.block_on(vault.finalized()).unwrap().unwrap_or_default() > 1);
	// Bound to the chain at its first start, in S3.
	let refused = runtime.block_on(vault.bind_to_chain(H256::repeat_byte(7))).unwrap_err();
	assert!(refused
		.to_string()
		.contains("this store belongs to the chain whose genesis is 0x"));

	// With the gateway stopped, `rotate` re-wraps the S3 store's envelopes.
	drop(server);
	let at = H256::repeat_byte(3);
	let old = MasterKey::from_hex(KEY).unwrap();
	runtime
		.block_on(vault.put_pending(at, sealed(&old, at, 1, b"a record")))
		.unwrap();
	std::fs::write(dir.join("old.key"), KEY).unwrap();
	std::fs::write(dir.join("new.key"), "44".repeat(32)).unwrap();
	let rotated = gateway(&["rotate", "--store", &store], None)
		.arg("--old-key-file")
		.arg(dir.join("old.key"))
		.arg("--new-key-file")
		.arg(dir.join("new.key"))
		.envs(s3.env())
		.output()
		.unwrap();
	let said = String::from_utf8_lossy(&rotated.stdout);
	assert!(rotated.status.success() && said.contains("1 envelopes re-wrapped"), "{said}");
	let envelope = runtime.block_on(vault.pending(at)).unwrap().unwrap();
	let new = MasterKey::from_hex(&"44".repeat(32)).unwrap();
	assert_eq!(envelope::open(&new, at, &envelope).unwrap().1.body, b"a record");
}
