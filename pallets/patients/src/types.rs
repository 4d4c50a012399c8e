//! The pallet's stored types.

use carechain_primitives::Moment;
use codec::{Decode, Encode, MaxEncodedLen};
use frame::prelude::*;
use scale_info::TypeInfo;

/// Someone a patient lets act for them: a guardian, a caregiver, a relative.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Delegate<AccountId, Balance> {
	/// The delegate's account.
	pub account: AccountId,
	/// When the delegation ends (Timestamp milliseconds, exclusive); `None` until removed.
	pub expires_at: Option<Moment>,
	/// When this delegation began. What the delegate did under an earlier delegation of the
	/// same account (a consent it granted) does not come back to life with this one.
	pub added_at: Moment,
	/// Held from the patient's account for this entry.
	pub deposit: Balance,
}

/// A registered patient. There is no personal data here: the commitment is a salted hash whose
/// salt lives off chain with the data it commits to.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxDelegates))]
pub struct Patient<AccountId, Balance, MaxDelegates: Get<u32>>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// The patient's current key. Rotation changes it; the patient id stays.
	pub account: AccountId,
	/// Salted hash of the patient's demographics (see the crate docs for the recipe).
	pub commitment: H256,
	/// When the patient registered.
	pub registered_at: Moment,
	/// When `account` became the patient's key: at registration, or at the last rotation.
	pub key_since: Moment,
	/// Held for this entry, from the sponsor if there is one, otherwise from `account`.
	pub deposit: Balance,
	/// The provider organisation that registered the patient at the clinic
	/// ([`register_for`](crate::Pallet::register_for)), which holds every deposit of the patient
	/// (registration and delegates) so that the patient's own account needs no balance; `None`
	/// for a patient who registered themselves and holds their own deposits.
	pub sponsor: Option<AccountId>,
	/// The patient's delegates, at most `MaxDelegates`.
	pub delegates: BoundedVec<Delegate<AccountId, Balance>, MaxDelegates>,
}

impl<AccountId, Balance, MaxDelegates: Get<u32>> Patient<AccountId, Balance, MaxDelegates>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// A patient registered `at` with key `account`, holding `deposit` (from `sponsor`, if
	/// any), with no delegates.
	pub fn registered(
		account: AccountId,
		commitment: H256,
		at: Moment,
		deposit: Balance,
		sponsor: Option<AccountId>,
	) -> Self {
		Self {
			account,
			commitment,
			registered_at: at,
			key_since: at,
			deposit,
			sponsor,
			delegates: BoundedVec::new(),
		}
	}
}

impl<AccountId, Balance, MaxDelegates: Get<u32>> Patient<AccountId, Balance, MaxDelegates>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// Who holds the patient's deposits: the sponsor, or else the patient's key.
	pub fn payer(&self) -> &AccountId {
		self.sponsor.as_ref().unwrap_or(&self.account)
	}
}

/// A proposed move of a patient id to a new key, waiting for the new key to accept.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Rotation<AccountId> {
	/// The key that may accept.
	pub new_account: AccountId,
	/// After this moment the proposal can no longer be accepted.
	pub expires_at: Moment,
}
