//! Every genesis preset builds a valid genesis state with the validators, consortium and
//! balances it promises, and no sudo key.

use crate::common;

use carechain_primitives::{CredentialInspect, CredentialKind};
use carechain_runtime::{
	genesis_config_presets::{
		get_preset, preset_names, DEV_ENDOWMENT, LOAD_ACCOUNTS, LOAD_ENDOWMENT, LOAD_PHYSICIANS,
	},
	AccountId, Balances, Credentials, Grandpa, Runtime,
};
use common::{genesis_of, patch_of};
use sp_core::{sr25519, Pair};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The Council's members, sorted, after checking that `CouncilMembership` holds the same.
fn consortium() -> Vec<AccountId> {
	let council = pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get();
	let membership =
		pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get().into_inner();
	assert_eq!(council, membership, "the Council and its membership agree");
	council
}

/// The preset's validators, in Session's order (by account): each one's Aura and GRANDPA keys
/// are the authorities, and its organisation holds a seat in the Council.
fn validators_of(name: &str, expected: &[(Sr25519Keyring, Ed25519Keyring)]) {
	let mut expected = expected.to_vec();
	expected.sort_by_key(|(aura, _)| aura.to_account_id());
	genesis_of(name).execute_with(|| {
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		let expected_aura: Vec<_> = expected.iter().map(|(aura, _)| aura.public().into()).collect();
		assert_eq!(aura, expected_aura, "Aura authorities of `{name}`");

		let expected_grandpa: Vec<_> =
			expected.iter().map(|(_, grandpa)| (grandpa.public().into(), 1)).collect();
		assert_eq!(
			Grandpa::grandpa_authorities(),
			expected_grandpa,
			"GRANDPA authorities of `{name}`"
		);
		let accounts: Vec<AccountId> =
			expected.iter().map(|(aura, _)| aura.to_account_id()).collect();
		assert_eq!(
			pallet_session::Validators::<Runtime>::get(),
			accounts,
			"Session's validators of `{name}`"
		);
		assert_eq!(
			pallet_validator_manager::Validators::<Runtime>::get().into_inner(),
			accounts,
			"the consortium's validator set of `{name}`"
		);

		let mut organisations: Vec<AccountId> =
			expected.iter().map(|(aura, _)| aura.to_account_id()).collect();
		organisations.sort();
		assert_eq!(
			consortium(),
			organisations,
			"every validator's organisation of `{name}` is a member"
		);
		let alice: AccountId = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(Balances::free_balance(&alice), DEV_ENDOWMENT);
		// Twelve dev accounts (six names and their stashes), nothing else minted.
		assert_eq!(Balances::total_issuance(), 12 * DEV_ENDOWMENT);
	});
}

#[test]
fn development_has_alice_as_only_validator() {
	validators_of("development", &[(Sr25519Keyring::Alice, Ed25519Keyring::Alice)]);
}

#[test]
fn local_testnet_has_alice_and_bob() {
	validators_of(
		"local_testnet",
		&[
			(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
	);
}

#[test]
fn testnet_has_four_validators() {
	validators_of(
		"testnet",
		&[
			(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
	);
}

#[test]
fn every_listed_preset_builds_and_names_its_consensus_keys() {
	let names = preset_names();
	assert_eq!(
		names,
		vec!["development", "local_testnet", "testnet", "benchmark", "benchmark_testnet"]
	);
	for name in names {
		let patch = patch_of(&name);
		// zombienet and consortium tooling replace the validators' session keys here; Session
		// derives Aura's and GRANDPA's authorities from them.
		assert!(
			patch["session"]["keys"].as_array().is_some_and(|keys| !keys.is_empty()),
			"`{name}` names session keys"
		);
		assert!(patch.get("aura").is_none(), "`{name}` leaves aura to Session");
		assert!(patch.get("grandpa").is_none(), "`{name}` leaves grandpa to Session");
		genesis_of(&name).execute_with(|| {
			assert!(!pallet_aura::Authorities::<Runtime>::get().is_empty());
		});
	}
}

#[test]
fn unknown_preset_is_none() {
	assert!(get_preset(&"production".into()).is_none());
	assert!(get_preset(&"".into()).is_none());
}

/// The load account the harness signs with for index `i`.
fn load_account(i: u32) -> AccountId {
	sr25519::Pair::from_string(&format!("{}//{i}", sp_core::crypto::DEV_PHRASE), None)
		.expect("a valid derivation")
		.public()
		.into()
}

#[test]
fn benchmark_endows_the_load_accounts_the_harness_derives() {
	validators_of_dev_chain("benchmark");
	genesis_of("benchmark").execute_with(|| {
		for i in [0, 1, LOAD_PHYSICIANS, LOAD_ACCOUNTS - 1] {
			assert_eq!(Balances::free_balance(load_account(i)), LOAD_ENDOWMENT, "//{i}");
		}
		assert!(Credentials::is_valid(&load_account(0), CredentialKind::Physician));
		assert!(!Credentials::is_valid(&load_account(LOAD_PHYSICIANS), CredentialKind::Physician));
		assert!(Credentials::is_valid(
			&load_account(LOAD_PHYSICIANS),
			CredentialKind::Manufacturer
		));
		assert_eq!(
			Balances::total_issuance(),
			12 * DEV_ENDOWMENT + u128::from(LOAD_ACCOUNTS) * LOAD_ENDOWMENT
		);
	});
}

#[test]
fn benchmark_testnet_is_benchmark_on_the_testnets_four_validators() {
	let four =
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave];
	genesis_of("benchmark_testnet").execute_with(|| {
		let mut expected: Vec<AccountId> = four.iter().map(|who| who.to_account_id()).collect();
		expected.sort();
		assert_eq!(pallet_session::Validators::<Runtime>::get(), expected);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(Grandpa::grandpa_authorities().len(), 4);
		assert_eq!(consortium(), expected);
	});
	let (mut benchmark, mut network) = (patch_of("benchmark"), patch_of("benchmark_testnet"));
	for patch in [&mut benchmark, &mut network] {
		let object = patch.as_object_mut().unwrap();
		object.remove("session");
		object.remove("councilMembership");
	}
	assert_eq!(benchmark, network, "the same accounts, balances and credentials");
}

/// `benchmark` is a development chain: Alice validates alone and is the whole consortium.
fn validators_of_dev_chain(name: &str) {
	genesis_of(name).execute_with(|| {
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		assert_eq!(aura, vec![Sr25519Keyring::Alice.public().into()]);
		assert_eq!(consortium(), vec![Sr25519Keyring::Alice.to_account_id()]);
	});
}
