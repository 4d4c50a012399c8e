//! The rules the pallet promises, as one check: run after every unit test, by try-runtime and
//! by the runtime fuzzer.

use crate::*;
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use carechain_primitives::HeldDeposits;
use frame::deps::sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// The rules this pallet promises, checked after every unit test, by try-runtime and by the
	/// runtime fuzzer (`fuzz/`):
	///
	/// - every stored study id was handed out; a study names at least one category and none twice,
	///   a `min_cohort` at or above the runtime's floor and a target between it and
	///   `MaxParticipants`;
	/// - a study's versions are exactly 1 to its current version (at most `MaxVersions`), version 1
	///   asks no re-consent, and its re-consent floor is 1 or a version published with
	///   `reconsent_required`, the latest such;
	/// - a study has ended (a day recorded) exactly when it is completed or terminated, and has
	///   results only then;
	/// - a study counts exactly its investigators (at most `MaxInvestigators`) and its stored,
	///   withdrawn and enrolled participations (at most `MaxParticipants`; enrolled at most the
	///   target); no participation is both withdrawn and enrolled, or names a version the study has
	///   not published;
	/// - each patient's list of studies names exactly its stored participations (so at most
	///   `MaxStudiesPerPatient` of them), each once, and is never stored empty;
	/// - a patient a study declined has no participation in it, and the study exists;
	/// - the consents' uses hold exactly the participations not withdrawn, each under the consent
	///   and with the version it names, no consent's list naming a study twice or empty;
	/// - each sponsor holds exactly its studies' deposits.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next_study = NextStudyId::<T>::get();
		let mut deposits = HeldDeposits::default();
		let mut per_patient: BTreeMap<PatientId, BTreeSet<StudyId>> = BTreeMap::new();
		let mut uses: BTreeSet<(ConsentId, StudyId, ProtocolVersion)> = BTreeSet::new();
		for (study_id, study) in Studies::<T>::iter() {
			ensure!(study_id < next_study, "a study id was never handed out");
			ensure!(
				study.category_count > 0 && study.category_count <= T::MaxCategories::get(),
				"a study's category count is out of bounds"
			);
			ensure!(study.min_cohort >= T::MinCohort::get(), "a study's k is below the floor");
			ensure!(
				study.min_cohort <= study.target && study.target <= T::MaxParticipants::get(),
				"a study's target is out of bounds"
			);
			ensure!(
				(1..=study.version).all(|version| Versions::<T>::contains_key(study_id, version))
					&& Versions::<T>::iter_key_prefix(study_id).count() == study.version as usize
					&& study.version <= T::MaxVersions::get(),
				"a study's versions are not 1 to its current version"
			);
			let latest_reconsent = (2..=study.version)
				.rev()
				.find(|version| {
					Versions::<T>::get(study_id, version).is_some_and(|v| v.reconsent_required)
				})
				.unwrap_or(1);
			ensure!(
				study.reconsent_from == latest_reconsent
					&& Versions::<T>::get(study_id, 1).is_some_and(|v| !v.reconsent_required),
				"a study's re-consent floor is not its latest re-consent version"
			);
			ensure!(
				study.ended_on.is_some() == study.status.is_final()
					&& (study.results.is_none() || study.status.is_final()),
				"a study's end and results disagree with its status"
			);
			ensure!(
				Investigators::<T>::iter_key_prefix(study_id).count()
					== study.investigators as usize
					&& study.investigators <= T::MaxInvestigators::get(),
				"a study's investigators are miscounted"
			);
			let (mut stored, mut withdrawn, mut enrolled) = (0u32, 0u32, 0u32);
			for (patient_id, participation) in Participants::<T>::iter_prefix(study_id) {
				stored = stored.saturating_add(1);
				ensure!(
					participation.version >= 1 && participation.version <= study.version,
					"a participation names an unpublished version"
				);
				ensure!(
					participation.withdrawn_at.is_none() || participation.enrolled_at.is_none(),
					"a participation is both withdrawn and enrolled"
				);
				if participation.withdrawn_at.is_some() {
					withdrawn = withdrawn.saturating_add(1);
				} else {
					uses.insert((participation.consent_id, study_id, participation.version));
				}
				if participation.enrolled_at.is_some() {
					enrolled = enrolled.saturating_add(1);
				}
				per_patient.entry(patient_id).or_default().insert(study_id);
			}
			ensure!(
				(stored, withdrawn, enrolled)
					== (study.participations, study.withdrawn, study.enrolled)
					&& stored <= T::MaxParticipants::get()
					&& enrolled <= study.target,
				"a study's participations are miscounted"
			);
			deposits.add(study.sponsor, study.deposit);
		}
		ensure!(
			Versions::<T>::iter_keys().all(|(study_id, _)| Studies::<T>::contains_key(study_id))
				&& Investigators::<T>::iter_keys()
					.all(|(study_id, _)| Studies::<T>::contains_key(study_id))
				&& Participants::<T>::iter_keys()
					.all(|(study_id, _)| Studies::<T>::contains_key(study_id)),
			"something is stored for a study that is not"
		);
		ensure!(
			Declined::<T>::iter_keys().all(|(study_id, patient_id)| {
				Studies::<T>::contains_key(study_id)
					&& !Participants::<T>::contains_key(study_id, patient_id)
			}),
			"a declined patient still participates, or its study is not stored"
		);
		let mut stored_uses = BTreeSet::new();
		let mut used_studies = BTreeSet::new();
		for (consent_id, list) in ConsentUses::<T>::iter() {
			ensure!(!list.is_empty(), "a consent's uses are stored empty");
			for (study_id, version) in list {
				ensure!(
					used_studies.insert((consent_id, study_id)),
					"a consent's uses name a study twice"
				);
				stored_uses.insert((consent_id, study_id, version));
			}
		}
		ensure!(stored_uses == uses, "the consents' uses differ from the participations");
		// Each patient's list names exactly its stored participations, each once; none is stored
		// empty. (Its length is bounded by its type.)
		for (patient_id, list) in StudiesOf::<T>::iter() {
			let listed: BTreeSet<StudyId> = list.iter().copied().collect();
			ensure!(
				!list.is_empty() && listed.len() == list.len(),
				"a patient's list of studies is empty or names a study twice"
			);
			ensure!(
				per_patient.remove(&patient_id) == Some(listed),
				"a patient's list of studies differs from its participations"
			);
		}
		ensure!(per_patient.is_empty(), "a participation is missing from its patient's list");
		deposits.check::<T::Currency>(
			&HoldReason::StudyDeposit.into(),
			"held study deposits differ from the studies",
		)?;
		Ok(())
	}
}
