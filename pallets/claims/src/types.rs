//! The pallet's stored types.

use carechain_primitives::{
	Amount, CategoryTag, ClaimId, ClaimStatus, CoverageId, Day, Moment, Money, Outcome, PatientId,
	RecordId,
};
use codec::{Decode, Encode, MaxEncodedLen};
use frame::prelude::*;
use scale_info::TypeInfo;

/// A patient's coverage with one payer.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Coverage<AccountId, Balance> {
	/// Whose coverage.
	pub patient_id: PatientId,
	/// The insurer that holds it, registered it, and pays its claims; holds its deposit.
	pub payer: AccountId,
	/// Hash of the plan reference (the FHIR `Coverage` resource, kept off chain).
	pub plan_hash: H256,
	/// The first day covered.
	pub valid_from: Day,
	/// The last day covered (moved earlier when the payer ends the coverage).
	pub valid_until: Day,
	/// The patient's tag under which it consented to the payer for `Payment`: once that
	/// consent is withdrawn, the patient may remove the coverage.
	pub billing_tag: CategoryTag,
	/// How many stored claims name this coverage: it cannot be removed while any does.
	pub claims: u32,
	/// Held from `payer`.
	pub deposit: Balance,
}

impl<AccountId, Balance> Coverage<AccountId, Balance> {
	/// Whether `day` falls within the coverage.
	pub fn covers(&self, day: Day) -> bool {
		self.valid_from <= day && day <= self.valid_until
	}
}

/// What the latest decision on a claim left standing, kept while the status moves on to `Paid`
/// or `Appealed`: it caps what may be paid and opens the appeal window.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Decision {
	/// What the payer decided.
	pub outcome: Outcome,
	/// What the payer owes: the allowed amount less the patient's share.
	pub payable: Amount,
	/// When it decided.
	pub at: Moment,
}

/// An insurance claim. The claim itself (the FHIR `Claim` bundle) is off chain, hashed as
/// `claim_hash`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Claim<AccountId, Balance> {
	/// Whose care it bills.
	pub patient_id: PatientId,
	/// Who submitted it; holds its deposit, and may void, replace or appeal it.
	pub provider: AccountId,
	/// Who it bills: the holder of `coverage_id`, the only one who may adjudicate and pay it.
	pub payer: AccountId,
	/// The coverage it is submitted against.
	pub coverage_id: CoverageId,
	/// The encounter record (in `Records`) the care was documented in.
	pub encounter_id: RecordId,
	/// Hash of the claim bundle.
	pub claim_hash: H256,
	/// What the provider bills.
	pub billed: Money,
	/// The day the care was given.
	pub service_date: Day,
	/// The provider's duplicate key (crate docs: the recipe).
	pub duplicate_key: H256,
	/// The patient's tag under which it consented to the payer for `Payment`, checked again
	/// when the claim is replaced.
	pub billing_tag: CategoryTag,
	/// When it was submitted.
	pub submitted_at: Moment,
	/// The claim this one replaced, if it is a replacement.
	pub replaces: Option<ClaimId>,
	/// Where it stands.
	pub status: ClaimStatus,
	/// The latest decision, once adjudicated.
	pub decision: Option<Decision>,
	/// How many times it was appealed.
	pub appeals: u32,
	/// The total of the payments the payer recorded.
	pub paid: Amount,
	/// Held from `provider`.
	pub deposit: Balance,
}

impl<AccountId, Balance> Claim<AccountId, Balance> {
	/// Whether nothing more is owed on it (by the payer, the latest decision's `payable`) nor
	/// due from anyone: voided, replaced, or decided and paid in full with no appeal left to
	/// make as of `now` (approved, appeals used up, or the window of `appeal_window` closed).
	pub fn is_settled(&self, now: Moment, appeal_window: Moment, max_appeals: u32) -> bool {
		match (&self.status, self.decision) {
			(ClaimStatus::Voided | ClaimStatus::Replaced { .. }, _) => true,
			(ClaimStatus::Adjudicated { .. } | ClaimStatus::Paid { .. }, Some(decision)) => {
				self.paid >= decision.payable
					&& (decision.outcome == Outcome::Approved
						|| self.appeals >= max_appeals
						|| now > decision.at.saturating_add(appeal_window))
			},
			_ => false,
		}
	}
}
