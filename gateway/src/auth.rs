//! Requests signed by the requester's chain account (sr25519): the gateway never holds a user's
//! key, and a captured request cannot be replayed or altered.
//!
//! A request carries four headers:
//!
//! | header | value |
//! | --- | --- |
//! | `X-Carechain-Account` | the requester's account (SS58) |
//! | `X-Carechain-Time` | when it was signed, ms since the Unix epoch |
//! | `X-Carechain-Nonce` | 16 to 64 hex digits, fresh for every request |
//! | `X-Carechain-Signature` | the sr25519 signature (hex) of the message below |
//!
//! ```text
//! carechain-gateway-v1\n{METHOD}\n{path and query, as sent}\n{blake2_256(body), hex}\n{time}\n{nonce}
//! ```
//!
//! The message may also be signed wrapped as `<Bytes>…</Bytes>`, which is what a browser wallet's
//! `signRaw` signs. A request is refused (401) unsigned, with a bad signature, signed more than
//! [`Config::max_skew`](crate::Config) away from the gateway's clock, or with a nonce this
//! account already used within that window (a replay).

use std::{
	collections::{HashMap, VecDeque},
	sync::Mutex,
	time::Duration,
};

use carechain_primitives::AccountId;
use sp_core::{crypto::Ss58Codec, sr25519, Pair as _};

/// The headers a signed request carries.
pub const ACCOUNT: &str = "x-carechain-account";
pub const TIME: &str = "x-carechain-time";
pub const NONCE: &str = "x-carechain-nonce";
pub const SIGNATURE: &str = "x-carechain-signature";

/// Why a request's signature is refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AuthError {
	#[error("the request is not signed: it needs the headers X-Carechain-Account, X-Carechain-Time, X-Carechain-Nonce and X-Carechain-Signature")]
	Unsigned,
	#[error("X-Carechain-Account is not an SS58 account")]
	BadAccount,
	#[error("X-Carechain-Time is not a time in ms since the Unix epoch")]
	BadTime,
	#[error("X-Carechain-Nonce must be 16 to 64 hex digits")]
	BadNonce,
	#[error(
		"the request was signed {0} s away from the gateway's clock, more than the {1} s allowed"
	)]
	Stale(u64, u64),
	#[error("the signature does not match the request and the account")]
	BadSignature,
	#[error("this nonce was already used by this account: the request is a replay")]
	Replayed,
	#[error("the gateway has seen too many requests in the signing window to tell a replay; retry shortly")]
	Busy,
	#[error("the request was signed before the gateway restarted without the nonces it had seen: sign it anew")]
	SignedBeforeStart,
}

/// The message a request's signature covers.
pub fn message(method: &str, path_and_query: &str, body: &[u8], time: u64, nonce: &str) -> String {
	format!(
		"carechain-gateway-v1\n{}\n{}\n{}\n{}\n{}",
		method.to_ascii_uppercase(),
		path_and_query,
		hex::encode(sp_crypto_hashing::blake2_256(body)),
		time,
		nonce
	)
}

