//! A synthetic patient population at genesis, for measuring Carechain at scale (issue #30). Only
//! in builds with `runtime-benchmarks` (the release node that `scripts/load` and `scripts/scale`
//! run); a production runtime rejects the key below as an unknown genesis field.
//!
//! A chain spec made from the `benchmark` preset may add a `population` object to its genesis
//! patch:
//!
//! ```json
//! "population": { "patients": 1000000, "recordsPerPatient": 0 }
//! ```
//!
//! After the rest of genesis is built, each patient is onboarded and consents through the very
//! calls a clinic and a patient's app make on a live chain, dispatched as their signed origins
//! with every check they make: no storage is written here directly, so the state has the layout,
//! holds and counters a chain of that many patients has (and the pallets' `try_state` checks it;
//! `runtime/tests/population.rs`). For patient `i` (from 0):
//!
//! - the account is `blake2_256("carechain/population/patient" ‖ i)` as an `AccountId32` (no one
//!   holds its key: the population is data to measure against, not accounts to act as);
//! - the development hospital (Bob's stash, which holds a `Hospital` credential in the preset)
//!   onboards it with `Patients::register_for`, with commitment
//!   `blake2_256("carechain/population/commitment" ‖ i)`, and pays the registration deposit (this
//!   module first mints what the hospital will hold, so the dev accounts' balances stay as the
//!   preset has them);
//! - its category key is `blake2_256("carechain/population/category-key" ‖ i)`, and the patient
//!   grants load physician `//(i mod 200)` of the preset a consent for `Treatment`, `ReadWrite`, on
//!   its `Encounters`, `Conditions` and `LabResults` tags, with no expiry (a sponsored patient's
//!   consent holds no deposit);
//! - if `recordsPerPatient` is above 0, that physician anchors that many `LabResults` records for
//!   the patient with `Records::anchor_batch` (content hash `blake2_256("carechain/population/
//!   content" ‖ i ‖ j)`, storage ref `blake2_256("carechain/population/ref" ‖ i ‖ j)`).
//!
//! `i` is SCALE-encoded (`u32`, little endian) in every preimage, and `j` likewise. The load
//! harness (`apps/src/load/population.ts`) derives the same accounts, tags and physicians to
//! anchor records on top of this state in blocks. Genesis runs in one runtime call whose writes
//! the node holds in memory until the genesis block is stored, about 0.8 KB a storage entry: a
//! million patients (six entries each) fit on this machine, ten million records (two entries
//! each) do not, which is why `scripts/scale` anchors records in blocks.

use alloc::{format, string::String, vec::Vec};
use carechain_primitives::{Access, CategoryKey, CategoryTag, PatientId, Purpose, RecordCategory};
use codec::Encode;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use serde_json::Value;
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::{BlakeTwo256, Hash};

use crate::{
	configs::healthcare::PatientRegistrationDeposit, genesis_config_presets, AccountId, Balances,
	Consent, Patients, Records, Runtime, RuntimeOrigin,
};

/// The genesis patch's key for the population.
pub const KEY: &str = "population";

/// The categories each synthetic patient consents to its physician for.
pub const CONSENTED: [RecordCategory; 3] =
	[RecordCategory::Encounters, RecordCategory::Conditions, RecordCategory::LabResults];

/// The category of the records anchored for a synthetic patient.
pub const ANCHORED: RecordCategory = RecordCategory::LabResults;

/// What the `population` object of a genesis patch asks for.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Population {
	/// How many patients to onboard.
	pub patients: u32,
	/// How many records to anchor for each of them at genesis.
	pub records_per_patient: u32,
}

impl Population {
	/// Reads the `population` object; every other key is an error (a misspelt count would
	/// otherwise build a different chain than the one asked for).
	pub fn from_json(value: &Value) -> Result<Self, String> {
		let object = value.as_object().ok_or("population: expected an object")?;
		let mut population = Population::default();
		for (key, value) in object {
			let count = value
				.as_u64()
				.and_then(|count| u32::try_from(count).ok())
				.ok_or_else(|| format!("population.{key}: expected a count below 2^32"))?;
			match key.as_str() {
				"patients" => population.patients = count,
				"recordsPerPatient" => population.records_per_patient = count,
				_ => return Err(format!("population: unknown field `{key}`")),
			}
		}
		Ok(population)
	}
}

