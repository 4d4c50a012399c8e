//! The FHIR endpoints, and the checks between a request and a record's bytes.
//!
//! | endpoint | who | answers |
//! | --- | --- | --- |
//! | `POST /fhir/DocumentReference` | the patient or a live delegate (a self-report), or a writer the chain permits `Write` on the patient and category, with fewer than [`Config::max_pending_per_uploader`](crate::Config) uploads waiting for their anchoring (else 429) | 201: the `content_hash` and `storage_ref` to anchor |
//! | `GET /fhir/DocumentReference?patient=<id>[&purpose=…][&_count=…][&_cursor=…]` | anyone signed | the patient's live record versions the requester may read for the purpose (all of them for the patient and its live delegates), a page at a time |
//! | `GET /fhir/Binary/<record_id>?log=<block>[&purpose=…]` | a reader whose read is logged on chain | the record's bytes |
//! | `GET /fhir/Consent?patient=<id>` | the patient or a live delegate (all); anyone signed (their own) | the patient's consents as FHIR `Consent` |
//! | `GET /fhir/AuditEvent?patient=<id>[&date=…][&_count=…][&_offset=…]` | the patient or a live delegate | every logged read of the patient's records as FHIR `AuditEvent`s (IHE BALP), from the indexer |
//! | `GET /fhir/metadata` | anyone | the `CapabilityStatement` |
//! | `GET /health` | anyone (unsigned) | 200 when the node answers and the follower is current, else 503 with the reason |
//! | `GET /metrics` | anyone (unsigned; names no account, patient or record) | counters and gauges in the Prometheus text format ([`crate::metrics`]) |
//!
//! ## The read path
//!
//! A body is released only if every one of these holds, checked in this order on every read:
//!
//! 1. the request is signed by the reader's account, fresh and not a replay ([`crate::auth`]);
//! 2. the record version is stored at the best block (else 410 Gone if it was erased, 404 if it
//!    never existed);
//! 3. the chain's decision at the best block (`ConsentApi::check_access_for`, what `Records`
//!    decides) permits the reader `Read` on the record's category for the purpose, or the reader is
//!    the patient (its current key) or a live delegate, who read its own records without a consent
//!    (else 403, with the decision);
//! 4. block `log` is canonical, at most [`Config::max_log_age`](crate::Config) blocks behind the
//!    best block, and holds a `Records::RecordAccessed` event of this record, by this reader, for
//!    this purpose, allowed by the very consent or emergency access that permits the read now, or
//!    (the patient's own read) an `OwnRecordAccessed` event of this record by this reader for this
//!    purpose (else 403; 409 while that block is not finalised yet): the chain's log is the ticket,
//!    and no log means no bytes;
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
	audit,
	auth::Verifier,
	chain::{Chain, ChainError, Record},
	envelope::{self, Header, MasterKey},
	fhir::{self, Outcome, Upload},
	metrics::Metrics,
	now_ms,
	quota::PendingUploads,
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
	/// Each uploader's uploads waiting for their anchoring.
	pub pending: tokio::sync::Mutex<PendingUploads>,
	/// What `GET /metrics` answers.
	pub metrics: Metrics,
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
			pending: Default::default(),
			metrics: Metrics::default(),
		}
	}

	/// Counts the uploads the store holds pending, by uploader (read from each envelope's
	/// header, not its body): what a start knows of them. Answers how many.
	pub async fn count_pending(&self) -> Result<usize, StoreError> {
		let mut found = Vec::new();
		for at in self.vault.pending_refs().await? {
			match self.vault.pending_header(at).await? {
				None => {},
				Some(Ok(header)) => found.push((header.uploader, at)),
				Some(Err(e)) => {
					tracing::warn!("pending envelope {at:?} has no readable header: {e}")
				},
			}
		}
		let counted = found.len();
		let mut pending = self.pending.lock().await;
		for (uploader, at) in found {
			pending.note(uploader, at);
		}
		Ok(counted)
	}

	/// Holds a slot for an upload by `uploader`, or refuses it (429) when it already has
	/// [`Config::max_pending_per_uploader`] waiting for their anchoring; the store is asked which
	/// of them still are only then, without holding the count's lock (other uploaders go on), and
	/// the reservation itself checks the limit again under it.
	async fn reserve_upload(&self, uploader: &str) -> Result<(), Outcome> {
		let max = self.config.max_pending_per_uploader;
		let to_check = {
			let pending = self.pending.lock().await;
			(pending.count(uploader) >= max).then(|| pending.refs(uploader))
		};
		if let Some(refs) = to_check {
			let mut gone = Vec::new();
			for at in refs {
				if !self.vault.is_pending(at).await? {
					gone.push(at);
				}
			}
			self.pending.lock().await.forget(uploader, &gone);
		}
		self.pending.lock().await.reserve(uploader, max).map_err(|held| {
			Outcome::new(
				StatusCode::TOO_MANY_REQUESTS,
				"throttled",
				format!("you have {held} uploads waiting for their anchoring, this gateway's most: anchor them (or let them expire) before uploading more"),
			)
		})
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
///
/// Every answer is counted for `GET /metrics`; with [`Config::allowed_origins`] named, those web
/// apps' pages may call it from a browser ([`crate::cors`]).
pub fn router(gateway: Arc<Gateway>) -> Router {
	let origins = Arc::new(gateway.config.allowed_origins.clone());
	Router::new()
		.route("/fhir/metadata", get(metadata).fallback(not_allowed))
		.route("/fhir/DocumentReference", get(search).post(upload).fallback(not_allowed))
		.route("/fhir/Binary/:id", get(binary).fallback(not_allowed))
		.route("/fhir/Consent", get(consents).fallback(not_allowed))
		.route("/fhir/AuditEvent", get(audit_events).fallback(not_allowed))
		.route("/health", get(health).fallback(not_allowed))
		.route("/metrics", get(metrics).fallback(not_allowed))
		.merge(unchecked::routes())
		.fallback(unknown)
		.layer(axum::middleware::from_fn_with_state(gateway.clone(), crate::metrics::layer))
		.layer(axum::middleware::from_fn_with_state(origins, crate::cors::layer))
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
	gateway.reserve_upload(&uploader).await?;
	let stored = store_upload(&gateway, &upload, uploader.clone()).await;
	gateway
		.pending
		.lock()
		.await
		.fill(&uploader, stored.as_ref().ok().map(|(at, _, _)| *at));
	let (storage_ref, content_hash, uploaded_at) = stored?;
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

/// The most entries a search page holds (`_count`), and how many it holds when not asked.
pub const MAX_PAGE: u32 = 1_000;
pub const DEFAULT_PAGE: u32 = 100;
/// The most of the patient's record versions one search request examines: a reader permitted
/// few of a patient's many records pages through them (`next` links) instead of one request
/// walking all of them.
pub const MAX_EXAMINED: u32 = 2_000;

/// The `_count` parameter: entries in a page, 1 to [`MAX_PAGE`] ([`DEFAULT_PAGE`] if not given).
fn page_size(query: &HashMap<String, String>) -> Result<u32, Outcome> {
	let Some(text) = query.get("_count") else { return Ok(DEFAULT_PAGE) };
	text.parse().ok().filter(|n| (1..=MAX_PAGE).contains(n)).ok_or_else(|| {
		Outcome::invalid(format!("_count must be a whole number from 1 to {MAX_PAGE}"))
	})
}

/// `GET /fhir/DocumentReference?patient=<id>[&purpose=…][&_count=<n>][&_cursor=<record id>]`:
/// the patient's live record versions the requester may read (all of them for the patient and
/// its live delegates), in the order of the chain's index
/// of them (`RecordsApi::records_of`), a page at a time. A page holds at most `_count` entries
/// (default [`DEFAULT_PAGE`], at most [`MAX_PAGE`]) and examines at most [`MAX_EXAMINED`] versions;
/// when the patient has more, the bundle's `next` link names the `_cursor` (the last version
/// examined) to continue from. `total` is given only when one page holds the whole answer.
async fn search(State(gateway): State<Arc<Gateway>>, request: Request) -> Answer {
	let (reader, parts, _) = signed(&gateway, request).await?;
	let query = query(&parts)?;
	let patient_id = patient_param(&query)?;
	let purpose = purpose(&query)?;
	let count = page_size(&query)?;
	let cursor: Option<RecordId> = match query.get("_cursor") {
		None => None,
		Some(text) => Some(text.parse().map_err(|_| {
			Outcome::invalid("_cursor must be a record id, as a next link gives it")
		})?),
	};
	let best = gateway.view.heads(&gateway.chain).await?.best;
	// The patient (its current key) and its live delegates may read every one of its records
	// (each read logged as its own): all are listed to them, whatever the consents say.
	let own = gateway.chain.is_patient_or_delegate(patient_id, &reader, best).await?;
	let mut entries = Vec::new();
	let (mut after, mut examined, mut more) = (cursor, 0u32, false);
	'pages: loop {
		let batch = (MAX_EXAMINED - examined).min(1_000);
		let page = gateway.chain.records_of(patient_id, after, batch, best).await?;
		for record_id in page.iter().copied() {
			if entries.len() as u32 == count || examined == MAX_EXAMINED {
				more = true;
				break 'pages;
			}
			examined += 1;
			after = Some(record_id);
			let Some(record) = gateway.view.record(&gateway.chain, record_id, best).await? else {
				continue;
			};
			let question = (patient_id, &reader, record.category, Access::Read, purpose);
			if own || gateway.view.decision(&gateway.chain, question, best).await?.is_allowed() {
				let held = gateway.vault.bound_ref(record_id).await? == Some(record.storage_ref)
					&& gateway.vault.holds(record.storage_ref).await?;
				entries.push(fhir::document_reference(record_id, &record, held));
			}
		}
		if (page.len() as u32) < batch {
			break;
		}
		if examined == MAX_EXAMINED || entries.len() as u32 == count {
			// Whether anything follows is for the next page to find: one more call tells.
			more = !gateway.chain.records_of(patient_id, after, 1, best).await?.is_empty();
			break;
		}
	}
	let next = match (more, after) {
		(true, Some(last)) => Some(format!(
			"/fhir/DocumentReference?patient={patient_id}&purpose={purpose:?}&_count={count}&_cursor={last}"
		)),
		_ => None,
	};
	let total = (cursor.is_none() && next.is_none()).then_some(entries.len());
	Ok(fhir::resource(StatusCode::OK, fhir::searchset_page(entries, total, next)))
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

/// Whose read a body is released for: a reader the chain's decision permits, or the patient
/// (or a live delegate) reading its own record.
#[derive(Clone, Copy)]
enum Reading {
	Permitted(AccessDecision),
	Own,
}

/// Checks that block `log` holds this reader's read of `record_id`: for `purpose`, allowed by
/// the decision that permits it now, or the patient's own read (see the module docs, step 4).
async fn check_log(
	gateway: &Gateway,
	log: H256,
	(record_id, reader, purpose, reading): (RecordId, &AccountId, Purpose, Reading),
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
	let decision = match reading {
		Reading::Own
			if block.own.iter().any(|(id, who, why)| {
				*id == record_id && who == reader && *why == purpose
			}) =>
		{
			return Ok(())
		},
		Reading::Own => {
			return Err(Outcome::forbidden(format!(
				"block {number} holds no read of your own record {record_id} by you for {purpose:?}: log it with Records.log_access first"
			)))
		},
		Reading::Permitted(decision) => decision,
	};
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
	// The patient, or a live delegate, reads its own records without a consent (the chain logs
	// it as `OwnRecordAccessed`); asked only when no consent permits the read.
	let reading = if decision.is_allowed() {
		Reading::Permitted(decision)
	} else if chain.is_patient_or_delegate(record.patient_id, &reader, best).await? {
		Reading::Own
	} else {
		return Err(Outcome::forbidden(format!(
			"the chain does not permit you to read record {record_id} for {purpose:?}: its decision is {}",
			decision_text(&decision)
		)));
	};
	steps.mark("decision");
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
	check_log(&gateway, log, (record_id, &reader, purpose, reading), &heads).await?;
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
	let allowed = match reading {
		Reading::Permitted(decision) => decision_text(&decision),
		Reading::Own => "the patient's own record".into(),
	};
	tracing::info!(record = record_id, reader = %reader, "released ({allowed})");
	gateway
		.metrics
		.released_bytes
		.fetch_add(opened.body.len() as u64, std::sync::atomic::Ordering::Relaxed);
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

/// `GET /fhir/AuditEvent?patient=<id>[&date=ge<time>][&date=le<time>][&_count=<n>][&_offset=<n>]`:
/// every logged read of the patient's records (each what a body is released on) as FHIR
/// `AuditEvent`s after IHE BALP, newest first, from the indexer ([`crate::audit`]). Only the
/// patient (its current key) or a live delegate may ask; a gateway with no indexer configured
/// answers 503 (the node keeps no history old enough to be an audit trail).
async fn audit_events(State(gateway): State<Arc<Gateway>>, request: Request) -> Answer {
	let (requester, parts, _) = signed(&gateway, request).await?;
	let query_map = query(&parts)?;
	let patient_id = patient_param(&query_map)?;
	let count = page_size(&query_map)?;
	let offset: u32 = match query_map.get("_offset") {
		None => 0,
		Some(text) => {
			text.parse().map_err(|_| Outcome::invalid("_offset must be a whole number"))?
		},
	};
	// `date` may come twice (a lower and an upper bound), so the query is read as pairs.
	let pairs = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
		.map(|Query(pairs)| pairs)
		.map_err(|e| Outcome::invalid(format!("the query string does not parse: {e}")))?;
	let (mut from, mut to) =
		("1970-01-01T00:00:00Z".to_string(), "9999-12-31T23:59:59Z".to_string());
	for (_, value) in pairs.iter().filter(|(name, _)| name == "date") {
		let (bound, time) =
			(value.get(..2).unwrap_or_default(), value.get(2..).unwrap_or_default());
		let time = chrono::DateTime::parse_from_rfc3339(time)
			.map(|t| t.to_utc().to_rfc3339())
			.or_else(|_| {
				chrono::NaiveDate::parse_from_str(time, "%Y-%m-%d").map(|d| match bound {
					"le" => format!("{d}T23:59:59.999Z"),
					_ => format!("{d}T00:00:00Z"),
				})
			})
			.map_err(|_| {
				Outcome::invalid(format!(
					"date must be ge or le and a date or an RFC 3339 time (got {value:?})"
				))
			})?;
		match bound {
			"ge" => from = time,
			"le" => to = time,
			_ => {
				return Err(Outcome::invalid(format!(
					"date must be ge or le and a date or an RFC 3339 time (got {value:?})"
				)))
			},
		}
	}
	let best = gateway.view.heads(&gateway.chain).await?.best;
	if !gateway.chain.is_patient_or_delegate(patient_id, &requester, best).await? {
		return Err(Outcome::forbidden(format!(
			"only patient {patient_id} (its current key) or a live delegate sees who read its records"
		)));
	}
	let Some(indexer) = &gateway.config.indexer else {
		return Err(Outcome::unavailable(
			"no indexer is configured (--indexer): the history of reads lives there, as a node keeps only its recent state (docs/INDEXER.md)",
		));
	};
	let reads = audit::reads_of(indexer, patient_id, (&from, &to), count, offset)
		.await
		.map_err(|e| Outcome::unavailable(e.to_string()))?;
	let next = (reads.len() as u32 == count).then(|| {
		let dates: String = pairs
			.iter()
			.filter(|(name, _)| name == "date")
			.map(|(_, value)| format!("&date={value}"))
			.collect();
		format!(
			"/fhir/AuditEvent?patient={patient_id}{dates}&_count={count}&_offset={}",
			offset.saturating_add(count)
		)
	});
	let entries = reads.iter().map(audit::audit_event).collect();
	Ok(fhir::resource(StatusCode::OK, fhir::searchset_page(entries, None, next)))
}

/// How many finalised blocks the follower may trail its node's and the gateway still count as
/// healthy: it polls every second and applies a block in milliseconds, so more means it is stuck.
pub const HEALTHY_BEHIND: u32 = 20;

/// `GET /health` (unsigned, for load balancers and monitoring): 200 when the node answers and the
/// follower has applied the finalised chain to within [`HEALTHY_BEHIND`] blocks (so erasures are
/// being shredded and anchored uploads bound), else 503 with the reason; either way a JSON body
/// with the node's heads, the last block the follower applied, and the bodies refused as
/// tampered since start.
async fn health(State(gateway): State<Arc<Gateway>>) -> Response {
	let tampered = gateway.tampered.load(std::sync::atomic::Ordering::Relaxed);
	let heads = match gateway.chain.finalized_hash().await {
		Ok(finalized) => gateway.chain.number_of(finalized).await.map(|n| n.unwrap_or_default()),
		Err(e) => Err(e),
	};
	let applied = gateway.vault.finalized().await;
	let (status, body) = match (heads, applied) {
		(Err(e), _) => (
			StatusCode::SERVICE_UNAVAILABLE,
			serde_json::json!({ "status": "unavailable", "reason": format!("the node does not answer: {e}"), "tampered": tampered }),
		),
		(_, Err(e)) => (
			StatusCode::SERVICE_UNAVAILABLE,
			serde_json::json!({ "status": "unavailable", "reason": format!("the store does not answer: {e}"), "tampered": tampered }),
		),
		(Ok(finalized), Ok(applied)) => {
			let behind = finalized.saturating_sub(applied.unwrap_or_default());
			let healthy = applied.is_some() && behind <= HEALTHY_BEHIND;
			let mut body = serde_json::json!({
				"status": if healthy { "ok" } else { "behind" },
				"finalized": finalized,
				"applied": applied,
				"behind": behind,
				"tampered": tampered,
			});
			if !healthy {
				body["reason"] = serde_json::json!(match applied {
					None => "the follower has not applied a finalised block yet".to_string(),
					Some(_) => format!("the follower is {behind} finalised blocks behind the node (at most {HEALTHY_BEHIND})"),
				});
			}
			(if healthy { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE }, body)
		},
	};
	let mut response = (status, axum::Json(body)).into_response();
	response
		.headers_mut()
		.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
	response
}

/// `GET /metrics` (unsigned, like `/health`): the Prometheus text format ([`crate::metrics`]).
async fn metrics(State(gateway): State<Arc<Gateway>>) -> Response {
	let tampered = gateway.tampered.load(std::sync::atomic::Ordering::Relaxed);
	let pending = gateway.pending.lock().await.total();
	let applied = gateway.vault.finalized().await.ok().flatten();
	let mut response = gateway.metrics.render(tampered, pending, applied).into_response();
	response.headers_mut().insert(
		header::CONTENT_TYPE,
		HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
	);
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
					  "searchParam": [{ "name": "patient", "type": "reference" }, { "name": "purpose", "type": "token" },
									  { "name": "_count", "type": "number" }, { "name": "_cursor", "type": "number" }] },
					{ "type": "Binary", "interaction": [{ "code": "read" }] },
					{ "type": "Consent", "interaction": [{ "code": "search-type" }],
					  "searchParam": [{ "name": "patient", "type": "reference" }] },
					{ "type": "AuditEvent", "interaction": [{ "code": "search-type" }],
					  "searchParam": [{ "name": "patient", "type": "reference" }, { "name": "date", "type": "date" },
									  { "name": "_count", "type": "number" }, { "name": "_offset", "type": "number" }] },
				],
			}],
		}),
	)
}
