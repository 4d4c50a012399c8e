//! The FHIR R4 shapes the gateway speaks: what it reads from an upload, and the
//! `DocumentReference`, `Bundle` and `OperationOutcome` resources it answers.

use axum::{
	http::{header, HeaderValue, StatusCode},
	response::{IntoResponse, Response},
};
use base64::Engine as _;
use carechain_primitives::{Access, CategoryTag, ConsentId, PatientId, Purpose, RecordId};
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, H256};

use crate::chain::{Consent, Record};

/// FHIR's JSON media type.
pub const FHIR_JSON: &str = "application/fhir+json";
/// The identifier system of a Carechain patient id.
pub const PATIENT: &str = "urn:carechain:patient";
/// The coding system of a patient's blinded category tag (32 hex digits).
pub const CATEGORY_TAG: &str = "urn:carechain:category-tag";
/// The identifier system of a record version's salted content hash.
pub const CONTENT_HASH: &str = "urn:carechain:content-hash";
/// The identifier system of a record version's storage reference.
pub const STORAGE_REF: &str = "urn:carechain:storage-ref";
/// The identifier system of a chain account (SS58).
pub const ACCOUNT: &str = "urn:carechain:account";
/// The identifier system of a record version's id on chain.
pub const RECORD: &str = "urn:carechain:record";

/// A refusal, answered as an `OperationOutcome` with its HTTP status.
#[derive(Debug)]
pub struct Outcome {
	pub status: StatusCode,
	/// The FHIR issue type (`security`, `not-found`, `invalid`, …).
	pub code: &'static str,
	pub diagnostics: String,
}

impl Outcome {
	pub fn new(status: StatusCode, code: &'static str, diagnostics: impl Into<String>) -> Self {
		Self { status, code, diagnostics: diagnostics.into() }
	}

	/// 422: the request is not the FHIR the endpoint takes.
	pub fn invalid(diagnostics: impl Into<String>) -> Self {
		Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", diagnostics)
	}

	/// 403: the chain does not permit it.
	pub fn forbidden(diagnostics: impl Into<String>) -> Self {
		Self::new(StatusCode::FORBIDDEN, "forbidden", diagnostics)
	}

	/// 404.
	pub fn not_found(diagnostics: impl Into<String>) -> Self {
		Self::new(StatusCode::NOT_FOUND, "not-found", diagnostics)
	}

	/// 503: the node (or the store) did not answer.
	pub fn unavailable(diagnostics: impl Into<String>) -> Self {
		Self::new(StatusCode::SERVICE_UNAVAILABLE, "transient", diagnostics)
	}

	/// The resource.
	pub fn resource(&self) -> Value {
		json!({
			"resourceType": "OperationOutcome",
			"issue": [{
				"severity": "error",
				"code": self.code,
				"diagnostics": self.diagnostics,
			}],
		})
	}
}

impl IntoResponse for Outcome {
	fn into_response(self) -> Response {
		let mut response = (self.status, self.resource().to_string()).into_response();
		response
			.headers_mut()
			.insert(header::CONTENT_TYPE, HeaderValue::from_static(FHIR_JSON));
		if self.status == StatusCode::UNAUTHORIZED {
			response
				.headers_mut()
				.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Carechain-Sr25519"));
		}
		response
	}
}

/// A FHIR resource answered with `status`.
pub fn resource(status: StatusCode, value: Value) -> Response {
	let mut response = (status, value.to_string()).into_response();
	response
		.headers_mut()
		.insert(header::CONTENT_TYPE, HeaderValue::from_static(FHIR_JSON));
	response
}

/// What an upload (`POST /fhir/DocumentReference`) asks to store.
#[derive(Debug, PartialEq, Eq)]
pub struct Upload {
	pub patient_id: PatientId,
	pub category: CategoryTag,
	pub content_type: String,
	pub body: Vec<u8>,
}

/// Reads `Patient/<id>` or an identifier of system [`PATIENT`].
fn patient_of(subject: &Value) -> Option<PatientId> {
	if let Some(reference) = subject.get("reference").and_then(Value::as_str) {
		return reference.strip_prefix("Patient/")?.parse().ok();
	}
	let identifier = subject.get("identifier")?;
	(identifier.get("system")?.as_str()? == PATIENT).then_some(())?;
	identifier.get("value")?.as_str()?.parse().ok()
}

