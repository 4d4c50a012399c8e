//! Where envelopes live: an [`ObjectStore`] (a local directory by default; the library offers S3
//! and other object stores behind the same interface), laid out as
//!
//! | object | what |
//! | --- | --- |
//! | `pending/<storage_ref>` | an uploaded envelope whose anchoring the gateway has not seen final yet; deleted after the pending time-to-live |
//! | `records/<storage_ref>` | an envelope bound to an anchored record version: the only ones ever served |
//! | `by-record/<record_id>` | the `storage_ref` (hex) of a bound record version, so erasure finds its envelope |
//! | `state/finalized` | the last finalised block whose events the gateway has applied |
//! | `state/genesis` | the genesis hash of the chain the store belongs to (written at first start) |
//! | `state/nonces` | the nonces of the last run, saved when it stopped cleanly |
//!
//! `<storage_ref>` is the 64 hex digits of the record's storage reference.

use std::{sync::Arc, time::SystemTime};

use bytes::Bytes;
use carechain_primitives::RecordId;
use futures::TryStreamExt;
use object_store::{local::LocalFileSystem, path::Path, ObjectStore, PutPayload};
use sp_core::H256;

use crate::envelope::{self, Header, OpenError};

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
#[error("the record store failed: {0}")]
pub struct StoreError(String);

impl From<object_store::Error> for StoreError {
	fn from(e: object_store::Error) -> Self {
		Self(e.to_string())
	}
}

/// The gateway's envelopes.
#[derive(Clone)]
pub struct Vault {
	store: Arc<dyn ObjectStore>,
}

fn pending(at: H256) -> Path {
	Path::from(format!("pending/{}", hex::encode(at)))
}

fn bound(at: H256) -> Path {
	Path::from(format!("records/{}", hex::encode(at)))
}

fn by_record(record_id: RecordId) -> Path {
	Path::from(format!("by-record/{record_id}"))
}

fn finalized() -> Path {
	Path::from("state/finalized")
}

async fn get_opt(store: &dyn ObjectStore, at: &Path) -> Result<Option<Bytes>, StoreError> {
	match store.get(at).await {
		Ok(found) => Ok(Some(found.bytes().await?)),
		Err(object_store::Error::NotFound { .. }) => Ok(None),
		Err(e) => Err(e.into()),
	}
}

async fn delete_opt(store: &dyn ObjectStore, at: &Path) -> Result<bool, StoreError> {
	match store.delete(at).await {
		Ok(()) => Ok(true),
		Err(object_store::Error::NotFound { .. }) => Ok(false),
		Err(e) => Err(e.into()),
	}
}

impl Vault {
	/// The embedded default: envelopes as files under `dir` (created if missing).
	pub fn local(dir: &std::path::Path) -> Result<Self, StoreError> {
		std::fs::create_dir_all(dir).map_err(|e| StoreError(format!("{}: {e}", dir.display())))?;
		let store = LocalFileSystem::new_with_prefix(dir)?.with_automatic_cleanup(true);
		Ok(Self { store: Arc::new(store) })
	}

	/// The store `--store` names: a local directory, or (in a build with the `s3` feature)
	/// `s3://<bucket>[/<prefix>]`, an S3-compatible store configured from the standard `AWS_*`
	/// environment (credentials, `AWS_DEFAULT_REGION`, `AWS_ENDPOINT` for a server other than
	/// Amazon's, `AWS_ALLOW_HTTP=true` for one without TLS).
	pub fn open(store: &str) -> Result<Self, StoreError> {
		match store.strip_prefix("s3://") {
			None => Self::local(std::path::Path::new(store)),
			Some(location) => Self::s3(location),
		}
	}

	#[cfg(feature = "s3")]
	fn s3(location: &str) -> Result<Self, StoreError> {
		Self::s3_with(object_store::aws::AmazonS3Builder::from_env(), location)
	}

	#[cfg(not(feature = "s3"))]
	fn s3(location: &str) -> Result<Self, StoreError> {
		Err(StoreError(format!(
			"s3://{location}: this gateway was built without S3 support (build it with `--features s3`)"
		)))
	}

