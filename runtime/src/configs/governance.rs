//! Governance by the consortium, and batching.
//!
//! Carechain has no sudo key. Each member organisation of the consortium (a hospital, a
//! pharmacy chain, an insurer, a regulator) holds one seat in `Council` (`pallet-collective`),
//! whose members `CouncilMembership` (`pallet-membership`) keeps. Members propose motions and
//! vote on them; a motion that passes dispatches its proposal with the origin "so many of so
//! many members", and each power of the chain names the share of the Council it needs:
//!
//! | power | origin | calls |
//! | --- | --- | --- |
//! | the validator set | two thirds (or Root) | `ValidatorManager::add_validator`, `remove_validator` (never below four) |
//! | anything Root may do | [`ConsortiumSupermajority`]: at least two thirds of the Council, through `Consortium::as_root` | `System::authorize_upgrade` (then anyone `apply_authorized_upgrade`), `Balances::force_*`, `Credentials::revoke`/`clear` of any credential, `Utility::dispatch_as` (never as a signed account) |
//! | licensing boards | [`ConsortiumMajority`]: more than half of the Council (or Root) | `Credentials::register_issuer`, `remove_issuer` |
//! | the consortium itself | more than half (or Root) | `CouncilMembership::add_member`, `remove_member`, `swap_member`, `reset_members` |
//! | motions | more than half (or Root) | `Council::disapprove_proposal`, `kill` |
//! | incident response | more than half (or Root) | `TxPause::pause`, `unpause` (governance calls, System and Timestamp are never paused) |
//! | members' own | a member of the Council | `Council::propose`, `vote`; `close` by anyone once decided or timed out |
//! | no one | — | `Council::set_members` (members change only through `CouncilMembership`), `CouncilMembership::set_prime`/`clear_prime` |
//!
//! Why these numbers:
//! - **Two thirds for Root**: Root can replace the runtime, so it needs the same share that GRANDPA
//!   needs to finalise: no coalition that cannot finalise a block alone can rewrite the rules
//!   alone. With four members that is three; with one (the development chain) it is one.
//! - **A simple majority for licensing boards, members and pauses**: these are the consortium's
//!   day-to-day decisions, each undone by another majority; an incident must be containable without
//!   waiting for the last third.
//! - **No prime member** ([`pallet_collective::PrimeDefaultVote`] with no prime): a member who does
//!   not vote is counted against, so nothing passes by silence.
//! - **Motions last [`CouncilMotionDuration`]** (seven days): long enough for every member
//!   organisation's board to meet; a motion with enough ayes is closed at once.
//! - **No proposal deposit**: members are known organisations admitted by vote; spam is bounded by
//!   [`CouncilMaxProposals`] open motions.
//!
//! The development chain is a consortium of one (Alice): a motion with threshold 1 executes as
//! it is proposed, so tests and `scripts/dev` take the same path as a real network.

use frame_support::{
	parameter_types,
	traits::{Contains, EitherOfDiverse, InsideBoth, NeverEnsureOrigin},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::RuntimeBlockWeights;
use crate::{
	AccountId, BlockNumber, OriginCaller, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	TxPause, DAYS,
};

/// The Council's instance of `pallet-collective`.
pub type CouncilCollective = pallet_collective::Instance1;
/// The instance of `pallet-membership` that keeps the Council's members.
pub type CouncilMembershipInstance = pallet_membership::Instance1;

/// At least two thirds of the Council: what may act as Root (through `Consortium::as_root`).
pub type ConsortiumSupermajority =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;

/// At least two thirds of the Council, directly or as Root: what adds and removes validators.
pub type ConsortiumRoot = EitherOfDiverse<EnsureRoot<AccountId>, ConsortiumSupermajority>;

/// More than half of the Council, or Root (which only the supermajority reaches).
pub type ConsortiumMajority = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>,
>;

/// The most member organisations the consortium may have.
pub const MAX_COUNCIL_MEMBERS: u32 = 100;

parameter_types! {
	/// How long a motion is open for votes.
	pub const CouncilMotionDuration: BlockNumber = 7 * DAYS;
	/// How many motions may be open at once.
	pub const CouncilMaxProposals: u32 = 100;
	/// A motion may dispatch at most half a block's weight.
	pub MaxProposalWeight: Weight = half(RuntimeBlockWeights::get().max_block);
	/// The longest pallet or call name `TxPause` stores.
	pub const MaxCallNameLen: u32 = 256;
}

fn half(weight: Weight) -> Weight {
	let half = Perbill::from_percent(50);
	Weight::from_parts(half.mul_floor(weight.ref_time()), half.mul_floor(weight.proof_size()))
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = frame_support::traits::ConstU32<MAX_COUNCIL_MEMBERS>;
	// No prime is ever set (`CouncilMembership::PrimeOrigin`), so an abstention counts as nay.
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = crate::weights::pallet_collective::WeightInfo<Runtime>;
	// Members change only through `CouncilMembership`, which keeps the two in step.
	type SetMembersOrigin = NeverEnsureOrigin<()>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = ConsortiumMajority;
	type KillOrigin = ConsortiumMajority;
	type Consideration = ();
}

impl pallet_membership::Config<CouncilMembershipInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = ConsortiumMajority;
	type RemoveOrigin = ConsortiumMajority;
	type SwapOrigin = ConsortiumMajority;
	type ResetOrigin = ConsortiumMajority;
	type PrimeOrigin = NeverEnsureOrigin<()>;
	type MembershipInitialized = crate::Council;
	type MembershipChanged = crate::Council;
	type MaxMembers = frame_support::traits::ConstU32<MAX_COUNCIL_MEMBERS>;
	type WeightInfo = crate::weights::pallet_membership::WeightInfo<Runtime>;
}