/// A category tag as 32 hex digits (an optional `0x`).
pub fn parse_tag(text: &str) -> Option<CategoryTag> {
	let digits = text.strip_prefix("0x").unwrap_or(text);
	hex::decode(digits).ok()?.try_into().ok().map(CategoryTag)
}

/// Hex of a tag, as FHIR codes carry it.
pub fn tag_hex(tag: &CategoryTag) -> String {
	format!("0x{}", hex::encode(tag.0))
}

impl Upload {
	/// Reads a `DocumentReference` carrying the document inline (`content[0].attachment.data`).
	pub fn from_document_reference(body: &[u8]) -> Result<Self, Outcome> {
		let value: Value = serde_json::from_slice(body)
			.map_err(|e| Outcome::invalid(format!("the body is not JSON: {e}")))?;
		if value.get("resourceType").and_then(Value::as_str) != Some("DocumentReference") {
			return Err(Outcome::invalid(
				"the body must be a FHIR DocumentReference (resourceType)",
			));
		}
		let patient_id = value.get("subject").and_then(patient_of).ok_or_else(|| {
			Outcome::invalid(format!(
				"DocumentReference.subject must name the patient: {{\"reference\": \"Patient/<id>\"}} or an identifier of system {PATIENT}"
			))
		})?;
		let codes: Vec<&str> = value
			.get("category")
			.and_then(Value::as_array)
			.into_iter()
			.flatten()
			.filter_map(|category| category.get("coding")?.as_array())
			.flatten()
			.filter(|coding| coding.get("system").and_then(Value::as_str) == Some(CATEGORY_TAG))
			.filter_map(|coding| coding.get("code")?.as_str())
			.collect();
		let [code] = codes.as_slice() else {
			return Err(Outcome::invalid(format!(
				"DocumentReference.category must hold exactly one coding of system {CATEGORY_TAG} (found {})",
				codes.len()
			)));
		};
		let category = parse_tag(code).ok_or_else(|| {
			Outcome::invalid("the category tag must be 16 bytes written as 32 hex digits")
		})?;
		let contents = value
			.get("content")
			.and_then(Value::as_array)
			.map(Vec::as_slice)
			.unwrap_or_default();
		let [content] = contents else {
			return Err(Outcome::invalid(
				"DocumentReference.content must hold exactly one attachment",
			));
		};
		let attachment = content.get("attachment").unwrap_or(&Value::Null);
		let data = attachment.get("data").and_then(Value::as_str).ok_or_else(|| {
			Outcome::invalid(
				"the attachment must carry the document inline as base64 (attachment.data)",
			)
		})?;
		let body = base64::engine::general_purpose::STANDARD
			.decode(data)
			.map_err(|e| Outcome::invalid(format!("attachment.data is not base64: {e}")))?;
		if body.is_empty() {
			return Err(Outcome::invalid("the document is empty"));
		}
		let content_type = attachment
			.get("contentType")
			.and_then(Value::as_str)
			.unwrap_or("application/octet-stream")
			.to_string();
		if content_type.is_empty() || HeaderValue::from_str(&content_type).is_err() {
			return Err(Outcome::invalid("attachment.contentType is not a media type"));
		}
		Ok(Self { patient_id, category, content_type, body })
	}
}

fn hash_hex(hash: &H256) -> String {
	format!("0x{}", hex::encode(hash))
}

fn instant(ms: u64) -> Value {
	chrono::DateTime::from_timestamp_millis(ms as i64)
		.map(|t| Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)))
		.unwrap_or(Value::Null)
}

