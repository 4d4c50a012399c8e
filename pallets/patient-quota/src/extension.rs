//! [`CheckPatientQuota`]: the transaction extension that counts fee-free patient calls.

use crate::{Config, Pallet, PatientCall, PatientCalls, Used};
use carechain_primitives::{PatientId, PatientRegistry};
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame::{
	deps::{
		frame_support::dispatch::{CheckIfFeeless, DispatchInfo, PostDispatchInfo},
		sp_runtime::{
			traits::{
				AsSystemOriginSigner, DispatchInfoOf, Dispatchable, Implication,
				PostDispatchInfoOf, TransactionExtension, ValidateResult,
			},
			transaction_validity::{
				InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
			},
		},
	},
	prelude::*,
};
use scale_info::TypeInfo;

/// `InvalidTransaction::Custom` code: the patient has used the period's fee-free calls.
pub const QUOTA_EXHAUSTED: u8 = 1;
/// `InvalidTransaction::Custom` code: a patient-side call from an account that is neither the
/// patient's key nor a live delegate, and that has nothing to pay a fee with.
pub const NOT_PATIENT_OR_DELEGATE: u8 = 2;
/// `InvalidTransaction::Custom` code: a fee-free call that names no patient to count it against.
pub const UNMETERED: u8 = 3;

/// Counts a fee-free patient call against the patient's quota, and refuses it at validation
/// when the quota is used up (see the crate docs). It carries no data in the transaction.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckPatientQuota<T>(core::marker::PhantomData<T>);

impl<T> CheckPatientQuota<T> {
	/// The extension, as a transaction carries it.
	pub fn new() -> Self {
		Self(core::marker::PhantomData)
	}
}

impl<T> Default for CheckPatientQuota<T> {
	fn default() -> Self {
		Self::new()
	}
}

impl<T> core::fmt::Debug for CheckPatientQuota<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckPatientQuota")
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckPatientQuota<T>
where
	T::RuntimeCall: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>
		+ CheckIfFeeless<Origin = frame_system::pallet_prelude::OriginFor<T>>,
	frame_system::pallet_prelude::OriginFor<T>: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = "CheckPatientQuota";
	type Implicit = ();
	/// The patient a fee-free call counts against.
	type Val = Option<PatientId>;
	/// The patient counted, and the weight to refund after dispatch.
	type Pre = (Option<PatientId>, Weight);

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		// For a call that may be a patient's: the patient, consent or record it names and the
		// count are read, and the count written. Other calls are classified without a read.
		if T::PatientCalls::may_be_patient_side(call) {
			T::DbWeight::get().reads_writes(2, 1)
		} else {
			Weight::zero()
		}
	}

	fn validate(
		&self,
		origin: frame_system::pallet_prelude::OriginFor<T>,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: (),
		_inherited_implication: &impl Implication,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let Some(who) = origin.as_system_origin_signer() else {
			return Ok((ValidTransaction::default(), None, origin));
		};
		let feeless = call.is_feeless(&origin);
		let class = T::PatientCalls::classify(call, who);
		debug_assert!(
			class == PatientCall::Other || T::PatientCalls::may_be_patient_side(call),
			"a patient-side call must be charged the quota's reads"
		);
		debug_assert!(
			!T::PatientCalls::dispatch_reads_patient(call)
				|| T::PatientCalls::may_be_patient_side(call),
			"only a call charged the quota's reads may be refunded one"
		);
		match (class, feeless) {
			(PatientCall::FeeFree(patient), true) => {
				let (remaining, renews_at) = Pallet::<T>::remaining(patient);
				if remaining == 0 {
					return Err(InvalidTransaction::Custom(QUOTA_EXHAUSTED).into());
				}
				// Valid until the period ends: then the pool validates it again.
				let now = frame_system::Pallet::<T>::block_number();
				let ends = renews_at.saturating_sub(now);
				let longevity = TryInto::<u64>::try_into(ends).unwrap_or(u64::MAX).max(1);
				Ok((ValidTransaction { longevity, ..Default::default() }, Some(patient), origin))
			},
			(PatientCall::NotPermitted, _)
				if frame_system::Pallet::<T>::providers(who) == 0
					&& frame_system::Pallet::<T>::sufficients(who) == 0 =>
			{
				Err(InvalidTransaction::Custom(NOT_PATIENT_OR_DELEGATE).into())
			},
			(PatientCall::Other | PatientCall::NotPermitted, true) => {
				Err(InvalidTransaction::Custom(UNMETERED).into())
			},
			_ => Ok((ValidTransaction::default(), None, origin)),
		}
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &frame_system::pallet_prelude::OriginFor<T>,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		if !T::PatientCalls::may_be_patient_side(call) {
			return Ok((None, Weight::zero()));
		}
		let refund = match val {
			Some(patient) => {
				Pallet::<T>::count(patient);
				// The dispatch reads the patient again, and is charged for it: one read is enough.
				if T::PatientCalls::dispatch_reads_patient(call) {
					T::DbWeight::get().reads(1)
				} else {
					Weight::zero()
				}
			},
			// Counted nothing: the count was neither read nor written.
			None => T::DbWeight::get().reads_writes(1, 1),
		};
		Ok((val, refund))
	}

	fn post_dispatch_details(
		(pre, refund): Self::Pre,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		// A patient who deregistered leaves no count behind.
		if let Some(patient) = pre {
			if !T::Patients::is_active(patient) {
				Used::<T>::remove(patient);
			}
		}
		Ok(refund)
	}
}
