//! The runtime's storage migrations: a chain made at genesis is at every pallet's current
//! storage version (so none runs), and a chain at an older version runs each once, in the first
//! block of its new runtime, as a live chain does.

use crate::common;
use carechain_runtime::{Executive, Runtime, Trials, VERSION};
use frame_support::traits::{GetStorageVersion, StorageVersion};
use sp_runtime::traits::Header as _;

/// Starts block `number` as the executive does on a live chain (where a new runtime's first
/// block runs the migrations).
fn initialize(number: u32) {
	let parent = frame_system::Pallet::<Runtime>::parent_hash();
	let header = <carechain_runtime::Block as sp_runtime::traits::Block>::Header::new(
		number,
		Default::default(),
		Default::default(),
		parent,
		Default::default(),
	);
	Executive::initialize_block(&header);
}

fn last_upgrade() -> Option<u32> {
	frame_system::LastRuntimeUpgrade::<Runtime>::get().map(|info| info.spec_version.0)
}

#[test]
fn genesis_is_at_every_pallet_s_current_storage_version() {
	for preset in ["development", "local_testnet", "testnet"] {
		common::genesis_of(preset).execute_with(|| {
			assert_eq!(Trials::in_code_storage_version(), StorageVersion::new(1));
			assert_eq!(Trials::on_chain_storage_version(), Trials::in_code_storage_version());
		});
	}
}

#[test]
fn a_chain_upgrading_from_trials_version_0_is_migrated_once_in_the_new_runtime_s_first_block() {
	common::genesis_of("development").execute_with(|| {
		// A chain that last ran spec 107: Trials at version 0.
		StorageVersion::new(0).put::<Trials>();
		frame_system::LastRuntimeUpgrade::<Runtime>::put(
			frame_system::LastRuntimeUpgradeInfo::from(sp_version::RuntimeVersion {
				spec_version: 107,
				..VERSION
			}),
		);
		initialize(1);
		assert_eq!(Trials::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(last_upgrade(), Some(VERSION.spec_version));
		pallet_trials::Pallet::<Runtime>::do_try_state().expect("the trials' invariants hold");

		// The next block is not an upgrade: nothing runs again.
		StorageVersion::new(0).put::<Trials>();
		initialize(2);
		assert_eq!(Trials::on_chain_storage_version(), StorageVersion::new(0));
	});
}
