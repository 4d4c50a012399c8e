//! The validator set: who may change it, when a change takes effect, and what a change leaves.

use crate::{mock::*, Error, Event, SessionLength, SetChanged, Validators};
use frame::{
	prelude::*,
	testing_prelude::*,
	traits::{fungible::InspectHold, EstimateNextSessionRotation},
};
use pallet_session::ShouldEndSession;

fn validators() -> Vec<AccountId> {
	Validators::<Test>::get().into_inner()
}

fn key_deposit_of(who: AccountId) -> Balance {
	Balances::balance_on_hold(&pallet_session::HoldReason::Keys.into(), &who)
}

/// The consortium adds `who` to the set.
fn add_validator(who: AccountId) -> DispatchResult {
	ValidatorManager::add_validator(RuntimeOrigin::signed(CONSORTIUM), who)
}

/// The consortium removes `who` from the set.
fn remove_validator(who: AccountId) -> DispatchResult {
	ValidatorManager::remove_validator(RuntimeOrigin::signed(CONSORTIUM), who)
}

#[test]
fn genesis_hands_the_set_to_session() {
	build_and_execute(|| {
		assert_eq!(validators(), GENESIS.to_vec());
		assert_eq!(pallet_session::Validators::<Test>::get(), GENESIS.to_vec());
		assert_eq!(Active::get(), GENESIS.to_vec());
		assert_eq!(SessionLength::<Test>::get(), SESSION);
		assert!(!SetChanged::<Test>::get());
	});
}

#[test]
fn an_added_validator_authors_from_the_session_after_next() {
	build_and_execute(|| {
		register_keys(5);
		assert_ok!(add_validator(5));
		System::assert_last_event(Event::ValidatorAdded { who: 5 }.into());
		assert_eq!(validators(), vec![1, 2, 3, 4, 5]);

		// Session 1 starts: the new set is queued, not yet active.
		run_to_session(1);
		System::assert_has_event(
			Event::ValidatorSetQueued { session_index: 2, validators: 5 }.into(),
		);
		assert_eq!(Active::get(), GENESIS.to_vec());
		// Session 2: it authors.
		run_to_session(2);
		assert_eq!(Active::get(), vec![1, 2, 3, 4, 5]);
		assert_eq!(System::block_number(), 2 * SESSION, "sessions end every SESSION blocks");
	});
}

#[test]
fn a_removed_validator_stops_from_the_session_after_next_and_its_keys_are_purged() {
	build_and_execute(|| {
		assert_eq!(key_deposit_of(4), 0, "genesis keys hold no deposit");
		register_keys(5);
		assert_eq!(key_deposit_of(5), KEY_DEPOSIT);
		assert_ok!(add_validator(5));
		run_to_session(2);

		assert_ok!(remove_validator(5));
		System::assert_last_event(Event::ValidatorRemoved { who: 5 }.into());
		assert_eq!(validators(), GENESIS.to_vec());
		assert!(pallet_session::Pallet::<Test>::load_keys(&5).is_none(), "keys purged");
		assert_eq!(key_deposit_of(5), 0, "the key deposit is returned");

		run_to_session(3);
		assert_eq!(Active::get(), vec![1, 2, 3, 4, 5], "still authoring the queued session");
		run_to_session(4);
		assert_eq!(Active::get(), GENESIS.to_vec());
		// Coming back needs new keys and a new vote.
		assert_noop!(add_validator(5), Error::<Test>::NoSessionKeys);
	});
}

#[test]
fn add_validator_errors() {
	build_and_execute(|| {
		register_keys(5);
		assert_noop!(ValidatorManager::add_validator(RuntimeOrigin::signed(1), 5), BadOrigin);
		assert_noop!(ValidatorManager::add_validator(RuntimeOrigin::root(), 5), BadOrigin);
		assert_noop!(add_validator(1), Error::<Test>::AlreadyValidator);
		assert_noop!(add_validator(6), Error::<Test>::NoSessionKeys);
		for who in [5, 6] {
			register_keys(who);
			assert_ok!(add_validator(who));
		}
		register_keys(7);
		assert_noop!(add_validator(7), Error::<Test>::TooManyValidators);
	});
}

#[test]
fn remove_validator_errors() {
	build_and_execute(|| {
		assert_noop!(ValidatorManager::remove_validator(RuntimeOrigin::signed(1), 4), BadOrigin);
		assert_noop!(remove_validator(9), Error::<Test>::NotValidator);
		assert_ok!(remove_validator(4));
		// Three left: the minimum.
		assert_noop!(remove_validator(3), Error::<Test>::TooFewValidators);
		assert_eq!(validators(), vec![1, 2, 3]);
	});
}

#[test]
fn a_validator_that_purges_its_own_keys_leaves_the_authorities_but_not_the_set() {
	build_and_execute(|| {
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(2)));
		run_to_session(2);
		assert_eq!(Active::get(), vec![1, 3, 4]);
		assert_eq!(validators(), GENESIS.to_vec(), "the consortium's record is unchanged");
	});
}

#[test]
fn sessions_end_every_session_length_blocks() {
	build_and_execute(|| {
		assert!(!ValidatorManager::should_end_session(SESSION - 1));
		assert!(ValidatorManager::should_end_session(SESSION));
		assert!(ValidatorManager::should_end_session(3 * SESSION));
		assert_eq!(ValidatorManager::average_session_length(), SESSION);
		assert_eq!(
			ValidatorManager::estimate_next_session_rotation(SESSION + 2).0,
			Some(2 * SESSION)
		);
		assert_eq!(
			ValidatorManager::estimate_current_session_progress(SESSION + 2).0,
			Some(Permill::from_rational(3u64, SESSION))
		);
		// Without a queued change the set is not handed again.
		run_to_session(1);
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::ValidatorManager(Event::ValidatorSetQueued { .. })
		)));
	});
}

#[test]
#[should_panic(expected = "a validator is listed twice")]
fn a_genesis_with_a_validator_twice_is_refused() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> { validators: vec![1, 1], session_length: SESSION }
		.assimilate_storage(&mut storage)
		.unwrap();
}

#[test]
fn a_genesis_without_a_list_adopts_every_account_with_session_keys() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> { validators: Vec::new(), session_length: SESSION }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: [7, 3, 5].iter().map(|&v| (v, v, keys(v))).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	TestExternalities::new(storage).execute_with(|| {
		assert_eq!(validators(), vec![3, 5, 7]);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![3, 5, 7]);
		ValidatorManager::do_try_state().expect("the invariants hold");
	});
}
