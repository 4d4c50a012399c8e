//! The gateway as a process beside a dev node (both started here on free loopback ports): it
//! starts only with a master key, answers FHIR, refuses what the chain does not permit, follows
//! finalisation, and rotates its master key. The whole story of a record (upload, anchor, logged
//! read, amend, revoke, break-glass, tamper, erase) is `apps/test/gateway.test.ts`, which signs
//! transactions with the apps' client.

mod common;

use std::{
	path::Path,
	process::Command,
	time::{Duration, Instant},
};

use carechain_gateway::{
	auth,
	envelope::{self, Header, MasterKey},
	now_ms,
	store::Vault,
};
use serde_json::{json, Value};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

use common::{diagnostics, exchange, gateway, http, scratch, start_node, Process};

/// The web app origin the gateways of these tests let call them from a browser.
const PORTAL: &str = "http://portal.example:5173";

/// Starts the gateway on `store` (letting the portal's origin call it); its port.
fn start_gateway(rpc: u16, store: &Path, key: &str) -> (Process, u16) {
	let logs = store.with_extension("");
	common::start_gateway(
		rpc,
		&store.display().to_string(),
		&logs,
		key,
		&["--allow-origin", PORTAL],
		&[],
	)
}

fn signed(port: u16, method: &str, path: &str, body: &[u8], nonce: &str) -> (u16, Value) {
	let headers = auth::sign(&Sr25519Keyring::Alice.pair(), method, path, body, now_ms(), nonce);
	http(port, method, path, &headers, body)
}

const KEY: &str = "1111111111111111111111111111111111111111111111111111111111111111";

#[test]
fn the_gateway_needs_a_master_key() {
	let missing = gateway(&["--node", "ws://127.0.0.1:1"], None).output().unwrap();
	assert!(!missing.status.success());
	assert!(String::from_utf8_lossy(&missing.stderr)
		.contains("no master key: give --master-key-file or set CARECHAIN_GATEWAY_MASTER_KEY"));
	let malformed = gateway(&["--node", "ws://127.0.0.1:1"], Some("beef")).output().unwrap();
	assert!(!malformed.status.success());
	let said = String::from_utf8_lossy(&malformed.stderr);
	assert!(said.contains("32 bytes written as 64 hex digits") && !said.contains("beef"), "{said}");
}

/// The workspace's build has no S3 client (`tests/s3.rs` tests a build with one).
#[cfg(not(feature = "s3"))]
#[test]
fn an_s3_store_needs_a_build_with_s3() {
	let refused =
		gateway(&["--node", "ws://127.0.0.1:1", "--store", "s3://bucket/prefix"], Some(KEY))
			.output()
			.unwrap();
	assert!(!refused.status.success());
	let said = String::from_utf8_lossy(&refused.stderr);
	assert!(said.contains("s3://bucket/prefix: this gateway was built without S3 support (build it with `--features s3`)"), "{said}");
}

#[test]
fn an_origin_that_is_not_one_is_refused_at_start() {
	for origin in ["*", "portal.example", "http://portal.example/", "https://a.example/path"] {
		let refused = gateway(&["--node", "ws://127.0.0.1:1", "--allow-origin", origin], Some(KEY))
			.output()
			.unwrap();
		assert!(!refused.status.success(), "{origin}");
		let said = String::from_utf8_lossy(&refused.stderr);
		assert!(said.contains(&format!("--allow-origin {origin:?}")), "{origin}: {said}");
	}
}