/// The four headers of a request signed by `pair` (what clients send; tests use it).
pub fn sign(
	pair: &sr25519::Pair,
	method: &str,
	path_and_query: &str,
	body: &[u8],
	time: u64,
	nonce: &str,
) -> [(&'static str, String); 4] {
	let signature = pair.sign(message(method, path_and_query, body, time, nonce).as_bytes());
	[
		(ACCOUNT, AccountId::from(pair.public()).to_ss58check()),
		(TIME, time.to_string()),
		(NONCE, nonce.to_string()),
		(SIGNATURE, format!("0x{}", hex::encode(signature.0))),
	]
}

/// Checks signatures and remembers nonces for the signing window.
pub struct Verifier {
	max_skew: Duration,
	capacity: usize,
	seen: Mutex<Seen>,
	/// Requests signed before this time (ms) are refused: set when the gateway starts without
	/// the nonces its last run saw (a crash), so none of that run's requests can be replayed.
	not_before: std::sync::atomic::AtomicU64,
}

#[derive(Default)]
struct Seen {
	nonces: HashMap<(AccountId, String), u64>,
	order: VecDeque<(u64, AccountId, String)>,
}

impl Verifier {
	/// A verifier accepting requests signed within `max_skew` of now, remembering at most
	/// `capacity` nonces (a request beyond that while all are in the window is refused as busy).
	pub fn new(max_skew: Duration, capacity: usize) -> Self {
		Self {
			max_skew,
			capacity,
			seen: Mutex::new(Seen::default()),
			not_before: std::sync::atomic::AtomicU64::new(0),
		}
	}

	/// Refuses every request signed before `time` (ms since the Unix epoch): what a gateway that
	/// lost the nonces of its last run (it crashed) does, so a request captured then is not
	/// replayed now.
	pub fn refuse_signed_before(&self, time: u64) {
		self.not_before.store(time, std::sync::atomic::Ordering::Relaxed);
	}

	/// The nonces still within reach of the signing window at `now`, one per line as
	/// `<time seen> <account> <nonce>`: what a gateway saves when it stops.
	pub fn export(&self, now: u64) -> String {
		let window = self.max_skew.as_millis() as u64;
		let seen = self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		seen.order
			.iter()
			.filter(|(at, _, _)| now.saturating_sub(*at) <= 2 * window)
			.map(|(at, who, nonce)| format!("{at} {} {nonce}\n", who.to_ss58check()))
			.collect()
	}

	/// Remembers the nonces `export` wrote (lines that do not parse, or left the window, are
	/// dropped); answers how many were kept.
	pub fn import(&self, text: &str, now: u64) -> usize {
		let window = self.max_skew.as_millis() as u64;
		let mut seen = self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		let mut kept = 0;
		for line in text.lines() {
			let mut parts = line.split_whitespace();
			let (Some(at), Some(who), Some(nonce)) = (parts.next(), parts.next(), parts.next())
			else {
				continue;
			};
			let (Ok(at), Ok(who)) = (at.parse::<u64>(), AccountId::from_ss58check(who)) else {
				continue;
			};
			if now.saturating_sub(at) > 2 * window || seen.nonces.len() >= self.capacity {
				continue;
			}
			let key = (who, nonce.to_ascii_lowercase());
			if seen.nonces.insert(key.clone(), at).is_none() {
				seen.order.push_back((at, key.0, key.1));
				kept += 1;
			}
		}
		kept
	}

	/// The account that signed a request, given its headers (`header(name)`), method, path and
	/// query, and body, at `now` (ms since the Unix epoch).
	pub fn verify<'a>(
		&self,
		header: impl Fn(&str) -> Option<&'a str>,
		method: &str,
		path_and_query: &str,
		body: &[u8],
		now: u64,
	) -> Result<AccountId, AuthError> {
		let (Some(account), Some(time), Some(nonce), Some(signature)) =
			(header(ACCOUNT), header(TIME), header(NONCE), header(SIGNATURE))
		else {
			return Err(AuthError::Unsigned);
		};
		let account =
			AccountId::from_ss58check(account.trim()).map_err(|_| AuthError::BadAccount)?;
		let time: u64 = time.trim().parse().map_err(|_| AuthError::BadTime)?;
		let nonce = nonce.trim();
		if !(16..=64).contains(&nonce.len()) || !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
			return Err(AuthError::BadNonce);
		}
		let skew = now.abs_diff(time);
		let window = self.max_skew.as_millis() as u64;
		if skew > window {
			return Err(AuthError::Stale(skew / 1000, window / 1000));
		}
		if time < self.not_before.load(std::sync::atomic::Ordering::Relaxed) {
			return Err(AuthError::SignedBeforeStart);
		}
		let signature = signature.trim();
		let signature = hex::decode(signature.strip_prefix("0x").unwrap_or(signature))
			.ok()
			.and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
			.map(sr25519::Signature::from_raw)
			.ok_or(AuthError::BadSignature)?;
		let public = sr25519::Public::from_raw(*account.as_ref());
		let message = message(method, path_and_query, body, time, nonce);
		let wrapped = format!("<Bytes>{message}</Bytes>");
		if !sr25519::Pair::verify(&signature, message.as_bytes(), &public)
			&& !sr25519::Pair::verify(&signature, wrapped.as_bytes(), &public)
		{
			return Err(AuthError::BadSignature);
		}
		self.remember(account.clone(), nonce.to_ascii_lowercase(), now, window)?;
		Ok(account)
	}

	/// Records a nonce as used until it leaves the window; refuses one already used.
	fn remember(
		&self,
		account: AccountId,
		nonce: String,
		now: u64,
		window: u64,
	) -> Result<(), AuthError> {
		let mut seen = self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		// A nonce older than twice the window can no longer come with a time inside it.
		while let Some((at, _, _)) = seen.order.front() {
			if now.saturating_sub(*at) <= 2 * window {
				break;
			}
			if let Some((_, who, old)) = seen.order.pop_front() {
				seen.nonces.remove(&(who, old));
			}
		}
		let key = (account, nonce);
		if seen.nonces.contains_key(&key) {
			return Err(AuthError::Replayed);
		}
		if seen.nonces.len() >= self.capacity {
			return Err(AuthError::Busy);
		}
		seen.order.push_back((now, key.0.clone(), key.1.clone()));
		seen.nonces.insert(key, now);
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_keyring::Sr25519Keyring;

	const NOW: u64 = 1_800_000_000_000;

	fn check(
		verifier: &Verifier,
		headers: &[(&'static str, String)],
		body: &[u8],
		now: u64,
	) -> Result<AccountId, AuthError> {
		verifier.verify(
			|name| headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()),
			"GET",
			"/fhir/Binary/1?purpose=Treatment",
			body,
			now,
		)
	}

	#[test]
	fn a_signed_request_names_its_signer_once() {
		let verifier = Verifier::new(Duration::from_secs(300), 100);
		let alice = Sr25519Keyring::Alice.pair();
		let headers = sign(
			&alice,
			"get",
			"/fhir/Binary/1?purpose=Treatment",
			b"",
			NOW,
			"00112233445566778899",
		);
		assert_eq!(
			check(&verifier, &headers, b"", NOW + 1_000),
			Ok(Sr25519Keyring::Alice.to_account_id())
		);
		assert_eq!(check(&verifier, &headers, b"", NOW + 2_000), Err(AuthError::Replayed));
	}

	#[test]
	fn altered_stale_unsigned_or_malformed_requests_are_refused() {
		let verifier = Verifier::new(Duration::from_secs(300), 100);
		let alice = Sr25519Keyring::Alice.pair();
		let headers =
			sign(&alice, "GET", "/fhir/Binary/1?purpose=Treatment", b"", NOW, "aaaaaaaaaaaaaaaa");
		assert_eq!(check(&verifier, &headers, b"x", NOW), Err(AuthError::BadSignature));
		assert_eq!(check(&verifier, &headers, b"", NOW + 301_000), Err(AuthError::Stale(301, 300)));
		assert_eq!(check(&verifier, &headers[..3], b"", NOW), Err(AuthError::Unsigned));
		let mut bob = headers.clone();
		bob[0].1 = Sr25519Keyring::Bob.to_account_id().to_ss58check();
		assert_eq!(check(&verifier, &bob, b"", NOW), Err(AuthError::BadSignature));
		let mut bad = headers.clone();
		bad[2].1 = "xyz".into();
		assert_eq!(check(&verifier, &bad, b"", NOW), Err(AuthError::BadNonce));
		let mut bad = headers.clone();
		bad[0].1 = "not an account".into();
		assert_eq!(check(&verifier, &bad, b"", NOW), Err(AuthError::BadAccount));
		let mut bad = headers;
		bad[1].1 = "yesterday".into();
		assert_eq!(check(&verifier, &bad, b"", NOW), Err(AuthError::BadTime));
	}

	#[test]
	fn a_wallet_signature_of_the_wrapped_message_is_accepted() {
		let verifier = Verifier::new(Duration::from_secs(300), 100);
		let alice = Sr25519Keyring::Alice.pair();
		let nonce = "bbbbbbbbbbbbbbbb";
		let message = message("GET", "/fhir/Binary/1?purpose=Treatment", b"", NOW, nonce);
		let signature = alice.sign(format!("<Bytes>{message}</Bytes>").as_bytes());
		let mut headers = sign(&alice, "GET", "/fhir/Binary/1?purpose=Treatment", b"", NOW, nonce);
		headers[3].1 = hex::encode(signature.0);
		assert!(check(&verifier, &headers, b"", NOW).is_ok());
	}

	#[test]
	fn saved_nonces_stay_used_across_a_restart_and_a_restart_without_them_refuses_older_requests() {
		let pair = Sr25519Keyring::Alice.pair();
		let first = Verifier::new(Duration::from_secs(300), 100);
		let request =
			sign(&pair, "GET", "/fhir/Binary/1?purpose=Treatment", b"", NOW, "0123456789abcdef");
		assert!(check(&first, &request, b"", NOW).is_ok());
		let saved = first.export(NOW + 1_000);
		assert_eq!(saved.lines().count(), 1);
		// A clean restart reads them back: the request is still a replay.
		let restarted = Verifier::new(Duration::from_secs(300), 100);
		assert_eq!(restarted.import(&format!("{saved}not a line\n"), NOW + 2_000), 1);
		assert_eq!(check(&restarted, &request, b"", NOW + 2_000), Err(AuthError::Replayed));
		// Saved nonces past the window are dropped on reading.
		assert_eq!(Verifier::new(Duration::from_secs(300), 100).import(&saved, NOW + 700_000), 0);
		// After a crash (nothing saved), requests signed before the start are refused; later
		// ones are not.
		let crashed = Verifier::new(Duration::from_secs(300), 100);
		crashed.refuse_signed_before(NOW + 5_000);
		assert_eq!(check(&crashed, &request, b"", NOW + 6_000), Err(AuthError::SignedBeforeStart));
		let fresh = sign(
			&pair,
			"GET",
			"/fhir/Binary/1?purpose=Treatment",
			b"",
			NOW + 5_500,
			"fedcba9876543210",
		);
		assert!(check(&crashed, &fresh, b"", NOW + 6_000).is_ok());
	}

	#[test]
	fn nonces_leave_memory_after_the_window_and_a_full_memory_refuses() {
		let verifier = Verifier::new(Duration::from_secs(1), 2);
		let alice = Sr25519Keyring::Alice.pair();
		for (i, nonce) in ["1111111111111111", "2222222222222222"].iter().enumerate() {
			let headers = sign(&alice, "GET", "/fhir/Binary/1?purpose=Treatment", b"", NOW, nonce);
			assert!(check(&verifier, &headers, b"", NOW + i as u64).is_ok());
		}
		let third =
			sign(&alice, "GET", "/fhir/Binary/1?purpose=Treatment", b"", NOW, "3333333333333333");
		assert_eq!(check(&verifier, &third, b"", NOW), Err(AuthError::Busy));
		let later = NOW + 2_500;
		let fourth =
			sign(&alice, "GET", "/fhir/Binary/1?purpose=Treatment", b"", later, "4444444444444444");
		assert!(check(&verifier, &fourth, b"", later).is_ok(), "old nonces were forgotten");
	}
}
