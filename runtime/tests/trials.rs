//! The trials story through the real runtime: a researcher registers a study → names a
//! physician investigator → opens enrolment in a later block → twelve patients onboarded at the
//! clinic (no tokens) consent in `Consent` and in `Trials` → the physician enrols them → an
//! amendment requires re-consent → a release is refused until eleven have consented again →
//! the twelfth stays paused, its records closed to the sponsor's research reads → one withdraws
//! (its `Consent` consent revoked) → results committed with switched outcomes, flagged; each state
//! read through `TrialsApi`.

use crate::common::{self, tag};

use carechain_primitives::{
	runtime_decl_for_trials_api::TrialsApiV1, study_categories_hash, Access, ParticipantStatus,
	PatientId, PatientRegistry, Purpose, RecordCategory, StudyKind, StudyStatus, MILLIS_PER_DAY,
};
use carechain_runtime::{Balances, Block, Patients, Runtime, RuntimeCall, RuntimeOrigin};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Bob, BobStash, DaveStash};
use sp_runtime::{traits::Dispatchable, AccountId32, DispatchError};

const OUTCOMES: H256 = H256::repeat_byte(0x0c);
const SWITCHED: H256 = H256::repeat_byte(0x5c);

fn trials(call: pallet_trials::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Trials(call)
}

fn error(error: pallet_trials::Error<Runtime>) -> DispatchError {
	error.into()
}

fn api_status(study_id: u64, patient_id: PatientId) -> Option<ParticipantStatus> {
	<Runtime as TrialsApiV1<Block>>::participation(study_id, patient_id).map(|view| view.status)
}

/// The next block, six seconds later.
fn next_block() {
	let block = frame_system::Pallet::<Runtime>::block_number();
	frame_system::Pallet::<Runtime>::set_block_number(block + 1);
	pallet_timestamp::Now::<Runtime>::mutate(|now| *now += 6_000);
}

