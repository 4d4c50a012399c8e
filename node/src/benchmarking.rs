//! Extrinsics for `benchmark overhead` and `benchmark extrinsic`, which measure what the node
//! charges per block and per extrinsic on this machine.

use std::{sync::Arc, time::Duration};

use carechain_runtime as runtime;
use codec::Encode;
use runtime::{AccountId, Balance, BalancesCall, SystemCall};
use sc_cli::Result;
use sc_client_api::{BlockBackend, UsageProvider};
use sp_core::Pair;
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, OpaqueExtrinsic, SaturatedConversion};

use crate::service::FullClient;

/// Builds `System::remark` extrinsics: the cheapest possible call, to measure pure overhead.
pub struct RemarkBuilder {
	client: Arc<FullClient>,
}

impl RemarkBuilder {
	pub fn new(client: Arc<FullClient>) -> Self {
		Self { client }
	}
}

impl frame_benchmarking_cli::ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let call = SystemCall::remark { remark: vec![] }.into();
		signed_extrinsic(&self.client, Sr25519Keyring::Bob.pair(), call, nonce).map(Into::into)
	}
}

/// Builds `Balances::transfer_keep_alive` extrinsics: the baseline throughput figure.
pub struct TransferKeepAliveBuilder {
	client: Arc<FullClient>,
	dest: AccountId,
	value: Balance,
}

impl TransferKeepAliveBuilder {
	pub fn new(client: Arc<FullClient>, dest: AccountId, value: Balance) -> Self {
		Self { client, dest, value }
	}
}

impl frame_benchmarking_cli::ExtrinsicBuilder for TransferKeepAliveBuilder {
	fn pallet(&self) -> &str {
		"balances"
	}

	fn extrinsic(&self) -> &str {
		"transfer_keep_alive"
	}

	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let call =
			BalancesCall::transfer_keep_alive { dest: self.dest.clone().into(), value: self.value }
				.into();
		signed_extrinsic(&self.client, Sr25519Keyring::Bob.pair(), call, nonce).map(Into::into)
	}
}

/// Signs `call` by `sender` with every transaction extension the runtime checks.
pub fn signed_extrinsic(
	client: &FullClient,
	sender: sp_core::sr25519::Pair,
	call: runtime::RuntimeCall,
	nonce: u32,
) -> std::result::Result<runtime::UncheckedExtrinsic, &'static str> {
	let genesis_hash = client
		.block_hash(0)
		.ok()
		.flatten()
		.ok_or("the database holds no genesis block")?;
	let info = client.usage_info().chain;
	// The longest mortality the block hash count allows, as a power of two.
	let period = runtime::configs::BlockHashCount::get()
		.checked_next_power_of_two()
		.map(|count| count / 2)
		.unwrap_or(2) as u64;

	let extension: runtime::TxExtension = (
		frame_system::CheckNonZeroSender::<runtime::Runtime>::new(),
		pallet_patient_quota::CheckPatientQuota::<runtime::Runtime>::new(),
		frame_system::CheckSpecVersion::<runtime::Runtime>::new(),
		frame_system::CheckTxVersion::<runtime::Runtime>::new(),
		frame_system::CheckGenesis::<runtime::Runtime>::new(),
		frame_system::CheckEra::<runtime::Runtime>::from(Era::mortal(
			period,
			info.best_number.saturated_into(),
		)),
		frame_system::CheckNonce::<runtime::Runtime>::from(nonce),
		frame_system::CheckWeight::<runtime::Runtime>::new(),
		pallet_patient_quota::SkipFeelessPayment::from(
			pallet_transaction_payment::ChargeTransactionPayment::<runtime::Runtime>::from(0),
		),
		frame_metadata_hash_extension::CheckMetadataHash::<runtime::Runtime>::new(false),
		frame_system::WeightReclaim::<runtime::Runtime>::new(),
	);
	let implicit = (
		(),
		(),
		runtime::VERSION.spec_version,
		runtime::VERSION.transaction_version,
		genesis_hash,
		info.best_hash,
		(),
		(),
		(),
		None,
		(),
	);
	let payload = runtime::SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| sender.sign(bytes));

	Ok(runtime::UncheckedExtrinsic::new_signed(
		call,
		AccountId::from(sender.public()).into(),
		runtime::Signature::Sr25519(signature),
		extension,
	))
}

/// Inherent data for benchmark blocks: a timestamp is all the runtime requires.
pub fn inherent_benchmark_data() -> Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let timestamp = sp_timestamp::InherentDataProvider::new(Duration::from_millis(0).into());
	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating inherent data: {e:?}"))?;
	Ok(inherent_data)
}
