//! The FHIR endpoints, and the checks between a request and a record's bytes.
//!
//! | endpoint | who | answers |
//! | --- | --- | --- |
//! | `POST /fhir/DocumentReference` | the patient or a live delegate (a self-report), or a writer the chain permits `Write` on the patient and category | 201: the `content_hash` and `storage_ref` to anchor |
//! | `GET /fhir/DocumentReference?patient=<id>[&purpose=…]` | anyone signed | the patient's live record versions the requester may read for the purpose |
//! | `GET /fhir/Binary/<record_id>?log=<block>[&purpose=…]` | a reader whose read is logged on chain | the record's bytes |
//! | `GET /fhir/Consent?patient=<id>` | the patient or a live delegate (all); anyone signed (their own) | the patient's consents as FHIR `Consent` |
//! | `GET /fhir/metadata` | anyone | the `CapabilityStatement` |
//!
//! ## The read path
//!
//! A body is released only if every one of these holds, checked in this order on every read:
//!
//! 1. the request is signed by the reader's account, fresh and not a replay ([`crate::auth`]);
//! 2. the record version is stored at the best block (else 410 Gone if it was erased, 404 if it
//!    never existed);
//! 3. the chain's decision at the best block (`ConsentApi::check_access_for`, what `Records`
//!    decides) permits the reader `Read` on the record's category for the purpose (else 403, with
//!    the decision);
//! 4. block `log` is canonical, at most [`Config::max_log_age`](crate::Config) blocks behind the
//!    best block, and holds a `Records::RecordAccessed` event of this record, by this reader, for
//!    this purpose, allowed by the very consent or emergency access that permits the read now (else
//!    403; 409 while that block is not finalised yet): the chain's log is the ticket, and no log
//!    means no bytes;
//! 5. the gateway holds the body bound to this very record version (`by-record/<id>` names the
//!    record's storage reference: bound when its anchoring was final), so another anchor naming the
//!    same storage reference opens nothing (else 409 while the anchoring is not final yet, 404 if
//!    this gateway does not hold it);
//! 6. the envelope opens (authenticated encryption, its header's patient, category, type and hash
//!    bound in) and `blake2_256(salt ‖ bytes)` equals the anchored content hash, for the anchored
//!    patient and category (else the body is never served: 500, and the gateway reports it; 503 if
//!    it is sealed under a master key the gateway does not hold).
//!
//! Each released body comes with a `Server-Timing` header: the milliseconds spent in each step
//! (`signature`, `record`, `decision`, `log`, `store`, `open`).
//!
//! A superseded version is served with its status (`X-Carechain-Record-Status: superseded` and
//! `X-Carechain-Superseded-By`).

use std::{
	collections::HashMap,
	sync::{atomic::AtomicU64, Arc},
};

use axum::{
	body::Bytes,
	extract::{Path, Query, Request, State},
	http::{header, request::Parts, HeaderValue, StatusCode},
	response::{IntoResponse, Response},
	routing::get,
	Router,
};
use carechain_primitives::{Access, AccessDecision, AccountId, Purpose, RecordId};
use rand::RngCore;
use sp_core::H256;

use crate::{
	auth::Verifier,
	chain::{Chain, ChainError, Record},
	envelope::{self, Header, MasterKey},
	fhir::{self, Outcome, Upload},
	now_ms,
	store::{StoreError, Vault},
	view::{Heads, LogBlock, View},
	Config,
};

/// A running gateway's state.
pub struct Gateway {
	pub config: Config,
	pub chain: Chain,
	pub vault: Vault,
	pub master: MasterKey,
	pub verifier: Verifier,
	/// Bodies refused because they no longer match their anchor (or their seal), since start.
	pub tampered: AtomicU64,
	/// The chain as the read path sees it, cached within documented bounds.
	pub view: View,
}

impl Gateway {
	pub fn new(config: Config, chain: Chain, vault: Vault, master: MasterKey) -> Self {
		let verifier = Verifier::new(config.max_skew, config.max_nonces);
		Self {
			config,
			chain,
			vault,
			master,
			verifier,
			tampered: AtomicU64::new(0),
			view: View::default(),
		}
	}
}

