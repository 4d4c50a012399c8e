//! # Patient quota pallet
//!
//! Patients hold no tokens: the patient-side calls (consents, delegates, key rotation, record
//! erasure, deregistration, joining and leaving a study) cost a registered patient and their live
//! delegates no fee. Free
//! calls would open the chain to spam, so each patient gets [`Config::Quota`] of them per
//! [`Config::Period`] of blocks, the patient and all their delegates together, and a call over
//! quota is refused by the transaction pool's validation: it is an invalid transaction, never
//! included in a block, never charged to anyone.
//!
//! Its place in Carechain (the other pallets, the call contract apps rely on, the rules every
//! pallet keeps) is described in the repository's `docs/ARCHITECTURE.md`.
//!
//! ## How a call goes free
//!
//! Two transaction extensions, in the runtime's `TxExtension`:
//!
//! 1. `pallet_skip_feeless_payment::SkipCheckIfFeeless` around `ChargeTransactionPayment` skips the
//!    fee of a call its pallet marks `#[pallet::feeless_if]` for the signer: each of `Patients`,
//!    `Consent`, `Records` and `Trials` says which of its calls are free for whom, in one function
//!    (`fee_free_patient`) that its `feeless_if` closures and [`PatientCalls`] share. The runtime
//!    wraps it in [`SkipFeelessPayment`] (this crate), which refunds the payment's weight when the
//!    payment was skipped: `SkipCheckIfFeeless` alone charges a free call for a fee withdrawal that
//!    never ran (61 µs of the 502 µs a free consent grant was charged).
//! 2. [`CheckPatientQuota`] (this pallet), placed before `CheckNonce`, counts the call against the
//!    patient it acts for:
//!    - in `validate` (the pool, and again when a block includes it): refused with
//!      [`QUOTA_EXHAUSTED`] if the patient has used the period's quota; with
//!      [`NOT_PATIENT_OR_DELEGATE`] if the call is a patient-side call, the signer may not make it
//!      for that patient and the account has nothing to pay a fee with (no provider reference);
//!      with [`UNMETERED`] if a call is free but names no patient to count it against (a runtime
//!      bug: no free call goes uncounted). Its longevity ends with the period, so the pool looks at
//!      it again when the quota renews;
//!    - in `prepare` (in a block): counts it, in [`Used`];
//!    - after dispatch: if the patient was deregistered by the call, removes the count.
//!
//!    It charges what it reads and writes, to the calls that may be a patient's
//!    ([`PatientCalls::may_be_patient_side`], from the call alone) and to no other: the item the
//!    call names that shows whose it is (the patient record, the consent, the record) and the
//!    count, read, and the count, written. After dispatch it refunds the write when it counted
//!    nothing, and the read of the patient when the call's own dispatch read the same item
//!    ([`PatientCalls::dispatch_reads_patient`]: `Consent::grant`, the `Trials` calls,
//!    `Records::erase`, the patient's own `Patients` calls; not a granter's revocation), so that
//!    each item is charged once to the extrinsic.
//!
//! Calls from one patient beyond the quota may wait in the pool (each was valid when it came);
//! a block includes at most the quota of them, and the rest become invalid when the block
//! builder validates them again, and leave the pool uncharged.
//!
//! ## Who pays for what
//!
//! Patients pay nothing: their calls within quota are free, and the deposits their state needs
//! are paid by the hospital that onboarded them (`Patients::register_for`) or by themselves if
//! they registered with their own funds; a study participation holds no deposit (it is bounded
//! per patient and per study instead). Providers, organisations, sponsors and governance pay fees
//! as before: they are the ones with accounts and budgets.

#![cfg_attr(not(feature = "std"), no_std)]
// No panics in chain code: errors are returned, arithmetic is checked or saturating, slices are
// read with `get`. Tests, benchmarks and mocks may panic (they are not chain code).
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects,
		clippy::panic
	)
)]

extern crate alloc;

mod extension;
mod skip_payment;

pub use carechain_primitives::PatientCall;
use carechain_primitives::PatientId;
use codec::{Decode, Encode, MaxEncodedLen};
use frame::prelude::*;
use scale_info::TypeInfo;

pub use extension::*;
pub use pallet::*;
pub use skip_payment::SkipFeelessPayment;

/// Which calls are fee-free patient calls, and for which patient: implemented by the runtime
/// from the pallets' own `fee_free_patient` functions.
pub trait PatientCalls<Call, AccountId> {
	/// What `call` is when `who` signs it.
	fn classify(call: &Call, who: &AccountId) -> PatientCall;

