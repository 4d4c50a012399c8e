//! `as_root`: the supermajority acts as Root, no one else does, and the inner call's result and
//! weight are accounted for.

use crate::{mock::*, Event, WeightInfo};
use frame::{
	deps::frame_support::dispatch::{GetDispatchInfo, Pays, PostDispatchInfo},
	prelude::*,
	testing_prelude::*,
	traits::Hash,
};

/// A Root-only call with a visible effect.
fn set_heap_pages(pages: u64) -> Box<RuntimeCall> {
	Box::new(RuntimeCall::System(frame_system::Call::set_heap_pages { pages }))
}

fn heap_pages() -> Option<Vec<u8>> {
	frame::deps::sp_io::storage::get(frame::deps::sp_core::storage::well_known_keys::HEAP_PAGES)
		.map(|bytes| bytes.to_vec())
}

#[test]
fn the_supermajority_dispatches_a_root_only_call() {
	new_test_ext(|| {
		let call = set_heap_pages(64);
		let call_hash = <Test as frame_system::Config>::Hashing::hash_of(&call);
		assert_ok!(Consortium::as_root(RuntimeOrigin::signed(CONSORTIUM), call));
		assert_eq!(heap_pages(), Some(64u64.encode()));
		System::assert_last_event(Event::DispatchedAsRoot { call_hash, result: Ok(()) }.into());
	});
}

#[test]
fn a_failing_inner_call_is_evented_and_changes_nothing() {
	new_test_ext(|| {
		// `remark_with_event` needs a signed origin: as Root it fails with `BadOrigin`.
		let call = Box::new(RuntimeCall::System(frame_system::Call::remark_with_event {
			remark: vec![1, 2, 3],
		}));
		let call_hash = <Test as frame_system::Config>::Hashing::hash_of(&call);
		assert_ok!(Consortium::as_root(RuntimeOrigin::signed(CONSORTIUM), call));
		System::assert_last_event(
			Event::DispatchedAsRoot { call_hash, result: Err(DispatchError::BadOrigin) }.into(),
		);
		assert_eq!(System::events().len(), 1, "only the consortium's event");
	});
}

#[test]
fn no_other_origin_acts_as_root() {
	new_test_ext(|| {
		for origin in [RuntimeOrigin::signed(MEMBER), RuntimeOrigin::none(), RuntimeOrigin::root()]
		{
			assert_noop!(Consortium::as_root(origin, set_heap_pages(64)), DispatchError::BadOrigin);
		}
		assert_eq!(heap_pages(), None);
		assert!(System::events().is_empty());
	});
}

#[test]
fn the_weight_is_the_pallets_own_plus_the_calls() {
	new_test_ext(|| {
		let inner = set_heap_pages(64);
		let inner_weight = inner.get_dispatch_info().call_weight;
		let outer = RuntimeCall::Consortium(crate::Call::as_root { call: inner });
		let info = outer.get_dispatch_info();
		assert_eq!(info.call_weight, <() as WeightInfo>::as_root() + inner_weight);
		assert_eq!(info.class, DispatchClass::Operational, "set_heap_pages' class carries over");

		let post = outer.dispatch(RuntimeOrigin::signed(CONSORTIUM)).unwrap();
		assert_eq!(
			post,
			PostDispatchInfo {
				actual_weight: Some(<() as WeightInfo>::as_root() + inner_weight),
				pays_fee: Pays::Yes,
			}
		);
	});
}
