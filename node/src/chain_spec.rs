//! The built-in chain specifications, each generated from a genesis preset of the runtime.

use carechain_runtime::{
	genesis_config_presets::{
		BENCHMARK_RUNTIME_PRESET, BENCHMARK_TESTNET_RUNTIME_PRESET, TESTNET_RUNTIME_PRESET,
	},
	WASM_BINARY,
};
use sc_service::ChainType;

/// A chain specification whose genesis comes from the runtime's presets.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The names `--chain` accepts besides a path to a JSON chain spec.
pub const BUILT_IN: &[&str] = &["dev", "local", "testnet", "benchmark", "benchmark-testnet"];

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"the node was built without its Wasm runtime (SKIP_WASM_BUILD was set); rebuild without it"
			.to_string()
	})
}

fn from_preset(name: &str, id: &str, kind: ChainType, preset: &str) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(kind)
		.with_protocol_id("carechain")
		.with_properties(properties())
		.with_genesis_config_preset_name(preset)
		.build())
}

/// Token properties that wallets and Polkadot.js show.
fn properties() -> sc_service::Properties {
	let mut properties = sc_service::Properties::new();
	properties.insert("tokenSymbol".into(), "CARE".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

/// One validator (Alice), for development on a single machine.
pub fn development() -> Result<ChainSpec, String> {
	from_preset("Carechain Development", "dev", ChainType::Development, "development")
}

/// Two validators (Alice, Bob), for a local network.
pub fn local_testnet() -> Result<ChainSpec, String> {
	from_preset("Carechain Local Testnet", "local_testnet", ChainType::Local, "local_testnet")
}

/// Four validators (Alice, Bob, Charlie, Dave): the base a consortium's own spec starts from.
/// It is a `Local` chain: its keys are the public development keys, and the node refuses to
/// run a `Live` chain with those (see `hardening`).
pub fn testnet() -> Result<ChainSpec, String> {
	from_preset("Carechain Testnet", "testnet", ChainType::Local, TESTNET_RUNTIME_PRESET)
}

/// The development chain plus 20,000 endowed load accounts, for the load harness
/// (`scripts/load`) only.
pub fn benchmark() -> Result<ChainSpec, String> {
	from_preset(
		"Carechain Benchmark",
		"benchmark",
		ChainType::Development,
		BENCHMARK_RUNTIME_PRESET,
	)
}

/// The benchmark chain on four validators (Alice, Bob, Charlie, Dave), for the load harness's
/// consortium network (`scripts/load --validators 4`) only.
pub fn benchmark_testnet() -> Result<ChainSpec, String> {
	from_preset(
		"Carechain Benchmark Testnet",
		"benchmark_testnet",
		ChainType::Local,
		BENCHMARK_TESTNET_RUNTIME_PRESET,
	)
}

/// Resolves `--chain`: a built-in name or a path to a JSON chain spec. Without `--chain` (and
/// without `--dev`) the node uses `local`, as Substrate nodes do; subcommands that need no
/// chain (such as `key generate-node-key`) then work without one.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development()?),
		"" | "local" => Box::new(local_testnet()?),
		"testnet" => Box::new(testnet()?),
		"benchmark" => Box::new(benchmark()?),
		"benchmark-testnet" => Box::new(benchmark_testnet()?),
		path if std::path::Path::new(path).is_file() => {
			Box::new(ChainSpec::from_json_file(std::path::PathBuf::from(path))?)
		},
		unknown => {
			let names = BUILT_IN.join(", ");
			return Err(format!(
				"unknown chain `{unknown}`: expected one of {names}, or a path to a chain spec JSON file"
			));
		},
	})
}