	/// An S3-compatible store at `<bucket>[/<prefix>]`, configured by `builder`; every object
	/// under the prefix, so one bucket may hold several gateways' stores.
	#[cfg(feature = "s3")]
	pub fn s3_with(
		builder: object_store::aws::AmazonS3Builder,
		location: &str,
	) -> Result<Self, StoreError> {
		let (bucket, prefix) = location.split_once('/').unwrap_or((location, ""));
		if bucket.is_empty() {
			return Err(StoreError("an S3 store is named s3://<bucket>[/<prefix>]".into()));
		}
		let s3 = builder.with_bucket_name(bucket).build()?;
		let prefix = prefix.trim_matches('/');
		let store: Arc<dyn ObjectStore> = if prefix.is_empty() {
			Arc::new(s3)
		} else {
			Arc::new(object_store::prefix::PrefixStore::new(s3, prefix))
		};
		Ok(Self { store })
	}

	/// Any object store (S3, GCS, Azure, memory: whatever `object_store` offers).
	pub fn new(store: Arc<dyn ObjectStore>) -> Self {
		Self { store }
	}

	/// Keeps a freshly uploaded envelope until its anchoring is seen final.
	pub async fn put_pending(&self, at: H256, envelope: Vec<u8>) -> Result<(), StoreError> {
		self.store.put(&pending(at), PutPayload::from(envelope)).await?;
		Ok(())
	}

	/// The pending envelope at `at`, if one waits for its anchoring.
	pub async fn pending(&self, at: H256) -> Result<Option<Bytes>, StoreError> {
		get_opt(&*self.store, &pending(at)).await
	}

	/// The header of the pending envelope at `at` (`None` if none waits), read without its body
	/// where the store can read part of an object; `Some(Err(_))` if it has no readable header.
	pub async fn pending_header(
		&self,
		at: H256,
	) -> Result<Option<Result<Header, OpenError>>, StoreError> {
		/// Enough for any header the gateway writes, in one read.
		const FIRST_READ: u64 = 4096;
		let path = pending(at);
		let first = match self.store.get_range(&path, 0..FIRST_READ).await {
			Ok(first) => first,
			Err(object_store::Error::NotFound { .. }) => return Ok(None),
			// An object too short to hold a range (an empty file): read it whole.
			Err(_) => match get_opt(&*self.store, &path).await? {
				Some(whole) => whole,
				None => return Ok(None),
			},
		};
		let end = match envelope::header_extent(&first) {
			Ok(end) => end,
			Err(e) => return Ok(Some(Err(e))),
		};
		let bytes = if end <= first.len() {
			first
		} else {
			match self.store.get_range(&path, 0..end as u64).await {
				Ok(bytes) => bytes,
				Err(object_store::Error::NotFound { .. }) => return Ok(None),
				Err(e) => return Err(e.into()),
			}
		};
		Ok(Some(envelope::header(&bytes)))
	}

	/// Whether an envelope at `at` still waits for its anchoring.
	pub async fn is_pending(&self, at: H256) -> Result<bool, StoreError> {
		match self.store.head(&pending(at)).await {
			Ok(_) => Ok(true),
			Err(object_store::Error::NotFound { .. }) => Ok(false),
			Err(e) => Err(e.into()),
		}
	}

	/// The bound envelope at `at`: the only kind ever served.
	pub async fn bound(&self, at: H256) -> Result<Option<Bytes>, StoreError> {
		get_opt(&*self.store, &bound(at)).await
	}

	/// Whether a bound envelope is at `at`.
	pub async fn holds(&self, at: H256) -> Result<bool, StoreError> {
		match self.store.head(&bound(at)).await {
			Ok(_) => Ok(true),
			Err(object_store::Error::NotFound { .. }) => Ok(false),
			Err(e) => Err(e.into()),
		}
	}

