//! Benchmark of `as_root`'s own work: the origin check, hashing the call, dispatching it and the
//! event, measured around the cheapest Root call there is (`System::remark` of nothing), whose
//! own weight the runtime adds to the result.

// Benchmark setup may panic: a benchmark whose setup fails must stop loudly.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::panic
)]

use super::*;
use alloc::vec;
use frame::benchmarking::prelude::*;

#[benchmarks(where <T as Config>::RuntimeCall: From<frame_system::Call<T>>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn as_root() -> Result<(), BenchmarkError> {
		let origin =
			T::AsRootOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let call: <T as Config>::RuntimeCall =
			frame_system::Call::<T>::remark { remark: vec![] }.into();
		let call_hash = T::Hashing::hash_of(&call);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Box::new(call));

		frame_system::Pallet::<T>::assert_last_event(
			<T as frame_system::Config>::RuntimeEvent::from(Event::DispatchedAsRoot {
				call_hash,
				result: Ok(()),
			}),
		);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
