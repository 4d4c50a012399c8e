//! What the gateway does with each finalised block, in order: an upload becomes servable once
//! its anchoring (`RecordAnchored` or `RecordAmended`) is final and matches what was uploaded,
//! and an erased record (`RecordErased`) loses its envelope, data key and salt at once.
//!
//! The gateway remembers the last block it applied (`state/finalized` in its store) and applies
//! every finalised block after it in order, so a restart misses nothing. A gateway further behind
//! than [`REPLAY_LIMIT`] blocks (its node may have pruned their state) instead reconciles with the
//! finalised state: every bound envelope whose record is no longer stored is shredded, and every
//! pending envelope whose record is anchored is bound. The same reconciliation runs at every start,
//! before the replay.

use std::{
	sync::{atomic::Ordering, Arc},
	time::SystemTime,
};

use carechain_primitives::RecordId;
use carechain_runtime::RuntimeEvent;
use sp_core::H256;

use crate::{api::Gateway, chain::ChainError, store::StoreError};

/// The most finalised blocks the gateway replays event by event; further behind, it reconciles.
pub const REPLAY_LIMIT: u32 = 128;

/// Why a step failed (it is retried at the next poll).
#[derive(Debug, thiserror::Error)]
pub enum FollowError {
	#[error(transparent)]
	Chain(#[from] ChainError),
	#[error(transparent)]
	Store(#[from] StoreError),
	#[error("the node has no block numbered {0} though it finalised it")]
	MissingBlock(u32),
}

/// Follows finalisation for ever: a step per poll, pending uploads expired every minute.
pub async fn run(gateway: Arc<Gateway>) {
	// Whatever happened while the gateway was down that replaying cannot show (a node that pruned
	// the blocks, a store restored from a backup), the finalised state shows.
	loop {
		let reconciled = async {
			let at = gateway.chain.finalized_hash().await?;
			reconcile(&gateway, at).await
		};
		match reconciled.await {
			Ok(()) => break,
			Err(e) => {
				tracing::warn!("reconciling with the finalised state at start: {e} (retrying)")
			},
		}
		tokio::time::sleep(gateway.config.poll).await;
	}
	let mut polls = 0u64;
	loop {
		if let Err(e) = step(&gateway).await {
			tracing::warn!("following the chain: {e} (retrying)");
		}
		let per_minute = (60_000 / gateway.config.poll.as_millis().max(1) as u64).max(1);
		if polls.is_multiple_of(per_minute) {
			let cutoff = SystemTime::now() - gateway.config.pending_ttl;
			match gateway.vault.expire_pending(cutoff).await {
				Ok(0) => {},
				Ok(n) => {
					tracing::info!("deleted {n} uploads never anchored within the pending time")
				},
				Err(e) => tracing::warn!("expiring pending uploads: {e}"),
			}
		}
		polls = polls.wrapping_add(1);
		tokio::time::sleep(gateway.config.poll).await;
	}
}

/// Applies every finalised block not applied yet.
pub async fn step(gateway: &Gateway) -> Result<(), FollowError> {
	let chain = &gateway.chain;
	let finalized_hash = chain.finalized_hash().await?;
	let finalized = chain.number_of(finalized_hash).await?.unwrap_or_default();
	let last = gateway.vault.finalized().await?;
	let next = match last {
		Some(last) if finalized.saturating_sub(last) <= REPLAY_LIMIT => last.saturating_add(1),
		_ => {
			if let Some(last) = last {
				tracing::warn!(
					"{} finalised blocks behind: reconciling with block {finalized}",
					finalized - last
				);
			}
			reconcile(gateway, finalized_hash).await?;
			gateway.vault.set_finalized(finalized).await?;
			return Ok(());
		},
	};
	for number in next..=finalized {
		let hash = chain.hash_of(number).await?.ok_or(FollowError::MissingBlock(number))?;
		apply(gateway, hash).await?;
		gateway.vault.set_finalized(number).await?;
	}
	Ok(())
}

/// Applies one finalised block's `Records` events.
async fn apply(gateway: &Gateway, at: H256) -> Result<(), FollowError> {
	gateway.chain.ensure_spec(at).await?;
	for record in gateway.chain.events(at).await? {
		match record.event {
			RuntimeEvent::Records(pallet_records::Event::RecordAnchored { record_id, .. })
			| RuntimeEvent::Records(pallet_records::Event::RecordAmended { record_id, .. }) => {
				bind(gateway, record_id, at).await?;
			},
			RuntimeEvent::Records(pallet_records::Event::RecordErased { record_ids, .. }) => {
				for record_id in record_ids {
					if gateway.vault.shred(record_id).await? {
						gateway.metrics.shredded.fetch_add(1, Ordering::Relaxed);
						tracing::info!(
							record = record_id,
							"erased on chain: envelope, data key and salt deleted"
						);
					}
				}
			},
			_ => {},
		}
	}
	Ok(())
}

/// Binds record version `record_id`'s pending envelope, if the gateway holds one and the anchor
/// (as stored at `at`) says what the upload said: patient, category and content hash.
async fn bind(gateway: &Gateway, record_id: RecordId, at: H256) -> Result<bool, FollowError> {
	let Some(record) = gateway.chain.record(record_id, at).await? else { return Ok(false) };
	let Some(header) = gateway.vault.pending_header(record.storage_ref).await? else {
		return Ok(false);
	};
	let Ok(header) = header else {
		tracing::warn!(
			record = record_id,
			"pending envelope {:?} is malformed; left to expire",
			record.storage_ref
		);
		return Ok(false);
	};
	let matches = header.patient_id == record.patient_id
		&& header.category == hex::encode(record.category.0)
		&& header.content_hash == format!("0x{}", hex::encode(record.content_hash));
	if !matches {
		tracing::warn!(
			record = record_id,
			"record {record_id} was anchored with another patient, category or content hash than uploaded at {:?}; the upload is left to expire",
			record.storage_ref
		);
		return Ok(false);
	}
	gateway.vault.bind(record.storage_ref, record_id).await?;
	gateway.metrics.bound.fetch_add(1, Ordering::Relaxed);
	tracing::info!(record = record_id, "anchoring final: body bound and servable");
	Ok(true)
}

/// Brings the store in line with the finalised state at `at`: shreds what was erased, binds what
/// was anchored.
pub async fn reconcile(gateway: &Gateway, at: H256) -> Result<(), FollowError> {
	let chain = &gateway.chain;
	for record_id in gateway.vault.bound_records().await? {
		if chain.record(record_id, at).await?.is_none() && gateway.vault.shred(record_id).await? {
			gateway.metrics.shredded.fetch_add(1, Ordering::Relaxed);
			tracing::info!(
				record = record_id,
				"erased on chain (found reconciling): envelope deleted"
			);
		}
	}
	for storage_ref in gateway.vault.pending_refs().await? {
		let Some(Ok(header)) = gateway.vault.pending_header(storage_ref).await? else { continue };
		let mut after = None;
		'pages: loop {
			let page = chain.records_of(header.patient_id, after, 1_000, at).await?;
			let Some(&last) = page.last() else { break };
			after = Some(last);
			for record_id in page {
				if chain.record(record_id, at).await?.is_some_and(|r| r.storage_ref == storage_ref)
				{
					bind(gateway, record_id, at).await?;
					break 'pages;
				}
			}
		}
	}
	Ok(())
}
