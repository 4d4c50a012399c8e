//! The FHIR endpoints, and the checks between a request and a record's bytes.
//!
//! | endpoint | who | answers |
//! | --- | --- | --- |
//! | `POST /fhir/DocumentReference` | a writer the chain permits `Write` on the patient and category | 201: the `content_hash` and `storage_ref` to anchor |
//! | `GET /fhir/DocumentReference?patient=<id>[&purpose=…]` | anyone signed | the patient's live record versions the requester may read for the purpose |
//! | `GET /fhir/Binary/<record_id>?log=<block>[&purpose=…]` | a reader whose read is logged on chain | the record's bytes |
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
//! 4. block `log` is finalised, canonical, at most [`Config::max_log_age`](crate::Config) blocks
//!    behind the best block, and holds a `Records::RecordAccessed` event of this record, by this
//!    reader, for this purpose, allowed by the very consent or emergency access that permits the
//!    read now (else 403): the chain's log is the ticket, and no log means no bytes;
//! 5. the gateway holds the body, bound to this record version once its anchoring was final (else
//!    409 while the anchoring is not final yet, 404 if this gateway never held it);
//! 6. the envelope opens (authenticated encryption) and `blake2_256(salt ‖ bytes)` equals the
//!    anchored content hash (else the body is never served: 500, and the gateway reports it).
//!
//! A superseded version is served with its status (`X-Carechain-Record-Status: superseded` and
//! `X-Carechain-Superseded-By`).

