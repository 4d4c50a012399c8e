//! The libFuzzer entry point: `scripts/fuzz` builds and runs it.

#![no_main]

libfuzzer_sys::fuzz_target!(init: carechain_fuzz::write_seeds_from_env(), |data: &[u8]| {
	carechain_fuzz::run(data)
});
