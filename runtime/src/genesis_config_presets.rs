//! Genesis presets: the starting state of each kind of network, as JSON patches over the
//! runtime's default genesis. The chain specs in `chain-specs/` are generated from these.
//!
//! | preset | validators (Aura + GRANDPA) | consortium (Council members) | endowed |
//! | --- | --- | --- | --- |
//! | `development` | Alice | Alice | the well-known dev accounts |
//! | `local_testnet` | Alice, Bob | Alice, Bob | the well-known dev accounts |
//! | `testnet` | Alice, Bob, Charlie, Dave | Alice, Bob, Charlie, Dave | the well-known dev accounts |
//! | `benchmark` | Alice | Alice | the well-known dev accounts and [`LOAD_ACCOUNTS`] load accounts |
//! | `benchmark_testnet` | Alice, Bob, Charlie, Dave | Alice, Bob, Charlie, Dave | as `benchmark` |
//!
//! There is no sudo key: each validator's organisation holds a seat in the Council, and the
//! Council governs by motion (`configs/governance.rs`). A consortium of one (development,
//! benchmark) passes a motion as it is proposed.
//!
//! The `development` preset also seeds `Credentials` so that apps and end-to-end tests have
//! providers to work with from block one (no deposits are held for seeded credentials; all are
//! valid until 2100-01-01):
//!
//! | account | role |
//! | --- | --- |
//! | Alice | issuer of every credential kind (the dev regulator), and holds a `Regulator` credential |
//! | Bob | `Physician` |
//! | Bob's stash | `Hospital` (it onboards patients at the clinic: `Patients::register_for`) |
//! | Charlie | `Nurse` |
//! | Charlie's stash | `Insurer` (the dev payer: coverage and claims) |
//! | Dave | `Pharmacist` and `Pharmacy` |
//! | Dave's stash | `Researcher` (the dev sponsor: studies in `Trials`) |
//! | Eve | `Manufacturer` |
//! | Ferdie | `Distributor` |
//!
//! The other presets seed no issuers (`benchmark` aside): a network's governance registers
//! its own.
//!
//! The `benchmark` preset is `development` plus what the load harness (`scripts/load`) needs:
//! [`LOAD_ACCOUNTS`] accounts derived from the development phrase as `//0`, `//1`, … (the
//! harness derives the same keys), each endowed with [`LOAD_ENDOWMENT`]; the first
//! [`LOAD_PHYSICIANS`] of them hold `Physician` credentials, the next [`LOAD_MANUFACTURERS`]
//! `Manufacturer`, the next [`LOAD_DISTRIBUTORS`] `Distributor` and the next [`LOAD_INSURERS`]
//! `Insurer` credentials, all issued by
//! Alice and valid until 2100. It exists to measure throughput on one node, not to be run;
//! `benchmark_testnet` is the same on four validators, to measure a consortium network. A
//! benchmark build (`runtime-benchmarks`) also accepts a synthetic patient population in a spec
//! made from either ([`crate::population`]).
//!
//! Validators are named by their session keys (`session.keys`: account, validator id and the
//! Aura and GRANDPA keys), from which Session sets Aura's and GRANDPA's authorities, so tools that
//! replace the authorities (zombienet, a consortium building its own spec) find them there. The dev
//! keys are public: these presets are for development and testing only; `docs/VALIDATORS.md` shows
//! how a consortium builds a spec with its own keys.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use carechain_primitives::{CredentialKind, Moment};
use codec::Encode;
use sp_runtime::traits::{BlakeTwo256, Hash};

use crate::{
	AccountId, Balance, BalancesConfig, CouncilMembershipConfig, CredentialsConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, ValidatorManagerConfig, UNIT,
};

/// The name of the four-validator test network preset.
pub const TESTNET_RUNTIME_PRESET: &str = "testnet";

/// 2100-01-01T00:00:00Z in milliseconds: when the development preset's credentials expire.
pub const DEV_CREDENTIALS_VALID_UNTIL: Moment = 4_102_444_800_000;

/// What each endowed dev account starts with: enough for fees and deposits in any test.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// The name of the load-testing preset.
pub const BENCHMARK_RUNTIME_PRESET: &str = "benchmark";
/// The name of the four-validator load-testing preset.
pub const BENCHMARK_TESTNET_RUNTIME_PRESET: &str = "benchmark_testnet";
/// How many load accounts the `benchmark` preset endows.
pub const LOAD_ACCOUNTS: u32 = 20_000;
/// What each load account starts with: fees and deposits for thousands of calls.
pub const LOAD_ENDOWMENT: Balance = 10_000 * UNIT;
/// Load accounts `//0 … //199` are physicians.
pub const LOAD_PHYSICIANS: u32 = 200;
/// The next 50 load accounts are manufacturers.
pub const LOAD_MANUFACTURERS: u32 = 50;
/// The next 50 load accounts are distributors.
pub const LOAD_DISTRIBUTORS: u32 = 50;
/// The next 50 load accounts are insurers.
pub const LOAD_INSURERS: u32 = 50;