use std::{
	collections::{BTreeMap, HashMap},
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
use carechain_primitives::{Access, AccessDecision, AccountId, CategoryTag, Purpose, RecordId};
use carechain_runtime::RuntimeEvent;
use rand::RngCore;
use sp_core::H256;

use crate::{
	auth::Verifier,
	chain::{Chain, ChainError, Record},
	envelope::{self, Header, MasterKey},
	fhir::{self, Outcome, Upload},
	now_ms,
	store::{StoreError, Vault},
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
}

impl Gateway {
	pub fn new(config: Config, chain: Chain, vault: Vault, master: MasterKey) -> Self {
		let verifier = Verifier::new(config.max_skew, config.max_nonces);
		Self { config, chain, vault, master, verifier, tampered: AtomicU64::new(0) }
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
		.fallback(unknown)
		.with_state(gateway)
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
	let best = gateway.chain.best_hash().await?;
	let decision = gateway
		.chain
		.decision(
			upload.patient_id,
			&uploader,
			upload.category,
			Access::Write,
			Purpose::Treatment,
			best,
		)
		.await?;
	if !decision.is_allowed() {
		return Err(Outcome::forbidden(format!(
			"the chain does not permit you to write patient {}'s records of this category: its decision is {}",
			upload.patient_id,
			decision_text(&decision)
		)));
	}
	let mut storage_ref = [0u8; 32];
	rand::rngs::OsRng.fill_bytes(&mut storage_ref);
	let storage_ref = H256(storage_ref);
	let uploaded_at = now_ms();
	let header = Header {
		key_id: String::new(),
		wrapped_key: String::new(),
		key_nonce: String::new(),
		body_nonce: String::new(),
		patient_id: upload.patient_id,
		category: hex::encode(upload.category.0),
		uploader: sp_core::crypto::Ss58Codec::to_ss58check(&uploader),
		content_type: upload.content_type.clone(),
		content_hash: String::new(),
		uploaded_at,
	};
	let (sealed, content_hash) = envelope::seal(&gateway.master, storage_ref, header, &upload.body);
	gateway.vault.put_pending(storage_ref, sealed).await?;
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

async fn search(State(gateway): State<Arc<Gateway>>, request: Request) -> Answer {
	let (reader, parts, _) = signed(&gateway, request).await?;
	let query = query(&parts)?;
	let patient_id = query
		.get("patient")
		.map(|p| p.strip_prefix("Patient/").unwrap_or(p))
		.and_then(|p| p.parse().ok())
		.ok_or_else(|| Outcome::invalid("search by patient: ?patient=<patient id>"))?;
	let purpose = purpose(&query)?;
	let best = gateway.chain.best_hash().await?;
	let mut decisions: BTreeMap<CategoryTag, AccessDecision> = BTreeMap::new();
	let mut entries = Vec::new();
	let mut after = None;
	loop {
		let page = gateway.chain.records_of(patient_id, after, 1_000, best).await?;
		let Some(&last) = page.last() else { break };
		after = Some(last);
		for record_id in page {
			let Some(record) = gateway.chain.record(record_id, best).await? else { continue };
			let decision = match decisions.get(&record.category) {
				Some(decision) => *decision,
				None => {
					let decision = gateway
						.chain
						.decision(patient_id, &reader, record.category, Access::Read, purpose, best)
						.await?;
					decisions.insert(record.category, decision);
					decision
				},
			};
			if decision.is_allowed() {
				let held = gateway.vault.holds(record.storage_ref).await?;
				entries.push(fhir::document_reference(record_id, &record, held));
			}
		}
	}
	Ok(fhir::resource(StatusCode::OK, fhir::searchset(entries)))
}

/// Checks that block `log` holds this reader's read of `record_id` for `purpose`, allowed by
/// `decision` (see the module docs, step 4).
async fn check_log(
	gateway: &Gateway,
	log: H256,
	record_id: RecordId,
	reader: &AccountId,
	purpose: Purpose,
	decision: AccessDecision,
	best: H256,
) -> Result<(), Outcome> {
	let chain = &gateway.chain;
	let Some(number) = chain.number_of(log).await? else {
		return Err(Outcome::forbidden(format!("block {log:?} (log) is not known to the chain")));
	};
	if chain.hash_of(number).await? != Some(log) {
		return Err(Outcome::forbidden(format!(
			"block {log:?} (log) is not on the canonical chain"
		)));
	}
	let finalized = chain.number_of(chain.finalized_hash().await?).await?.unwrap_or_default();
	if number > finalized {
		return Err(Outcome::new(
			StatusCode::CONFLICT,
			"conflict",
			format!("block {number} (log) is not finalised yet (finalised: {finalized}); retry once it is"),
		));
	}
	let best_number = chain.number_of(best).await?.unwrap_or_default();
	let age = best_number.saturating_sub(number);
	if age > gateway.config.max_log_age {
		return Err(Outcome::forbidden(format!(
			"the logged read in block {number} is {age} blocks old, more than this gateway's {} allowed: log the read again",
			gateway.config.max_log_age
		)));
	}
	chain.ensure_spec(log).await?;
	let logged = chain.events(log).await?.into_iter().find_map(|record| match record.event {
		RuntimeEvent::Records(pallet_records::Event::RecordAccessed {
			record_id: id,
			reader: who,
			purpose: why,
			decision,
			..
		}) if id == record_id && &who == reader && why == purpose => Some(decision),
		_ => None,
	});
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
	let (reader, parts, _) = signed(&gateway, request).await?;
	let record_id: RecordId =
		id.parse().map_err(|_| Outcome::invalid(format!("{id:?} is not a record id")))?;
	let query = query(&parts)?;
	let purpose = purpose(&query)?;
	let chain = &gateway.chain;
	let best = chain.best_hash().await?;
	let Some(record) = chain.record(record_id, best).await? else {
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
	let decision = chain
		.decision(record.patient_id, &reader, record.category, Access::Read, purpose, best)
		.await?;
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
	check_log(&gateway, log, record_id, &reader, purpose, decision, best).await?;
	let sealed = match gateway.vault.bound(record.storage_ref).await? {
		Some(sealed) => sealed,
		None if gateway.vault.pending(record.storage_ref).await?.is_some() => {
			return Err(Outcome::new(
				StatusCode::CONFLICT,
				"conflict",
				format!("record {record_id}'s anchoring is not final yet: its body is released once it is"),
			))
		},
		None => return Err(Outcome::not_found(format!("this gateway does not hold record {record_id}'s body"))),
	};
	let opened = envelope::open(&gateway.master, record.storage_ref, &sealed)
		.map_err(|e| tampered(&gateway, record_id, e.to_string()))?;
	let (header, opened) = opened;
	if opened.content_hash() != record.content_hash {
		return Err(tampered(
			&gateway,
			record_id,
			"its bytes no longer hash to the anchored content hash".into(),
		));
	}
	tracing::info!(record = record_id, reader = %reader, "released ({})", decision_text(&decision));
	Ok(released(record_id, &record, header, opened))
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
				],
			}],
		}),
	)
}
