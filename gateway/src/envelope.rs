//! The encrypted envelope a record body is kept in, and the master key that wraps its data key.
//!
//! ```text
//! envelope  = "CCGW" ‖ version (1 byte) ‖ header length (u32, LE) ‖ header (JSON) ‖ sealed body
//! sealed    = AES-256-GCM(data key, body nonce, salt ‖ record bytes, aad = storage_ref ‖ facts)
//! facts     = blake2_256(SCALE(patient id, category, uploader, content type, content hash, time))
//! wrapped   = AES-256-GCM(master key, key nonce, data key, aad = storage_ref)
//! ```
//!
//! Every record gets a fresh random data key, wrapped by the gateway's master key and kept in the
//! envelope's header with the nonces. Both seals name the record's `storage_ref` as associated
//! data, so an envelope moved under another record's reference does not open. The salt of the
//! content hash (see `pallet-records`: `content_hash = blake2_256(salt ‖ record bytes)`) is sealed
//! with the body: deleting the envelope deletes the wrapped data key and the salt together, which
//! is what makes erasure final (crypto-shredding) once no copy of the envelope survives (a backup
//! of it still opens under the master key until it expires: docs/GATEWAY.md, "Backup").
//!
//! The header is not secret (who uploaded, for which patient and category tag, when), but it is
//! authenticated: its facts are bound into the body's seal, so an edited header does not open.
//! Its patient and category are checked against the chain's anchor when the upload is bound and
//! again on every read.

use aes_gcm::{
	aead::{Aead, KeyInit, Payload},
	Aes256Gcm, Nonce,
};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sp_core::H256;

const MAGIC: &[u8; 4] = b"CCGW";
const VERSION: u8 = 1;
const NONCE_LEN: usize = 12;

/// The gateway's master key: 32 bytes that wrap every record's data key. Never printed.
pub struct MasterKey {
	cipher: Aes256Gcm,
	id: String,
}

impl core::fmt::Debug for MasterKey {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "MasterKey({})", self.id)
	}
}

/// Why a master key could not be read.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
	#[error("the master key must be 32 bytes written as 64 hex digits (with or without 0x)")]
	Malformed,
}

impl MasterKey {
	/// The key written as 64 hex digits (an optional `0x`, surrounding whitespace ignored).
	pub fn from_hex(text: &str) -> Result<Self, KeyError> {
		let text = text.trim();
		let digits = text.strip_prefix("0x").unwrap_or(text);
		let bytes = hex::decode(digits).map_err(|_| KeyError::Malformed)?;
		let key: [u8; 32] = bytes.try_into().map_err(|_| KeyError::Malformed)?;
		Ok(Self::from_bytes(key))
	}

	/// The key from its 32 bytes.
	pub fn from_bytes(key: [u8; 32]) -> Self {
		// The key's id names it in envelopes (so a rotation can tell old from new) without
		// revealing it: the first 8 bytes of a hash of it under a fixed prefix.
		let id = hex::encode(
			&sp_crypto_hashing::blake2_256(
				&[b"carechain-gateway key id".as_slice(), &key].concat(),
			)[..8],
		);
		Self { cipher: Aes256Gcm::new(&key.into()), id }
	}

	/// The key's public id (a hash prefix).
	pub fn id(&self) -> &str {
		&self.id
	}
}

/// What an envelope says about its record, in the clear.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Header {
	/// The master key that wrapped the data key (its id).
	pub key_id: String,
	/// The data key, wrapped (hex).
	pub wrapped_key: String,
	/// The nonce of the wrapping (hex).
	pub key_nonce: String,
	/// The nonce of the body's seal (hex).
	pub body_nonce: String,
	/// The patient the uploader named.
	pub patient_id: u64,
	/// The category tag the uploader named (hex).
	pub category: String,
	/// Who uploaded it (SS58).
	pub uploader: String,
	/// The media type of the record bytes.
	pub content_type: String,
	/// The salted content hash to anchor (hex).
	pub content_hash: String,
	/// When it was uploaded (ms since the Unix epoch).
	pub uploaded_at: u64,
}

/// An opened envelope.
pub struct Opened {
	/// The salt of the content hash.
	pub salt: [u8; 32],
	/// The record bytes.
	pub body: Vec<u8>,
}

