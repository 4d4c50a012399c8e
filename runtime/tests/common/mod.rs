//! Genesis state of the runtime's presets, for the runtime tests.

#![allow(dead_code)]

use carechain_runtime::genesis_config_presets::{get_preset, preset_storage};
use serde_json::Value;

pub fn patch_of(name: &str) -> Value {
	let bytes = get_preset(&name.into()).unwrap_or_else(|| panic!("preset `{name}` is missing"));
	serde_json::from_slice(&bytes).expect("a preset is JSON")
}

/// The genesis state of a preset, as a test externality.
pub fn genesis_of(name: &str) -> sp_io::TestExternalities {
	preset_storage(&name.into())
		.unwrap_or_else(|error| panic!("preset `{name}`: {error}"))
		.into()
}
