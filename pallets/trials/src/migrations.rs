//! Storage migrations, after polkadot-sdk's practice: each is an [`UncheckedOnRuntimeUpgrade`]
//! wrapped in a [`VersionedMigration`], which runs it once, only on a chain at the storage version
//! it was written for, and then sets the next version. A chain made at genesis starts at the
//! pallet's current version and runs none.
//!
//! | version | what changed | migration |
//! | --- | --- | --- |
//! | 0 | the pallet as first deployed | |
//! | 1 | [`ConsentUses`]: for each consent, the studies whose participations rest on it (what a study's pause of a consent reads) | [`v1::MigrateToV1`] builds it from the participations |
//! | 2 | [`StudiesOf`](crate::StudiesOf) is one bounded list per patient, which is also its count: joining a study writes one item, not an index entry and a count (`StudyCount`, gone) | [`v2::MigrateToV2`] rebuilds it from the participations |

use crate::{Config, ConsentUses, Pallet, Participants};
use core::marker::PhantomData;
use frame::{
	deps::frame_support::migrations::VersionedMigration, prelude::*,
	traits::UncheckedOnRuntimeUpgrade,
};

/// Version 1: the [`ConsentUses`] index.
pub mod v1 {
	use super::*;

	/// Builds [`ConsentUses`] from the stored participations: every participation not withdrawn
	/// notes its study and protocol version under the consent it rests on, as `consent` does.
	///
	/// A chain whose runtime maintained part of the index before its storage version said so
	/// (spec 108 at version 0) is rebuilt all the same: the index is cleared first, so what it
	/// holds afterwards is exactly what the participations say. One block's work: a read for each
	/// participation and a read and write for each use, plus clearing what was there; a
	/// consortium's participations are few enough (at most `MaxParticipants` a study) for a single
	/// upgrade block, and the weight returned is what was done.
	pub struct IndexConsentUses<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for IndexConsentUses<T> {
		fn on_runtime_upgrade() -> Weight {
			let cleared = ConsentUses::<T>::clear(u32::MAX, None);
			let (mut reads, mut writes) = (0u64, u64::from(cleared.unique));
			for (study_id, _, participation) in Participants::<T>::iter() {
				reads.saturating_inc();
				if participation.withdrawn_at.is_some() {
					continue;
				}
				// A patient's participations are at most `MaxStudiesPerPatient` in all, so its
				// consents' lists are within their bound; `try_state` checks the result exactly.
				let _ = Pallet::<T>::use_consent(
					participation.consent_id,
					study_id,
					participation.version,
				);
				reads.saturating_inc();
				writes.saturating_inc();
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// [`IndexConsentUses`], run once on a chain at storage version 0; it sets version 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		IndexConsentUses<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 2: [`StudiesOf`](crate::StudiesOf) one list per patient, and no `StudyCount`.
pub mod v2 {
	use super::*;
	use crate::{PatientId, StudyId};

	/// Version 1's per-patient index: a key for each participation.
	#[frame::deps::frame_support::storage_alias]
	pub type StudiesOf<T: Config> =
		StorageDoubleMap<Pallet<T>, Twox64Concat, PatientId, Twox64Concat, StudyId, ()>;

	/// Version 1's count of each patient's participations.
	#[frame::deps::frame_support::storage_alias]
	pub type StudyCount<T: Config> = StorageMap<Pallet<T>, Twox64Concat, PatientId, u32>;

	/// Rebuilds [`crate::StudiesOf`] from the stored participations (what the version 1 index and
	/// count described), after removing both: every key under the index's prefix goes, whether it
	/// was an index entry or (from a runtime ahead of its version) a list, so what remains is
	/// exactly what the participations say. One block's work, as version 1's: a read for each
	/// participation and a read and write for each patient's list, plus clearing.
	pub struct ListStudiesPerPatient<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for ListStudiesPerPatient<T> {
		fn on_runtime_upgrade() -> Weight {
			let index = StudiesOf::<T>::clear(u32::MAX, None);
			let counts = StudyCount::<T>::clear(u32::MAX, None);
			let (mut reads, mut writes) =
				(0u64, u64::from(index.unique).saturating_add(counts.unique.into()));
			for (study_id, patient_id, _) in Participants::<T>::iter() {
				// A patient's participations were at most `MaxStudiesPerPatient` (the count
				// bounded them), so the list has room; `try_state` checks the result exactly.
				crate::StudiesOf::<T>::mutate(patient_id, |studies| {
					let _ = studies.get_or_insert_with(Default::default).try_push(study_id);
				});
				reads = reads.saturating_add(2);
				writes.saturating_inc();
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// [`ListStudiesPerPatient`], run once on a chain at storage version 1; it sets version 2.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		ListStudiesPerPatient<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
