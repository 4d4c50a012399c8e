//! Cross-origin requests from web apps (the portal), for the origins the operator names
//! (`--allow-origin`, [`Config::allowed_origins`](crate::Config)) and no others.
//!
//! Every FHIR request is signed in `X-Carechain-*` headers, so a browser asks first (a CORS
//! preflight, `OPTIONS` with `Access-Control-Request-*`). For a named origin the gateway answers
//! it with the methods and headers a signed request uses, and marks each answer readable by that
//! origin, with the `X-Carechain-*` headers a released body carries exposed. A preflight from
//! any other origin is refused (403, an OperationOutcome naming the flag), and other answers
//! carry no CORS header, so the browser keeps them from the page. Origins are compared exactly
//! (scheme, host and port, as the browser sends them); the signature, not the origin, is what
//! authorises a request: CORS only decides which web pages may speak for a signer at all.

use axum::{
	extract::{Request, State},
	http::{header, HeaderMap, HeaderValue, Method, StatusCode},
	middleware::Next,
	response::{IntoResponse, Response},
};

use crate::fhir::Outcome;

/// The request headers a signed request sends.
pub const ALLOWED_HEADERS: &str =
	"content-type, x-carechain-account, x-carechain-time, x-carechain-nonce, x-carechain-signature";
/// The response headers a page may read (beyond the CORS-safelisted ones).
pub const EXPOSED_HEADERS: &str = "x-carechain-content-hash, x-carechain-salt, x-carechain-record-status, x-carechain-superseded-by, server-timing";
/// How long a browser may keep a preflight's answer, in seconds.
const MAX_AGE: &str = "600";

/// The request's `Origin`, if it is one of `allowed`.
fn allowed_origin<'a>(allowed: &[String], headers: &'a HeaderMap) -> Option<&'a HeaderValue> {
	let origin = headers.get(header::ORIGIN)?;
	let text = origin.to_str().ok()?;
	allowed.iter().any(|a| a == text).then_some(origin)
}

/// Answers preflights and marks answers for the allowed origins (an axum middleware; `allowed`
/// is the operator's list).
pub async fn layer(
	State(allowed): State<std::sync::Arc<Vec<String>>>,
	request: Request,
	next: Next,
) -> Response {
	let origin = allowed_origin(&allowed, request.headers()).cloned();
	let preflight = request.method() == Method::OPTIONS
		&& request.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
	if preflight {
		let Some(origin) = origin else {
			let from = request
				.headers()
				.get(header::ORIGIN)
				.and_then(|o| o.to_str().ok())
				.unwrap_or("no origin")
				.to_owned();
			return Outcome::forbidden(format!(
				"cross-origin requests from {from} are not allowed by this gateway (its operator names the web apps' origins with --allow-origin)"
			))
			.into_response();
		};
		let mut response = StatusCode::NO_CONTENT.into_response();
		let headers = response.headers_mut();
		headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
		headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST"));
		headers.insert(
			header::ACCESS_CONTROL_ALLOW_HEADERS,
			HeaderValue::from_static(ALLOWED_HEADERS),
		);
		headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static(MAX_AGE));
		headers.insert(header::VARY, HeaderValue::from_static("origin"));
		return response;
	}
	let mut response = next.run(request).await;
	if let Some(origin) = origin {
		let headers = response.headers_mut();
		headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
		headers.insert(
			header::ACCESS_CONTROL_EXPOSE_HEADERS,
			HeaderValue::from_static(EXPOSED_HEADERS),
		);
		headers.append(header::VARY, HeaderValue::from_static("origin"));
	}
	response
}