impl Header {
	/// The header of a new upload: what the uploader named; the seal fills in the rest.
	pub fn upload(
		patient_id: u64,
		category: &[u8],
		uploader: String,
		content_type: String,
		uploaded_at: u64,
	) -> Self {
		Self {
			key_id: String::new(),
			wrapped_key: String::new(),
			key_nonce: String::new(),
			body_nonce: String::new(),
			patient_id,
			category: hex::encode(category),
			uploader,
			content_type,
			content_hash: String::new(),
			uploaded_at,
		}
	}
}

impl Opened {
	/// The content hash by the records pallet's recipe.
	pub fn content_hash(&self) -> H256 {
		content_hash(&self.salt, &self.body)
	}
}

/// `blake2_256(salt ‖ record bytes)`, the records pallet's recipe.
pub fn content_hash(salt: &[u8; 32], body: &[u8]) -> H256 {
	let mut bytes = Vec::with_capacity(32 + body.len());
	bytes.extend_from_slice(salt);
	bytes.extend_from_slice(body);
	H256(sp_crypto_hashing::blake2_256(&bytes))
}

/// Why an envelope does not open.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OpenError {
	#[error("not an envelope of this gateway (bad magic, version or header)")]
	Malformed,
	#[error("the envelope was sealed under master key {0}, which this gateway does not hold")]
	UnknownKey(String),
	#[error("the envelope fails authentication: it was altered, or moved from another record")]
	Tampered,
}

/// What the body's seal binds besides the storage reference: the header's facts.
fn facts(storage_ref: H256, header: &Header) -> Vec<u8> {
	let facts = (
		header.patient_id,
		&header.category,
		&header.uploader,
		&header.content_type,
		&header.content_hash,
		header.uploaded_at,
	);
	let mut aad = storage_ref.as_bytes().to_vec();
	aad.extend_from_slice(&sp_crypto_hashing::blake2_256(&codec::Encode::encode(&facts)));
	aad
}

/// Seals `body` for the record located by `storage_ref`: a fresh salt and data key. Returns the
/// envelope's bytes and the content hash to anchor.
pub fn seal(
	master: &MasterKey,
	storage_ref: H256,
	mut header: Header,
	body: &[u8],
) -> (Vec<u8>, H256) {
	let mut rng = rand::rngs::OsRng;
	let mut salt = [0u8; 32];
	let mut data_key = [0u8; 32];
	let mut key_nonce = [0u8; NONCE_LEN];
	let mut body_nonce = [0u8; NONCE_LEN];
	rng.fill_bytes(&mut salt);
	rng.fill_bytes(&mut data_key);
	rng.fill_bytes(&mut key_nonce);
	rng.fill_bytes(&mut body_nonce);
	let hash = content_hash(&salt, body);

	let aad = storage_ref.as_bytes();
	// Encryption with a 32-byte key and a 12-byte nonce cannot fail; `expect` documents that.
	#[allow(clippy::expect_used)]
	let wrapped = master
		.cipher
		.encrypt(Nonce::from_slice(&key_nonce), Payload { msg: &data_key, aad })
		.expect("AES-GCM seals any message under 64 GiB");
	let mut plain = Vec::with_capacity(32 + body.len());
	plain.extend_from_slice(&salt);
	plain.extend_from_slice(body);
	header.key_id = master.id.clone();
	header.wrapped_key = hex::encode(wrapped);
	header.key_nonce = hex::encode(key_nonce);
	header.body_nonce = hex::encode(body_nonce);
	header.content_hash = format!("0x{}", hex::encode(hash));
	let aad = facts(storage_ref, &header);
	#[allow(clippy::expect_used)]
	let sealed = Aes256Gcm::new(&data_key.into())
		.encrypt(Nonce::from_slice(&body_nonce), Payload { msg: &plain, aad: &aad })
		.expect("AES-GCM seals any message under 64 GiB");
	(assemble(&header, &sealed), hash)
}

/// An envelope's bytes: the magic and version, the header with its length, the sealed body.
fn assemble(header: &Header, sealed: &[u8]) -> Vec<u8> {
	// A struct of strings and integers always serialises.
	#[allow(clippy::expect_used)]
	let header = serde_json::to_vec(header).expect("a header serialises");
	let mut out = Vec::with_capacity(9 + header.len() + sealed.len());
	out.extend_from_slice(MAGIC);
	out.push(VERSION);
	out.extend_from_slice(&(header.len() as u32).to_le_bytes());
	out.extend_from_slice(&header);
	out.extend_from_slice(sealed);
	out
}