/// `blake2_256(domain ‖ SCALE(parts))`: the domain's bytes with no length prefix.
fn digest(domain: &str, parts: impl Encode) -> [u8; 32] {
	let mut preimage = Vec::from(domain.as_bytes());
	parts.encode_to(&mut preimage);
	BlakeTwo256::hash(&preimage).0
}

/// Patient `i`'s account.
pub fn patient_account(i: u32) -> AccountId {
	AccountId::from(digest("carechain/population/patient", i))
}

/// Patient `i`'s category key.
pub fn category_key(i: u32) -> CategoryKey {
	CategoryKey(digest("carechain/population/category-key", i))
}

/// The load physician that patient `i` consents to.
pub fn physician_index(i: u32) -> u32 {
	i.checked_rem(genesis_config_presets::LOAD_PHYSICIANS).unwrap_or(0)
}

/// The content hash and storage ref of patient `i`'s record `j`.
pub fn record_hashes(i: u32, j: u32) -> (H256, H256) {
	(
		H256(digest("carechain/population/content", (i, j))),
		H256(digest("carechain/population/ref", (i, j))),
	)
}

/// Onboards `population` on the state genesis has built so far (module docs).
pub fn populate(population: Population) -> Result<(), String> {
	if population.patients == 0 {
		return Ok(());
	}
	let hospital = Sr25519Keyring::BobStash.to_account_id();
	let deposits = PatientRegistrationDeposit::get().saturating_mul(population.patients.into());
	Balances::mint_into(&hospital, deposits).map_err(|error| {
		let name: &'static str = error.into();
		format!("population: minting the hospital's deposits: {name}")
	})?;
	let physicians =
		genesis_config_presets::load_accounts(0, genesis_config_presets::LOAD_PHYSICIANS);
	let max_batch = <Runtime as pallet_records::Config>::MaxAnchorBatch::get();

	for i in 0..population.patients {
		// The error's name (`NotOnboarder`): a Wasm runtime's `Debug` would print nothing useful.
		let fail = |step: &str, error: sp_runtime::DispatchError| {
			let name: &'static str = error.into();
			format!("population: patient {i}: {step}: {name}")
		};
		let account = patient_account(i);
		let commitment = H256(digest("carechain/population/commitment", i));
		Patients::register_for(
			RuntimeOrigin::signed(hospital.clone()),
			account.clone(),
			commitment,
		)
		.map_err(|error| fail("register_for", error))?;
		let patient_id: PatientId = pallet_patients::PatientIdOf::<Runtime>::get(&account)
			.ok_or_else(|| format!("population: patient {i} is not registered"))?;

		let key = category_key(i);
		let physician = physicians
			.get(physician_index(i) as usize)
			.ok_or("population: no physician")?
			.clone();
		let tags: Vec<CategoryTag> = CONSENTED.iter().map(|category| key.tag(*category)).collect();
		Consent::grant(
			RuntimeOrigin::signed(account),
			patient_id,
			physician.clone(),
			Purpose::Treatment,
			BoundedVec::truncate_from(tags),
			Access::ReadWrite,
			None,
		)
		.map_err(|error| fail("grant", error.error))?;

		let mut j = 0;
		while j < population.records_per_patient {
			let end = j.saturating_add(max_batch).min(population.records_per_patient);
			let records: Vec<(H256, H256)> = (j..end).map(|j| record_hashes(i, j)).collect();
			Records::anchor_batch(
				RuntimeOrigin::signed(physician.clone()),
				patient_id,
				key.tag(ANCHORED),
				BoundedVec::truncate_from(records),
			)
			.map_err(|error| fail("anchor_batch", error.error))?;
			j = end;
		}
	}
	Ok(())
}

/// `GenesisBuilder::build_state` of benchmark builds: the genesis config without its
/// `population` object, then the population.
pub fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
	let mut json: Value = serde_json::from_slice(&config)
		.map_err(|error| format!("the genesis config is not JSON: {error}"))?;
	let population = match json.as_object_mut().and_then(|object| object.remove(KEY)) {
		Some(value) => Population::from_json(&value)?,
		None => Population::default(),
	};
	let config = serde_json::to_vec(&json)
		.map_err(|error| format!("the genesis config does not serialise: {error}"))?;
	frame_support::genesis_builder_helper::build_state::<crate::RuntimeGenesisConfig>(config)?;
	populate(population)
}
