//! The rules the pallet promises, as one check: run after every unit test, by try-runtime and
//! by the runtime fuzzer.

use crate::*;
use carechain_primitives::HeldDeposits;
use frame::deps::sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// The rules this pallet promises, checked after every unit test, by try-runtime and by the
	/// runtime fuzzer (`fuzz/`):
	///
	/// - `Patients` and `PatientIdOf` are exact inverses;
	/// - every id, active or erased, is below `NextPatientId`, and none is both;
	/// - no patient is their own delegate, and no delegate is listed twice while live;
	/// - pending rotations exist only for active patients;
	/// - each payer (the sponsor, or the patient's key) holds exactly the registration and delegate
	///   deposits recorded for its patients;
	/// - every patient's key is a live account (it has at least the provider reference this pallet
	///   gives it).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextPatientId::<T>::get();
		let mut active = 0usize;
		let mut held = HeldDeposits::default();
		for (patient_id, patient) in Patients::<T>::iter() {
			active = active.saturating_add(1);
			ensure!(patient_id < next, "a patient id was never handed out");
			ensure!(
				PatientIdOf::<T>::get(&patient.account) == Some(patient_id),
				"a patient's key does not map back to the patient"
			);
			ensure!(
				patient.delegates.iter().all(|d| d.account != patient.account),
				"a patient is their own delegate"
			);
			let now = T::Time::now();
			for (index, delegate) in patient.delegates.iter().enumerate() {
				let duplicate =
					patient.delegates.iter().skip(index.saturating_add(1)).any(|other| {
						other.account == delegate.account
							&& Self::is_live(other, now)
							&& Self::is_live(delegate, now)
					});
				ensure!(!duplicate, "a live delegate is listed twice");
			}
			ensure!(
				frame_system::Pallet::<T>::providers(&patient.account) > 0,
				"a patient's key has no provider reference"
			);
			ensure!(
				patient
					.delegates
					.iter()
					.all(|d| frame_system::Pallet::<T>::providers(&d.account) > 0),
				"a patient's delegate has no provider reference"
			);
			held.add(patient.payer().clone(), Self::deposits_of(&patient));
		}
		held.check::<T::Currency>(
			&HoldReason::PatientDeposit.into(),
			"held deposits differ from the record",
		)?;
		ensure!(
			PatientIdOf::<T>::iter().count() == active,
			"an account maps to a patient that does not map back"
		);
		for (patient_id, _) in PendingRotations::<T>::iter() {
			ensure!(Patients::<T>::contains_key(patient_id), "a rotation for an inactive patient");
		}
		Ok(())
	}
}
