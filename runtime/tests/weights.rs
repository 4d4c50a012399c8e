//! What the runtime charges once per block rather than per call.

use crate::common;

use carechain_runtime::{AllPalletsWithSystem, Runtime};
use frame_support::traits::{OnInitialize, WhitelistedStorageKeys};

/// The id counters every anchor, grant, commissioning or shipment reads and writes reach the
/// database once per block: the benchmarks leave them out of the calls' weights (whitelisted),
/// and each pallet's `on_initialize` charges that one read and write for every block instead.
#[test]
fn id_counters_are_charged_once_per_block_not_per_call() {
	let whitelisted = AllPalletsWithSystem::whitelisted_storage_keys();
	let counters = [
		("Records::NextRecordId", pallet_records::NextRecordId::<Runtime>::hashed_key()),
		("Consent::NextConsentId", pallet_consent::NextConsentId::<Runtime>::hashed_key()),
		("SupplyChain::NextBatchId", pallet_supply_chain::NextBatchId::<Runtime>::hashed_key()),
		(
			"SupplyChain::NextShipmentId",
			pallet_supply_chain::NextShipmentId::<Runtime>::hashed_key(),
		),
	];
	for (name, key) in counters {
		assert!(whitelisted.iter().any(|tracked| tracked.key == key), "{name} is not whitelisted");
	}

	common::genesis_of("development").execute_with(|| {
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		assert_eq!(pallet_records::Pallet::<Runtime>::on_initialize(1), db.reads_writes(1, 1));
		assert_eq!(pallet_consent::Pallet::<Runtime>::on_initialize(1), db.reads_writes(1, 1));
		assert_eq!(pallet_supply_chain::Pallet::<Runtime>::on_initialize(1), db.reads_writes(2, 2));
		// And the block's hooks as a whole include them.
		let all = <AllPalletsWithSystem as OnInitialize<u32>>::on_initialize(1);
		assert!(all.ref_time() >= db.reads_writes(4, 4).ref_time());
	});
}

/// Every block and every extrinsic is charged the overhead `benchmark overhead` measured on this
/// machine, not polkadot-sdk's reference figures, and the block's budget is what the design
/// gives it (two seconds, three quarters of it for ordinary transactions).
#[test]
fn blocks_and_extrinsics_are_charged_the_overhead_measured_here() {
	use carechain_runtime::weights::{block_weights, extrinsic_weights};
	use frame_support::{dispatch::DispatchClass, weights::constants::WEIGHT_REF_TIME_PER_SECOND};

	let weights = carechain_runtime::configs::RuntimeBlockWeights::get();
	assert_eq!(weights.base_block, block_weights::BlockExecutionWeight::get());
	for class in [DispatchClass::Normal, DispatchClass::Operational, DispatchClass::Mandatory] {
		assert_eq!(
			weights.get(class).base_extrinsic,
			extrinsic_weights::ExtrinsicBaseWeight::get()
		);
	}
	assert_eq!(weights.max_block.ref_time(), 2 * WEIGHT_REF_TIME_PER_SECOND);
	let normal = weights.get(DispatchClass::Normal).max_total.expect("normal class limited");
	assert_eq!(normal.ref_time(), 3 * WEIGHT_REF_TIME_PER_SECOND / 2);
}