	/// Binds the pending envelope at `at` to record version `record_id`: it becomes servable.
	pub async fn bind(&self, at: H256, record_id: RecordId) -> Result<(), StoreError> {
		// The index first: an envelope that is served can always be found by erasure.
		self.store.put(&by_record(record_id), PutPayload::from(hex::encode(at))).await?;
		self.store.rename(&pending(at), &bound(at)).await?;
		Ok(())
	}

	/// The storage reference of bound record version `record_id`.
	pub async fn bound_ref(&self, record_id: RecordId) -> Result<Option<H256>, StoreError> {
		let Some(text) = get_opt(&*self.store, &by_record(record_id)).await? else {
			return Ok(None)
		};
		let bytes =
			hex::decode(&text).map_err(|e| StoreError(format!("by-record/{record_id}: {e}")))?;
		Ok((bytes.len() == 32).then(|| H256::from_slice(&bytes)))
	}

	/// Deletes everything kept for record version `record_id`: its envelope (with the wrapped
	/// data key and the salt) and its index entry. Whether there was anything to delete.
	pub async fn shred(&self, record_id: RecordId) -> Result<bool, StoreError> {
		let Some(at) = self.bound_ref(record_id).await? else { return Ok(false) };
		delete_opt(&*self.store, &bound(at)).await?;
		delete_opt(&*self.store, &by_record(record_id)).await?;
		Ok(true)
	}

	/// The record versions with a bound envelope.
	pub async fn bound_records(&self) -> Result<Vec<RecordId>, StoreError> {
		let listed: Vec<_> = self.store.list(Some(&Path::from("by-record"))).try_collect().await?;
		Ok(listed
			.iter()
			.filter_map(|meta| meta.location.filename()?.parse().ok())
			.collect())
	}

	/// The storage references of the pending envelopes.
	pub async fn pending_refs(&self) -> Result<Vec<H256>, StoreError> {
		let listed: Vec<_> = self.store.list(Some(&Path::from("pending"))).try_collect().await?;
		Ok(listed
			.iter()
			.filter_map(|meta| hex::decode(meta.location.filename()?).ok())
			.filter(|bytes| bytes.len() == 32)
			.map(|bytes| H256::from_slice(&bytes))
			.collect())
	}

	/// Deletes pending envelopes uploaded before `cutoff`; how many.
	pub async fn expire_pending(&self, cutoff: SystemTime) -> Result<usize, StoreError> {
		let listed: Vec<_> = self.store.list(Some(&Path::from("pending"))).try_collect().await?;
		let cutoff = chrono::DateTime::<chrono::Utc>::from(cutoff);
		let mut expired = 0;
		for meta in listed.iter().filter(|meta| meta.last_modified < cutoff) {
			if delete_opt(&*self.store, &meta.location).await? {
				expired += 1;
			}
		}
		Ok(expired)
	}

	/// Re-wraps every envelope (pending and bound) from master key `old` to `new`: how many were
	/// re-wrapped, and how many were already under `new`.
	pub async fn rewrap_all(
		&self,
		old: &crate::envelope::MasterKey,
		new: &crate::envelope::MasterKey,
	) -> Result<(usize, usize), StoreError> {
		let mut counts = (0, 0);
		for prefix in ["pending", "records"] {
			let listed: Vec<_> = self.store.list(Some(&Path::from(prefix))).try_collect().await?;
			for meta in listed {
				let Some(at) = meta.location.filename().and_then(|name| hex::decode(name).ok())
				else {
					continue
				};
				if at.len() != 32 {
					continue;
				}
				let Some(envelope) = get_opt(&*self.store, &meta.location).await? else { continue };
				let at = H256::from_slice(&at);
				let header = crate::envelope::header(&envelope)
					.map_err(|e| StoreError(format!("{}: {e}", meta.location)))?;
				if header.key_id == new.id() {
					counts.1 += 1;
					continue;
				}
				let rewrapped = crate::envelope::rewrap(old, new, at, &envelope)
					.map_err(|e| StoreError(format!("{}: {e}", meta.location)))?;
				self.store.put(&meta.location, PutPayload::from(rewrapped)).await?;
				counts.0 += 1;
			}
		}
		Ok(counts)
	}

