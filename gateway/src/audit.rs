//! The release history as FHIR `AuditEvent`s (`GET /fhir/AuditEvent?patient=…`), shaped after
//! IHE Basic Audit Log Patterns (BALP) "read": every logged read of the patient's records, each
//! of which is what a gateway releases a body on, newest first.
//!
//! The history comes from the indexer (`apps/indexer`, its `recordReads`), not the node: a node
//! keeps 256 blocks of state, an indexer all of them. The gateway asks it over GraphQL with a
//! small HTTP/1.0 client of its own (plain `http://`: an indexer on loopback or a private network,
//! behind a TLS proxy otherwise), so the gateway carries no second HTTP stack.

use std::time::Duration;

use carechain_primitives::Purpose;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::fhir::purpose_code;

/// How long the indexer may take to answer.
const TIMEOUT: Duration = Duration::from_secs(30);
/// The largest answer read from the indexer.
const MAX_ANSWER: u64 = 64 * 1024 * 1024;

/// An indexer's GraphQL endpoint.
#[derive(Clone, Debug)]
pub struct Indexer {
	host: String,
	port: u16,
	path: String,
}

/// Why the indexer gave no answer.
#[derive(Debug, thiserror::Error)]
#[error("the indexer at {url}: {why}")]
pub struct IndexerError {
	url: String,
	why: String,
}

impl Indexer {
	/// `http://host[:port]/path` (the port defaults to 80).
	pub fn parse(url: &str) -> Result<Self, String> {
		let rest = url
			.strip_prefix("http://")
			.ok_or_else(|| format!("{url}: the indexer's URL must start with http://"))?;
		let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
		let (host, port) = match authority.rsplit_once(':') {
			Some((host, port)) => {
				(host, port.parse().map_err(|_| format!("{url}: {port:?} is not a port"))?)
			},
			None => (authority, 80),
		};
		if host.is_empty() {
			return Err(format!("{url}: no host"));
		}
		Ok(Self { host: host.to_owned(), port, path: format!("/{path}") })
	}

	fn url(&self) -> String {
		format!("http://{}:{}{}", self.host, self.port, self.path)
	}

	fn error(&self, why: impl Into<String>) -> IndexerError {
		IndexerError { url: self.url(), why: why.into() }
	}

	/// Runs a GraphQL query; its `data`.
	pub async fn query(&self, query: &str, variables: Value) -> Result<Value, IndexerError> {
		let body = json!({ "query": query, "variables": variables }).to_string();
		let answer = tokio::time::timeout(TIMEOUT, self.post(&body))
			.await
			.map_err(|_| self.error(format!("no answer within {} s", TIMEOUT.as_secs())))??;
		let (head, body) = answer
			.split_once("\r\n\r\n")
			.ok_or_else(|| self.error("the answer is not HTTP"))?;
		let status = head.split(' ').nth(1).unwrap_or_default();
		let parsed: Value = serde_json::from_str(body)
			.map_err(|_| self.error(format!("HTTP {status}, and the body is not JSON")))?;
		if let Some(errors) = parsed.get("errors").and_then(Value::as_array) {
			let said: Vec<_> = errors.iter().filter_map(|e| e["message"].as_str()).collect();
			return Err(self.error(format!("it refused the query: {}", said.join("; "))));
		}
		match parsed.get("data") {
			Some(data) if status == "200" => Ok(data.clone()),
			_ => Err(self.error(format!("HTTP {status}"))),
		}
	}

	async fn post(&self, body: &str) -> Result<String, IndexerError> {
		let mut stream = tokio::net::TcpStream::connect((self.host.as_str(), self.port))
			.await
			.map_err(|e| self.error(format!("not reachable: {e}")))?;
		// HTTP/1.0: the answer comes whole, without chunks, and ends with the connection.
		let request = format!(
			"POST {} HTTP/1.0\r\nHost: {}:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
			self.path,
			self.host,
			self.port,
			body.len()
		);
		stream
			.write_all(request.as_bytes())
			.await
			.map_err(|e| self.error(format!("sending the query: {e}")))?;
		let mut answer = Vec::new();
		stream
			.take(MAX_ANSWER)
			.read_to_end(&mut answer)
			.await
			.map_err(|e| self.error(format!("reading the answer: {e}")))?;
		String::from_utf8(answer).map_err(|_| self.error("the answer is not UTF-8"))
	}
}

/// The logged reads of patient `patient_id`'s records in `[from, to]` (RFC 3339 times), newest
/// first, `limit` from `offset`.
pub async fn reads_of(
	indexer: &Indexer,
	patient_id: u64,
	(from, to): (&str, &str),
	limit: u32,
	offset: u32,
) -> Result<Vec<Value>, IndexerError> {
	let data = indexer
		.query(
			"query ($patient: BigInt!, $from: DateTime!, $to: DateTime!, $limit: Int!, $offset: Int!) {
			  recordReads(where: { patientId_eq: $patient, timestamp_gte: $from, timestamp_lte: $to },
			              orderBy: [timestamp_DESC, id_DESC], limit: $limit, offset: $offset) {
			    id block timestamp patientId reader purpose decision
			    record { id } consent { id } emergencyAccess { id reason } } }",
			json!({
				"patient": patient_id.to_string(), "from": from, "to": to,
				"limit": limit, "offset": offset,
			}),
		)
		.await?;
	Ok(data["recordReads"].as_array().cloned().unwrap_or_default())
}

