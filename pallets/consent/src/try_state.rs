//! The rules the pallet promises, as one check: run after every unit test, by try-runtime and
//! by the runtime fuzzer.

use crate::*;
use carechain_primitives::HeldDeposits;
use frame::deps::sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// The rules this pallet promises, checked after every unit test, by try-runtime and by the
	/// runtime fuzzer (`fuzz/`):
	///
	/// - every consent is listed exactly once, under its own patient and grantee, and every listed
	///   id is a stored consent;
	/// - every consent names at least one category and none twice; ids were handed out;
	/// - `EmergencyOf` and `EmergencyAccesses` are exact inverses, and every access lasts exactly
	///   `EmergencyAccessDuration`;
	/// - held deposits equal the deposits recorded, per account and reason;
	/// - `ConsentCount` is each patient's number of stored consents, within
	///   `MaxConsentsPerPatient`, and has no entry for a patient with none.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next_consent = NextConsentId::<T>::get();
		let mut consent_held = HeldDeposits::default();
		let mut counted = alloc::collections::BTreeMap::<PatientId, u32>::new();
		for (consent_id, consent) in Consents::<T>::iter() {
			let count = counted.entry(consent.patient_id).or_default();
			*count = count.saturating_add(1);
			ensure!(consent_id < next_consent, "a consent id was never handed out");
			ensure_distinct(&consent.categories)
				.map_err(|_| "a consent has no category or a duplicate")?;
			let listed = ConsentsOf::<T>::get(consent.patient_id, &consent.grantee);
			let mut listings = listed.iter().filter(|terms| terms.consent_id == consent_id);
			ensure!(
				listings.next() == Some(&ConsentTerms::of(consent_id, &consent))
					&& listings.next().is_none(),
				"a consent is not listed exactly once, with its own terms, under its patient and \
				 grantee"
			);
			consent_held.add(consent.granted_by.clone(), consent.deposit);
		}
		for (patient_id, grantee, list) in ConsentsOf::<T>::iter() {
			for terms in list {
				let consent = Consents::<T>::get(terms.consent_id)
					.ok_or("a listed consent does not exist")?;
				ensure!(
					consent.patient_id == patient_id && consent.grantee == grantee,
					"a consent is listed under the wrong patient or grantee"
				);
			}
		}
		consent_held.check::<T::Currency>(
			&HoldReason::ConsentDeposit.into(),
			"held consent deposits differ from the consents",
		)?;
		ensure!(
			counted.values().all(|count| *count <= T::MaxConsentsPerPatient::get()),
			"a patient has more consents than MaxConsentsPerPatient"
		);
		ensure!(
			ConsentCount::<T>::iter().collect::<alloc::collections::BTreeMap<_, _>>() == counted,
			"ConsentCount differs from the consents stored"
		);

		let next_access = NextAccessId::<T>::get();
		let mut emergency_held = HeldDeposits::default();
		for (access_id, access) in EmergencyAccesses::<T>::iter() {
			ensure!(access_id < next_access, "an access id was never handed out");
			ensure!(
				EmergencyOf::<T>::get(access.patient_id, &access.clinician) == Some(access_id),
				"an emergency access is not indexed under its patient and clinician"
			);
			ensure!(
				access.expires_at
					== access.opened_at.saturating_add(T::EmergencyAccessDuration::get()),
				"an emergency access lasts longer than allowed"
			);
			emergency_held.add(access.clinician.clone(), access.deposit);
		}
		ensure!(
			EmergencyOf::<T>::iter().count() == EmergencyAccesses::<T>::iter().count(),
			"an emergency index entry points nowhere"
		);
		emergency_held.check::<T::Currency>(
			&HoldReason::EmergencyDeposit.into(),
			"held emergency deposits differ from the accesses",
		)?;
		Ok(())
	}
}