#[test]
fn the_trials_story() {
	common::genesis_of("development").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(20_833 * MILLIS_PER_DAY + MILLIS_PER_DAY / 2);
		// Dave's stash is the dev sponsor (a researcher), Bob a physician, Bob's stash a hospital.
		let (sponsor, investigator) = (DaveStash.to_account_id(), Bob.to_account_id());
		let as_sponsor = RuntimeOrigin::signed(sponsor.clone());
		let study_id = pallet_trials::NextStudyId::<Runtime>::get();
		assert_ok!(trials(pallet_trials::Call::register {
			kind: StudyKind::Interventional,
			registry_hash: H256::repeat_byte(0x4e),
			protocol_hash: H256::repeat_byte(0x01),
			analysis_plan_hash: H256::repeat_byte(0x5a),
			outcomes_hash: OUTCOMES,
			categories_hash: study_categories_hash(
				&[0x5a; 32],
				&[RecordCategory::LabResults, RecordCategory::Medications],
			),
			category_count: 2,
			target: 20,
			min_cohort: 11,
		})
		.dispatch(as_sponsor.clone()));
		assert_ok!(trials(pallet_trials::Call::add_investigator {
			study_id,
			investigator: investigator.clone()
		})
		.dispatch(as_sponsor.clone()));
		let open =
			trials(pallet_trials::Call::set_status { study_id, status: StudyStatus::Recruiting });
		assert_noop!(
			open.clone().dispatch(as_sponsor.clone()),
			error(pallet_trials::Error::RegistrationNotFinal)
		);
		next_block();
		assert_ok!(open.dispatch(as_sponsor.clone()));

		// Twelve patients, onboarded by the hospital, consent and are enrolled.
		let patients: Vec<(AccountId32, PatientId, u64)> = (0..12u8)
			.map(|i| {
				let account = AccountId32::new([0x70 + i; 32]);
				assert_ok!(RuntimeCall::Patients(pallet_patients::Call::register_for {
					account: account.clone(),
					commitment: H256::repeat_byte(i),
				})
				.dispatch(RuntimeOrigin::signed(BobStash.to_account_id())));
				let patient_id = Patients::patient_of(&account).expect("onboarded");
				let consent_id = pallet_consent::NextConsentId::<Runtime>::get();
				assert_ok!(RuntimeCall::Consent(pallet_consent::Call::grant {
					patient_id,
					grantee: sponsor.clone(),
					purpose: Purpose::Research,
					categories: vec![
						tag(RecordCategory::LabResults),
						tag(RecordCategory::Medications)
					]
					.try_into()
					.expect("bounded"),
					access: Access::Read,
					expires_at: None,
				})
				.dispatch(RuntimeOrigin::signed(account.clone())));
				assert_ok!(trials(pallet_trials::Call::consent {
					study_id,
					patient_id,
					consent_id
				})
				.dispatch(RuntimeOrigin::signed(account.clone())));
				assert_ok!(trials(pallet_trials::Call::enrol { study_id, patient_id })
					.dispatch(RuntimeOrigin::signed(investigator.clone())));
				(account, patient_id, consent_id)
			})
			.collect();
		for (account, patient_id, _) in &patients {
			assert!(<Runtime as TrialsApiV1<Block>>::is_enrolled_current(study_id, *patient_id));
			assert_eq!(Balances::total_balance(account), 0);
		}

		// Each patient's lab result, anchored by its physician under a consent to treat: the
		// sponsor may log a read of it for research on the consent the study rests on.
		let records: Vec<u64> = patients
			.iter()
			.map(|(account, patient_id, _)| {
				assert_ok!(RuntimeCall::Consent(pallet_consent::Call::grant {
					patient_id: *patient_id,
					grantee: investigator.clone(),
					purpose: Purpose::Treatment,
					categories: vec![tag(RecordCategory::LabResults)].try_into().expect("bounded"),
					access: Access::ReadWrite,
					expires_at: None,
				})
				.dispatch(RuntimeOrigin::signed(account.clone())));
				let record_id = pallet_records::NextRecordId::<Runtime>::get();
				assert_ok!(RuntimeCall::Records(pallet_records::Call::anchor {
					patient_id: *patient_id,
					category: tag(RecordCategory::LabResults),
					content_hash: H256::repeat_byte(0xc0),
					storage_ref: H256::repeat_byte(0x5e),
				})
				.dispatch(RuntimeOrigin::signed(investigator.clone())));
				record_id
			})
			.collect();
		let research_read = |i: usize| {
			RuntimeCall::Records(pallet_records::Call::log_access {
				record_id: records[i],
				purpose: Purpose::Research,
			})
			.dispatch(as_sponsor.clone())
		};
		let may_research = |i: usize| {
			pallet_consent::Pallet::<Runtime>::check_access(
				patients[i].1,
				&sponsor,
				tag(RecordCategory::LabResults),
				Access::Read,
				Some(Purpose::Research),
			)
			.is_allowed()
		};
		assert_ok!(research_read(0));
		assert!(may_research(11));

		// Version 2 requires re-consent: everyone is paused, and no release is possible.
		assert_ok!(trials(pallet_trials::Call::amend {
			study_id,
			protocol_hash: H256::repeat_byte(0x02),
			analysis_plan_hash: H256::repeat_byte(0x5a),
			outcomes_hash: OUTCOMES,
			reconsent_required: true,
		})
		.dispatch(as_sponsor.clone()));
		let release = || {
			trials(pallet_trials::Call::release {
				study_id,
				request_hash: H256::repeat_byte(0x7e),
				witness: 12,
			})
			.dispatch(as_sponsor.clone())
		};
		assert_noop!(release(), error(pallet_trials::Error::CohortTooSmall));
		// Paused, a participant's records are closed to the sponsor: no read is logged (so no
		// gateway releases one) on the consent the study paused.
		assert_noop!(research_read(0), pallet_records::Error::<Runtime>::NotPermittedToRead);
		assert!(!may_research(11));
		let reconsent = |i: usize| {
			let (account, patient_id, consent_id) = &patients[i];
			trials(pallet_trials::Call::consent {
				study_id,
				patient_id: *patient_id,
				consent_id: *consent_id,
			})
			.dispatch(RuntimeOrigin::signed(account.clone()))
		};
		for i in 0..10 {
			assert_ok!(reconsent(i));
		}
		assert_noop!(release(), error(pallet_trials::Error::CohortTooSmall));
		assert_ok!(reconsent(10));
		assert_ok!(release());
		let summary = <Runtime as TrialsApiV1<Block>>::study(study_id).expect("registered");
		assert_eq!((summary.version, summary.releases, summary.enrolled), (2, 1, 12));
		assert_eq!(api_status(study_id, patients[11].1), Some(ParticipantStatus::Paused));
		// Those who consented again are open to the sponsor's research again; the twelfth is not.
		assert_ok!(research_read(0));
		assert_noop!(research_read(11), pallet_records::Error::<Runtime>::NotPermittedToRead);
		assert_eq!(
			<Runtime as TrialsApiV1<Block>>::participation(study_id, patients[0].1)
				.map(|v| v.releases),
			Some(1)
		);

		// One withdraws: its consent goes from the Consent pallet, and the cohort is too small.
		let (account, patient_id, consent_id) = &patients[0];
		assert_ok!(trials(pallet_trials::Call::withdraw { study_id, patient_id: *patient_id })
			.dispatch(RuntimeOrigin::signed(account.clone())));
		assert!(!pallet_consent::Consents::<Runtime>::contains_key(consent_id));
		assert_eq!(api_status(study_id, *patient_id), Some(ParticipantStatus::Withdrawn));
		assert_noop!(release(), error(pallet_trials::Error::CohortTooSmall));

		// The study completes and reports other outcomes than it pre-specified: flagged.
		assert_ok!(trials(pallet_trials::Call::set_status {
			study_id,
			status: StudyStatus::Completed
		})
		.dispatch(as_sponsor.clone()));
		assert_eq!(<Runtime as TrialsApiV1<Block>>::results_overdue(study_id), Some(false));
		assert_ok!(trials(pallet_trials::Call::commit_results {
			study_id,
			results_hash: H256::repeat_byte(0x2e),
			reported_outcomes_hash: SWITCHED,
		})
		.dispatch(as_sponsor));
		assert_eq!(<Runtime as TrialsApiV1<Block>>::outcomes_switched(study_id), Some(true));
		assert_eq!(<Runtime as TrialsApiV1<Block>>::versions(study_id).len(), 2);
		assert_eq!(<Runtime as TrialsApiV1<Block>>::studies_of(patients[1].1), vec![study_id]);
		assert!(pallet_trials::Pallet::<Runtime>::do_try_state().is_ok());
		assert!(pallet_consent::Pallet::<Runtime>::do_try_state().is_ok());
	});
}
