//! The rules the pallet promises, as one check: run after every unit test, by try-runtime and
//! by the runtime fuzzer.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use carechain_primitives::HeldDeposits;
use frame::deps::sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// The rules this pallet promises, checked after every unit test, by try-runtime and by the
	/// runtime fuzzer (`fuzz/`):
	///
	/// - version links agree both ways (`previous` ↔ `superseded_by`), versions count up by one
	///   within `MaxVersions`, and a version has the same patient and category as the one it
	///   amends;
	/// - every stored id was handed out (an id handed out and not stored was erased);
	/// - each author's held deposits equal the deposits of the versions they anchored;
	/// - the per-patient index holds exactly the stored versions, under their patient, and each
	///   patient's count is the size of its index, within `MaxRecordsPerPatient`.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextRecordId::<T>::get();
		let mut held = HeldDeposits::default();
		for (record_id, record) in Records::<T>::iter() {
			ensure!(record_id < next, "a record id was never handed out");
			ensure!(
				record.version >= 1 && record.version <= T::MaxVersions::get(),
				"a version number is out of range"
			);
			match record.previous {
				Some(previous) => {
					let older =
						Records::<T>::get(previous).ok_or("a version's predecessor is gone")?;
					ensure!(older.superseded_by == Some(record_id), "version links disagree");
					ensure!(older.version.saturating_add(1) == record.version, "versions skip");
					ensure!(
						older.patient_id == record.patient_id && older.category == record.category,
						"a version changed patient or category"
					);
				},
				None => ensure!(record.version == 1, "a first version is not numbered 1"),
			}
			if let Some(newer) = record.superseded_by {
				let newer = Records::<T>::get(newer).ok_or("a version's successor is gone")?;
				ensure!(newer.previous == Some(record_id), "version links disagree");
			}
			ensure!(
				RecordsOf::<T>::contains_key(record.patient_id, record_id),
				"a stored version is missing from its patient's index"
			);
			held.add(record.author, record.deposit);
		}
		let mut indexed: BTreeMap<PatientId, u32> = BTreeMap::new();
		for (patient_id, record_id, ()) in RecordsOf::<T>::iter() {
			let record = Records::<T>::get(record_id).ok_or("the index names a missing record")?;
			ensure!(
				record.patient_id == patient_id,
				"the index files a record under another patient"
			);
			let n = indexed.entry(patient_id).or_insert(0);
			*n = n.saturating_add(1);
		}
		for (patient_id, count) in RecordCount::<T>::iter() {
			ensure!(count > 0, "a zero record count is stored");
			ensure!(count <= T::MaxRecordsPerPatient::get(), "a patient has too many records");
			ensure!(
				indexed.remove(&patient_id) == Some(count),
				"a record count differs from the index"
			);
		}
		ensure!(indexed.is_empty(), "an indexed patient has no record count");
		held.check::<T::Currency>(
			&HoldReason::RecordDeposit.into(),
			"held record deposits differ from the records",
		)?;
		Ok(())
	}
}
