//! Governance by the consortium (no sudo key): what each share of the Council may do, and that
//! nothing else reaches it. The `testnet` preset's consortium is Alice, Bob, Charlie and Dave;
//! Eve is admitted where a test needs five members (with four, more than half and two thirds
//! are both three).

use crate::common;

use carechain_primitives::CredentialKind;
use carechain_runtime::{Credentials, Runtime, RuntimeCall, RuntimeOrigin, TxPause};
use common::council::{as_root, hash_of, pass, propose, root_result, vote};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{
	traits::{Dispatchable, Hash as _},
	DispatchError,
};

type Council = pallet_collective::Pallet<Runtime, pallet_collective::Instance1>;
type CouncilError = pallet_collective::Error<Runtime, pallet_collective::Instance1>;

fn testnet(test: impl FnOnce()) {
	common::genesis_of("testnet").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		test();
		// The Council and the membership that feeds it never disagree.
		assert_eq!(
			members(),
			pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get().into_inner()
		);
		Credentials::do_try_state().expect("the credentials' invariants hold");
	});
}

fn authorize_upgrade(code_hash: H256) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash })
}

/// The code hash an upgrade was authorised for, by the event that says so, once the
/// authorisation is also in force: applying code no one authorised fails `Unauthorized` (rather
/// than `NothingAuthorized`), and changes nothing.
fn authorized() -> Option<H256> {
	let applied = frame_system::Pallet::<Runtime>::apply_authorized_upgrade(
		RuntimeOrigin::none(),
		b"code no one authorised".to_vec(),
	)
	.map_err(|e| e.error);
	let nothing: DispatchError = frame_system::Error::<Runtime>::NothingAuthorized.into();
	let unauthorized: DispatchError = frame_system::Error::<Runtime>::Unauthorized.into();
	match applied {
		Err(error) if error == nothing => None,
		Err(error) if error == unauthorized => frame_system::Pallet::<Runtime>::events()
			.into_iter()
			.rev()
			.find_map(|record| match record.event {
				carechain_runtime::RuntimeEvent::System(
					frame_system::Event::UpgradeAuthorized { code_hash, .. },
				) => Some(code_hash),
				_ => None,
			}),
		other => panic!("applying unauthorised code answered {other:?}"),
	}
}

fn register_board(board: Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::Credentials(pallet_credentials::Call::register_issuer {
		issuer: board.to_account_id(),
		kinds: vec![CredentialKind::Physician].try_into().expect("one kind fits"),
		metadata_hash: H256::repeat_byte(7),
	})
}

fn is_board(board: Sr25519Keyring) -> bool {
	pallet_credentials::Issuers::<Runtime>::contains_key(board.to_account_id())
}

fn admit(member: Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::CouncilMembership(pallet_membership::Call::add_member {
		who: member.to_account_id().into(),
	})
}

fn members() -> Vec<sp_runtime::AccountId32> {
	pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get()
}

/// A consortium of five: the four of `testnet`, and Eve admitted by three of them.
fn five_members() {
	assert_ok!(pass(&[Alice, Bob, Charlie], admit(Eve)));
	assert_eq!(members().len(), 5);
}

#[test]
fn two_thirds_of_the_consortium_act_as_root() {
	testnet(|| {
		five_members();
		let code_hash = H256::repeat_byte(0xc0);
		// Four of five is at least two thirds.
		assert_ok!(pass(&[Alice, Bob, Charlie, Dave], as_root(authorize_upgrade(code_hash))));
		assert_eq!(root_result(), Ok(()));
		assert_eq!(authorized(), Some(code_hash));
	});
}