#[test]
fn beside_a_dev_node_it_answers_fhir_and_follows_finalisation() {
	let dir = scratch("gateway-beside-node");
	let (_node, rpc) = start_node(&dir);
	let store = dir.join("store");
	let (mut server, port) = start_gateway(rpc, &store, KEY);

	let (status, capability) = http(port, "GET", "/fhir/metadata", &[], b"");
	assert_eq!((status, capability["resourceType"].as_str()), (200, Some("CapabilityStatement")));
	let (status, outcome) = http(port, "GET", "/fhir/Binary/0", &[], b"");
	assert_eq!(status, 401);
	assert!(diagnostics(&outcome).contains("not signed"));

	// No consent lets Alice write patient 0's records (there is no patient yet): the chain's
	// decision, and nothing stored.
	let upload = json!({
		"resourceType": "DocumentReference",
		"subject": { "reference": "Patient/0" },
		"category": [{ "coding": [{ "system": "urn:carechain:category-tag", "code": "00112233445566778899aabbccddeeff" }] }],
		"content": [{ "attachment": { "contentType": "text/plain", "data": "aGVsbG8=" } }],
	})
	.to_string();
	let (status, outcome) =
		signed(port, "POST", "/fhir/DocumentReference", upload.as_bytes(), "a1a1a1a1a1a1a1a1");
	assert_eq!(status, 403, "{outcome}");
	assert!(diagnostics(&outcome).contains("its decision is Denied"));
	assert!(!store.join("pending").exists(), "a refused upload is not stored");

	let (status, outcome) =
		signed(port, "GET", "/fhir/Binary/0?purpose=Treatment", b"", "b2b2b2b2b2b2b2b2");
	assert_eq!(status, 404, "{outcome}");
	assert!(diagnostics(&outcome).contains("no record 0 is anchored"));
	let (status, bundle) =
		signed(port, "GET", "/fhir/DocumentReference?patient=0", b"", "c3c3c3c3c3c3c3c3");
	assert_eq!((status, &bundle["type"], &bundle["total"]), (200, &json!("searchset"), &json!(0)));

	// It applies finalised blocks as they come, and remembers the last one in its store.
	let applied = || {
		std::fs::read_to_string(store.join("state/finalized"))
			.ok()
			.and_then(|t| t.trim().parse::<u32>().ok())
	};
	let deadline = Instant::now() + Duration::from_secs(90);
	let first = loop {
		if let Some(n) = applied() {
			break n;
		}
		assert!(Instant::now() < deadline, "the gateway applied no finalised block");
		std::thread::sleep(Duration::from_millis(200));
	};
	while applied().unwrap_or_default() <= first {
		assert!(
			Instant::now() < deadline,
			"the gateway did not follow finalisation past block {first}"
		);
		std::thread::sleep(Duration::from_millis(200));
	}

	// Its health, unsigned: the node answers and the follower is current.
	let (status, health) = http(port, "GET", "/health", &[], b"");
	assert_eq!((status, &health["status"]), (200, &json!("ok")), "{health}");
	assert!(health["applied"].as_u64().unwrap() > u64::from(first), "{health}");
	assert!(health["behind"].as_u64().unwrap() <= 20, "{health}");
	assert_eq!(health["tampered"], json!(0));

	// The portal's pages may call it from a browser; no other origin's may.
	let preflight = |origin: &str| {
		exchange(
			port,
			"OPTIONS",
			"/fhir/DocumentReference?patient=0",
			&[
				("Origin", origin.into()),
				("Access-Control-Request-Method", "GET".into()),
				("Access-Control-Request-Headers", "x-carechain-signature".into()),
			],
			b"",
		)
	};
	let (status, head, _) = preflight(PORTAL);
	assert_eq!(status, 204, "{head}");
	assert!(head.contains(&format!("access-control-allow-origin: {PORTAL}")), "{head}");
	assert!(head.contains("access-control-allow-headers: content-type, x-carechain-account, x-carechain-time, x-carechain-nonce, x-carechain-signature"), "{head}");
	let (status, _, body) = preflight("http://elsewhere.example");
	assert_eq!(status, 403);
	let outcome: Value = serde_json::from_str(&body).unwrap();
	assert!(diagnostics(&outcome).contains("from http://elsewhere.example are not allowed"));
	assert!(diagnostics(&outcome).contains("--allow-origin"));
	let (status, head, _) =
		exchange(port, "GET", "/fhir/metadata", &[("Origin", PORTAL.into())], b"");
	assert_eq!(status, 200);
	assert!(head.contains(&format!("access-control-allow-origin: {PORTAL}")), "{head}");
	assert!(head.contains("access-control-expose-headers: x-carechain-content-hash"), "{head}");
	let (_, head, _) = exchange(
		port,
		"GET",
		"/fhir/metadata",
		&[("Origin", "http://elsewhere.example".into())],
		b"",
	);
	assert!(!head.contains("access-control-allow-origin"), "{head}");

	// Its metrics, unsigned, for the operator's monitoring: every answer so far counted by
	// endpoint and status, and the follower's progress.
	let (status, head, metrics) = exchange(port, "GET", "/metrics", &[], b"");
	assert_eq!(status, 200);
	assert!(head.contains("content-type: text/plain; version=0.0.4"), "{head}");
	for sample in [
		"carechain_gateway_requests_total{endpoint=\"binary\",status=\"401\"} 1\n",
		"carechain_gateway_requests_total{endpoint=\"binary\",status=\"404\"} 1\n",
		"carechain_gateway_requests_total{endpoint=\"document_reference\",status=\"403\"} 1\n",
		"carechain_gateway_requests_total{endpoint=\"health\",status=\"200\"} 1\n",
		"carechain_gateway_pending_uploads 0\n",
		"carechain_gateway_tampered_total 0\n",
	] {
		assert!(metrics.contains(sample), "{sample} missing from:\n{metrics}");
	}
	assert!(metrics.contains("carechain_gateway_finalized_applied "), "{metrics}");

	// Searches come a page at a time; a page size or cursor that is not one is refused.
	let (status, bundle) =
		signed(port, "GET", "/fhir/DocumentReference?patient=0&_count=5", b"", "d4d4d4d4d4d4d4d4");
	assert_eq!((status, &bundle["total"], bundle.get("link")), (200, &json!(0), None));
	for (query, said, nonce) in [
		("_count=0", "_count must be a whole number from 1 to 1000", "e5e5e5e5e5e5e5e5"),
		("_count=1001", "_count must be a whole number from 1 to 1000", "f6f6f6f6f6f6f6f6"),
		("_cursor=first", "_cursor must be a record id", "a7a7a7a7a7a7a7a7"),
	] {
		let path = format!("/fhir/DocumentReference?patient=0&{query}");
		let (status, outcome) = signed(port, "GET", &path, b"", nonce);
		assert_eq!(status, 422, "{query}: {outcome}");
		assert!(diagnostics(&outcome).contains(said), "{query}: {outcome}");
	}

	// A request made before a restart...
	let path = "/fhir/DocumentReference?patient=0";
	let before =
		auth::sign(&Sr25519Keyring::Alice.pair(), "GET", path, b"", now_ms(), "b8b8b8b8b8b8b8b8");
	assert_eq!(http(port, "GET", path, &before, b"").0, 200);

	// SIGTERM (what a service manager sends) stops it cleanly.
	let pid = server.0.id().to_string();
	assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
	let deadline = Instant::now() + Duration::from_secs(20);
	let exit = loop {
		if let Some(exit) = server.0.try_wait().unwrap() {
			break exit;
		}
		assert!(Instant::now() < deadline, "the gateway did not stop on SIGTERM");
		std::thread::sleep(Duration::from_millis(100));
	};
	assert!(exit.success(), "the gateway stopped on SIGTERM with {exit}");
	let said = std::fs::read_to_string(store.with_extension("log")).unwrap();
	assert!(said.contains("shutting down"), "{said}");
	assert!(std::fs::read_to_string(store.join("state/nonces"))
		.unwrap()
		.contains("b8b8b8b8b8b8b8b8"));

	// ...is still a replay once it is back: the nonces it saved on stopping are read again.
	let (_server, port) = start_gateway(rpc, &store, KEY);
	let (status, outcome) = http(port, "GET", path, &before, b"");
	assert_eq!(status, 401, "{outcome}");
	assert!(diagnostics(&outcome).contains("replay"), "{outcome}");
	assert!(
		!store.join("state/nonces").exists(),
		"read once, so a later crash cannot bring them back"
	);

	// The store is bound to this chain since its first start; a store of another chain is
	// refused at start, and left as it was.
	let genesis = std::fs::read_to_string(store.join("state/genesis")).unwrap();
	assert!(genesis.starts_with("0x") && genesis.len() == 66, "{genesis}");
	let foreign = dir.join("foreign");
	std::fs::create_dir_all(foreign.join("state")).unwrap();
	let other = format!("{:?}", H256::repeat_byte(7));
	std::fs::write(foreign.join("state/genesis"), &other).unwrap();
	let refused = gateway(&["--node", &format!("ws://127.0.0.1:{rpc}")], Some(KEY))
		.arg("--store")
		.arg(&foreign)
		.output()
		.unwrap();
	assert!(!refused.status.success());
	let said = String::from_utf8_lossy(&refused.stderr);
	assert!(
		said.contains(&format!("this store belongs to the chain whose genesis is {other}, not to the node's ({genesis})")),
		"{said}"
	);
	assert_eq!(std::fs::read_to_string(foreign.join("state/genesis")).unwrap(), other);
}

