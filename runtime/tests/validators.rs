//! The validator set is the consortium's: two thirds of the Council admit and remove validators,
//! who must have proven their session keys, and a change takes effect at the session after
//! next. The `testnet` preset's four validators (Alice, Bob, Charlie, Dave) are the minimum.

use crate::common::{
	self,
	council::{pass, propose, vote},
};
use carechain_runtime::{Runtime, RuntimeCall, RuntimeOrigin, SessionKeys};
use codec::Encode;
use frame_support::{assert_noop, assert_ok};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{traits::Dispatchable, AccountId32, DispatchError};

type Session = pallet_session::Pallet<Runtime>;
type ValidatorManager = pallet_validator_manager::Pallet<Runtime>;
type Error = pallet_validator_manager::Error<Runtime>;

fn testnet(test: impl FnOnce()) {
	let mut ext = common::genesis_of("testnet");
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext.execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		test();
		ValidatorManager::do_try_state().expect("the validator set's invariants hold");
	});
}

/// `who`'s node generates session keys and proves them for `who`, who registers them (as an
/// operator does with `author_rotateKeysWithOwner` and `Session::set_keys`). Returns the keys.
fn register_keys(who: Sr25519Keyring) -> SessionKeys {
	let owner = who.to_account_id();
	let generated = SessionKeys::generate(&owner.encode(), None);
	assert_ok!(Session::set_keys(
		RuntimeOrigin::signed(owner),
		generated.keys.clone(),
		generated.proof.encode()
	));
	generated.keys
}

fn add(who: Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::ValidatorManager(pallet_validator_manager::Call::add_validator {
		who: who.to_account_id(),
	})
}

fn remove(who: Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::ValidatorManager(pallet_validator_manager::Call::remove_validator {
		who: who.to_account_id(),
	})
}

fn aura() -> Vec<AuraId> {
	pallet_aura::Authorities::<Runtime>::get().into_inner()
}

fn validators() -> Vec<AccountId32> {
	pallet_validator_manager::Validators::<Runtime>::get().into_inner()
}

/// Two session boundaries: what a change needs to reach the authorities.
fn two_sessions() {
	Session::rotate_session();
	Session::rotate_session();
}

#[test]
fn the_testnet_validates_with_session_keys_and_short_sessions() {
	testnet(|| {
		let mut expected: Vec<AccountId32> =
			[Alice, Bob, Charlie, Dave].iter().map(|who| who.to_account_id()).collect();
		expected.sort();
		assert_eq!(validators(), expected);
		assert_eq!(pallet_session::Validators::<Runtime>::get(), expected);
		assert_eq!(
			pallet_validator_manager::SessionLength::<Runtime>::get(),
			carechain_runtime::genesis_config_presets::TEST_SESSION_LENGTH
		);
		assert_eq!(aura().len(), 4);
	});
}

#[test]
fn two_thirds_admit_a_validator_who_authors_from_the_session_after_next() {
	testnet(|| {
		let keys = register_keys(Eve);
		assert_ok!(pass(&[Alice, Bob, Charlie], add(Eve)));
		assert!(validators().contains(&Eve.to_account_id()));
		Session::rotate_session();
		assert!(!aura().contains(&keys.aura), "queued, not yet authoring");
		Session::rotate_session();
		assert!(aura().contains(&keys.aura));
		assert_eq!(aura().len(), 5);
	});
}

#[test]
fn two_thirds_remove_a_validator_whose_keys_are_purged() {
	testnet(|| {
		register_keys(Eve);
		assert_ok!(pass(&[Alice, Bob, Charlie], add(Eve)));
		two_sessions();
		let dave: AuraId = Dave.public().into();
		assert!(aura().contains(&dave));

		assert_ok!(pass(&[Alice, Bob, Charlie], remove(Dave)));
		assert!(Session::load_keys(&Dave.to_account_id()).is_none(), "Dave's keys are purged");
		two_sessions();
		assert!(!aura().contains(&dave));
		assert_eq!(aura().len(), 4);
	});
}

#[test]
fn the_validator_set_refuses_bad_input_and_changes_nothing() {
	testnet(|| {
		// Not two thirds: a member alone, or a majority of five that is not two thirds.
		register_keys(Eve);
		assert_noop!(
			add(Eve).dispatch(RuntimeOrigin::signed(Alice.to_account_id())),
			DispatchError::BadOrigin
		);
		assert_eq!(pass(&[Alice, Bob], add(Eve)), Err(DispatchError::BadOrigin));
		// A duplicate, an account without keys, a removal below four.
		assert_eq!(pass(&[Alice, Bob, Charlie], add(Alice)), Err(Error::AlreadyValidator.into()));
		assert_eq!(pass(&[Alice, Bob, Charlie], add(Ferdie)), Err(Error::NoSessionKeys.into()));
		assert_eq!(pass(&[Alice, Bob, Charlie], remove(Dave)), Err(Error::TooFewValidators.into()));
		assert_eq!(pass(&[Alice, Bob, Charlie], remove(Ferdie)), Err(Error::NotValidator.into()));
		assert_eq!(validators().len(), 4);

		// Keys whose proof was made for another account are refused.
		let generated = SessionKeys::generate(&Eve.to_account_id().encode(), None);
		assert_noop!(
			Session::set_keys(
				RuntimeOrigin::signed(Ferdie.to_account_id()),
				generated.keys,
				generated.proof.encode()
			),
			pallet_session::Error::<Runtime>::InvalidProof
		);
		// A motion that is still open changes nothing either.
		let motion = propose(Alice, 3, add(Eve));
		vote(motion, &[Alice, Bob], true);
		assert!(!validators().contains(&Eve.to_account_id()));
	});
}
