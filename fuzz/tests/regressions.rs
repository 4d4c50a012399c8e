//! The fuzzer's seeds, and every input it ever crashed on (kept in `fuzz/regressions/` after the
//! fix), run through the same harness as plain tests.

use carechain_fuzz::{
	actor, claims_story, decode_steps, governance_story, run, run_then, seeds, trials_story,
};
use carechain_runtime::{configs::governance::CouncilCollective, Runtime};
use codec::Encode;

#[test]
fn every_seed_decodes_whole_and_runs_clean() {
	for (i, seed) in seeds().iter().enumerate() {
		let steps = decode_steps(seed);
		assert!(steps.len() >= 3, "seed {i} decodes into its steps ({})", steps.len());
		run(seed);
	}
}

#[test]
fn every_kept_crash_input_now_runs_clean() {
	let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/regressions");
	let mut count = 0;
	for entry in std::fs::read_dir(dir).expect("fuzz/regressions exists") {
		let path = entry.expect("a directory entry").path();
		if path.extension().is_some_and(|e| e == "md") {
			continue;
		}
		let input = std::fs::read(&path).expect("a readable input");
		run(&input);
		count += 1;
	}
	println!("{count} regression inputs replayed");
}

#[test]
fn junk_and_empty_inputs_do_nothing() {
	run(&[]);
	run(&[0xff; 64]);
	run(&[0, 8, 0, 0]);
}

#[test]
fn the_governance_seed_tells_its_story() {
	let input: Vec<u8> = governance_story().iter().flat_map(|step| step.encode()).collect();
	run_then(&input, || {
		let (alice, bob) = (actor(0), actor(1));
		assert!(
			pallet_credentials::Issuers::<Runtime>::contains_key(&bob),
			"the board is admitted"
		);
		let mut council = pallet_collective::Members::<Runtime, CouncilCollective>::get();
		council.sort();
		let mut expected = vec![alice.clone(), bob];
		expected.sort();
		assert_eq!(council, expected, "the second member sits");
		assert_eq!(
			pallet_records::NextRecordId::<Runtime>::get(),
			1,
			"the anchor was refused while paused and stored once the pause was lifted"
		);
		assert_eq!(
			pallet_tx_pause::PausedCalls::<Runtime>::iter().count(),
			0,
			"the pause was lifted"
		);
		assert!(
			pallet_patients::PatientIdOf::<Runtime>::contains_key(actor(6)),
			"no one signed as the patient"
		);
		assert_eq!(
			pallet_validator_manager::Validators::<Runtime>::get().into_inner(),
			vec![alice],
			"the last validator stays"
		);
		assert_eq!(
			pallet_collective::Proposals::<Runtime, CouncilCollective>::get().len(),
			0,
			"every motion was closed or never opened"
		);
	});
}

#[test]
fn the_claims_seed_tells_its_story() {
	use carechain_primitives::ClaimStatus;
	let input: Vec<u8> = claims_story().iter().flat_map(|step| step.encode()).collect();
	run_then(&input, || {
		let status = |id| pallet_claims::Pallet::<Runtime>::claim_status(id);
		assert!(
			matches!(status(0), Some(ClaimStatus::Paid { amount: 10_000, .. })),
			"the first claim was decided in part, appealed, approved and paid: {:?}",
			status(0)
		);
		assert_eq!(
			status(1),
			None,
			"the second was replaced, and cleared at once (it holds no key)"
		);
		assert_eq!(status(2), Some(ClaimStatus::Voided), "its replacement was voided");
		assert_eq!(status(3), None, "the duplicate was refused");
		assert!(
			pallet_claims::Coverages::<Runtime>::contains_key(0),
			"an open coverage that claims name stays"
		);
	});
}

#[test]
fn the_trials_seed_tells_its_story() {
	use carechain_primitives::StudyStatus;
	let input: Vec<u8> = trials_story().iter().flat_map(|step| step.encode()).collect();
	run_then(&input, || {
		let study = pallet_trials::Pallet::<Runtime>::study(0).expect("the study was registered");
		assert_eq!(study.status, StudyStatus::Completed, "it opened a block later, and completed");
		assert_eq!((study.version, study.releases), (2, 0), "amended once; no release below k");
		assert_eq!(
			pallet_trials::Pallet::<Runtime>::outcomes_switched(0),
			Some(true),
			"the reported outcomes differ from those pre-specified"
		);
		assert_eq!(
			pallet_trials::Pallet::<Runtime>::participation(0, 0),
			None,
			"the patient withdrew, and the investigator declined it to free its place"
		);
		assert!(
			pallet_trials::Declined::<Runtime>::contains_key(0, 0),
			"and it may not join again"
		);
		assert!(
			!pallet_consent::Consents::<Runtime>::contains_key(0),
			"withdrawing revoked the research consent"
		);
	});
}