#[test]
fn a_majority_short_of_two_thirds_does_not_act_as_root() {
	testnet(|| {
		five_members();
		// Three of five is a majority, not two thirds: the motion passes by its own threshold
		// of three, and its call is refused.
		assert_eq!(
			pass(&[Alice, Bob, Charlie], as_root(authorize_upgrade(H256::repeat_byte(1)))),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(authorized(), None);
		// The same three may do what a majority may.
		assert_ok!(pass(&[Alice, Bob, Charlie], register_board(Ferdie)));
		assert!(is_board(Ferdie));
	});
}

#[test]
fn less_than_a_majority_does_nothing() {
	testnet(|| {
		five_members();
		for call in
			[register_board(Ferdie), admit(Ferdie), as_root(authorize_upgrade(H256::zero()))]
		{
			assert_eq!(
				pass(&[Alice, Bob], call.clone()),
				Err(DispatchError::BadOrigin),
				"{call:?}"
			);
		}
		assert!(!is_board(Ferdie));
		assert_eq!(members().len(), 5);
		assert_eq!(authorized(), None);
	});
}

#[test]
fn a_member_cannot_act_alone() {
	testnet(|| {
		let alice = RuntimeOrigin::signed(Alice.to_account_id());
		// Signed by a member: not a motion at all.
		for call in
			[register_board(Ferdie), admit(Ferdie), as_root(authorize_upgrade(H256::zero()))]
		{
			assert_noop!(call.dispatch(alice.clone()), DispatchError::BadOrigin);
		}
		// A motion of one (threshold 1 executes as it is proposed) is one quarter of the Council.
		assert_eq!(pass(&[Alice], register_board(Ferdie)), Err(DispatchError::BadOrigin));
		assert_eq!(
			pass(&[Alice], as_root(authorize_upgrade(H256::zero()))),
			Err(DispatchError::BadOrigin)
		);
		assert!(!is_board(Ferdie));
		assert_eq!(authorized(), None);
	});
}

#[test]
fn only_members_propose_and_vote() {
	testnet(|| {
		let call = register_board(Ferdie);
		assert_noop!(
			Council::propose(
				RuntimeOrigin::signed(Ferdie.to_account_id()),
				3,
				Box::new(call.clone()),
				100
			),
			CouncilError::NotMember
		);
		let motion = propose(Alice, 3, call.clone());
		assert_noop!(
			Council::vote(RuntimeOrigin::signed(Ferdie.to_account_id()), motion.0, motion.1, true),
			CouncilError::NotMember
		);
		// Two ayes of a threshold of three: too early to close, and nothing happened.
		vote(motion, &[Alice, Bob], true);
		assert_noop!(
			Council::vote(RuntimeOrigin::signed(Bob.to_account_id()), motion.0, motion.1, true),
			CouncilError::DuplicateVote
		);
		assert_noop!(
			Council::close(
				RuntimeOrigin::signed(Ferdie.to_account_id()),
				motion.0,
				motion.1,
				frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call).call_weight,
				1_000,
			),
			CouncilError::TooEarly
		);
		assert!(!is_board(Ferdie));
	});
}

#[test]
fn a_majority_admits_and_removes_members_and_licensing_boards() {
	testnet(|| {
		assert_ok!(pass(&[Alice, Bob, Charlie], admit(Eve)));
		assert!(members().contains(&Eve.to_account_id()));
		assert_ok!(pass(
			&[Alice, Bob, Charlie],
			RuntimeCall::CouncilMembership(pallet_membership::Call::remove_member {
				who: Eve.to_account_id().into()
			})
		));
		assert!(!members().contains(&Eve.to_account_id()));

		assert_ok!(pass(&[Alice, Bob, Charlie], register_board(Ferdie)));
		assert!(is_board(Ferdie));
		assert_ok!(pass(
			&[Bob, Charlie, Dave],
			RuntimeCall::Credentials(pallet_credentials::Call::remove_issuer {
				issuer: Ferdie.to_account_id()
			})
		));
		assert!(!is_board(Ferdie));
	});
}

#[test]
fn no_one_sets_the_councils_members_or_a_prime() {
	testnet(|| {
		let set_members = RuntimeCall::Council(pallet_collective::Call::set_members {
			new_members: vec![Alice.to_account_id()],
			prime: None,
			old_count: 4,
		});
		// Not even Root: members change only through CouncilMembership.
		assert_ok!(pass(&[Alice, Bob, Charlie, Dave], as_root(set_members)));
		assert_eq!(root_result(), Err(DispatchError::BadOrigin));
		assert_eq!(members().len(), 4);

		let set_prime = RuntimeCall::CouncilMembership(pallet_membership::Call::set_prime {
			who: Alice.to_account_id().into(),
		});
		assert_ok!(pass(&[Alice, Bob, Charlie, Dave], as_root(set_prime.clone())));
		assert_eq!(root_result(), Err(DispatchError::BadOrigin));
		assert_eq!(pass(&[Alice, Bob, Charlie, Dave], set_prime), Err(DispatchError::BadOrigin));
		assert_eq!(pallet_collective::Prime::<Runtime, pallet_collective::Instance1>::get(), None);
	});
}

