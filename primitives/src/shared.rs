//! The helpers every Carechain pallet uses for the things they all do: hold and return
//! deposits, hand out ids, check a list for duplicates, and refund the lookups a call did not
//! make. One way to do each, so that a rule about deposits or ids is written and tested once.

use alloc::collections::btree_map::BTreeMap;
use codec::FullCodec;
use frame_support::{
	storage::StorageValue,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::{Balance, Precision},
		Get,
	},
	weights::{RuntimeDbWeight, Weight},
};
use sp_runtime::{
	traits::{CheckedAdd, One, Zero},
	DispatchError,
};

/// Holds `amount` from `who` for `reason`; a zero amount holds nothing. An error means `who`
/// cannot pay it (each pallet answers with its own `InsufficientDeposit`).
pub fn hold_deposit<AccountId, Currency: MutateHold<AccountId>>(
	reason: &Currency::Reason,
	who: &AccountId,
	amount: Currency::Balance,
) -> Result<(), DispatchError> {
	if amount.is_zero() {
		return Ok(());
	}
	Currency::hold(reason, who, amount)
}

/// Returns a deposit held for exactly one entry, as its record says. Best effort: what is
/// returned was held by the same pallet for that entry, so nothing is lost; a shortfall would
/// be an invariant breach, which each pallet's `try_state` reports through [`HeldDeposits`].
pub fn return_deposit<AccountId, Currency: MutateHold<AccountId>>(
	reason: &Currency::Reason,
	who: &AccountId,
	amount: Currency::Balance,
) {
	if !amount.is_zero() {
		let _ = Currency::release(reason, who, amount, Precision::BestEffort);
	}
}

/// The deposits a pallet's records say each account holds, summed for `try_state`, which then
/// compares them with what the currency holds.
pub struct HeldDeposits<AccountId, Amount>(BTreeMap<AccountId, Amount>);

impl<AccountId: Ord, Amount: Balance> Default for HeldDeposits<AccountId, Amount> {
	fn default() -> Self {
		Self(BTreeMap::new())
	}
}

impl<AccountId: Ord, Amount: Balance> HeldDeposits<AccountId, Amount> {
	/// Counts `amount`, recorded as held from `who`.
	pub fn add(&mut self, who: AccountId, amount: Amount) {
		let total = self.0.entry(who).or_insert_with(Amount::zero);
		*total = total.saturating_add(amount);
	}

	/// Whether every account counted holds exactly what was counted for `reason`; `error`
	/// otherwise.
	pub fn check<Currency>(
		self,
		reason: &Currency::Reason,
		error: &'static str,
	) -> Result<(), &'static str>
	where
		Currency: InspectHold<AccountId, Balance = Amount>,
	{
		for (who, total) in self.0 {
			if Currency::balance_on_hold(reason, &who) != total {
				return Err(error);
			}
		}
		Ok(())
	}
}

/// Takes the next id from the counter `Counter` (a `ValueQuery` storage value holding the id
/// the next entry gets) and advances it; `None`, with the counter unchanged, once ids are
/// exhausted (each pallet answers with its own `IdOverflow`).
pub fn next_id<Counter, Id>() -> Option<Id>
where
	Counter: StorageValue<Id, Query = Id>,
	Id: FullCodec + CheckedAdd + Copy + One,
{
	next_ids::<Counter, Id>(Id::one())
}

/// Takes `count` consecutive ids from `Counter` and returns the first, as [`next_id`].
pub fn next_ids<Counter, Id>(count: Id) -> Option<Id>
where
	Counter: StorageValue<Id, Query = Id>,
	Id: FullCodec + CheckedAdd + Copy,
{
	Counter::try_mutate(|next| {
		let first = *next;
		*next = first.checked_add(&count).ok_or(())?;
		Ok::<Id, ()>(first)
	})
	.ok()
}

/// What is wrong with a list that must name at least one item and none twice.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ListError {
	/// The list is empty.
	Empty,
	/// An item is named twice.
	Duplicate,
}

/// Whether `items` names at least one item and none twice (consent categories, issuer kinds).
pub fn ensure_distinct<Item: Ord>(items: &[Item]) -> Result<(), ListError> {
	if items.is_empty() {
		return Err(ListError::Empty);
	}
	let mut sorted: alloc::vec::Vec<&Item> = items.iter().collect();
	sorted.sort_unstable();
	if sorted.windows(2).any(|pair| matches!(pair, [a, b] if a == b)) {
		return Err(ListError::Duplicate);
	}
	Ok(())
}

/// What a call was charged for lookups it did not make: charged for `cost(listed)`, it made
/// `made`; refunds `cost(listed) - cost(made)` from `charged`. `cost` is what the call's weight
/// is for that many lookups: a benchmark's component, or database reads.
pub fn refund_lookups(charged: Weight, cost: impl Fn(u32) -> Weight, lookups: Lookups) -> Weight {
	charged.saturating_sub(cost(lookups.listed).saturating_sub(cost(lookups.made)))
}

/// [`refund_lookups`] where each lookup is one database read at `DbWeight` (a credential kind
/// read in turn until one is held).
pub fn refund_lookup_reads<DbWeight: Get<RuntimeDbWeight>>(
	charged: Weight,
	lookups: Lookups,
) -> Weight {
	refund_lookups(charged, |n| DbWeight::get().reads(n.into()), lookups)
}

/// How many of a list of lookups (credential kinds, in order until one is held) a check made.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Lookups {
	/// How many there were to make: what the call was charged for.
	pub listed: u32,
	/// How many were made.
	pub made: u32,
}

impl Lookups {
	/// All `listed` lookups were made: nothing to refund.
	pub fn all(listed: u32) -> Self {
		Self { listed, made: listed }
	}

	/// None of `listed` was made: all is refunded.
	pub fn none(listed: u32) -> Self {
		Self { listed, made: 0 }
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn distinct_lists_need_one_item_and_no_repeat() {
		assert_eq!(ensure_distinct::<u8>(&[]), Err(ListError::Empty));
		assert_eq!(ensure_distinct(&[3, 1, 3]), Err(ListError::Duplicate));
		assert_eq!(ensure_distinct(&[3, 1, 2]), Ok(()));
		assert_eq!(ensure_distinct(&[7]), Ok(()));
	}

	#[test]
	fn refunds_are_the_cost_of_the_lookups_not_made() {
		let cost = |n: u32| Weight::from_parts(10 * u64::from(n), 0);
		let charged = Weight::from_parts(100, 0);
		let refunded = |made| refund_lookups(charged, cost, Lookups { listed: 5, made });
		assert_eq!(refunded(5), charged);
		assert_eq!(refunded(2), Weight::from_parts(70, 0));
		assert_eq!(refunded(0), Weight::from_parts(50, 0));
	}
}

/// What a call is to the fee-free patient quota (`pallet-patient-quota`), for the account that
/// signs it: each pallet with patient-side calls says so for its own calls (`fee_free_patient`),
/// and its `#[pallet::feeless_if]` closures ask the same function.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PatientCall {
	/// Not a patient-side call: fees as usual, no quota.
	Other,
	/// A patient-side call that the signer may make for this patient (its key or a live
	/// delegate): free, counted against this patient's quota.
	FeeFree(crate::PatientId),
	/// A patient-side call that the signer may not make for the patient it names: not free (it
	/// fails in dispatch, for a fee, if the signer can pay one).
	NotPermitted,
}

impl PatientCall {
	/// Whether the call is free for its signer.
	pub fn is_fee_free(&self) -> bool {
		matches!(self, Self::FeeFree(_))
	}
}