impl From<ChainError> for Outcome {
	fn from(e: ChainError) -> Self {
		Outcome::unavailable(e.to_string())
	}
}

impl From<StoreError> for Outcome {
	fn from(e: StoreError) -> Self {
		Outcome::unavailable(e.to_string())
	}
}

type Answer = Result<Response, Outcome>;

/// The gateway's routes.
pub fn router(gateway: Arc<Gateway>) -> Router {
	Router::new()
		.route("/fhir/metadata", get(metadata).fallback(not_allowed))
		.route("/fhir/DocumentReference", get(search).post(upload).fallback(not_allowed))
		.route("/fhir/Binary/:id", get(binary).fallback(not_allowed))
		.route("/fhir/Consent", get(consents).fallback(not_allowed))
		.merge(unchecked::routes())
		.fallback(unknown)
		.with_state(gateway)
}

/// The same work without the checks, for `scripts/gateway-bench` only: what the checks cost is
/// measured against it. Compiled in only with the `unchecked-benchmark` feature, which no
/// release build has, so a production gateway has no path around the checks.
#[cfg(feature = "unchecked-benchmark")]
mod unchecked {
	use super::*;
	use axum::routing::post;

	pub fn routes() -> Router<Arc<Gateway>> {
		Router::new()
			.route("/unchecked/Binary/:id", get(binary))
			.route("/unchecked/DocumentReference", post(upload))
	}

	/// A bound body, opened and hash-checked against the envelope's own hash: no signature, no
	/// chain.
	async fn binary(State(gateway): State<Arc<Gateway>>, Path(id): Path<RecordId>) -> Answer {
		let at = gateway
			.vault
			.bound_ref(id)
			.await?
			.ok_or_else(|| Outcome::not_found("not bound"))?;
		let sealed =
			gateway.vault.bound(at).await?.ok_or_else(|| Outcome::not_found("not bound"))?;
		let (header, opened) = envelope::open(&gateway.master, at, &sealed)
			.map_err(|e| tampered(&gateway, id, e.to_string()))?;
		if format!("0x{}", hex::encode(opened.content_hash())) != header.content_hash {
			return Err(tampered(&gateway, id, "hash".into()));
		}
		let mut response = (StatusCode::OK, opened.body).into_response();
		if let Ok(value) = HeaderValue::from_str(&header.content_type) {
			response.headers_mut().insert(header::CONTENT_TYPE, value);
		}
		Ok(response)
	}

	/// An upload parsed, sealed and stored: no signature, no decision.
	async fn upload(State(gateway): State<Arc<Gateway>>, body: Bytes) -> Answer {
		let upload = Upload::from_document_reference(&body)?;
		let (storage_ref, content_hash, _) = store_upload(&gateway, &upload, String::new()).await?;
		Ok(fhir::resource(
			StatusCode::CREATED,
			fhir::uploaded(&upload, content_hash, storage_ref, 0),
		))
	}
}

#[cfg(not(feature = "unchecked-benchmark"))]
mod unchecked {
	use super::*;

	pub fn routes() -> Router<Arc<Gateway>> {
		Router::new()
	}
}

async fn unknown(request: Request) -> Outcome {
	Outcome::not_found(format!(
		"{} {} is not an endpoint of this gateway (see GET /fhir/metadata)",
		request.method(),
		request.uri().path()
	))
}

async fn not_allowed(request: Request) -> Outcome {
	Outcome::new(
		StatusCode::METHOD_NOT_ALLOWED,
		"not-supported",
		format!(
			"{} is not supported on {} (see GET /fhir/metadata)",
			request.method(),
			request.uri().path()
		),
	)
}

/// The request's signer and body, or why it is refused.
async fn signed(gateway: &Gateway, request: Request) -> Result<(AccountId, Parts, Bytes), Outcome> {
	let (parts, body) = request.into_parts();
	let limit = gateway.config.max_body;
	let body = axum::body::to_bytes(body, limit).await.map_err(|_| {
		Outcome::new(
			StatusCode::PAYLOAD_TOO_LARGE,
			"too-costly",
			format!("the request body is larger than this gateway's limit of {limit} bytes"),
		)
	})?;
	let path = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
	let account = gateway
		.verifier
		.verify(
			|name| parts.headers.get(name)?.to_str().ok(),
			parts.method.as_str(),
			path,
			&body,
			now_ms(),
		)
		.map_err(|e| Outcome::new(StatusCode::UNAUTHORIZED, "login", e.to_string()))?;
	Ok((account, parts, body))
}

