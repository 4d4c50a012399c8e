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
}

// Building for Wasm itself needs no nested Wasm build.
#[cfg(not(feature = "std"))]
fn main() {}
