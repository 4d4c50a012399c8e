//! The synthetic population of benchmark genesis (issue #30, `carechain_runtime::population`):
//! built through the pallets' own calls, it leaves a state every pallet's invariants accept, with
//! the accounts, consents and records its recipe promises; a bad `population` object fails
//! genesis with a reason.

use carechain_primitives::{Access, AccessDecision, CategoryTag, Purpose};
use carechain_runtime::{
	configs::healthcare::PatientRegistrationDeposit,
	genesis_config_presets::{
		load_accounts, preset_config, preset_storage, DEV_ENDOWMENT, LOAD_PHYSICIANS,
	},
	population::{
		build_state, category_key, patient_account, physician_index, record_hashes, ANCHORED,
		CONSENTED,
	},
	Balances, Runtime,
};
use frame_support::traits::fungible::{Inspect, InspectHold};
use serde_json::{json, Value};
use sp_keyring::Sr25519Keyring;

/// The full genesis config the node hands `build_state`: `preset`'s patch, plus `population`.
fn config_of(preset: &str, population: Option<Value>) -> Vec<u8> {
	let extra = population.map(|population| json!({ "population": population }));
	serde_json::to_vec(&preset_config(&preset.into(), extra).unwrap()).unwrap()
}

/// Runs `build_state` on empty storage as the node does, then `check` on the state it built.
fn genesis(config: Vec<u8>, check: impl FnOnce()) -> Result<(), String> {
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state(config).map_err(|error| error.to_string())?;
		check();
		Ok(())
	})
}

fn invariants_hold() {
	pallet_patients::Pallet::<Runtime>::do_try_state().expect("patients' invariants");
	pallet_consent::Pallet::<Runtime>::do_try_state().expect("consents' invariants");
	pallet_records::Pallet::<Runtime>::do_try_state().expect("records' invariants");
	pallet_credentials::Pallet::<Runtime>::do_try_state().expect("credentials' invariants");
	pallet_patient_quota::Pallet::<Runtime>::do_try_state().expect("quota's invariants");
}

#[test]
fn population_follows_its_recipe_and_keeps_every_invariant() {
	const PATIENTS: u32 = 450;
	const RECORDS: u32 = 3;
	let physicians = load_accounts(0, LOAD_PHYSICIANS);
	let hospital = Sr25519Keyring::BobStash.to_account_id();
	let config =
		config_of("benchmark", Some(json!({ "patients": PATIENTS, "recordsPerPatient": RECORDS })));
	genesis(config, || {
		invariants_hold();
		let first_id = pallet_patients::PatientIdOf::<Runtime>::get(patient_account(0))
			.expect("patient 0 is registered");
		for i in 0..PATIENTS {
			let account = patient_account(i);
			let patient_id = pallet_patients::PatientIdOf::<Runtime>::get(&account)
				.expect("every patient is registered");
			assert_eq!(patient_id, first_id + u64::from(i), "ids in onboarding order");
			let patient = pallet_patients::Patients::<Runtime>::get(patient_id).unwrap();
			assert_eq!(patient.sponsor.as_ref(), Some(&hospital), "onboarded by the hospital");
			// The patient holds no token, yet its account lives: registration's provider.
			assert_eq!(Balances::total_balance(&account), 0);
			assert_eq!(frame_system::Pallet::<Runtime>::providers(&account), 1);

			let key = category_key(i);
			let physician = &physicians[physician_index(i) as usize];
			let consents = pallet_consent::ConsentsOf::<Runtime>::get(patient_id, physician);
			assert_eq!(consents.len(), 1, "one consent to the patient's physician");
			let consent = pallet_consent::Consents::<Runtime>::get(consents[0].consent_id).unwrap();
			let tags: Vec<CategoryTag> = CONSENTED.iter().map(|c| key.tag(*c)).collect();
			assert_eq!(consent.categories.into_inner(), tags);
			assert_eq!(consent.deposit, 0, "a sponsored patient's consent holds no deposit");
			for category in CONSENTED {
				assert!(matches!(
					pallet_consent::Pallet::<Runtime>::check_access(
						patient_id,
						physician,
						key.tag(category),
						Access::ReadWrite,
						Some(Purpose::Treatment),
					),
					AccessDecision::Permitted(_)
				));
			}

			assert_eq!(pallet_records::RecordCount::<Runtime>::get(patient_id), Some(RECORDS));
			let mut ids: Vec<_> =
				pallet_records::RecordsOf::<Runtime>::iter_key_prefix(patient_id).collect();
			ids.sort();
			assert_eq!(ids.len(), RECORDS as usize);
			for (j, id) in (0..RECORDS).zip(ids) {
				let record = pallet_records::Records::<Runtime>::get(id).unwrap();
				assert_eq!((record.content_hash, record.storage_ref), record_hashes(i, j));
				assert_eq!(record.category, key.tag(ANCHORED));
				assert_eq!(&record.author, physician);
			}
		}
		// The hospital holds every registration deposit from minted funds: its free balance, and
		// everyone else's, is as the preset left it.
		let deposits = PatientRegistrationDeposit::get() * u128::from(PATIENTS);
		assert_eq!(Balances::balance(&hospital), DEV_ENDOWMENT);
		assert_eq!(Balances::total_balance_on_hold(&hospital), deposits);
		assert_eq!(pallet_records::NextRecordId::<Runtime>::get(), u64::from(PATIENTS * RECORDS));
	})
	.unwrap();
}