fn query(parts: &Parts) -> Result<HashMap<String, String>, Outcome> {
	Query::<HashMap<String, String>>::try_from_uri(&parts.uri)
		.map(|Query(query)| query)
		.map_err(|e| Outcome::invalid(format!("the query string does not parse: {e}")))
}

/// The `purpose` parameter (default `Treatment`).
fn purpose(query: &HashMap<String, String>) -> Result<Purpose, Outcome> {
	let Some(text) = query.get("purpose") else { return Ok(Purpose::Treatment) };
	match text.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
		"treatment" => Ok(Purpose::Treatment),
		"payment" => Ok(Purpose::Payment),
		"research" => Ok(Purpose::Research),
		"publichealth" => Ok(Purpose::PublicHealth),
		_ => Err(Outcome::invalid(format!(
			"purpose must be one of Treatment, Payment, Research, PublicHealth (got {text:?})"
		))),
	}
}

fn decision_text(decision: &AccessDecision) -> String {
	match decision {
		AccessDecision::Permitted(consent) => format!("Permitted by consent {consent}"),
		AccessDecision::Emergency(access) => format!("Permitted by emergency access {access}"),
		AccessDecision::Denied => "Denied".into(),
	}
}

async fn upload(State(gateway): State<Arc<Gateway>>, request: Request) -> Answer {
	let (uploader, _, body) = signed(&gateway, request).await?;
	let upload = Upload::from_document_reference(&body)?;
	let best = gateway.view.heads(&gateway.chain).await?.best;
	// As `Records` decides a write: the patient or a live delegate self-reports; anyone else
	// needs the access decision.
	let self_reported =
		gateway.chain.is_patient_or_delegate(upload.patient_id, &uploader, best).await?;
	if !self_reported {
		let question =
			(upload.patient_id, &uploader, upload.category, Access::Write, Purpose::Treatment);
		let decision = gateway.view.decision(&gateway.chain, question, best).await?;
		if !decision.is_allowed() {
			return Err(Outcome::forbidden(format!(
				"the chain does not permit you to write patient {}'s records of this category: its decision is {}",
				upload.patient_id,
				decision_text(&decision)
			)));
		}
	}
	let uploader = sp_core::crypto::Ss58Codec::to_ss58check(&uploader);
	let (storage_ref, content_hash, uploaded_at) =
		store_upload(&gateway, &upload, uploader).await?;
	let expires_at = uploaded_at.saturating_add(gateway.config.pending_ttl.as_millis() as u64);
	tracing::info!(
		patient = upload.patient_id,
		size = upload.body.len(),
		"upload pending anchoring at {storage_ref:?}"
	);
	Ok(fhir::resource(
		StatusCode::CREATED,
		fhir::uploaded(&upload, content_hash, storage_ref, expires_at),
	))
}

/// Seals an upload under a fresh storage reference and keeps it pending: the reference, the
/// content hash to anchor and the upload's time.
async fn store_upload(
	gateway: &Gateway,
	upload: &Upload,
	uploader: String,
) -> Result<(H256, H256, u64), Outcome> {
	let mut storage_ref = [0u8; 32];
	rand::rngs::OsRng.fill_bytes(&mut storage_ref);
	let storage_ref = H256(storage_ref);
	let uploaded_at = now_ms();
	let header = Header::upload(
		upload.patient_id,
		&upload.category.0,
		uploader,
		upload.content_type.clone(),
		uploaded_at,
	);
	let (sealed, content_hash) = envelope::seal(&gateway.master, storage_ref, header, &upload.body);
	gateway.vault.put_pending(storage_ref, sealed).await?;
	Ok((storage_ref, content_hash, uploaded_at))
}

