//! The pallet's stored types, and the constructors of the records its calls create.

use crate::MAX_LOT_LEN;
use carechain_primitives::{BatchId, Gtin, Moment};
use codec::{Decode, Encode, MaxEncodedLen};
use frame::prelude::*;
use scale_info::TypeInfo;

/// A lot number: up to 20 characters of the GS1 character set.
pub type Lot = BoundedVec<u8, ConstU32<MAX_LOT_LEN>>;

/// A registered medicinal product.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Product<AccountId> {
	/// The manufacturer that registered it.
	pub manufacturer: AccountId,
	/// Hash of the product's public description (name, strength, form), kept off chain.
	pub metadata_hash: H256,
}

/// A batch: a commissioned lot, or a part of one split off by a shipment.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Batch<AccountId> {
	/// The product.
	pub gtin: Gtin,
	/// The lot it belongs to.
	pub lot: Lot,
	/// When the lot expires.
	pub expires_on: Moment,
	/// How many units this batch came into being with.
	pub quantity: u32,
	/// Units the custodian holds now.
	pub held: u32,
	/// Units shipped to this batch and not yet received.
	pub in_transit: u32,
	/// Units dispensed to patients.
	pub dispensed: u32,
	/// Units destroyed.
	pub destroyed: u32,
	/// Units shipped on, into child batches.
	pub shipped_out: u32,
	/// Who holds it (or, while in transit, who will on receipt).
	pub custodian: AccountId,
	/// The batch it was split from.
	pub parent: Option<BatchId>,
	/// The commissioned batch at the root of its tree.
	pub root: BatchId,
	/// Shipments between it and its root.
	pub depth: u32,
	/// Recalled itself (its descendants inherit the recall when asked).
	pub recalled: bool,
	/// Quarantined for investigation.
	pub quarantined: bool,
}

impl<AccountId: Clone> Batch<AccountId> {
	/// The root batch `id` of a newly commissioned lot: all `quantity` units held by the
	/// manufacturer.
	pub fn commissioned(
		id: BatchId,
		gtin: Gtin,
		lot: Lot,
		expires_on: Moment,
		quantity: u32,
		manufacturer: AccountId,
	) -> Self {
		Self {
			gtin,
			lot,
			expires_on,
			quantity,
			held: quantity,
			in_transit: 0,
			dispensed: 0,
			destroyed: 0,
			shipped_out: 0,
			custodian: manufacturer,
			parent: None,
			root: id,
			depth: 0,
			recalled: false,
			quarantined: false,
		}
	}

	/// The child batch a shipment of `quantity` units of `parent` (batch `parent_id`) to `to`
	/// creates: of the same lot, one level deeper, its units in transit until `to` receives
	/// them. A recall or quarantine of the parent reaches it through `parent`, so it starts
	/// with neither.
	pub fn split(parent: &Self, parent_id: BatchId, quantity: u32, to: AccountId) -> Self {
		Self {
			gtin: parent.gtin,
			lot: parent.lot.clone(),
			expires_on: parent.expires_on,
			quantity,
			held: 0,
			in_transit: quantity,
			dispensed: 0,
			destroyed: 0,
			shipped_out: 0,
			custodian: to,
			parent: Some(parent_id),
			root: parent.root,
			depth: parent.depth.saturating_add(1),
			recalled: false,
			quarantined: false,
		}
	}

	/// `quantity` held units leave in a child batch (the caller checked they are held).
	pub fn ship_out(&mut self, quantity: u32) {
		self.held = self.held.saturating_sub(quantity);
		self.shipped_out = self.shipped_out.saturating_add(quantity);
	}

	/// `quantity` held units go to patients (the caller checked they are held).
	pub fn dispense(&mut self, quantity: u32) {
		self.held = self.held.saturating_sub(quantity);
		self.dispensed = self.dispensed.saturating_add(quantity);
	}

	/// `quantity` held units are destroyed (the caller checked they are held).
	pub fn destroy(&mut self, quantity: u32) {
		self.held = self.held.saturating_sub(quantity);
		self.destroyed = self.destroyed.saturating_add(quantity);
	}

	/// `quantity` units in transit arrive, held by `custodian`.
	pub fn hand_over(&mut self, quantity: u32, custodian: AccountId) {
		self.in_transit = self.in_transit.saturating_sub(quantity);
		self.held = self.held.saturating_add(quantity);
		self.custodian = custodian;
	}
}

/// A shipment of a child batch from its parent's custodian to a trading partner.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Shipment<AccountId> {
	/// The child batch created for the shipped units.
	pub batch_id: BatchId,
	/// Who shipped.
	pub from: AccountId,
	/// Who is to receive.
	pub to: AccountId,
	/// How many units.
	pub quantity: u32,
	/// When it was shipped.
	pub shipped_at: Moment,
	/// Whether the addressee received it.
	pub received: bool,
	/// Whether it was returned to the sender instead (see [`Pallet::return_shipment`]).
	///
	/// [`Pallet::return_shipment`]: crate::Pallet::return_shipment
	pub returned: bool,
}

impl<AccountId> Shipment<AccountId> {
	/// A shipment of `quantity` units in child batch `batch_id`, sent at `shipped_at`: open
	/// until received or returned.
	pub fn sent(
		batch_id: BatchId,
		from: AccountId,
		to: AccountId,
		quantity: u32,
		shipped_at: Moment,
	) -> Self {
		Self { batch_id, from, to, quantity, shipped_at, received: false, returned: false }
	}

	/// Neither received nor returned: its units are on the road.
	pub fn is_open(&self) -> bool {
		!self.received && !self.returned
	}
}

/// What stops a batch from moving: a recall or a quarantine of it or of a batch it was split
/// from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Hold {
	/// The batch or an ancestor is recalled.
	pub recalled: bool,
	/// The batch or an ancestor is quarantined.
	pub quarantined: bool,
}

/// Per lot: how many of its batches are recalled or quarantined, for pack verification.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct LotFlags {
	/// Batches of the lot recalled (a recall counts once, where it was made).
	pub recalls: u32,
	/// Batches of the lot quarantined now.
	pub quarantines: u32,
}
