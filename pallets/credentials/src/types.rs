//! The pallet's stored types.

use carechain_primitives::{CredentialKind, Moment};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame::prelude::*;
use scale_info::TypeInfo;

/// A kind of credential an issuer may issue, and since which epoch: credentials of the kind
/// are in force only if they were issued under that epoch.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct IssuableKind {
	/// The kind.
	pub kind: CredentialKind,
	/// The epoch handed out when the issuer was registered with this kind, or when the kind was
	/// (re-)added to it. Dropping a kind and adding it again gives it a new epoch, so the
	/// credentials voided by the drop stay void.
	pub epoch: u32,
}

/// A registered issuer: a licensing board, accreditation body or regulator.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxKinds))]
pub struct Issuer<MaxKinds: Get<u32>> {
	/// The kinds of credential it may issue, each with the epoch it was granted under; never
	/// empty, no kind twice. Credentials remember the epoch of their kind when they were
	/// issued, so removing an issuer, or dropping a kind from it, voids them for good, even if
	/// the same account is registered again, or the kind given back, later.
	pub kinds: BoundedVec<IssuableKind, MaxKinds>,
	/// Hash of the issuer's public description (name, jurisdiction, contact), kept off chain.
	pub metadata_hash: H256,
}

impl<MaxKinds: Get<u32>> Issuer<MaxKinds> {
	/// The epoch under which the issuer may issue `kind` now, if it may.
	pub fn epoch_of(&self, kind: CredentialKind) -> Option<u32> {
		self.kinds
			.iter()
			.find(|issuable| issuable.kind == kind)
			.map(|issuable| issuable.epoch)
	}

	/// The kinds it may issue, in the order governance listed them.
	pub fn kinds(&self) -> impl Iterator<Item = CredentialKind> + '_ {
		self.kinds.iter().map(|issuable| issuable.kind)
	}
}

/// Where a credential stands, as its issuer last set it. Expiry and the issuer's own
/// registration are not stored here: they are checked whenever validity is asked.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum CredentialState {
	/// In force (unless expired or its issuer was removed).
	Active,
	/// Temporarily out of force; the issuer may reinstate it.
	Suspended,
	/// Out of force for good.
	Revoked,
}

/// One credential of one account for one kind.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Credential<AccountId, Balance> {
	/// The issuer that issued it, and the only one (besides Root, for revocation) who may
	/// change it.
	pub issuer: AccountId,
	/// The epoch of the issuer's registration when it issued the credential.
	pub issuer_epoch: u32,
	/// Hash of the license document, kept off chain by the issuer.
	pub license_hash: H256,
	/// When it was issued (Timestamp milliseconds).
	pub issued_at: Moment,
	/// When it stops being valid (Timestamp milliseconds, exclusive).
	pub valid_until: Moment,
	/// Active, suspended or revoked.
	pub state: CredentialState,
	/// What the issuer holds in deposit for this storage item; returned when it is cleared.
	pub deposit: Balance,
}

impl<AccountId, Balance> Credential<AccountId, Balance> {
	/// An active credential issued `at` by `issuer` under its registration `epoch`, holding
	/// `deposit` from the issuer.
	pub fn issued(
		issuer: AccountId,
		epoch: u32,
		license_hash: H256,
		at: Moment,
		valid_until: Moment,
		deposit: Balance,
	) -> Self {
		Self {
			issuer,
			issuer_epoch: epoch,
			license_hash,
			issued_at: at,
			valid_until,
			state: CredentialState::Active,
			deposit,
		}
	}
}