	/// The last finalised block whose events were applied.
	pub async fn finalized(&self) -> Result<Option<u32>, StoreError> {
		let text = get_opt(&*self.store, &finalized()).await?;
		Ok(text.and_then(|t| std::str::from_utf8(&t).ok()?.trim().parse().ok()))
	}

	/// Takes the nonces the last run saved when it stopped (see [`crate::auth::Verifier::export`]),
	/// removing them, so that a later crash cannot bring back a list that misses what came after.
	pub async fn take_nonces(&self) -> Result<Option<String>, StoreError> {
		let path = Path::from("state/nonces");
		let text = get_opt(&*self.store, &path).await?;
		if text.is_some() {
			self.store.delete(&path).await?;
		}
		Ok(text.map(|t| String::from_utf8_lossy(&t).into_owned()))
	}

	/// Saves the nonces of this run, for the next to read.
	pub async fn save_nonces(&self, text: String) -> Result<(), StoreError> {
		self.store.put(&Path::from("state/nonces"), PutPayload::from(text)).await?;
		Ok(())
	}

	/// Binds the store to the chain whose genesis is `genesis` the first time it is used
	/// (`state/genesis`), and afterwards refuses any other chain: a store follows one chain's
	/// finalised blocks, and another's (a reset dev chain, a misconfigured node) would make it
	/// bind and shred by record ids that mean other records.
	pub async fn bind_to_chain(&self, genesis: H256) -> Result<(), StoreError> {
		let path = Path::from("state/genesis");
		let wanted = format!("{genesis:?}");
		match get_opt(&*self.store, &path).await? {
			None => {
				self.store.put(&path, PutPayload::from(wanted)).await?;
				Ok(())
			},
			Some(held) if held.as_ref() == wanted.as_bytes() => Ok(()),
			Some(held) => Err(StoreError(format!(
				"this store belongs to the chain whose genesis is {}, not to the node's ({wanted}): point the gateway at that chain's node, or give this chain its own store",
				String::from_utf8_lossy(&held).trim()
			))),
		}
	}

	/// Records that block `number`'s events were applied.
	pub async fn set_finalized(&self, number: u32) -> Result<(), StoreError> {
		self.store.put(&finalized(), PutPayload::from(number.to_string())).await?;
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[tokio::test]
	async fn an_envelope_is_pending_then_bound_then_shredded() {
		let dir = std::env::temp_dir().join(format!("carechain-vault-{}", std::process::id()));
		let _ = std::fs::remove_dir_all(&dir);
		let vault = Vault::local(&dir).unwrap();
		let at = H256::repeat_byte(0xab);
		vault.put_pending(at, b"envelope".to_vec()).await.unwrap();
		assert_eq!(vault.bound(at).await.unwrap(), None, "a pending envelope is never served");
		vault.bind(at, 42).await.unwrap();
		assert_eq!(vault.pending(at).await.unwrap(), None);
		assert_eq!(vault.bound(at).await.unwrap().as_deref(), Some(b"envelope".as_slice()));
		assert_eq!(
			(vault.bound_ref(42).await.unwrap(), vault.bound_records().await.unwrap()),
			(Some(at), vec![42])
		);
		assert!(vault.shred(42).await.unwrap());
		assert!(!vault.shred(42).await.unwrap(), "nothing is left to shred");
		let files: Vec<_> = walk(&dir);
		assert!(files.is_empty(), "nothing of the record is left: {files:?}");
		vault.put_pending(at, b"late".to_vec()).await.unwrap();
		assert_eq!(
			vault
				.expire_pending(SystemTime::now() + std::time::Duration::from_secs(1))
				.await
				.unwrap(),
			1
		);
		vault.set_finalized(7).await.unwrap();
		assert_eq!(vault.finalized().await.unwrap(), Some(7));
		let _ = std::fs::remove_dir_all(&dir);
	}

	fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
		let mut files = Vec::new();
		for entry in std::fs::read_dir(dir).unwrap().flatten() {
			if entry.path().is_dir() {
				files.extend(walk(&entry.path()));
			} else {
				files.push(entry.path());
			}
		}
		files
	}
}