/// The Aura and GRANDPA keys of one validator.
fn authority(who: Sr25519Keyring) -> (AuraId, GrandpaId) {
	let grandpa = match who {
		Sr25519Keyring::Alice => Ed25519Keyring::Alice,
		Sr25519Keyring::Bob => Ed25519Keyring::Bob,
		Sr25519Keyring::Charlie => Ed25519Keyring::Charlie,
		Sr25519Keyring::Dave => Ed25519Keyring::Dave,
		Sr25519Keyring::Eve => Ed25519Keyring::Eve,
		_ => Ed25519Keyring::Ferdie,
	};
	(who.public().into(), grandpa.public().into())
}

/// The well-known development accounts (Alice … Ferdie and their stashes), endowed.
fn dev_accounts() -> Vec<(AccountId, Balance)> {
	Sr25519Keyring::iter()
		.filter(|k| !matches!(k, Sr25519Keyring::One | Sr25519Keyring::Two))
		.map(|k| (k.to_account_id(), DEV_ENDOWMENT))
		.collect()
}

/// The development phrase's root key, from which the load accounts derive.
fn load_root() -> Option<sp_core::sr25519::Pair> {
	use sp_core::{
		crypto::{Pair as _, DEV_PHRASE},
		sr25519,
	};
	sr25519::Pair::from_string(DEV_PHRASE, None).ok()
}

/// Load account `//index` of `root`: one hard derivation.
fn derive_load_account(root: &sp_core::sr25519::Pair, index: u32) -> Option<AccountId> {
	use sp_core::crypto::{DeriveJunction, Pair as _};
	let junction = DeriveJunction::hard(u64::from(index));
	root.derive(core::iter::once(junction), None)
		.ok()
		.map(|(pair, _)| pair.public().into())
}

/// The load accounts `//first …` (`count` of them) of the development phrase, as the harness
/// derives them. The phrase's seed is computed once and each account is one hard derivation
/// from it.
pub fn load_accounts(first: u32, count: u32) -> Vec<AccountId> {
	let Some(root) = load_root() else { return Vec::new() };
	(first..first.saturating_add(count))
		.filter_map(|i| derive_load_account(&root, i))
		.collect()
}

/// A credential issued by the dev regulator (Alice), valid until 2100.
fn dev_credential(
	subject: AccountId,
	kind: CredentialKind,
) -> (AccountId, AccountId, CredentialKind, sp_core::H256, Moment) {
	let license = BlakeTwo256::hash(&(&subject, kind).encode());
	(Sr25519Keyring::Alice.to_account_id(), subject, kind, license, DEV_CREDENTIALS_VALID_UNTIL)
}

/// The dev regulator and the sample credentials of the `development` preset.
fn dev_credentials() -> CredentialsConfig {
	use CredentialKind::*;
	let alice = Sr25519Keyring::Alice.to_account_id();
	let samples = [
		(Sr25519Keyring::Alice, Regulator),
		(Sr25519Keyring::Bob, Physician),
		(Sr25519Keyring::BobStash, Hospital),
		(Sr25519Keyring::Charlie, Nurse),
		(Sr25519Keyring::CharlieStash, Insurer),
		(Sr25519Keyring::Dave, Pharmacist),
		(Sr25519Keyring::Dave, Pharmacy),
		(Sr25519Keyring::DaveStash, Researcher),
		(Sr25519Keyring::Eve, Manufacturer),
		(Sr25519Keyring::Ferdie, Distributor),
	];
	CredentialsConfig {
		issuers: vec![(
			alice.clone(),
			CredentialKind::ALL.to_vec(),
			BlakeTwo256::hash(b"Carechain development regulator"),
		)],
		credentials: samples
			.into_iter()
			.map(|(subject, kind)| dev_credential(subject.to_account_id(), kind))
			.collect(),
	}
}

/// Blocks per session on every preset's network: thirty seconds, so that a validator admitted
/// by vote authors within about a minute in tests (a change of the set is queued at the next
/// session and seated at the one after). A production network sets an hour or more in its chain
/// spec (`validatorManager.sessionLength`, docs/VALIDATORS.md).
pub const TEST_SESSION_LENGTH: crate::BlockNumber = 5;

/// The genesis patch shared by every preset: each validator's organisation (the same dev
/// account) validates with its session keys and holds a seat in the Council.
fn genesis(
	validators: &[Sr25519Keyring],
	endowed: Vec<(AccountId, Balance)>,
	credentials: CredentialsConfig,
) -> Value {
	let members: Vec<AccountId> = validators.iter().map(|who| who.to_account_id()).collect();
	let keys: Vec<_> = validators
		.iter()
		.map(|who| {
			let (aura, grandpa) = authority(*who);
			(who.to_account_id(), who.to_account_id(), SessionKeys { aura, grandpa })
		})
		.collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: endowed },
		// No validator list: every account given session keys below validates (so a tool that
		// writes its own keys, as zombienet does, needs to write only those).
		validator_manager: ValidatorManagerConfig {
			validators: Vec::new(),
			session_length: TEST_SESSION_LENGTH,
		},
		session: SessionConfig { keys, non_authority_keys: Vec::new() },
		council_membership: CouncilMembershipConfig {
			members: frame_support::BoundedVec::truncate_from(members),
		},
		credentials,
	})
}

