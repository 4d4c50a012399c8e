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
			assert_eq!(Trials::in_code_storage_version(), StorageVersion::new(2));
			assert_eq!(Trials::on_chain_storage_version(), Trials::in_code_storage_version());
		});
	}
}

#[test]
fn a_chain_upgrading_from_an_older_trials_version_is_migrated_once_in_the_new_runtime_s_first_block(
) {
	// A chain that last ran spec 107 (Trials at version 0: both migrations run, in order), and
	// one that last ran spec 109 (version 1: only the second).
	for (spec, version) in [(107, 0), (109, 1)] {
		common::genesis_of("development").execute_with(|| {
			StorageVersion::new(version).put::<Trials>();
			frame_system::LastRuntimeUpgrade::<Runtime>::put(
				frame_system::LastRuntimeUpgradeInfo::from(sp_version::RuntimeVersion {
					spec_version: spec,
					..VERSION
				}),
			);
			initialize(1);
			assert_eq!(Trials::on_chain_storage_version(), StorageVersion::new(2));
			assert_eq!(last_upgrade(), Some(VERSION.spec_version));
			pallet_trials::Pallet::<Runtime>::do_try_state().expect("the trials' invariants hold");

			// The next block is not an upgrade: nothing runs again.
			StorageVersion::new(version).put::<Trials>();
			initialize(2);
			assert_eq!(Trials::on_chain_storage_version(), StorageVersion::new(version));
		});
	}
}

/// What try-runtime checks before a vote for an upgrade (docs/VALIDATORS.md): every migration's
/// pre- and post-checks, the decoding of the whole state, every pallet's `try_state`, here on a
/// chain at Trials version 0 with a patient registered; and a broken invariant fails it.
#[cfg(feature = "try-runtime")]
#[test]
fn try_runtime_checks_the_upgrade_from_version_0_and_catches_a_broken_invariant() {
	use frame_try_runtime::UpgradeCheckSelect;
	use sp_keyring::Sr25519Keyring::Ferdie;

	common::genesis_of("development").execute_with(|| {
		initialize(1);
		carechain_runtime::Patients::register(
			carechain_runtime::RuntimeOrigin::signed(Ferdie.to_account_id()),
			sp_core::H256::repeat_byte(7),
		)
		.expect("Ferdie registers as a patient");
		StorageVersion::new(0).put::<Trials>();

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the upgrade's checks pass");
		assert_eq!(Trials::on_chain_storage_version(), StorageVersion::new(2));

		// A patient id the pallet never handed out: the checks fail (and log which pallet; its
		// own try_state names the rule).
		pallet_patients::NextPatientId::<Runtime>::put(0);
		assert!(Executive::try_runtime_upgrade(UpgradeCheckSelect::All).is_err());
		assert_eq!(
			carechain_runtime::Patients::do_try_state(),
			Err("a patient id was never handed out".into())
		);
	});
}
