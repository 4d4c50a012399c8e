//! The pallet's stored types.

use carechain_primitives::{
	Access, CategoryTag, ConsentId, CredentialKind, EmergencyReason, Moment, PatientId, Purpose,
};
use codec::{Decode, Encode, MaxEncodedLen};
use frame::prelude::*;
use scale_info::TypeInfo;

/// One consent: the patient lets `grantee` have `access` to records of `categories` for
/// `purpose`, until `expires_at` (or until revoked).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxCategories))]
pub struct Consent<AccountId, Balance, MaxCategories: Get<u32>>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// Whose records.
	pub patient_id: PatientId,
	/// Who may access them.
	pub grantee: AccountId,
	/// What for.
	pub purpose: Purpose,
	/// Which categories; at least one, none twice.
	pub categories: BoundedVec<CategoryTag, MaxCategories>,
	/// Read, write, or both.
	pub access: Access,
	/// When it lapses (Timestamp milliseconds, exclusive); `None` until revoked.
	pub expires_at: Option<Moment>,
	/// The credential the grantee held when the consent was given, if the grantee is a
	/// provider: access then also requires that credential to be valid at the time of access.
	pub provider_kind: Option<CredentialKind>,
	/// Who granted it (the patient or a delegate); holds its deposit.
	pub granted_by: AccountId,
	/// When it was granted.
	pub granted_at: Moment,
	/// Held from `granted_by`.
	pub deposit: Balance,
}

/// What the access decision needs of one consent, kept with its id in `ConsentsOf`: a decision
/// then reads one entry for a (patient, grantee) pair instead of one more per consent. A copy of
/// fields of the stored [`Consent`], which never change after the grant (`try_state` checks
/// that they agree).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxCategories))]
pub struct ConsentTerms<AccountId, MaxCategories: Get<u32>>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// The consent these are the terms of.
	pub consent_id: ConsentId,
	/// As [`Consent::purpose`].
	pub purpose: Purpose,
	/// As [`Consent::categories`].
	pub categories: BoundedVec<CategoryTag, MaxCategories>,
	/// As [`Consent::access`].
	pub access: Access,
	/// As [`Consent::expires_at`].
	pub expires_at: Option<Moment>,
	/// As [`Consent::provider_kind`].
	pub provider_kind: Option<CredentialKind>,
	/// As [`Consent::granted_by`]: the consent lives only as long as the authority this account
	/// granted it under (the patient's key, or a delegation), which began at or before
	/// `granted_at`.
	pub granted_by: AccountId,
	/// As [`Consent::granted_at`].
	pub granted_at: Moment,
}

impl<AccountId, MaxCategories: Get<u32>> ConsentTerms<AccountId, MaxCategories>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// The terms of consent `consent_id`.
	pub fn of<Balance>(
		consent_id: ConsentId,
		consent: &Consent<AccountId, Balance, MaxCategories>,
	) -> Self
	where
		Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	{
		Self {
			consent_id,
			purpose: consent.purpose,
			categories: consent.categories.clone(),
			access: consent.access,
			expires_at: consent.expires_at,
			provider_kind: consent.provider_kind,
			granted_by: consent.granted_by.clone(),
			granted_at: consent.granted_at,
		}
	}
}

/// One break-glass emergency access: a credentialed clinician reaching a patient's records
/// without consent, for a fixed time, always on the record.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct EmergencyAccess<AccountId, Balance> {
	/// Whose records.
	pub patient_id: PatientId,
	/// Who broke the glass.
	pub clinician: AccountId,
	/// Why.
	pub reason: EmergencyReason,
	/// Hash of the clinician's off-chain justification note.
	pub note_hash: H256,
	/// When it was opened.
	pub opened_at: Moment,
	/// When it closes by itself (exclusive).
	pub expires_at: Moment,
	/// Held from the clinician until the access is ended.
	pub deposit: Balance,
}
