//! The storage migrations: each runs once, from the version it was written for.

use super::*;
use crate::{migrations::v1::MigrateToV1, ConsentUses, Pallet};
use frame::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

/// The index, in order (a consent's list is in no particular order).
fn index() -> Vec<(ConsentId, Vec<(StudyId, ProtocolVersion)>)> {
	let mut uses: Vec<_> = ConsentUses::<Test>::iter()
		.map(|(consent_id, list)| {
			let mut list = list.to_vec();
			list.sort();
			(consent_id, list)
		})
		.collect();
	uses.sort();
	uses
}

#[test]
fn a_chain_at_version_0_gets_the_consent_uses_index_built_from_its_participations() {
	ExtBuilder::default().build_and_execute(|| {
		// Participations of every kind: two patients in two studies (one on a shared consent),
		// one of them on a newer version, and one withdrawn (no use).
		let first = recruiting();
		let second = recruiting();
		let shared = join(first, 0);
		assert_ok!(Trials::consent(RuntimeOrigin::signed(PATIENT), second, PATIENT_ID, shared));
		join(first, 1);
		join(second, 2);
		assert_ok!(Trials::withdraw(RuntimeOrigin::signed(patient(2).1), second, patient(2).0));
		let built = index();
		assert_eq!(built.len(), 2, "patient 0's shared consent and patient 1's");
		assert_eq!(Pallet::<Test>::in_code_storage_version(), StorageVersion::new(1));

		// A chain whose participations predate the index: version 0, none of it, or a part of it
		// (a runtime that kept it before the version said so), or a use no participation has.
		for prepare in [
			|| {
				let _ = ConsentUses::<Test>::clear(u32::MAX, None);
			},
			|| ConsentUses::<Test>::remove(ConsentUses::<Test>::iter_keys().next().expect("one")),
			|| {
				let stray = frame::deps::sp_runtime::BoundedVec::truncate_from(vec![(99, 1)]);
				ConsentUses::<Test>::insert(12_345, stray);
			},
		] {
			prepare();
			StorageVersion::new(0).put::<Pallet<Test>>();
			let weight = MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(index(), built, "exactly what the participations say");
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(1));
			assert!(
				weight.ref_time()
					> <Test as frame_system::Config>::DbWeight::get().reads(4).ref_time()
			);
			assert_ok!(Trials::do_try_state());
		}

		// At version 1 it does nothing more (one read of the version).
		let _ = ConsentUses::<Test>::clear(u32::MAX, None);
		let weight = MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(weight, <Test as frame_system::Config>::DbWeight::get().reads(1));
		assert!(index().is_empty(), "not run again");
		// (Rebuilt, so the invariants checked after the test hold.)
		StorageVersion::new(0).put::<Pallet<Test>>();
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(index(), built);
	});
}
