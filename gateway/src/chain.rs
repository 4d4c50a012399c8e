//! The gateway's view of the chain: its local node over JSON-RPC (WebSocket), with every answer
//! decoded by the workspace's own types (SCALE): the runtime APIs' answers by
//! `carechain-primitives`, stored records by `pallet-records`, events by the runtime's
//! `RuntimeEvent`. Storage keys are computed by the runtime's own storage definitions.

use std::sync::Arc;

use carechain_primitives::{
	Access, AccessDecision, AccountId, CategoryTag, PatientId, Purpose, RecordId,
};
use carechain_runtime::{Runtime, RuntimeEvent};
use codec::{Decode, Encode};
use frame_support::traits::PalletInfoAccess;
use jsonrpsee::{
	core::{client::ClientT, params::ArrayParams},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use serde_json::Value;
use sp_core::{Bytes, H256};
use tokio::sync::RwLock;

/// A stored record version, as `pallet-records` keeps it.
pub type Record = pallet_records::RecordOf<Runtime>;
/// A stored consent, as `pallet-consent` keeps it.
pub type Consent = pallet_consent::ConsentOf<Runtime>;
/// A registered patient, as `pallet-patients` keeps it.
pub type Patient = pallet_patients::PatientOf<Runtime>;
/// One event of a block, as `System::Events` keeps it.
pub type EventRecord = frame_system::EventRecord<RuntimeEvent, H256>;

/// Why a question to the chain got no answer.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
	#[error("the node at {0} does not answer: {1}")]
	Unreachable(String, String),
	#[error("the node refused {0}: {1}")]
	Rpc(&'static str, String),
	#[error("the node's answer to {0} does not decode as the runtime's type: {1}")]
	Decode(&'static str, String),
	#[error("the chain runs runtime spec {chain}, and this gateway was built for spec {built}: update the gateway")]
	SpecMismatch { chain: u32, built: u32 },
}

/// A connection to the local node that reconnects when the node comes back.
pub struct Chain {
	url: String,
	client: RwLock<Arc<WsClient>>,
}

fn hex_param(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

fn block_number(header: &Value) -> Option<u32> {
	let hex = header.get("number")?.as_str()?.trim_start_matches("0x");
	u32::from_str_radix(hex, 16).ok()
}

impl Chain {
	/// Connects to the node at `url` (`ws://…`).
	pub async fn connect(url: &str) -> Result<Self, ChainError> {
		let client = Self::dial(url).await?;
		Ok(Self { url: url.to_string(), client: RwLock::new(Arc::new(client)) })
	}

	async fn dial(url: &str) -> Result<WsClient, ChainError> {
		WsClientBuilder::default()
			.max_concurrent_requests(4096)
			.build(url)
			.await
			.map_err(|e| ChainError::Unreachable(url.to_string(), e.to_string()))
	}

	/// The connected client, dialled again if the node dropped the last one.
	async fn client(&self) -> Result<Arc<WsClient>, ChainError> {
		let client = self.client.read().await.clone();
		if client.is_connected() {
			return Ok(client);
		}
		let mut slot = self.client.write().await;
		if !slot.is_connected() {
			*slot = Arc::new(Self::dial(&self.url).await?);
		}
		Ok(slot.clone())
	}

	async fn request<R: serde::de::DeserializeOwned>(
		&self,
		method: &'static str,
		params: ArrayParams,
	) -> Result<R, ChainError> {
		let client = self.client().await?;
		client.request(method, params).await.map_err(|e| match e {
			jsonrpsee::core::ClientError::Call(call) => ChainError::Rpc(method, call.to_string()),
			other => ChainError::Unreachable(self.url.clone(), other.to_string()),
		})
	}

	/// The hash of the best block.
	pub async fn best_hash(&self) -> Result<H256, ChainError> {
		self.request("chain_getBlockHash", rpc_params![]).await
	}

	/// The hash of the last finalised block.
	pub async fn finalized_hash(&self) -> Result<H256, ChainError> {
		self.request("chain_getFinalizedHead", rpc_params![]).await
	}

	/// The number of block `hash`, if the node knows it.
	pub async fn number_of(&self, hash: H256) -> Result<Option<u32>, ChainError> {
		let header: Option<Value> = self.request("chain_getHeader", rpc_params![hash]).await?;
		Ok(header.as_ref().and_then(block_number))
	}

	/// The hash of the canonical block numbered `number`, if there is one yet.
	pub async fn hash_of(&self, number: u32) -> Result<Option<H256>, ChainError> {
		self.request("chain_getBlockHash", rpc_params![number]).await
	}

	/// The runtime spec version at `at`.
	pub async fn spec_version(&self, at: H256) -> Result<u32, ChainError> {
		let version: Value = self.request("state_getRuntimeVersion", rpc_params![at]).await?;
		version
			.get("specVersion")
			.and_then(Value::as_u64)
			.map(|v| v as u32)
			.ok_or_else(|| ChainError::Decode("state_getRuntimeVersion", "no specVersion".into()))
	}

	/// Refuses a block whose events were not made by the runtime this gateway decodes them with:
	/// the runtime that executed block `at` is the one in its parent's state (a block enacting an
	/// upgrade already holds the new code, but its events are the old runtime's).
	pub async fn ensure_spec(&self, at: H256) -> Result<(), ChainError> {
		let header: Option<Value> = self.request("chain_getHeader", rpc_params![at]).await?;
		let parent = header
			.as_ref()
			.filter(|header| block_number(header).unwrap_or_default() > 0)
			.and_then(|header| header.get("parentHash")?.as_str()?.parse::<H256>().ok());
		let chain = self.spec_version(parent.unwrap_or(at)).await?;
		let built = carechain_runtime::VERSION.spec_version;
		if chain != built {
			return Err(ChainError::SpecMismatch { chain, built });
		}
		Ok(())
	}

	/// The raw value under storage `key` at block `at`.
	async fn storage(&self, key: &[u8], at: H256) -> Result<Option<Vec<u8>>, ChainError> {
		let value: Option<Bytes> =
			self.request("state_getStorage", rpc_params![hex_param(key), at]).await?;
		Ok(value.map(|bytes| bytes.0))
	}

	async fn decoded<T: Decode>(
		&self,
		what: &'static str,
		key: &[u8],
		at: H256,
	) -> Result<Option<T>, ChainError> {
		match self.storage(key, at).await? {
			None => Ok(None),
			Some(bytes) => T::decode(&mut &bytes[..])
				.map(Some)
				.map_err(|e| ChainError::Decode(what, e.to_string())),
		}
	}

	/// Calls runtime API function `method` (`Api_function`) with SCALE `args` at block `at`.
	async fn runtime_call<T: Decode>(
		&self,
		method: &'static str,
		args: impl Encode,
		at: H256,
	) -> Result<T, ChainError> {
		let answer: Bytes = self
			.request("state_call", rpc_params![method, hex_param(&args.encode()), at])
			.await?;
		T::decode(&mut &answer.0[..]).map_err(|e| ChainError::Decode(method, e.to_string()))
	}

	/// Record version `record_id` as stored at `at` (`None`: never anchored, or erased).
	pub async fn record(
		&self,
		record_id: RecordId,
		at: H256,
	) -> Result<Option<Record>, ChainError> {
		let key = pallet_records::Records::<Runtime>::hashed_key_for(record_id);
		self.decoded("Records::Records", &key, at).await
	}

	/// Whether `record_id` was ever handed out at `at` (an id below `NextRecordId`): a record
	/// handed out and not stored was erased.
	pub async fn was_handed_out(&self, record_id: RecordId, at: H256) -> Result<bool, ChainError> {
		let key = pallet_records::NextRecordId::<Runtime>::hashed_key();
		let next: Option<RecordId> = self.decoded("Records::NextRecordId", &key, at).await?;
		Ok(record_id < next.unwrap_or_default())
	}

	/// The access decision at `at` (`ConsentApi::check_access_for`): what `Records` decides.
	pub async fn decision(
		&self,
		patient_id: PatientId,
		who: &AccountId,
		category: CategoryTag,
		access: Access,
		purpose: Purpose,
		at: H256,
	) -> Result<AccessDecision, ChainError> {
		let args = (patient_id, who, category, access, purpose);
		self.runtime_call("ConsentApi_check_access_for", args, at).await
	}

	/// One page of a patient's live record versions at `at` (`RecordsApi::records_of`).
	pub async fn records_of(
		&self,
		patient_id: PatientId,
		after: Option<RecordId>,
		max: u32,
		at: H256,
	) -> Result<Vec<RecordId>, ChainError> {
		self.runtime_call("RecordsApi_records_of", (patient_id, after, max), at).await
	}

	/// Patient `patient_id` as stored at `at`.
	pub async fn patient(
		&self,
		patient_id: PatientId,
		at: H256,
	) -> Result<Option<Patient>, ChainError> {
		let key = pallet_patients::Patients::<Runtime>::hashed_key_for(patient_id);
		self.decoded("Patients::Patients", &key, at).await
	}

	/// The patient whose current key is `who`, at `at`.
	pub async fn patient_id_of(
		&self,
		who: &AccountId,
		at: H256,
	) -> Result<Option<PatientId>, ChainError> {
		let key = pallet_patients::PatientIdOf::<Runtime>::hashed_key_for(who);
		self.decoded("Patients::PatientIdOf", &key, at).await
	}

	/// Whether `who` is patient `patient_id` (its current key) or one of its live delegates at
	/// `at`, as `Patients` decides it: who may self-report and see all of the patient's consents.
	pub async fn is_patient_or_delegate(
		&self,
		patient_id: PatientId,
		who: &AccountId,
		at: H256,
	) -> Result<bool, ChainError> {
		if self.patient_id_of(who, at).await? == Some(patient_id) {
			return Ok(true);
		}
		let Some(patient) = self.patient(patient_id, at).await? else { return Ok(false) };
		let now = self.now(at).await?;
		Ok(patient
			.delegates
			.iter()
			.any(|d| &d.account == who && d.expires_at.is_none_or(|expires_at| now < expires_at)))
	}

	/// The chain's time at `at` (ms, from `Timestamp::Now`).
	pub async fn now(&self, at: H256) -> Result<u64, ChainError> {
		let key = pallet_timestamp::Now::<Runtime>::hashed_key();
		Ok(self.decoded("Timestamp::Now", &key, at).await?.unwrap_or_default())
	}

	/// Consent `consent_id` as stored at `at`.
	pub async fn consent(
		&self,
		consent_id: carechain_primitives::ConsentId,
		at: H256,
	) -> Result<Option<Consent>, ChainError> {
		let key = pallet_consent::Consents::<Runtime>::hashed_key_for(consent_id);
		self.decoded("Consent::Consents", &key, at).await
	}

	/// The ids of every consent patient `patient_id` gave, at `at` (the per-patient index
	/// `Consent::ConsentsOf`, read by its storage prefix).
	pub async fn consent_ids_of(
		&self,
		patient_id: PatientId,
		at: H256,
	) -> Result<Vec<carechain_primitives::ConsentId>, ChainError> {
		use frame_support::{storage::StoragePrefixedMap, StorageHasher, Twox64Concat};
		let mut prefix = pallet_consent::ConsentsOf::<Runtime>::final_prefix().to_vec();
		prefix.extend(Twox64Concat::hash(&patient_id.encode()));
		let mut ids = Vec::new();
		let mut start: Option<String> = None;
		loop {
			let keys: Vec<Bytes> = self
				.request(
					"state_getKeysPaged",
					rpc_params![hex_param(&prefix), 1000u32, start.clone(), at],
				)
				.await?;
			let Some(last) = keys.last() else { break };
			start = Some(hex_param(&last.0));
			for key in &keys {
				let terms: Option<Vec<pallet_consent::TermsOf<Runtime>>> =
					self.decoded("Consent::ConsentsOf", &key.0, at).await?;
				ids.extend(terms.unwrap_or_default().iter().map(|terms| terms.consent_id));
			}
			if keys.len() < 1000 {
				break;
			}
		}
		ids.sort_unstable();
		Ok(ids)
	}

	/// The events of block `at`, decoded by the runtime's types.
	pub async fn events(&self, at: H256) -> Result<Vec<EventRecord>, ChainError> {
		let system = <frame_system::Pallet<Runtime> as PalletInfoAccess>::name();
		let key = frame_support::storage::storage_prefix(system.as_bytes(), b"Events");
		Ok(self.decoded("System::Events", &key, at).await?.unwrap_or_default())
	}
}