/// The answer to an upload: what to anchor, and that it is not yet readable.
pub fn uploaded(upload: &Upload, content_hash: H256, storage_ref: H256, expires_at: u64) -> Value {
	json!({
		"resourceType": "DocumentReference",
		"status": "current",
		"docStatus": "preliminary",
		"identifier": [
			{ "system": CONTENT_HASH, "value": hash_hex(&content_hash) },
			{ "system": STORAGE_REF, "value": hash_hex(&storage_ref) },
		],
		"subject": { "reference": format!("Patient/{}", upload.patient_id) },
		"category": [{ "coding": [{ "system": CATEGORY_TAG, "code": tag_hex(&upload.category) }] }],
		"content": [{ "attachment": { "contentType": upload.content_type, "size": upload.body.len() } }],
		"extension": [{
			"url": "urn:carechain:gateway:pending-until",
			"valueInstant": instant(expires_at),
		}],
	})
}

/// A record version as a `DocumentReference` (for a reader the chain permits).
pub fn document_reference(record_id: RecordId, record: &Record, held: bool) -> Value {
	let mut document = json!({
		"resourceType": "DocumentReference",
		"id": record_id.to_string(),
		"status": if record.superseded_by.is_some() { "superseded" } else { "current" },
		"docStatus": "final",
		"identifier": [
			{ "system": RECORD, "value": record_id.to_string() },
			{ "system": CONTENT_HASH, "value": hash_hex(&record.content_hash) },
			{ "system": STORAGE_REF, "value": hash_hex(&record.storage_ref) },
		],
		"subject": { "reference": format!("Patient/{}", record.patient_id) },
		"category": [{ "coding": [{ "system": CATEGORY_TAG, "code": tag_hex(&record.category) }] }],
		"date": instant(record.anchored_at),
		"author": [{ "identifier": { "system": ACCOUNT, "value": record.author.to_ss58check() } }],
		"extension": [
			{ "url": "urn:carechain:record:version", "valueInteger": record.version },
			{ "url": "urn:carechain:record:self-reported", "valueBoolean": record.self_reported },
			{ "url": "urn:carechain:gateway:held", "valueBoolean": held },
		],
		"content": [{ "attachment": { "url": format!("Binary/{record_id}") } }],
	});
	let mut relates = Vec::new();
	if let Some(previous) = record.previous {
		relates.push(json!({ "code": "replaces", "target": { "reference": format!("DocumentReference/{previous}") } }));
	}
	if let Some(newer) = record.superseded_by {
		if let Some(extensions) = document["extension"].as_array_mut() {
			extensions.push(
				json!({ "url": "urn:carechain:record:superseded-by", "valueString": newer.to_string() }),
			);
		}
	}
	if !relates.is_empty() {
		document["relatesTo"] = Value::Array(relates);
	}
	document
}

/// The FHIR code of a purpose (HL7 v3 ActReason).
pub(crate) fn purpose_code(purpose: Purpose) -> (&'static str, &'static str) {
	match purpose {
		Purpose::Treatment => ("TREAT", "treatment"),
		Purpose::Payment => ("HPAYMT", "healthcare payment"),
		Purpose::Research => ("HRESCH", "healthcare research"),
		Purpose::PublicHealth => ("PUBHLTH", "public health"),
	}
}

