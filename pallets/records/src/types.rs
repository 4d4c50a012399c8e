//! The pallet's stored types, and who may write them.

use carechain_primitives::{CategoryTag, Lookups, Moment, PatientId, RecordId};
use codec::{Decode, Encode, MaxEncodedLen};
use frame::prelude::*;
use scale_info::TypeInfo;

/// One version of an anchored record.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Record<AccountId, Balance> {
	/// Whose record.
	pub patient_id: PatientId,
	/// Its category, the unit of consent.
	pub category: CategoryTag,
	/// Salted hash of the content (crate docs: the recipe).
	pub content_hash: H256,
	/// Hash reference to where the encrypted record lives.
	pub storage_ref: H256,
	/// Who anchored this version; holds its deposit.
	pub author: AccountId,
	/// Anchored by the patient or a delegate rather than a provider.
	pub self_reported: bool,
	/// When this version was anchored.
	pub anchored_at: Moment,
	/// The version this one amends.
	pub previous: Option<RecordId>,
	/// The version that amended this one.
	pub superseded_by: Option<RecordId>,
	/// Its position in the chain, from 1.
	pub version: u32,
	/// Held from `author`.
	pub deposit: Balance,
}

impl<AccountId, Balance> Record<AccountId, Balance> {
	/// Version 1 of a new record: `(content_hash, storage_ref)` anchored by `author` at `now`,
	/// holding `deposit` from it.
	pub fn first(
		patient_id: PatientId,
		category: CategoryTag,
		(content_hash, storage_ref): (H256, H256),
		author: AccountId,
		self_reported: bool,
		now: Moment,
		deposit: Balance,
	) -> Self {
		Self {
			patient_id,
			category,
			content_hash,
			storage_ref,
			author,
			self_reported,
			anchored_at: now,
			previous: None,
			superseded_by: None,
			version: 1,
			deposit,
		}
	}

	/// The version that amends this one, stored as `id`: same patient and category, the next
	/// version number, linked back to `id`; `(content_hash, storage_ref)` anchored by `author`
	/// at `now`, holding `deposit` from it. Linking this one forward is the caller's to do,
	/// once the new version has its id.
	pub fn next_version(
		&self,
		id: RecordId,
		(content_hash, storage_ref): (H256, H256),
		author: AccountId,
		self_reported: bool,
		now: Moment,
		deposit: Balance,
	) -> Self {
		Self {
			previous: Some(id),
			version: self.version.saturating_add(1),
			..Self::first(
				self.patient_id,
				self.category,
				(content_hash, storage_ref),
				author,
				self_reported,
				now,
				deposit,
			)
		}
	}
}

/// Who is writing a record of a patient, as the pallet decided from the rules.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Writer {
	/// The patient or a live delegate: the version is self-reported; no credential was looked
	/// up.
	SelfReported,
	/// A provider the access decision permits to write, whose credentials were looked up in
	/// [`PROVIDERS`](crate::PROVIDERS) order until a valid one was found.
	Provider(Lookups),
}

impl Writer {
	/// Whether the version is self-reported.
	pub fn is_self_reported(&self) -> bool {
		matches!(self, Self::SelfReported)
	}

	/// The credential lookups made out of the [`PROVIDERS`](crate::PROVIDERS) a writer is
	/// charged for: none for a self-report.
	pub fn lookups(&self) -> Lookups {
		match self {
			Self::SelfReported => Lookups::none(crate::ALL_PROVIDERS),
			Self::Provider(lookups) => *lookups,
		}
	}
}
