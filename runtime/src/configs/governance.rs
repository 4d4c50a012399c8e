//! Governance and batching. Sudo stands in for the consortium's governance until it has its
//! own; Utility lets an EHR system anchor many records in one transaction.

use frame_support::traits::Contains;

use crate::{OriginCaller, Runtime, RuntimeCall, RuntimeEvent};

/// The runtime's base call filter: no origin may act as a signed account whose key it does not
/// hold, nor rewrite the state that says who holds what. Governance (Root, today Sudo's key) can
/// do much, but it must never sign as a patient: `Sudo::sudo_as` and `Utility::dispatch_as` (and
/// `dispatch_as_fallible`) with a signed origin would let it grant itself consent, erase records
/// or take a patient id over by proposing and accepting a key rotation, and `System::set_storage`,
/// `kill_storage` and `kill_prefix` would let it rewrite a patient's key or wipe consents
/// directly. All are refused wherever they appear, however deeply nested in Sudo's and Utility's
/// wrappers, when a signed account submits them: Root bypasses the base filter, so a call Root
/// makes is judged here, with the outer call that a signed account submitted.
///
/// What stays with Root is `System::set_code`: a runtime upgrade can change any rule, which is
/// why it is code that the consortium reviews (and, once governance is by vote, votes on).
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
	use pallet_sudo::Call as Sudo;
	use pallet_utility::Call as Utility;
	match call {
		RuntimeCall::Sudo(Sudo::sudo_as { .. }) => true,
		RuntimeCall::System(
			System::set_storage { .. } | System::kill_storage { .. } | System::kill_prefix { .. },
		) => true,
		RuntimeCall::Sudo(Sudo::sudo { call } | Sudo::sudo_unchecked_weight { call, .. }) => {
			takes_over_accounts(call)
		},
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

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = crate::weights::pallet_sudo::WeightInfo<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = crate::weights::pallet_utility::WeightInfo<Runtime>;
}