impl pallet_consortium::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type AsRootOrigin = ConsortiumSupermajority;
	type WeightInfo = pallet_consortium::weights::SubstrateWeight<Runtime>;
}

/// The pallets whose calls are never paused: the governance that lifts a pause, what every block
/// needs (System, and Timestamp's inherent), and validators' keys. `TxPause` never pauses itself.
pub struct Unpausable;

impl Contains<pallet_tx_pause::RuntimeCallNameOf<Runtime>> for Unpausable {
	fn contains((pallet, _call): &pallet_tx_pause::RuntimeCallNameOf<Runtime>) -> bool {
		[&b"System"[..], b"Timestamp", b"Council", b"CouncilMembership", b"Consortium", b"Session"]
			.contains(&pallet.as_slice())
	}
}

impl pallet_tx_pause::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PauseOrigin = ConsortiumMajority;
	type UnpauseOrigin = ConsortiumMajority;
	type WhitelistedCalls = Unpausable;
	type MaxNameLen = MaxCallNameLen;
	type WeightInfo = crate::weights::pallet_tx_pause::WeightInfo<Runtime>;
}

/// The runtime's base call filter: a call runs only if no origin impersonates an account
/// through it ([`NoImpersonation`]) and the consortium has not paused it (`TxPause`).
pub type BaseCallFilter = InsideBoth<NoImpersonation, TxPause>;

/// No origin may act as a signed account whose key it does not hold, nor rewrite the state that
/// says who holds what. The consortium (Root, through `Consortium::as_root`) can do much, but
/// it must never sign as a patient: `Utility::dispatch_as` (and `dispatch_as_fallible`) with a
/// signed origin would let it grant itself consent, erase records or take a patient id over by
/// proposing and accepting a key rotation, and `System::set_storage`, `kill_storage` and
/// `kill_prefix` would let it rewrite a patient's key or wipe consents directly.
///
/// All are refused wherever they appear, however deeply nested in `Council` motions,
/// `Consortium::as_root` and `Utility`'s wrappers. Root bypasses the base filter, so a call Root
/// makes is judged here with the outer call: when a member proposes it (a signed account), and
/// again when the passed motion dispatches it (the Council's origin).
///
/// What stays with Root is the runtime's code (`System::authorize_upgrade` and `set_code`): an
/// upgrade can change any rule, which is why it needs two thirds of the consortium.
pub struct NoImpersonation;

impl Contains<RuntimeCall> for NoImpersonation {
	fn contains(call: &RuntimeCall) -> bool {
		!takes_over_accounts(call)
	}
}

/// Whether `call`, or a call it wraps, dispatches as a signed account on a higher authority or
/// writes storage raw.
fn takes_over_accounts(call: &RuntimeCall) -> bool {
	use frame_system::Call as System;
	use pallet_collective::Call as Council;
	use pallet_consortium::Call as Consortium;
	use pallet_utility::Call as Utility;
	match call {
		RuntimeCall::System(
			System::set_storage { .. } | System::kill_storage { .. } | System::kill_prefix { .. },
		) => true,
		RuntimeCall::Consortium(Consortium::as_root { call }) => takes_over_accounts(call),
		RuntimeCall::Council(
			Council::propose { proposal, .. } | Council::execute { proposal, .. },
		) => takes_over_accounts(proposal),
		RuntimeCall::Utility(
			Utility::dispatch_as { as_origin, call }
			| Utility::dispatch_as_fallible { as_origin, call },
		) => {
			matches!(**as_origin, OriginCaller::system(frame_system::RawOrigin::Signed(_)))
				|| takes_over_accounts(call)
		},
		RuntimeCall::Utility(
			Utility::batch { calls }
			| Utility::batch_all { calls }
			| Utility::force_batch { calls },
		) => calls.iter().any(takes_over_accounts),
		RuntimeCall::Utility(
			Utility::as_derivative { call, .. } | Utility::with_weight { call, .. },
		) => takes_over_accounts(call),
		RuntimeCall::Utility(Utility::if_else { main, fallback }) => {
			takes_over_accounts(main) || takes_over_accounts(fallback)
		},
		_ => false,
	}
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = crate::weights::pallet_utility::WeightInfo<Runtime>;
}