/// A consent as a FHIR R4 `Consent`, with the R5 fields that fit (`decision`, `grantee`,
/// `period`) as cross-version extensions; `now` (the chain's time) tells whether it is active.
pub fn consent(consent_id: ConsentId, consent: &Consent, now: u64) -> Value {
	let active = consent.expires_at.is_none_or(|expires_at| now < expires_at);
	let mut period = json!({ "start": instant(consent.granted_at) });
	if let Some(expires_at) = consent.expires_at {
		period["end"] = instant(expires_at);
	}
	let grantee =
		json!({ "identifier": { "system": ACCOUNT, "value": consent.grantee.to_ss58check() } });
	let (code, display) = purpose_code(consent.purpose);
	let actions: &[&str] = match consent.access {
		Access::Read => &["access"],
		Access::Write => &["correct"],
		Access::ReadWrite => &["access", "correct"],
	};
	const R5: &str = "http://hl7.org/fhir/5.0/StructureDefinition/extension-Consent";
	json!({
		"resourceType": "Consent",
		"id": consent_id.to_string(),
		"status": if active { "active" } else { "inactive" },
		"scope": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy" }] },
		"category": [{ "coding": [{ "system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent" }] }],
		"patient": { "reference": format!("Patient/{}", consent.patient_id) },
		"dateTime": instant(consent.granted_at),
		"performer": [{ "identifier": { "system": ACCOUNT, "value": consent.granted_by.to_ss58check() } }],
		"policyRule": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN" }] },
		"provision": {
			"type": "permit",
			"period": period,
			"actor": [{
				"role": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP" }] },
				"reference": grantee,
			}],
			"action": actions.iter().map(|action| json!({ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/consentaction", "code": action }] })).collect::<Vec<_>>(),
			"purpose": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": code, "display": display }],
			"class": consent.categories.iter().map(|tag| json!({ "system": CATEGORY_TAG, "code": tag_hex(tag) })).collect::<Vec<_>>(),
		},
		"extension": [
			{ "url": format!("{R5}.decision"), "valueCode": "permit" },
			{ "url": format!("{R5}.grantee"), "valueReference": grantee },
			{ "url": format!("{R5}.period"), "valuePeriod": period },
		],
	})
}

/// A search's answer.
pub fn searchset(entries: Vec<Value>) -> Value {
	let total = entries.len();
	searchset_page(entries, Some(total), None)
}

/// One page of a search: `total` when the page is the whole answer, and the `next` link (a
/// path and query on this gateway) when more follows.
pub fn searchset_page(entries: Vec<Value>, total: Option<usize>, next: Option<String>) -> Value {
	let mut bundle = json!({
		"resourceType": "Bundle",
		"type": "searchset",
		"entry": entries.into_iter().map(|resource| json!({ "resource": resource, "search": { "mode": "match" } })).collect::<Vec<_>>(),
	});
	if let Some(total) = total {
		bundle["total"] = json!(total);
	}
	if let Some(next) = next {
		bundle["link"] = json!([{ "relation": "next", "url": next }]);
	}
	bundle
}

#[cfg(test)]
mod tests {
	use super::*;

	fn upload(value: Value) -> Result<Upload, Outcome> {
		Upload::from_document_reference(value.to_string().as_bytes())
	}

	fn document() -> Value {
		json!({
			"resourceType": "DocumentReference",
			"subject": { "reference": "Patient/3" },
			"category": [{ "coding": [{ "system": CATEGORY_TAG, "code": format!("0x{}", "ab".repeat(16)) }] }],
			"content": [{ "attachment": { "contentType": "application/fhir+json", "data": "eyJhIjoxfQ==" } }],
		})
	}

	#[test]
	fn an_upload_names_patient_category_and_document() {
		assert_eq!(
			upload(document()).unwrap(),
			Upload {
				patient_id: 3,
				category: CategoryTag([0xab; 16]),
				content_type: "application/fhir+json".into(),
				body: b"{\"a\":1}".to_vec(),
			}
		);
		let mut by_identifier = document();
		by_identifier["subject"] = json!({ "identifier": { "system": PATIENT, "value": "3" } });
		assert_eq!(upload(by_identifier).unwrap().patient_id, 3);
	}

	#[test]
	fn malformed_uploads_say_what_is_wrong() {
		let cases: [(fn(&mut Value), &str); 7] = [
			(|d| d["resourceType"] = json!("Patient"), "resourceType"),
			(|d| d["subject"] = json!({ "reference": "Practitioner/1" }), "subject"),
			(|d| d["category"] = json!([]), "exactly one coding"),
			(|d| d["category"][0]["coding"][0]["code"] = json!("0x12"), "32 hex digits"),
			(|d| d["content"] = json!([]), "exactly one attachment"),
			(|d| d["content"][0]["attachment"]["data"] = json!("%%%"), "not base64"),
			(|d| d["content"][0]["attachment"]["data"] = json!(""), "empty"),
		];
		for (change, expected) in cases {
			let mut doc = document();
			change(&mut doc);
			let outcome = upload(doc).unwrap_err();
			assert_eq!(outcome.status, StatusCode::UNPROCESSABLE_ENTITY);
			assert!(outcome.diagnostics.contains(expected), "{expected}: {}", outcome.diagnostics);
		}
		assert!(Upload::from_document_reference(b"not json")
			.unwrap_err()
			.diagnostics
			.contains("not JSON"));
	}
}