async fn search(State(gateway): State<Arc<Gateway>>, request: Request) -> Answer {
	let (reader, parts, _) = signed(&gateway, request).await?;
	let query = query(&parts)?;
	let patient_id = patient_param(&query)?;
	let purpose = purpose(&query)?;
	let best = gateway.view.heads(&gateway.chain).await?.best;
	let mut entries = Vec::new();
	let mut after = None;
	loop {
		let page = gateway.chain.records_of(patient_id, after, 1_000, best).await?;
		let Some(&last) = page.last() else { break };
		after = Some(last);
		for record_id in page {
			let Some(record) = gateway.view.record(&gateway.chain, record_id, best).await? else {
				continue;
			};
			let question = (patient_id, &reader, record.category, Access::Read, purpose);
			let decision = gateway.view.decision(&gateway.chain, question, best).await?;
			if decision.is_allowed() {
				let held = gateway.vault.bound_ref(record_id).await? == Some(record.storage_ref)
					&& gateway.vault.holds(record.storage_ref).await?;
				entries.push(fhir::document_reference(record_id, &record, held));
			}
		}
	}
	Ok(fhir::resource(StatusCode::OK, fhir::searchset(entries)))
}

/// `GET /fhir/Consent?patient=<id>`: the patient's live consents as FHIR `Consent`s (active, or
/// expired and not yet cleared; a revoked consent leaves the chain's state), at the best block. The
/// patient (its current key) and its live delegates see every one; anyone else only those granted
/// to them.
async fn consents(State(gateway): State<Arc<Gateway>>, request: Request) -> Answer {
	let (requester, parts, _) = signed(&gateway, request).await?;
	let patient_id = patient_param(&query(&parts)?)?;
	let chain = &gateway.chain;
	let best = gateway.view.heads(chain).await?.best;
	let now = chain.now(best).await?;
	let everything = chain.is_patient_or_delegate(patient_id, &requester, best).await?;
	let mut entries = Vec::new();
	for consent_id in chain.consent_ids_of(patient_id, best).await? {
		let Some(consent) = chain.consent(consent_id, best).await? else { continue };
		if everything || consent.grantee == requester {
			entries.push(fhir::consent(consent_id, &consent, now));
		}
	}
	Ok(fhir::resource(StatusCode::OK, fhir::searchset(entries)))
}

/// The `patient` search parameter (`7` or `Patient/7`).
fn patient_param(query: &HashMap<String, String>) -> Result<u64, Outcome> {
	query
		.get("patient")
		.map(|p| p.strip_prefix("Patient/").unwrap_or(p))
		.and_then(|p| p.parse().ok())
		.ok_or_else(|| Outcome::invalid("search by patient: ?patient=<patient id>"))
}

/// Checks that block `log` holds this reader's read of `record_id` for `purpose`, allowed by
/// `decision` (see the module docs, step 4).
async fn check_log(
	gateway: &Gateway,
	log: H256,
	(record_id, reader, purpose, decision): (RecordId, &AccountId, Purpose, AccessDecision),
	heads: &Heads,
) -> Result<(), Outcome> {
	let block = match gateway.view.log_block(&gateway.chain, log, heads).await? {
		LogBlock::Final(block) => block,
		LogBlock::Unknown => {
			return Err(Outcome::forbidden(format!("block {log:?} (log) is not known to the chain")))
		},
		LogBlock::NotCanonical(number) => {
			return Err(Outcome::forbidden(format!(
				"block {number} {log:?} (log) is not on the canonical chain"
			)))
		},
		LogBlock::NotFinal(number) => {
			return Err(Outcome::new(
				StatusCode::CONFLICT,
				"conflict",
				format!(
					"block {number} (log) is not finalised yet (finalised: {}); retry once it is",
					heads.finalized_number
				),
			))
		},
	};
	let number = block.number;
	let age = heads.best_number.saturating_sub(number);
	if age > gateway.config.max_log_age {
		return Err(Outcome::forbidden(format!(
			"the logged read in block {number} is {age} blocks old, more than this gateway's {} allowed: log the read again",
			gateway.config.max_log_age
		)));
	}
	let logged = block
		.reads
		.iter()
		.find(|(id, who, why, _)| *id == record_id && who == reader && *why == purpose)
		.map(|(_, _, _, logged)| *logged);
	match logged {
		None => Err(Outcome::forbidden(format!(
			"block {number} holds no read of record {record_id} by you for {purpose:?}: log it with Records.log_access first"
		))),
		Some(logged) if logged != decision => Err(Outcome::forbidden(format!(
			"the read logged in block {number} was {}, and the chain now decides {}: log the read again",
			decision_text(&logged),
			decision_text(&decision)
		))),
		Some(_) => Ok(()),
	}
}