#[tokio::test]
async fn a_pending_upload_s_header_is_read_without_its_body() {
	let dir = scratch("gateway-pending-header");
	let vault = Vault::local(&dir.join("store")).unwrap();
	let master = MasterKey::from_hex(KEY).unwrap();
	let uploader = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	let header = Header::upload(7, &[3; 16], uploader.into(), "text/plain".into(), 0);
	// A body much larger than the first read, and a header larger than it too.
	let big = Header::upload(8, &[4; 16], uploader.into(), "x".repeat(6000), 0);
	let (small_ref, big_ref, empty_ref) =
		(H256::repeat_byte(1), H256::repeat_byte(2), H256::repeat_byte(3));
	vault
		.put_pending(small_ref, envelope::seal(&master, small_ref, header, &[0; 100_000]).0)
		.await
		.unwrap();
	vault
		.put_pending(big_ref, envelope::seal(&master, big_ref, big, b"a").0)
		.await
		.unwrap();
	vault.put_pending(empty_ref, Vec::new()).await.unwrap();
	let read = vault.pending_header(small_ref).await.unwrap().unwrap().unwrap();
	assert_eq!((read.patient_id, read.uploader.as_str()), (7, uploader));
	let read = vault.pending_header(big_ref).await.unwrap().unwrap().unwrap();
	assert_eq!((read.patient_id, read.content_type.len()), (8, 6000));
	assert!(vault.pending_header(empty_ref).await.unwrap().unwrap().is_err(), "not an envelope");
	assert!(vault.pending_header(H256::repeat_byte(4)).await.unwrap().is_none(), "none there");
}

