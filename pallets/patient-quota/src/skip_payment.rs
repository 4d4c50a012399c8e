//! [`SkipFeelessPayment`]: the standard fee skip, giving back the weight of the payment it
//! skipped.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame::{
	deps::{
		frame_support::dispatch::CheckIfFeeless,
		sp_runtime::{
			traits::{
				DispatchInfoOf, Implication, PostDispatchInfoOf, TransactionExtension,
				TransactionExtensionMetadata, ValidateResult,
			},
			transaction_validity::{TransactionSource, TransactionValidityError},
		},
	},
	prelude::*,
};
use pallet_skip_feeless_payment::{Intermediate, SkipCheckIfFeeless};
use scale_info::{StaticTypeInfo, TypeInfo};

/// `pallet_skip_feeless_payment::SkipCheckIfFeeless` around the payment extension `S`, which
/// also refunds the weight of the payment when it skipped it.
///
/// Before dispatch a transaction is charged the weight of every extension it carries.
/// `SkipCheckIfFeeless` charges its inner payment extension's weight (`ChargeTransactionPayment`:
/// withdrawing the fee, reading and writing the payer's account) to a fee-free call as well, and
/// keeps it, although the payment never ran. This wrapper gives it back after dispatch, so that a
/// fee-free patient call takes from its block only the weight it used; a call that paid is
/// refunded exactly what `SkipCheckIfFeeless` refunds.
///
/// From outside it is the payment extension itself, as `SkipCheckIfFeeless` is: the same
/// identifier, encoding and type information, so wallets and the metadata hash see no change.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq)]
pub struct SkipFeelessPayment<T, S>(pub SkipCheckIfFeeless<T, S>);

impl<T, S> From<S> for SkipFeelessPayment<T, S> {
	fn from(payment: S) -> Self {
		Self(SkipCheckIfFeeless::from(payment))
	}
}

// Invisible from outside, as `SkipCheckIfFeeless` is: its type information is the payment's.
impl<T, S: StaticTypeInfo> TypeInfo for SkipFeelessPayment<T, S> {
	type Identity = S;
	fn type_info() -> scale_info::Type {
		S::type_info()
	}
}

impl<T, S: Encode> core::fmt::Debug for SkipFeelessPayment<T, S> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "SkipFeelessPayment({:?})", self.0 .0.encode())
	}
}

impl<T, S> TransactionExtension<T::RuntimeCall> for SkipFeelessPayment<T, S>
where
	T: pallet_skip_feeless_payment::Config + Send + Sync,
	S: TransactionExtension<T::RuntimeCall>,
	T::RuntimeCall: CheckIfFeeless<Origin = frame_system::pallet_prelude::OriginFor<T>>,
{
	const IDENTIFIER: &'static str = S::IDENTIFIER;
	type Implicit = S::Implicit;
	/// What `SkipCheckIfFeeless` decided, and the payment's weight for this call.
	type Val = (<SkipCheckIfFeeless<T, S> as TransactionExtension<T::RuntimeCall>>::Val, Weight);
	type Pre = (<SkipCheckIfFeeless<T, S> as TransactionExtension<T::RuntimeCall>>::Pre, Weight);

	fn metadata() -> Vec<TransactionExtensionMetadata> {
		S::metadata()
	}

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		self.0.weight(call)
	}

	fn validate(
		&self,
		origin: frame_system::pallet_prelude::OriginFor<T>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let payment = self.0 .0.weight(call);
		let (valid, val, origin) = self.0.validate(
			origin,
			call,
			info,
			len,
			self_implicit,
			inherited_implication,
			source,
		)?;
		Ok((valid, (val, payment), origin))
	}

	fn prepare(
		self,
		(val, payment): Self::Val,
		origin: &frame_system::pallet_prelude::OriginFor<T>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		Ok((self.0.prepare(val, origin, call, info, len)?, payment))
	}

	fn post_dispatch_details(
		(pre, payment): Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		let skipped = matches!(pre, Intermediate::Skip(_));
		let unspent = <SkipCheckIfFeeless<T, S> as TransactionExtension<T::RuntimeCall>>::post_dispatch_details(
			pre, info, post_info, len, result,
		)?;
		Ok(if skipped { unspent.saturating_add(payment) } else { unspent })
	}
}