async fn binary(
	State(gateway): State<Arc<Gateway>>,
	Path(id): Path<String>,
	request: Request,
) -> Answer {
	let mut steps = Steps::start();
	let (reader, parts, _) = signed(&gateway, request).await?;
	steps.mark("signature");
	let record_id: RecordId =
		id.parse().map_err(|_| Outcome::invalid(format!("{id:?} is not a record id")))?;
	let query = query(&parts)?;
	let purpose = purpose(&query)?;
	let chain = &gateway.chain;
	let heads = gateway.view.heads(chain).await?;
	let best = heads.best;
	let Some(record) = gateway.view.record(chain, record_id, best).await? else {
		return Err(if chain.was_handed_out(record_id, best).await? {
			Outcome::new(
				StatusCode::GONE,
				"deleted",
				format!("record {record_id} was erased by its patient"),
			)
		} else {
			Outcome::not_found(format!("no record {record_id} is anchored on the chain"))
		});
	};
	steps.mark("record");
	let question = (record.patient_id, &reader, record.category, Access::Read, purpose);
	let decision = gateway.view.decision(chain, question, best).await?;
	steps.mark("decision");
	if !decision.is_allowed() {
		return Err(Outcome::forbidden(format!(
			"the chain does not permit you to read record {record_id} for {purpose:?}: its decision is {}",
			decision_text(&decision)
		)));
	}
	let log = query
		.get("log")
		.ok_or_else(|| {
			Outcome::forbidden(format!(
				"no logged read: call Records.log_access({record_id}, {purpose:?}), and once its block is final pass it as ?log=<block hash>"
			))
		})?
		.trim();
	let log = hex::decode(log.strip_prefix("0x").unwrap_or(log))
		.ok()
		.filter(|bytes| bytes.len() == 32)
		.map(|bytes| H256::from_slice(&bytes))
		.ok_or_else(|| Outcome::invalid("log must be a block hash (0x and 64 hex digits)"))?;
	check_log(&gateway, log, (record_id, &reader, purpose, decision), &heads).await?;
	steps.mark("log");
	// The body bound to this very record version (see step 5): a storage reference another
	// anchor reuses does not open the record it was bound to.
	let bound_here = gateway.vault.bound_ref(record_id).await? == Some(record.storage_ref);
	let sealed = match gateway.vault.bound(record.storage_ref).await? {
		Some(sealed) if bound_here => sealed,
		Some(_) => {
			tracing::warn!(record = record_id, "record {record_id} names the storage reference of another record's body: refused");
			return Err(Outcome::not_found(format!("this gateway does not hold record {record_id}'s body")));
		},
		None if gateway.vault.pending(record.storage_ref).await?.is_some() => {
			return Err(Outcome::new(
				StatusCode::CONFLICT,
				"conflict",
				format!("record {record_id}'s anchoring is not final yet: its body is released once it is"),
			))
		},
		None => return Err(Outcome::not_found(format!("this gateway does not hold record {record_id}'s body"))),
	};
	steps.mark("store");
	let (header, opened) = match envelope::open(&gateway.master, record.storage_ref, &sealed) {
		Ok(opened) => opened,
		Err(envelope::OpenError::UnknownKey(key)) => {
			tracing::error!(record = record_id, "record {record_id} is sealed under master key {key}, not this gateway's: rotate the store");
			return Err(Outcome::unavailable(format!(
				"record {record_id} is sealed under a master key this gateway does not hold ({key}); its operator must rotate the store"
			)));
		},
		Err(e) => return Err(tampered(&gateway, record_id, e.to_string())),
	};
	if opened.content_hash() != record.content_hash
		|| header.patient_id != record.patient_id
		|| header.category != hex::encode(record.category.0)
	{
		return Err(tampered(
			&gateway,
			record_id,
			"its bytes or its patient and category are no longer those anchored".into(),
		));
	}
	steps.mark("open");
	tracing::info!(record = record_id, reader = %reader, "released ({})", decision_text(&decision));
	let mut response = released(record_id, &record, header, opened);
	if let Ok(timing) = HeaderValue::from_str(&steps.server_timing()) {
		response.headers_mut().insert("server-timing", timing);
	}
	Ok(response)
}