/// One validator, Alice, whose organisation is the whole consortium.
pub fn development() -> Value {
	genesis(&[Sr25519Keyring::Alice], dev_accounts(), dev_credentials())
}

/// Two validators, Alice and Bob.
pub fn local_testnet() -> Value {
	genesis(
		&[Sr25519Keyring::Alice, Sr25519Keyring::Bob],
		dev_accounts(),
		CredentialsConfig::default(),
	)
}

/// Four validators, Alice, Bob, Charlie and Dave: GRANDPA then needs three of four votes, so
/// one validator may fail and the chain still finalises.
pub fn testnet() -> Value {
	genesis(
		&[
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		],
		dev_accounts(),
		CredentialsConfig::default(),
	)
}

/// `development` plus the load accounts and their credentials (module docs).
pub fn benchmark() -> Value {
	benchmark_with(&[Sr25519Keyring::Alice])
}

/// `benchmark` on the `testnet`'s four validators (Alice, Bob, Charlie and Dave, each a Council
/// member): the load harness's consortium network under load (issue #30).
pub fn benchmark_testnet() -> Value {
	benchmark_with(&[
		Sr25519Keyring::Alice,
		Sr25519Keyring::Bob,
		Sr25519Keyring::Charlie,
		Sr25519Keyring::Dave,
	])
}

/// The load accounts and their credentials on a network of `validators`.
fn benchmark_with(validators: &[Sr25519Keyring]) -> Value {
	let load = load_accounts(0, LOAD_ACCOUNTS);
	let mut credentials = dev_credentials();
	let roles = [
		(CredentialKind::Physician, LOAD_PHYSICIANS),
		(CredentialKind::Manufacturer, LOAD_MANUFACTURERS),
		(CredentialKind::Distributor, LOAD_DISTRIBUTORS),
		(CredentialKind::Insurer, LOAD_INSURERS),
	];
	let mut subjects = load.iter();
	for (kind, count) in roles {
		for subject in subjects.by_ref().take(count as usize) {
			credentials.credentials.push(dev_credential(subject.clone(), kind));
		}
	}
	let mut endowed = dev_accounts();
	endowed.extend(load.into_iter().map(|who| (who, LOAD_ENDOWMENT)));
	genesis(validators, endowed, credentials)
}

/// Builds the genesis state from a full genesis config (`GenesisBuilder::build_state`).
#[cfg(not(feature = "runtime-benchmarks"))]
pub fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
	frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(config)
}

/// Builds the genesis state from a full genesis config (`GenesisBuilder::build_state`); a
/// benchmark build also accepts a synthetic patient population ([`crate::population`]).
#[cfg(feature = "runtime-benchmarks")]
pub fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
	crate::population::build_state(config)
}

/// The JSON patch of the named preset, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		TESTNET_RUNTIME_PRESET => testnet(),
		BENCHMARK_RUNTIME_PRESET => benchmark(),
		BENCHMARK_TESTNET_RUNTIME_PRESET => benchmark_testnet(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of every preset, for `build-spec` and tools that list them.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(TESTNET_RUNTIME_PRESET),
		PresetId::from(BENCHMARK_RUNTIME_PRESET),
		PresetId::from(BENCHMARK_TESTNET_RUNTIME_PRESET),
	]
}

/// The full genesis config of a preset as the node hands it to `build_state`: the preset's JSON
/// patch (then `extra`, if any, as a chain spec's own patch would add) merged (RFC 7386) onto
/// the default genesis config. For the runtime tests and the fuzzer.
#[cfg(feature = "std")]
pub fn preset_config(id: &PresetId, extra: Option<Value>) -> Result<Value, alloc::string::String> {
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

	let patch = get_preset(id).ok_or_else(|| format!("no preset named {id:?}"))?;
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default())
		.map_err(|error| format!("the default genesis config does not serialise: {error}"))?;
	merge(
		&mut config,
		serde_json::from_slice(&patch)
			.map_err(|error| format!("the preset is not JSON: {error}"))?,
	);
	if let Some(extra) = extra {
		merge(&mut config, extra);
	}
	Ok(config)
}

/// The genesis storage of a preset, built the way the node builds it ([`preset_config`]).
#[cfg(feature = "std")]
pub fn preset_storage(id: &PresetId) -> Result<sp_runtime::Storage, alloc::string::String> {
	use sp_runtime::BuildStorage;

	let config = preset_config(id, None)?;
	// `RuntimeGenesisConfig` rejects unknown fields: a misspelt key in a preset fails here.
	let config: RuntimeGenesisConfig = serde_json::from_value(config)
		.map_err(|error| format!("the preset does not match the genesis config: {error}"))?;
	config.build_storage()
}
