//! How many uploads each uploader has waiting for their anchoring: at most
//! [`Config::max_pending_per_uploader`](crate::Config), so that no account fills the store with
//! bodies it never anchors (they expire, but only after the pending time).
//!
//! The count is kept in memory (rebuilt from the store's pending envelopes at start) and is an
//! upper bound: an upload leaves it only when the uploader reaches the limit, at which point the
//! gateway asks the store which of its uploads are still pending (bound or expired ones are
//! forgotten) before it refuses.

use std::collections::HashMap;

use sp_core::H256;

/// The uploads each uploader (SS58) may still have pending, with a reserved slot for each
/// upload in progress.
#[derive(Default)]
pub struct PendingUploads {
	by_uploader: HashMap<String, Vec<Option<H256>>>,
}

impl PendingUploads {
	/// How many uploads `uploader` may have pending (in progress included).
	pub fn count(&self, uploader: &str) -> usize {
		self.by_uploader.get(uploader).map_or(0, Vec::len)
	}

	/// How many uploads all uploaders may have pending.
	pub fn total(&self) -> usize {
		self.by_uploader.values().map(Vec::len).sum()
	}

	/// The storage references of `uploader`'s uploads that may still be pending.
	pub fn refs(&self, uploader: &str) -> Vec<H256> {
		self.by_uploader
			.get(uploader)
			.into_iter()
			.flatten()
			.flatten()
			.copied()
			.collect()
	}

	/// Forgets `uploader`'s uploads at `gone` (bound or expired).
	pub fn forget(&mut self, uploader: &str, gone: &[H256]) {
		if let Some(list) = self.by_uploader.get_mut(uploader) {
			list.retain(|at| at.is_none_or(|at| !gone.contains(&at)));
			if list.is_empty() {
				self.by_uploader.remove(uploader);
			}
		}
	}

	/// Reserves a slot for an upload by `uploader` if it has fewer than `max`; else how many it
	/// has.
	pub fn reserve(&mut self, uploader: &str, max: usize) -> Result<(), usize> {
		let list = self.by_uploader.entry(uploader.to_owned()).or_default();
		if list.len() >= max {
			return Err(list.len());
		}
		list.push(None);
		Ok(())
	}

	/// Fills a reserved slot with the upload stored at `at`, or (`None`: it failed) frees it.
	pub fn fill(&mut self, uploader: &str, at: Option<H256>) {
		if let Some(list) = self.by_uploader.get_mut(uploader) {
			if let Some(index) = list.iter().position(Option::is_none) {
				match at {
					Some(at) => list[index] = Some(at),
					None => {
						list.swap_remove(index);
					},
				}
			}
			if list.is_empty() {
				self.by_uploader.remove(uploader);
			}
		}
	}

	/// Counts an upload found pending in the store at start.
	pub fn note(&mut self, uploader: String, at: H256) {
		self.by_uploader.entry(uploader).or_default().push(Some(at));
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn an_uploader_holds_at_most_its_limit_until_its_uploads_leave_pending() {
		let mut quota = PendingUploads::default();
		let (a, b, c) = (H256::repeat_byte(1), H256::repeat_byte(2), H256::repeat_byte(3));
		assert_eq!(quota.reserve("alice", 2), Ok(()));
		quota.fill("alice", Some(a));
		assert_eq!(quota.reserve("alice", 2), Ok(()));
		// An upload in progress holds its slot: a third is refused before the second is stored.
		assert_eq!(quota.reserve("alice", 2), Err(2));
		quota.fill("alice", Some(b));
		assert_eq!((quota.count("alice"), quota.refs("alice")), (2, vec![a, b]));
		// Others have their own.
		assert_eq!(quota.reserve("bob", 2), Ok(()));
		quota.fill("bob", None);
		assert_eq!(quota.count("bob"), 0, "a failed upload frees its slot");
		// Once one is anchored (or expired) and forgotten, there is room again.
		quota.forget("alice", &[a]);
		assert_eq!(quota.reserve("alice", 2), Ok(()));
		quota.fill("alice", Some(c));
		assert_eq!(quota.refs("alice"), vec![b, c]);
		quota.forget("alice", &[b, c]);
		assert_eq!(quota.count("alice"), 0);
		quota.note("carol".into(), a);
		assert_eq!(quota.reserve("carol", 1), Err(1), "what the store held at start counts");
	}
}