	/// Whether `call` may be a patient-side call for some signer, from the call alone (no
	/// storage read): what [`CheckPatientQuota`] charges its reads and write for. Every call that
	/// [`Self::classify`] finds anything but [`PatientCall::Other`] for some signer must be one
	/// (checked in debug builds at each validation); the others are charged nothing.
	fn may_be_patient_side(call: &Call) -> bool;

	/// Whether the dispatch of `call`, when it is free for its signer, reads every item
	/// [`Self::classify`] read to find so, and is charged for them: the signer's patient record
	/// or patient id. The quota's own read of it was then the block's first and the dispatch's is
	/// served from the overlay, so [`CheckPatientQuota`] refunds its read after dispatch. From the
	/// call alone (no storage read); `false` is always safe. Only a call
	/// [`Self::may_be_patient_side`] says may be a patient's may answer `true` (checked in debug
	/// builds at each validation).
	fn dispatch_reads_patient(call: &Call) -> bool;
}

/// How many fee-free calls a patient made in the period that began at `period_start`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Usage<BlockNumber> {
	/// The first block of the period counted.
	pub period_start: BlockNumber,
	/// Calls counted in it.
	pub calls: u32,
}

// FRAME's expansion of `#[pallet::pallet]`, storage and errors calls `expect` on values it
// has just built.
#[allow(clippy::expect_used)]
#[frame::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Which calls are fee-free for whom.
		type PatientCalls: PatientCalls<
			<Self as frame_system::Config>::RuntimeCall,
			Self::AccountId,
		>;

		/// The patients, to forget the count of one who deregistered.
		type Patients: carechain_primitives::PatientRegistry<Self::AccountId>;

		/// Fee-free calls per patient (with their delegates) per period.
		#[pallet::constant]
		type Quota: Get<u32>;

		/// The length of a quota period, in blocks. Periods start at multiples of it.
		#[pallet::constant]
		type Period: Get<BlockNumberFor<Self>>;
	}

	/// Each patient's fee-free calls in the last period they made one; a count from an earlier
	/// period reads as zero. Removed when the patient deregisters.
	#[pallet::storage]
	pub type Used<T: Config> =
		StorageMap<_, Twox64Concat, PatientId, Usage<BlockNumberFor<T>>, OptionQuery>;

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::Quota::get() > 0, "a patient must have some fee-free calls");
			assert!(!T::Period::get().is_zero(), "a quota period lasts at least a block");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), frame::deps::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The first block of the period `now` falls in.
	pub fn period_start(now: BlockNumberFor<T>) -> BlockNumberFor<T> {
		let period = T::Period::get();
		now.checked_rem(&period)
			.map_or(now, |into_period| now.saturating_sub(into_period))
	}

	/// How many fee-free calls `patient` has left in the current period, and the block at which
	/// the quota renews.
	pub fn remaining(patient: PatientId) -> (u32, BlockNumberFor<T>) {
		let now = frame_system::Pallet::<T>::block_number();
		let start = Self::period_start(now);
		let used = Self::used_since(patient, start);
		(T::Quota::get().saturating_sub(used), start.saturating_add(T::Period::get()))
	}

	/// Calls `patient` made since `start` (zero if its count is from an earlier period).
	fn used_since(patient: PatientId, start: BlockNumberFor<T>) -> u32 {
		Used::<T>::get(patient)
			.filter(|usage| usage.period_start == start)
			.map_or(0, |usage| usage.calls)
	}

	/// Counts one fee-free call of `patient` in the current period.
	fn count(patient: PatientId) {
		let start = Self::period_start(frame_system::Pallet::<T>::block_number());
		let calls = Self::used_since(patient, start).saturating_add(1);
		Used::<T>::insert(patient, Usage { period_start: start, calls });
	}

	/// The rules this pallet promises: no patient's count exceeds the quota in the current
	/// period. Checked after every unit test and by the runtime fuzzer.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), frame::deps::sp_runtime::TryRuntimeError> {
		let start = Self::period_start(frame_system::Pallet::<T>::block_number());
		for (_, usage) in Used::<T>::iter() {
			ensure!(
				usage.period_start != start || usage.calls <= T::Quota::get(),
				"a patient made more fee-free calls than the quota"
			);
		}
		Ok(())
	}
}