/// How many of an envelope's first bytes hold its header, read from a prefix of at least
/// [`HEADER_PREFIX`] bytes: what a store reads to learn the header without the body.
pub fn header_extent(prefix: &[u8]) -> Result<usize, OpenError> {
	let rest = prefix.strip_prefix(MAGIC.as_slice()).ok_or(OpenError::Malformed)?;
	match rest {
		[VERSION, a, b, c, d, ..] => {
			Ok(HEADER_PREFIX + u32::from_le_bytes([*a, *b, *c, *d]) as usize)
		},
		_ => Err(OpenError::Malformed),
	}
}

/// The bytes before an envelope's header: magic, version and the header's length.
pub const HEADER_PREFIX: usize = MAGIC.len() + 1 + 4;

/// The header of an envelope, without opening it.
pub fn header(envelope: &[u8]) -> Result<Header, OpenError> {
	split(envelope).map(|(header, _)| header)
}

fn split(envelope: &[u8]) -> Result<(Header, &[u8]), OpenError> {
	let rest = envelope.strip_prefix(MAGIC.as_slice()).ok_or(OpenError::Malformed)?;
	let (&version, rest) = rest.split_first().ok_or(OpenError::Malformed)?;
	if version != VERSION || rest.len() < 4 {
		return Err(OpenError::Malformed);
	}
	let (len, rest) = rest.split_at(4);
	let len = u32::from_le_bytes(len.try_into().map_err(|_| OpenError::Malformed)?) as usize;
	if rest.len() < len {
		return Err(OpenError::Malformed);
	}
	let (header, sealed) = rest.split_at(len);
	let header = serde_json::from_slice(header).map_err(|_| OpenError::Malformed)?;
	Ok((header, sealed))
}

fn unhex<const N: usize>(text: &str) -> Result<[u8; N], OpenError> {
	hex::decode(text)
		.ok()
		.and_then(|b| b.try_into().ok())
		.ok_or(OpenError::Malformed)
}

/// Opens the envelope of the record located by `storage_ref` with `master`.
pub fn open(
	master: &MasterKey,
	storage_ref: H256,
	envelope: &[u8],
) -> Result<(Header, Opened), OpenError> {
	let (header, sealed) = split(envelope)?;
	if header.key_id != master.id {
		return Err(OpenError::UnknownKey(header.key_id));
	}
	let aad = storage_ref.as_bytes();
	let wrapped = hex::decode(&header.wrapped_key).map_err(|_| OpenError::Malformed)?;
	let key_nonce: [u8; NONCE_LEN] = unhex(&header.key_nonce)?;
	let body_nonce: [u8; NONCE_LEN] = unhex(&header.body_nonce)?;
	let data_key = master
		.cipher
		.decrypt(Nonce::from_slice(&key_nonce), Payload { msg: &wrapped, aad })
		.map_err(|_| OpenError::Tampered)?;
	let data_key: [u8; 32] = data_key.try_into().map_err(|_| OpenError::Tampered)?;
	let plain = Aes256Gcm::new(&data_key.into())
		.decrypt(
			Nonce::from_slice(&body_nonce),
			Payload { msg: sealed, aad: &facts(storage_ref, &header) },
		)
		.map_err(|_| OpenError::Tampered)?;
	if plain.len() < 32 {
		return Err(OpenError::Tampered);
	}
	let (salt, body) = plain.split_at(32);
	let salt: [u8; 32] = salt.try_into().map_err(|_| OpenError::Tampered)?;
	Ok((header, Opened { salt, body: body.to_vec() }))
}

