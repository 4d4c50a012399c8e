//! The storage migrations: each runs once, from the version it was written for.

use super::*;
use crate::{migrations::v1::MigrateToV1, ConsentUses, Pallet, Participants};
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

/// Participations of every kind in two studies: two patients in both (patient 0 on one consent
/// shared by the two), one in the second withdrawn (stored, and no use of its consent).
fn participations_of_every_kind() -> (StudyId, StudyId) {
	let first = recruiting();
	let second = recruiting();
	let shared = join(first, 0);
	assert_ok!(Trials::consent(RuntimeOrigin::signed(PATIENT), second, PATIENT_ID, shared));
	join(first, 1);
	join(second, 2);
	assert_ok!(Trials::withdraw(RuntimeOrigin::signed(patient(2).1), second, patient(2).0));
	(first, second)
}

#[test]
fn a_chain_at_version_0_gets_the_consent_uses_index_built_from_its_participations() {
	ExtBuilder::default().build_and_execute(|| {
		participations_of_every_kind();
		let built = index();
		assert_eq!(built.len(), 2, "patient 0's shared consent and patient 1's");
		assert_eq!(Pallet::<Test>::in_code_storage_version(), StorageVersion::new(2));

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

#[test]
fn a_chain_at_version_1_gets_one_list_of_studies_per_patient_and_no_count() {
	use crate::migrations::v2::{self, MigrateToV2};
	use frame::deps::frame_support::storage::{KeyPrefixIterator, StoragePrefixedMap};
	ExtBuilder::default().build_and_execute(|| {
		// Patient 0 in two studies, patient 1 in one, patient 2 withdrawn (still stored).
		let (first, second) = participations_of_every_kind();
		let lists = |ids: &[PatientId]| -> Vec<Vec<StudyId>> {
			ids.iter()
				.map(|id| {
					let mut list = Trials::studies_of(*id);
					list.sort();
					list
				})
				.collect()
		};
		let patients = [PATIENT_ID, patient(1).0, patient(2).0];
		let built = lists(&patients);
		assert_eq!(built, vec![vec![first, second], vec![first], vec![second]]);
		assert_eq!(Pallet::<Test>::in_code_storage_version(), StorageVersion::new(2));

		// The same participations as version 1 stored them: an index entry per participation
		// and a count per patient.
		let _ = crate::StudiesOf::<Test>::clear(u32::MAX, None);
		for (study_id, patient_id, _) in Participants::<Test>::iter() {
			v2::StudiesOf::<Test>::insert(patient_id, study_id, ());
			v2::StudyCount::<Test>::mutate(patient_id, |count| {
				*count = Some(count.unwrap_or(0) + 1)
			});
		}
		assert_eq!(v2::StudyCount::<Test>::get(PATIENT_ID), Some(2));
		StorageVersion::new(1).put::<Pallet<Test>>();

		let weight = MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(lists(&patients), built, "exactly what the participations say");
		// Every key left under the map's prefix is a list's (one patient key): no index entry
		// (a patient and a study key) is left. Counted raw, since the old map cannot decode the
		// new keys.
		let prefix = crate::StudiesOf::<Test>::final_prefix();
		let keys = KeyPrefixIterator::new(prefix.to_vec(), prefix.to_vec(), |key| Ok(key.len()));
		assert_eq!(
			keys.collect::<Vec<_>>(),
			vec![8 + 8; 3],
			"three lists, each under a patient key"
		);
		assert_eq!(v2::StudyCount::<Test>::iter().count(), 0, "no count is left");
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(2));
		assert!(
			weight.ref_time() > <Test as frame_system::Config>::DbWeight::get().reads(8).ref_time()
		);
		assert_ok!(Trials::do_try_state());

		// At version 2 it does nothing more (one read of the version).
		let weight = MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(weight, <Test as frame_system::Config>::DbWeight::get().reads(1));
		assert_eq!(lists(&patients), built);
	});
}