/// How long each step of a request took, answered as a `Server-Timing` header (milliseconds), so
/// that the read path's latency can be seen step by step from outside (`scripts/gateway-bench`).
struct Steps {
	last: std::time::Instant,
	spent: Vec<(&'static str, std::time::Duration)>,
}

impl Steps {
	fn start() -> Self {
		Self { last: std::time::Instant::now(), spent: Vec::new() }
	}

	/// Ends step `name` now.
	fn mark(&mut self, name: &'static str) {
		let now = std::time::Instant::now();
		self.spent.push((name, now - self.last));
		self.last = now;
	}

	fn server_timing(&self) -> String {
		let steps = self
			.spent
			.iter()
			.map(|(name, spent)| format!("{name};dur={:.3}", spent.as_secs_f64() * 1000.0));
		steps.collect::<Vec<_>>().join(", ")
	}
}

fn tampered(gateway: &Gateway, record_id: RecordId, why: String) -> Outcome {
	gateway.tampered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
	tracing::error!(
		record = record_id,
		"TAMPERED: record {record_id}'s body was not served: {why}"
	);
	Outcome::new(
		StatusCode::INTERNAL_SERVER_ERROR,
		"exception",
		format!("record {record_id}'s body failed its integrity check and was not served ({why}); the gateway's operator was alerted"),
	)
}

fn released(
	record_id: RecordId,
	record: &Record,
	header: Header,
	opened: envelope::Opened,
) -> Response {
	let mut response = (StatusCode::OK, opened.body).into_response();
	let headers = response.headers_mut();
	let mut set = |name: &'static str, value: String| {
		if let Ok(value) = HeaderValue::from_str(&value) {
			headers.insert(name, value);
		}
	};
	set(header::CONTENT_TYPE.as_str(), header.content_type);
	// A health record is never cached on the way, nor sniffed into another type by a browser.
	set(header::CACHE_CONTROL.as_str(), "no-store".into());
	set(header::X_CONTENT_TYPE_OPTIONS.as_str(), "nosniff".into());
	set("x-carechain-record", record_id.to_string());
	set("x-carechain-content-hash", format!("0x{}", hex::encode(record.content_hash)));
	set("x-carechain-salt", format!("0x{}", hex::encode(opened.salt)));
	set("x-carechain-version", record.version.to_string());
	match record.superseded_by {
		Some(newer) => {
			set("x-carechain-record-status", "superseded".into());
			set("x-carechain-superseded-by", newer.to_string());
		},
		None => set("x-carechain-record-status", "current".into()),
	}
	response
}

async fn metadata() -> Response {
	fhir::resource(
		StatusCode::OK,
		serde_json::json!({
			"resourceType": "CapabilityStatement",
			"status": "active",
			"kind": "instance",
			"fhirVersion": "4.0.1",
			"format": ["json"],
			"software": { "name": "carechain-gateway", "version": env!("CARGO_PKG_VERSION") },
			"rest": [{
				"mode": "server",
				"security": { "description": "Requests are signed by the requester's chain account (sr25519): see docs/GATEWAY.md" },
				"resource": [
					{ "type": "DocumentReference", "interaction": [{ "code": "create" }, { "code": "search-type" }],
					  "searchParam": [{ "name": "patient", "type": "reference" }, { "name": "purpose", "type": "token" }] },
					{ "type": "Binary", "interaction": [{ "code": "read" }] },
					{ "type": "Consent", "interaction": [{ "code": "search-type" }],
					  "searchParam": [{ "name": "patient", "type": "reference" }] },
				],
			}],
		}),
	)
}