/// Re-wraps the data key of an envelope from `old` to `new` (master key rotation): the body,
/// its nonce and the salt are untouched.
pub fn rewrap(
	old: &MasterKey,
	new: &MasterKey,
	storage_ref: H256,
	envelope: &[u8],
) -> Result<Vec<u8>, OpenError> {
	let (mut header, sealed) = split(envelope)?;
	if header.key_id == new.id {
		return Ok(envelope.to_vec());
	}
	if header.key_id != old.id {
		return Err(OpenError::UnknownKey(header.key_id));
	}
	let aad = storage_ref.as_bytes();
	let wrapped = hex::decode(&header.wrapped_key).map_err(|_| OpenError::Malformed)?;
	let key_nonce: [u8; NONCE_LEN] = unhex(&header.key_nonce)?;
	let data_key = old
		.cipher
		.decrypt(Nonce::from_slice(&key_nonce), Payload { msg: &wrapped, aad })
		.map_err(|_| OpenError::Tampered)?;
	let mut nonce = [0u8; NONCE_LEN];
	rand::rngs::OsRng.fill_bytes(&mut nonce);
	#[allow(clippy::expect_used)]
	let wrapped = new
		.cipher
		.encrypt(Nonce::from_slice(&nonce), Payload { msg: &data_key, aad })
		.expect("AES-GCM seals any message under 64 GiB");
	header.key_id = new.id.clone();
	header.wrapped_key = hex::encode(wrapped);
	header.key_nonce = hex::encode(nonce);
	Ok(assemble(&header, sealed))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn header() -> Header {
		Header::upload(7, &[0; 16], "5Grw".into(), "application/fhir+json".into(), 1)
	}

	#[test]
	fn sealed_body_opens_to_the_same_bytes_and_hash() {
		let key = MasterKey::from_bytes([7; 32]);
		let at = H256::repeat_byte(1);
		let (envelope, hash) = seal(&key, at, header(), b"{\"resourceType\":\"Observation\"}");
		let (header, opened) = open(&key, at, &envelope).unwrap();
		assert_eq!(opened.body, b"{\"resourceType\":\"Observation\"}");
		assert_eq!(opened.content_hash(), hash);
		assert_eq!(header.content_hash, format!("0x{}", hex::encode(hash)));
		assert!(!envelope.windows(11).any(|w| w == b"Observation"), "the body is not in the clear");
	}

	#[test]
	fn altered_moved_or_foreign_envelopes_do_not_open() {
		let key = MasterKey::from_bytes([7; 32]);
		let at = H256::repeat_byte(1);
		let (envelope, _) = seal(&key, at, header(), b"body");
		let mut altered = envelope.clone();
		*altered.last_mut().unwrap() ^= 1;
		assert_eq!(open(&key, at, &altered).err(), Some(OpenError::Tampered));
		assert_eq!(open(&key, H256::repeat_byte(2), &envelope).err(), Some(OpenError::Tampered));
		let mut edited = envelope.clone();
		let from = edited.windows(21).position(|w| w == b"application/fhir+json").unwrap();
		edited[from..from + 21].copy_from_slice(b"application/xhtml+xml");
		assert_eq!(
			open(&key, at, &edited).err(),
			Some(OpenError::Tampered),
			"an edited header does not open"
		);
		let other = MasterKey::from_bytes([8; 32]);
		assert!(matches!(open(&other, at, &envelope), Err(OpenError::UnknownKey(_))));
		assert_eq!(open(&key, at, b"CCGW\x02").err(), Some(OpenError::Malformed));
	}

	#[test]
	fn rotation_rewraps_the_key_and_keeps_the_body() {
		let old = MasterKey::from_bytes([7; 32]);
		let new = MasterKey::from_bytes([9; 32]);
		let at = H256::repeat_byte(1);
		let (envelope, hash) = seal(&old, at, header(), b"body");
		let rotated = rewrap(&old, &new, at, &envelope).unwrap();
		assert!(open(&old, at, &rotated).is_err());
		let (_, opened) = open(&new, at, &rotated).unwrap();
		assert_eq!((opened.body.as_slice(), opened.content_hash()), (b"body".as_slice(), hash));
	}

	#[test]
	fn master_keys_are_64_hex_digits() {
		assert!(MasterKey::from_hex(&format!("0x{}\n", "ab".repeat(32))).is_ok());
		assert!(MasterKey::from_hex("abcd").is_err());
		assert!(MasterKey::from_hex(&"zz".repeat(32)).is_err());
		let key = MasterKey::from_bytes([1; 32]);
		assert!(!format!("{key:?}").contains("0101"), "Debug never shows the key");
	}
}
