//! The fuzzer's seeds, and every input it ever crashed on (kept in `fuzz/regressions/` after the
//! fix), run through the same harness as plain tests.

use carechain_fuzz::{decode_steps, run, seeds};

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
