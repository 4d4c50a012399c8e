//! What an operator's monitoring scrapes: `GET /metrics`, in the Prometheus text format.
//!
//! | metric | type | what |
//! | --- | --- | --- |
//! | `carechain_gateway_requests_total{endpoint,status}` | counter | answered requests, by endpoint and HTTP status |
//! | `carechain_gateway_request_seconds_sum{endpoint}` | counter | the time spent answering them |
//! | `carechain_gateway_released_bytes_total` | counter | bytes of record bodies released |
//! | `carechain_gateway_shredded_total` | counter | envelopes deleted because their record was erased on chain |
//! | `carechain_gateway_bound_total` | counter | uploads bound to their anchored record version |
//! | `carechain_gateway_tampered_total` | counter | bodies refused because they no longer match their anchor |
//! | `carechain_gateway_pending_uploads` | gauge | uploads waiting for their anchoring |
//! | `carechain_gateway_finalized_applied` | gauge | the last finalised block the follower applied |
//!
//! The endpoint label is one of a fixed set (a record id never becomes a label), so the series
//! stay few. The metrics name no account, patient or record: they are safe to ship to a
//! monitoring system outside the gateway's trust boundary.

use std::{
	collections::BTreeMap,
	fmt::Write,
	sync::{
		atomic::{AtomicU64, Ordering},
		Mutex,
	},
	time::Instant,
};

use axum::{
	extract::{Request, State},
	middleware::Next,
	response::Response,
};

/// The endpoints requests are counted under.
pub fn endpoint(path: &str) -> &'static str {
	match path {
		"/fhir/metadata" => "metadata",
		"/fhir/DocumentReference" => "document_reference",
		"/fhir/Consent" => "consent",
		"/fhir/AuditEvent" => "audit_event",
		"/health" => "health",
		"/metrics" => "metrics",
		p if p.starts_with("/fhir/Binary/") => "binary",
		p if p.starts_with("/unchecked/") => "unchecked",
		_ => "other",
	}
}

/// The gateway's counters since start.
#[derive(Default)]
pub struct Metrics {
	/// (endpoint, status) → (answers, seconds spent).
	requests: Mutex<BTreeMap<(&'static str, u16), (u64, f64)>>,
	pub released_bytes: AtomicU64,
	pub shredded: AtomicU64,
	pub bound: AtomicU64,
}

impl Metrics {
	/// Counts one answer.
	pub fn answered(&self, endpoint: &'static str, status: u16, seconds: f64) {
		let mut requests = self.requests.lock().unwrap_or_else(|e| e.into_inner());
		let entry = requests.entry((endpoint, status)).or_default();
		entry.0 += 1;
		entry.1 += seconds;
	}

	/// The Prometheus text exposition, with the gauges and counters kept elsewhere.
	pub fn render(&self, tampered: u64, pending: usize, applied: Option<u32>) -> String {
		let mut out = String::new();
		let requests = self.requests.lock().unwrap_or_else(|e| e.into_inner()).clone();
		out.push_str("# HELP carechain_gateway_requests_total Answered requests, by endpoint and HTTP status.\n");
		out.push_str("# TYPE carechain_gateway_requests_total counter\n");
		for ((endpoint, status), (count, _)) in &requests {
			let _ = writeln!(
				out,
				"carechain_gateway_requests_total{{endpoint=\"{endpoint}\",status=\"{status}\"}} {count}"
			);
		}
		let mut seconds: BTreeMap<&str, f64> = BTreeMap::new();
		for ((endpoint, _), (_, spent)) in &requests {
			*seconds.entry(endpoint).or_default() += spent;
		}
		out.push_str("# HELP carechain_gateway_request_seconds_sum Seconds spent answering requests, by endpoint.\n");
		out.push_str("# TYPE carechain_gateway_request_seconds_sum counter\n");
		for (endpoint, spent) in seconds {
			let _ = writeln!(
				out,
				"carechain_gateway_request_seconds_sum{{endpoint=\"{endpoint}\"}} {spent:.6}"
			);
		}
		let load = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
		let single = [
			(
				"released_bytes_total",
				"counter",
				"Bytes of record bodies released.",
				load(&self.released_bytes),
			),
			(
				"shredded_total",
				"counter",
				"Envelopes deleted because their record was erased on chain.",
				load(&self.shredded),
			),
			(
				"bound_total",
				"counter",
				"Uploads bound to their anchored record version.",
				load(&self.bound),
			),
			(
				"tampered_total",
				"counter",
				"Bodies refused because they no longer match their anchor.",
				tampered,
			),
			("pending_uploads", "gauge", "Uploads waiting for their anchoring.", pending as u64),
		];
		for (name, kind, help, value) in single {
			let _ = writeln!(out, "# HELP carechain_gateway_{name} {help}\n# TYPE carechain_gateway_{name} {kind}\ncarechain_gateway_{name} {value}");
		}
		if let Some(applied) = applied {
			let _ = writeln!(out, "# HELP carechain_gateway_finalized_applied The last finalised block the follower applied.\n# TYPE carechain_gateway_finalized_applied gauge\ncarechain_gateway_finalized_applied {applied}");
		}
		out
	}
}

/// Counts every answer (an axum middleware).
pub async fn layer(
	State(gateway): State<std::sync::Arc<crate::api::Gateway>>,
	request: Request,
	next: Next,
) -> Response {
	let endpoint = endpoint(request.uri().path());
	let started = Instant::now();
	let response = next.run(request).await;
	gateway
		.metrics
		.answered(endpoint, response.status().as_u16(), started.elapsed().as_secs_f64());
	response
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn answers_are_counted_under_a_fixed_set_of_endpoints() {
		let metrics = Metrics::default();
		metrics.answered(endpoint("/fhir/Binary/17"), 200, 0.25);
		metrics.answered(endpoint("/fhir/Binary/18"), 200, 0.5);
		metrics.answered(endpoint("/fhir/Binary/19"), 403, 0.125);
		metrics.answered(endpoint("/no/such/thing/42"), 404, 0.0);
		metrics.released_bytes.fetch_add(10_240, Ordering::Relaxed);
		let text = metrics.render(1, 3, Some(12));
		assert!(text
			.contains("carechain_gateway_requests_total{endpoint=\"binary\",status=\"200\"} 2\n"));
		assert!(text
			.contains("carechain_gateway_requests_total{endpoint=\"binary\",status=\"403\"} 1\n"));
		assert!(text
			.contains("carechain_gateway_requests_total{endpoint=\"other\",status=\"404\"} 1\n"));
		assert!(
			text.contains("carechain_gateway_request_seconds_sum{endpoint=\"binary\"} 0.875000\n")
		);
		assert!(text.contains("carechain_gateway_released_bytes_total 10240\n"));
		assert!(text.contains("carechain_gateway_tampered_total 1\n"));
		assert!(text.contains("carechain_gateway_pending_uploads 3\n"));
		assert!(text.contains("carechain_gateway_finalized_applied 12\n"));
		assert!(!text.contains("\"17\""), "no record id becomes a label");
		// Every sample line is a name, optional labels and a number.
		for line in text.lines().filter(|l| !l.starts_with('#')) {
			let (_, value) = line.rsplit_once(' ').expect("a sample has a value");
			assert!(value.parse::<f64>().is_ok(), "{line}");
		}
	}
}