/// One logged read as a FHIR R4 `AuditEvent` (IHE BALP "read"): who read which record of which
/// patient, when, for what purpose, and the consent or emergency access that allowed it (the
/// agent's `policy`); recorded by the chain, in the block named by the source.
pub fn audit_event(read: &Value) -> Value {
	let purpose = match read["purpose"].as_str().unwrap_or_default() {
		"Payment" => Purpose::Payment,
		"Research" => Purpose::Research,
		"PublicHealth" => Purpose::PublicHealth,
		_ => Purpose::Treatment,
	};
	let emergency = read["decision"] == "Emergency";
	let (code, display) =
		if emergency { ("ETREAT", "emergency treatment") } else { purpose_code(purpose) };
	let policy = match (&read["consent"]["id"], &read["emergencyAccess"]["id"]) {
		(Value::String(id), _) => vec![format!("urn:carechain:consent:{id}")],
		(_, Value::String(id)) => vec![format!("urn:carechain:emergency-access:{id}")],
		_ => vec![],
	};
	let mut agent = json!({
		"type": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP", "display": "information recipient" }] },
		"who": { "identifier": { "system": "urn:carechain:account", "value": read["reader"] } },
		"requestor": true,
		"policy": policy,
	});
	if let Some(reason) = read["emergencyAccess"]["reason"].as_str() {
		agent["purposeOfUse"] = json!([{ "text": format!("break-glass: {reason}") }]);
	}
	json!({
		"resourceType": "AuditEvent",
		"id": read["id"],
		"meta": { "profile": ["https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Read"] },
		"type": { "system": "http://terminology.hl7.org/CodeSystem/audit-event-type", "code": "rest", "display": "Restful Operation" },
		"subtype": [{ "system": "http://hl7.org/fhir/restful-interaction", "code": "read", "display": "read" }],
		"action": "R",
		"recorded": read["timestamp"],
		"outcome": "0",
		"purposeOfEvent": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": code, "display": display }] }],
		"agent": [agent],
		"source": {
			"observer": { "display": format!("Carechain chain, block {}", read["block"]) },
			"type": [{ "system": "http://terminology.hl7.org/CodeSystem/security-source-type", "code": "4", "display": "Application Server" }],
		},
		"entity": [
			{
				"what": { "identifier": { "system": "urn:carechain:record", "value": read["record"]["id"] } },
				"type": { "system": "http://terminology.hl7.org/CodeSystem/audit-entity-type", "code": "2", "display": "System Object" },
				"role": { "system": "http://terminology.hl7.org/CodeSystem/object-role", "code": "4", "display": "Domain Resource" },
			},
			{
				"what": { "reference": format!("Patient/{}", read["patientId"].as_str().unwrap_or_default()) },
				"type": { "system": "http://terminology.hl7.org/CodeSystem/audit-entity-type", "code": "1", "display": "Person" },
				"role": { "system": "http://terminology.hl7.org/CodeSystem/object-role", "code": "1", "display": "Patient" },
			},
		],
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn indexer_urls_are_plain_http_with_a_host() {
		let indexer = Indexer::parse("http://127.0.0.1:4350/graphql").unwrap();
		assert_eq!(
			(indexer.host.as_str(), indexer.port, indexer.path.as_str()),
			("127.0.0.1", 4350, "/graphql")
		);
		assert_eq!(Indexer::parse("http://indexer").unwrap().port, 80);
		assert!(Indexer::parse("https://indexer/graphql")
			.unwrap_err()
			.contains("must start with http://"));
		assert!(Indexer::parse("http://:4350/graphql").unwrap_err().contains("no host"));
		assert!(Indexer::parse("http://h:port/graphql").unwrap_err().contains("is not a port"));
	}

	#[test]
	fn a_read_is_an_audit_event_naming_reader_record_patient_purpose_and_what_allowed_it() {
		let read = json!({
			"id": "0000000042-000003", "block": 42, "timestamp": "2026-12-07T03:00:00.000000Z",
			"patientId": "7", "reader": "5Grw", "purpose": "Treatment", "decision": "Permitted",
			"record": { "id": "12" }, "consent": { "id": "3" }, "emergencyAccess": null,
		});
		let event = audit_event(&read);
		assert_eq!(event["resourceType"], "AuditEvent");
		assert_eq!(
			(event["action"].as_str(), event["recorded"].as_str()),
			(Some("R"), Some("2026-12-07T03:00:00.000000Z"))
		);
		assert_eq!(event["purposeOfEvent"][0]["coding"][0]["code"], "TREAT");
		assert_eq!(event["agent"][0]["who"]["identifier"]["value"], "5Grw");
		assert_eq!(event["agent"][0]["policy"], json!(["urn:carechain:consent:3"]));
		assert_eq!(event["entity"][0]["what"]["identifier"]["value"], "12");
		assert_eq!(event["entity"][1]["what"]["reference"], "Patient/7");
		assert_eq!(event["source"]["observer"]["display"], "Carechain chain, block 42");
		let glass = json!({
			"id": "x", "block": 9, "timestamp": "t", "patientId": "7", "reader": "nurse",
			"purpose": "Treatment", "decision": "Emergency", "record": { "id": "1" },
			"consent": null, "emergencyAccess": { "id": "4", "reason": "PatientUnconscious" },
		});
		let event = audit_event(&glass);
		assert_eq!(event["purposeOfEvent"][0]["coding"][0]["code"], "ETREAT");
		assert_eq!(event["agent"][0]["policy"], json!(["urn:carechain:emergency-access:4"]));
		assert_eq!(event["agent"][0]["purposeOfUse"][0]["text"], "break-glass: PatientUnconscious");
		let research =
			json!({ "purpose": "Research", "decision": "Permitted", "consent": { "id": "5" } });
		assert_eq!(audit_event(&research)["purposeOfEvent"][0]["coding"][0]["code"], "HRESCH");
	}
}
