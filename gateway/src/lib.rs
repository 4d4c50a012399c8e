//! # carechain-gateway
//!
//! The data plane of Carechain: a service each hospital, lab or health-information exchange runs
//! beside its node, which holds health records encrypted off chain and releases one only when the
//! chain says so, with the release on the chain's audit log. Its API is FHIR R4.
//!
//! - [`envelope`]: how a record is encrypted at rest (a fresh data key per record, wrapped by the
//!   master key; the content hash's salt sealed with the body).
//! - [`store`]: where envelopes live (a local directory by default, any `object_store` backend).
//! - [`chain`]: the node over JSON-RPC, answers decoded with the runtime's own types.
//! - [`auth`]: requests signed by the requester's chain account, with replay protection.
//! - [`api`]: the FHIR endpoints and the read path's checks.
//! - [`audit`]: the release history as FHIR `AuditEvent`s, from the indexer.
//! - [`view`]: the chain as the read path sees it, cached within documented bounds.
//! - [`follower`]: what the gateway does on each finalised block (binds anchored uploads, shreds
//!   erased records).
//! - [`cors`]: which web apps' pages may call the gateway from a browser.
//! - [`metrics`]: `GET /metrics` for the operator's monitoring.
//! - [`quota`]: how many uploads each uploader has waiting for their anchoring.
//!
//! Operators' guide: the repository's `docs/GATEWAY.md`.

pub mod api;
pub mod audit;
pub mod auth;
pub mod chain;
pub mod cors;
pub mod envelope;
pub mod fhir;
pub mod follower;
pub mod metrics;
pub mod quota;
pub mod store;
pub mod view;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How a gateway runs.
#[derive(Clone, Debug)]
pub struct Config {
	/// The largest request body accepted, in bytes (an upload's JSON, base64 included).
	pub max_body: usize,
	/// How long an upload waits for its anchoring before it is deleted.
	pub pending_ttl: Duration,
	/// How many uploads one account may have waiting for their anchoring at once.
	pub max_pending_per_uploader: usize,
	/// How many blocks old (behind the best block) a logged read may be and still open a body.
	pub max_log_age: u32,
	/// How far a request's signing time may be from the gateway's clock.
	pub max_skew: Duration,
	/// How many nonces the gateway remembers within the signing window.
	pub max_nonces: usize,
	/// How often the gateway asks its node for a new finalised block.
	pub poll: Duration,
	/// The indexer whose history `GET /fhir/AuditEvent` answers from, if one is configured.
	pub indexer: Option<audit::Indexer>,
	/// The origins (`scheme://host:port`) of the web apps whose pages may call the gateway.
	pub allowed_origins: Vec<String>,
}

impl Default for Config {
	fn default() -> Self {
		Self {
			max_body: 16 * 1024 * 1024,
			pending_ttl: Duration::from_secs(3600),
			max_pending_per_uploader: 10_000,
			max_log_age: 100,
			max_skew: Duration::from_secs(300),
			max_nonces: 1_000_000,
			poll: Duration::from_millis(1000),
			indexer: None,
			allowed_origins: Vec::new(),
		}
	}
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> u64 {
	SystemTime::now()
		.duration_since(UNIX_EPOCH)
		.map(|d| d.as_millis() as u64)
		.unwrap_or_default()
}
