//! The runtime APIs: what the node (block building, consensus, the transaction pool, RPC) and
//! apps (through `api.call.*`) ask the runtime, without decoding storage themselves.

use alloc::vec::Vec;
use frame_support::{genesis_builder_helper::get_preset, weights::Weight};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use carechain_primitives::{
	Access, AccessDecision, CategoryTag, CredentialKind, CredentialStatus, Gtin, PatientId,
	Purpose, RecordId, RecordVerification, SerialProof, UnitVerification,
};

use super::{
	AccountId, Aura, Balance, Block, Consent, Credentials, Executive, Grandpa, InherentDataExt,
	Nonce, Records, Runtime, RuntimeCall, RuntimeGenesisConfig, SessionKeys, SupplyChain, System,
	TransactionPayment, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		// Without sessions there is no key-ownership proof, so equivocations cannot be
		// reported on chain (see `pallet_grandpa::Config::KeyOwnerProof` in `configs`).
		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl carechain_primitives::CredentialsApi<Block, AccountId> for Runtime {
		fn credential_status(who: AccountId, kind: CredentialKind) -> CredentialStatus {
			Credentials::credential_status(&who, kind)
		}
	}

	impl carechain_primitives::ConsentApi<Block, AccountId> for Runtime {
		fn check_access(
			patient_id: PatientId,
			who: AccountId,
			category: CategoryTag,
			access: Access,
		) -> AccessDecision {
			Consent::check_access(patient_id, &who, category, access, None)
		}

		fn check_access_for(
			patient_id: PatientId,
			who: AccountId,
			category: CategoryTag,
			access: Access,
			purpose: Purpose,
		) -> AccessDecision {
			Consent::check_access(patient_id, &who, category, access, Some(purpose))
		}
	}

	impl carechain_primitives::PatientQuotaApi<Block> for Runtime {
		fn quota(patient_id: PatientId) -> carechain_primitives::QuotaStatus {
			let (remaining, renews_at) = crate::PatientQuota::remaining(patient_id);
			carechain_primitives::QuotaStatus { remaining, renews_at }
		}
	}

	impl carechain_primitives::RecordsApi<Block> for Runtime {
		fn verify(record_id: RecordId, content_hash: sp_core::H256) -> RecordVerification {
			Records::verify(record_id, content_hash)
		}

		fn records_of(
			patient_id: carechain_primitives::PatientId,
			after: Option<RecordId>,
			max: u32,
		) -> Vec<RecordId> {
			Records::records_of(patient_id, after, max)
		}
	}

	impl carechain_primitives::TrialsApi<Block> for Runtime {
		fn study(study_id: carechain_primitives::StudyId) -> Option<carechain_primitives::StudySummary> {
			crate::Trials::study(study_id)
		}

		fn versions(
			study_id: carechain_primitives::StudyId,
		) -> Vec<carechain_primitives::ProtocolVersionInfo> {
			crate::Trials::versions(study_id)
		}

		fn participation(
			study_id: carechain_primitives::StudyId,
			patient_id: carechain_primitives::PatientId,
		) -> Option<carechain_primitives::ParticipationView> {
			crate::Trials::participation(study_id, patient_id)
		}

		fn is_enrolled_current(
			study_id: carechain_primitives::StudyId,
			patient_id: carechain_primitives::PatientId,
		) -> bool {
			crate::Trials::is_enrolled_current(study_id, patient_id)
		}

		fn results_overdue(study_id: carechain_primitives::StudyId) -> Option<bool> {
			crate::Trials::results_overdue(study_id)
		}

		fn outcomes_switched(study_id: carechain_primitives::StudyId) -> Option<bool> {
			crate::Trials::outcomes_switched(study_id)
		}

		fn studies_of(patient_id: carechain_primitives::PatientId) -> Vec<carechain_primitives::StudyId> {
			crate::Trials::studies_of(patient_id)
		}
	}

	impl carechain_primitives::ClaimsApi<Block> for Runtime {
		fn claim_status(claim_id: carechain_primitives::ClaimId) -> Option<carechain_primitives::ClaimStatus> {
			crate::Claims::claim_status(claim_id)
		}

		fn claims_of(
			patient_id: carechain_primitives::PatientId,
			after: Option<carechain_primitives::ClaimId>,
			max: u32,
		) -> Vec<carechain_primitives::ClaimId> {
			crate::Claims::claims_of(patient_id, after, max)
		}
	}

	impl carechain_primitives::SupplyChainApi<Block> for Runtime {
		fn verify_unit(
			gtin: Gtin,
			lot: Vec<u8>,
			serial: Vec<u8>,
			proof: SerialProof,
		) -> UnitVerification {
			SupplyChain::verify_unit(gtin, lot, serial, proof)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use crate::benchmarks::*;
			use super::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, crate::AllPalletsWithSystem::storage_info())
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use sp_storage::TrackedStorageKey;
			use crate::benchmarks::*;
			use super::*;

			let mut whitelist: Vec<TrackedStorageKey> =
				crate::AllPalletsWithSystem::whitelisted_storage_keys();
			// The timestamp inherent writes `Timestamp::Now` before any other extrinsic of a
			// block, so every later read of it in the block is answered from the overlay: like
			// `System::Number`, it costs a call nothing from the database. The Timestamp pallet's
			// own benchmark (the inherent itself) keeps counting it.
			if config.pallet != b"pallet_timestamp" {
				whitelist.push(pallet_timestamp::Now::<Runtime>::hashed_key().to_vec().into());
			}
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime is an off-chain tool: failing loudly is what its user wants.
			#[allow(clippy::unwrap_used)]
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, super::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			#[allow(clippy::expect_used)]
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("execute-block failed")
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			crate::genesis_config_presets::build_state(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
