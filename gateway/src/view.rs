//! The chain as the read path sees it, cached within the bounds the gateway documents:
//!
//! - **heads**: the best and finalised blocks, asked of the node at most every [`HEADS_TTL`]; a
//!   decision is therefore taken at a best block at most that much older than the node's;
//! - **at the best block**: stored record versions and access decisions, kept until the best block
//!   changes (a revocation, an erasure or a new consent lands in a new block, which empties them);
//! - **logged reads**: the `RecordAccessed` events of finalised, canonical blocks, which can never
//!   change, for the last [`LOG_BLOCKS`] blocks asked about.
//!
//! Nothing else is cached: every read still checks its signature, its decision and its log against
//! these answers.

use std::{
	collections::{BTreeMap, HashMap, VecDeque},
	sync::Arc,
	time::{Duration, Instant},
};

use carechain_primitives::{
	Access, AccessDecision, AccountId, CategoryTag, PatientId, Purpose, RecordId,
};
use carechain_runtime::RuntimeEvent;
use sp_core::H256;
use tokio::sync::Mutex;

use crate::chain::{Chain, ChainError, Record};

/// How long the gateway uses the heads it last asked for.
pub const HEADS_TTL: Duration = Duration::from_millis(250);
/// How many finalised blocks' logged reads are kept.
pub const LOG_BLOCKS: usize = 512;

/// The best and finalised blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heads {
	pub best: H256,
	pub best_number: u32,
	pub finalized: H256,
	pub finalized_number: u32,
}

/// The reads a finalised block logged: (record, reader, purpose, the decision that allowed it).
#[derive(Debug)]
pub struct LoggedReads {
	pub number: u32,
	/// `RecordAccessed`: record, reader, purpose, and the decision that allowed it.
	pub reads: Vec<(RecordId, AccountId, Purpose, AccessDecision)>,
	/// `OwnRecordAccessed`: a patient's (or a live delegate's) read of its own record, and the
	/// purpose it gave.
	pub own: Vec<(RecordId, AccountId, Purpose)>,
}

/// What a log block is, as far as the read path is concerned.
pub enum LogBlock {
	/// The node does not know it.
	Unknown,
	/// Not finalised yet (its number).
	NotFinal(u32),
	/// Finalised, but not on the canonical chain (its number).
	NotCanonical(u32),
	/// Finalised and canonical.
	Final(Arc<LoggedReads>),
}

type DecisionKey = (PatientId, AccountId, CategoryTag, Access, Purpose);

#[derive(Default)]
struct AtBest {
	at: H256,
	records: BTreeMap<RecordId, Option<Record>>,
	decisions: BTreeMap<DecisionKey, AccessDecision>,
}

#[derive(Default)]
struct Logs {
	order: VecDeque<H256>,
	blocks: HashMap<H256, Arc<LoggedReads>>,
}

/// The cached view.
#[derive(Default)]
pub struct View {
	heads: Mutex<Option<(Heads, Instant)>>,
	at_best: Mutex<AtBest>,
	logs: Mutex<Logs>,
}

impl View {
	/// The heads, asked of the node if the last answer is older than [`HEADS_TTL`].
	pub async fn heads(&self, chain: &Chain) -> Result<Heads, ChainError> {
		let mut slot = self.heads.lock().await;
		if let Some((heads, at)) = *slot {
			if at.elapsed() < HEADS_TTL {
				return Ok(heads);
			}
		}
		let best = chain.best_hash().await?;
		let finalized = chain.finalized_hash().await?;
		let heads = Heads {
			best,
			best_number: chain.number_of(best).await?.unwrap_or_default(),
			finalized,
			finalized_number: chain.number_of(finalized).await?.unwrap_or_default(),
		};
		*slot = Some((heads, Instant::now()));
		Ok(heads)
	}

	async fn at_best(&self, best: H256) -> tokio::sync::MutexGuard<'_, AtBest> {
		let mut cached = self.at_best.lock().await;
		if cached.at != best {
			*cached = AtBest { at: best, ..AtBest::default() };
		}
		cached
	}

	/// Record version `record_id` as stored at the best block `best`.
	pub async fn record(
		&self,
		chain: &Chain,
		record_id: RecordId,
		best: H256,
	) -> Result<Option<Record>, ChainError> {
		if let Some(record) = self.at_best(best).await.records.get(&record_id) {
			return Ok(record.clone());
		}
		let record = chain.record(record_id, best).await?;
		let mut cached = self.at_best(best).await;
		cached.records.insert(record_id, record.clone());
		Ok(record)
	}

	/// The access decision at the best block `best`.
	pub async fn decision(
		&self,
		chain: &Chain,
		(patient_id, who, category, access, purpose): (
			PatientId,
			&AccountId,
			CategoryTag,
			Access,
			Purpose,
		),
		best: H256,
	) -> Result<AccessDecision, ChainError> {
		let key = (patient_id, who.clone(), category, access, purpose);
		if let Some(decision) = self.at_best(best).await.decisions.get(&key) {
			return Ok(*decision);
		}
		let decision = chain.decision(patient_id, who, category, access, purpose, best).await?;
		self.at_best(best).await.decisions.insert(key, decision);
		Ok(decision)
	}

	/// The reads block `log` logged, if it is final and canonical as of `heads`.
	pub async fn log_block(
		&self,
		chain: &Chain,
		log: H256,
		heads: &Heads,
	) -> Result<LogBlock, ChainError> {
		if let Some(block) = self.logs.lock().await.blocks.get(&log) {
			return Ok(LogBlock::Final(block.clone()));
		}
		let Some(number) = chain.number_of(log).await? else { return Ok(LogBlock::Unknown) };
		if number > heads.finalized_number {
			return Ok(LogBlock::NotFinal(number));
		}
		if chain.hash_of(number).await? != Some(log) {
			return Ok(LogBlock::NotCanonical(number));
		}
		chain.ensure_spec(log).await?;
		let (mut reads, mut own) = (Vec::new(), Vec::new());
		for record in chain.events(log).await? {
			match record.event {
				RuntimeEvent::Records(pallet_records::Event::RecordAccessed {
					record_id,
					reader,
					purpose,
					decision,
					..
				}) => reads.push((record_id, reader, purpose, decision)),
				RuntimeEvent::Records(pallet_records::Event::OwnRecordAccessed {
					record_id,
					reader,
					purpose,
					..
				}) => own.push((record_id, reader, purpose)),
				_ => {},
			}
		}
		let block = Arc::new(LoggedReads { number, reads, own });
		let mut logs = self.logs.lock().await;
		if !logs.blocks.contains_key(&log) {
			logs.order.push_back(log);
			logs.blocks.insert(log, block.clone());
			while logs.order.len() > LOG_BLOCKS {
				if let Some(old) = logs.order.pop_front() {
					logs.blocks.remove(&old);
				}
			}
		}
		Ok(LogBlock::Final(block))
	}
}
