//! Genesis state of the runtime's presets, for the runtime tests.

#![allow(dead_code)]

use carechain_runtime::{genesis_config_presets::get_preset, BuildStorage, RuntimeGenesisConfig};
use serde_json::Value;

/// Applies a JSON merge patch the way the node does when it builds genesis from a preset.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

pub fn patch_of(name: &str) -> Value {
	let bytes = get_preset(&name.into()).unwrap_or_else(|| panic!("preset `{name}` is missing"));
	serde_json::from_slice(&bytes).expect("a preset is JSON")
}

/// The genesis state of a preset, as a test externality.
pub fn genesis_of(name: &str) -> sp_io::TestExternalities {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serialises");
	merge(&mut config, patch_of(name));
	// `RuntimeGenesisConfig` rejects unknown fields: a misspelt key in a preset fails here.
	let config: RuntimeGenesisConfig =
		serde_json::from_value(config).expect("the preset matches the runtime's genesis config");
	config.build_storage().expect("genesis builds").into()
}