#[test]
fn without_a_population_genesis_is_the_preset_itself() {
	let expected = preset_storage(&"benchmark".into()).unwrap();
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| build_state(config_of("benchmark", None)).unwrap());
	let mut built: sp_runtime::Storage = {
		let mut storage = sp_runtime::Storage::default();
		ext.execute_with(|| {
			let mut key = Vec::new();
			while let Some(next) = sp_io::storage::next_key(&key) {
				storage.top.insert(next.clone(), sp_io::storage::get(&next).unwrap().to_vec());
				key = next;
			}
		});
		storage
	};
	// `TestExternalities::new_empty` writes an empty `:code` (the node writes the chain spec's).
	built.top.remove(sp_core::storage::well_known_keys::CODE);
	assert_eq!(built.top.len(), expected.top.len());
	assert!(built.top == expected.top, "build_state without a population differs from the preset");
	// And a zero-patient population changes nothing either.
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state(config_of("benchmark", Some(json!({ "patients": 0 })))).unwrap();
		assert_eq!(pallet_patients::NextPatientId::<Runtime>::get(), 0);
	});
}

#[test]
fn a_bad_population_fails_genesis_with_its_reason() {
	let fails = |preset: &str, population: Value| {
		genesis(config_of(preset, Some(population)), || ()).expect_err("genesis must fail")
	};
	assert!(fails("benchmark", json!({ "patients": 1, "records": 5 }))
		.contains("population: unknown field `records`"));
	assert!(fails("benchmark", json!({ "patients": "many" }))
		.contains("population.patients: expected a count"));
	assert!(fails("benchmark", json!({ "patients": -1 }))
		.contains("population.patients: expected a count"));
	assert!(fails("benchmark", json!([1000])).contains("population: expected an object"));
	// The development preset has no load physicians' credentials: the pallets' own checks refuse
	// the first patient's calls, and genesis says which patient and which call.
	let error = fails("development", json!({ "patients": 2, "recordsPerPatient": 1 }));
	assert!(error.starts_with("population: patient 0: "), "{error}");
}

#[test]
fn the_recipe_matches_its_test_vectors() {
	let vectors: Value =
		serde_json::from_str(include_str!("../test-vectors/population.json")).unwrap();
	let hex = |value: &Value| -> Vec<u8> {
		let text = value.as_str().unwrap().trim_start_matches("0x");
		(0..text.len())
			.step_by(2)
			.map(|at| u8::from_str_radix(&text[at..at + 2], 16).unwrap())
			.collect()
	};
	let index = |value: &Value| value.as_u64().unwrap() as u32;
	for patient in vectors["patients"].as_array().unwrap() {
		let i = index(&patient["i"]);
		let account = patient_account(i);
		let bytes: &[u8] = account.as_ref();
		assert_eq!(bytes, hex(&patient["account"]).as_slice(), "patient {i}'s account");
		assert_eq!(physician_index(i), index(&patient["physician"]));
		if let Some(key) = patient.get("category_key") {
			assert_eq!(category_key(i).0.to_vec(), hex(key));
			assert_eq!(category_key(i).tag(ANCHORED).0.to_vec(), hex(&patient["lab_results_tag"]));
		}
	}
	for record in vectors["records"].as_array().unwrap() {
		let (content, storage) = record_hashes(index(&record["i"]), index(&record["j"]));
		assert_eq!(content.0.to_vec(), hex(&record["content_hash"]));
		assert_eq!(storage.0.to_vec(), hex(&record["storage_ref"]));
	}
}
