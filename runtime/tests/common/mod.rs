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

/// The category key of the runtime tests' patients (one key serves them all: each test has
/// its own chain).
pub const CATEGORY_KEY: carechain_primitives::CategoryKey =
	carechain_primitives::CategoryKey([0x5a; 32]);

/// The test patients' tag for `category`, as their apps would derive it.
pub fn tag(category: carechain_primitives::RecordCategory) -> carechain_primitives::CategoryTag {
	CATEGORY_KEY.tag(category)
}

/// Council motions on a test externality, as members would make them from their apps.
pub mod council {
	use carechain_runtime::{Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin};
	use codec::Encode;
	use frame_support::{assert_ok, dispatch::GetDispatchInfo};
	use sp_core::H256;
	use sp_keyring::Sr25519Keyring;
	use sp_runtime::{traits::Hash, DispatchResult};

	type Council = pallet_collective::Pallet<Runtime, pallet_collective::Instance1>;

	/// The hash the Council knows `call` by.
	pub fn hash_of(call: &RuntimeCall) -> H256 {
		<Runtime as frame_system::Config>::Hashing::hash_of(call)
	}

	/// `proposer` proposes `call` with `threshold`. Returns the motion's hash and index. Proposing
	/// is not voting: the proposer votes like any member.
	pub fn propose(proposer: Sr25519Keyring, threshold: u32, call: RuntimeCall) -> (H256, u32) {
		let hash = hash_of(&call);
		let index =
			pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
		let length = call.encoded_size() as u32;
		assert_ok!(Council::propose(
			RuntimeOrigin::signed(proposer.to_account_id()),
			threshold,
			Box::new(call),
			length,
		));
		(hash, index)
	}

	/// `voters` vote on the motion (`approve` for all of them).
	pub fn vote(motion: (H256, u32), voters: &[Sr25519Keyring], approve: bool) {
		for voter in voters {
			assert_ok!(Council::vote(
				RuntimeOrigin::signed(voter.to_account_id()),
				motion.0,
				motion.1,
				approve
			));
		}
	}

	/// Anyone closes the motion; it must be decided (or timed out).
	pub fn close(motion: (H256, u32), call: &RuntimeCall) {
		assert_ok!(Council::close(
			RuntimeOrigin::signed(Sr25519Keyring::Ferdie.to_account_id()),
			motion.0,
			motion.1,
			call.get_dispatch_info().call_weight,
			call.encoded_size() as u32,
		));
	}

	/// Passes `call` with exactly `ayes` (the first proposes): the motion's threshold is the
	/// number of ayes, so it passes by its own rule, and what `call` may do is then decided by
	/// the share of the Council those ayes are. Returns what `call` returned.
	pub fn pass(ayes: &[Sr25519Keyring], call: RuntimeCall) -> DispatchResult {
		frame_system::Pallet::<Runtime>::reset_events();
		let proposer = ayes.first().expect("someone proposes");
		let motion = propose(*proposer, ayes.len() as u32, call.clone());
		// A motion of threshold 1 executes as it is proposed; any other is voted and closed.
		if ayes.len() > 1 {
			vote(motion, ayes, true);
			close(motion, &call);
		}
		executed(motion.0)
	}

	/// What the motion `hash` returned when it was executed.
	pub fn executed(hash: H256) -> DispatchResult {
		frame_system::Pallet::<Runtime>::events()
			.into_iter()
			.find_map(|record| match record.event {
				RuntimeEvent::Council(pallet_collective::Event::Executed {
					proposal_hash,
					result,
				}) if proposal_hash == hash => Some(result),
				_ => None,
			})
			.expect("the motion was executed")
	}

	/// `call` dispatched as Root by the consortium (`Consortium::as_root`).
	pub fn as_root(call: RuntimeCall) -> RuntimeCall {
		RuntimeCall::Consortium(pallet_consortium::Call::as_root { call: Box::new(call) })
	}

	/// What the last `Consortium::as_root` dispatch returned.
	pub fn root_result() -> DispatchResult {
		frame_system::Pallet::<Runtime>::events()
			.into_iter()
			.rev()
			.find_map(|record| match record.event {
				RuntimeEvent::Consortium(pallet_consortium::Event::DispatchedAsRoot {
					result,
					..
				}) => Some(result),
				_ => None,
			})
			.expect("a call was dispatched as Root")
	}
}