#[tokio::test]
async fn rotate_rewraps_every_envelope_to_the_new_key() {
	let dir = scratch("gateway-rotate");
	let store = dir.join("store");
	let old = MasterKey::from_hex(KEY).unwrap();
	let new_hex = "22".repeat(32);
	let new = MasterKey::from_hex(&new_hex).unwrap();
	let vault = Vault::local(&store).unwrap();
	let header = Header::upload(
		1,
		&[0; 16],
		"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY".into(),
		"text/plain".into(),
		0,
	);
	let (pending_ref, bound_ref) = (H256::repeat_byte(1), H256::repeat_byte(2));
	for at in [pending_ref, bound_ref] {
		let (sealed, _) = envelope::seal(&old, at, header.clone(), b"a record");
		vault.put_pending(at, sealed).await.unwrap();
	}
	vault.bind(bound_ref, 9).await.unwrap();
	std::fs::write(dir.join("old.key"), KEY).unwrap();
	std::fs::write(dir.join("new.key"), &new_hex).unwrap();

	let rotate = |store: &Path| {
		gateway(&["rotate"], None)
			.arg("--store")
			.arg(store)
			.arg("--old-key-file")
			.arg(dir.join("old.key"))
			.arg("--new-key-file")
			.arg(dir.join("new.key"))
			.output()
			.unwrap()
	};
	let first = rotate(&store);
	assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
	assert!(String::from_utf8_lossy(&first.stdout).contains("2 envelopes re-wrapped"));
	for (at, sealed) in
		[(pending_ref, vault.pending(pending_ref).await), (bound_ref, vault.bound(bound_ref).await)]
	{
		let sealed = sealed.unwrap().unwrap();
		assert!(envelope::open(&old, at, &sealed).is_err(), "the old key no longer opens it");
		assert_eq!(envelope::open(&new, at, &sealed).unwrap().1.body, b"a record");
	}
	let again = rotate(&store);
	assert!(
		String::from_utf8_lossy(&again.stdout).contains("0 envelopes re-wrapped"),
		"a second run changes nothing"
	);
}
