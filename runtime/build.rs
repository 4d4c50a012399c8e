//! Builds the runtime to Wasm (target `wasm32v1-none`) and embeds it as `WASM_BINARY`.

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("CARE", 12)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
	// A debug (test) build also compiles this runtime one `spec_version` later: the code the live
	// upgrade test (`zombienet/governance.zndsl`) votes in. The second build reuses every
	// dependency of the first; only this crate compiles again.
	if std::env::var("PROFILE").as_deref() == Ok("debug") {
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_feature("next-spec-version")
			.set_file_name("carechain_runtime_next")
			.build();
		upgrade_blob();
	}
}

/// `carechain_runtime_next.upgrade.wasm` beside the next runtime's Wasm: without its names
/// section and compressed, as a release build's code is (a debug build keeps the original,
/// which is larger than a block's 5 MiB).
#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn upgrade_blob() {
	use std::path::PathBuf;
	// The wasm builder's workspace: `target/<profile>/wbuild`, above `build/<crate>/out`.
	let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
	let profile_dir = out_dir
		.ancestors()
		.find(|dir| dir.ends_with("build"))
		.and_then(|dir| dir.parent())
		.expect("OUT_DIR lies under <target>/<profile>/build");
	let project = profile_dir.join("wbuild").join("carechain-runtime");
	let bloaty = project.join("carechain_runtime_next.wasm");
	let stripped = project.join("carechain_runtime_next.stripped.wasm");
	wasm_opt::OptimizationOptions::new_opt_level_0()
		.mvp_features_only()
		.debug_info(false)
		.add_pass(wasm_opt::Pass::StripDwarf)
		.add_pass(wasm_opt::Pass::SignextLowering)
		.run(&bloaty, &stripped)
		.expect("wasm-opt strips the next runtime");
	let code = std::fs::read(&stripped).expect("the stripped Wasm is there");
	let compressed = sp_maybe_compressed_blob::compress_weakly(
		&code,
		sp_maybe_compressed_blob::CODE_BLOB_BOMB_LIMIT,
	)
	.expect("the next runtime compresses within the bomb limit");
	std::fs::write(project.join("carechain_runtime_next.upgrade.wasm"), compressed)
		.expect("the upgrade blob is written");
}

// Building for Wasm itself needs no nested Wasm build.
#[cfg(not(feature = "std"))]
fn main() {}