#[test]
fn an_upgrade_applies_only_the_code_the_consortium_authorised() {
	testnet(|| {
		let code = b"the code the consortium reviewed".to_vec();
		let code_hash = <Runtime as frame_system::Config>::Hashing::hash(&code);
		assert_ok!(pass(&[Alice, Bob, Charlie], as_root(authorize_upgrade(code_hash))));
		assert_eq!(authorized(), Some(code_hash));
		// Anyone may apply the authorised code, and only it.
		assert_noop!(
			frame_system::Pallet::<Runtime>::apply_authorized_upgrade(
				RuntimeOrigin::none(),
				b"some other code".to_vec()
			),
			frame_system::Error::<Runtime>::Unauthorized
		);
	});
}

fn full_name(pallet: &str, call: &str) -> pallet_tx_pause::RuntimeCallNameOf<Runtime> {
	(
		BoundedVec::truncate_from(pallet.as_bytes().to_vec()),
		BoundedVec::truncate_from(call.as_bytes().to_vec()),
	)
}

#[test]
fn a_majority_pauses_and_resumes_a_call_but_never_governance() {
	testnet(|| {
		let register = RuntimeCall::Patients(pallet_patients::Call::register {
			commitment: H256::repeat_byte(1),
		});
		let pause = |pallet: &str, call: &str| {
			RuntimeCall::TxPause(pallet_tx_pause::Call::pause {
				full_name: full_name(pallet, call),
			})
		};
		assert_noop!(
			pause("Patients", "register").dispatch(RuntimeOrigin::signed(Alice.to_account_id())),
			DispatchError::BadOrigin
		);
		assert_ok!(pass(&[Alice, Bob, Charlie], pause("Patients", "register")));
		frame_system::Pallet::<Runtime>::assert_has_event(
			pallet_tx_pause::Event::CallPaused { full_name: full_name("Patients", "register") }
				.into(),
		);
		assert!(TxPause::is_paused(&full_name("Patients", "register")));
		assert_eq!(
			register
				.clone()
				.dispatch(RuntimeOrigin::signed(Eve.to_account_id()))
				.map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);

		// Governance and what every block needs cannot be paused, so a pause can be lifted.
		for (pallet, call) in [
			("Council", "vote"),
			("CouncilMembership", "add_member"),
			("Consortium", "as_root"),
			("Timestamp", "set"),
			("System", "remark"),
			("TxPause", "unpause"),
		] {
			assert_eq!(
				pass(&[Alice, Bob, Charlie], pause(pallet, call)),
				Err(pallet_tx_pause::Error::<Runtime>::Unpausable.into()),
				"{pallet}::{call}"
			);
		}

		assert_ok!(pass(
			&[Alice, Bob, Charlie],
			RuntimeCall::TxPause(pallet_tx_pause::Call::unpause {
				ident: full_name("Patients", "register")
			})
		));
		assert_ok!(register.dispatch(RuntimeOrigin::signed(Eve.to_account_id())));
	});
}

#[test]
fn motions_that_would_sign_as_someone_are_refused_before_a_vote() {
	testnet(|| {
		let as_bob = RuntimeCall::Utility(pallet_utility::Call::dispatch_as {
			as_origin: Box::new(carechain_runtime::OriginCaller::system(
				frame_system::RawOrigin::Signed(Bob.to_account_id()),
			)),
			call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
		});
		let proposal = as_root(as_bob);
		let length = codec::Encode::encoded_size(&proposal) as u32;
		let propose = RuntimeCall::Council(pallet_collective::Call::propose {
			threshold: 3,
			proposal: Box::new(proposal.clone()),
			length_bound: length,
		});
		assert_eq!(
			propose
				.dispatch(RuntimeOrigin::signed(Alice.to_account_id()))
				.map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
		assert_eq!(
			pallet_collective::ProposalOf::<Runtime, pallet_collective::Instance1>::get(hash_of(
				&proposal
			)),
			None
		);
		// And were it ever to come to a vote, the passed motion's origin is filtered too.
		let motion_origin: RuntimeOrigin =
			pallet_collective::RawOrigin::<_, pallet_collective::Instance1>::Members(4, 4).into();
		assert_eq!(
			proposal.dispatch(motion_origin).map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
	});
}
