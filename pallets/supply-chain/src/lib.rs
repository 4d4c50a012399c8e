//! # Supply-chain pallet
//!
//! Drug traceability in the shape of GS1 EPCIS and the US DSCSA. Credentialed manufacturers
//! register products (by GTIN) and commission batches (a lot, an expiry, a quantity and the
//! Merkle root of the lot's serial numbers); custody passes between credentialed trading
//! partners by shipment and receipt, splitting batches as parts are shipped; pharmacies and
//! hospitals dispense; manufacturers and regulators recall and quarantine; and anyone can verify
//! a single pack by its GTIN, lot, serial and a Merkle proof.
//!
//! Its place in Carechain (the other pallets, the call contract apps rely on, the rules every
//! pallet keeps) is described in the repository's `docs/ARCHITECTURE.md`.
//!
//! ## Batches and splits
//!
//! Commissioning creates a *root* batch held by the manufacturer. Every shipment creates a
//! *child* batch that records its parent, holding the shipped quantity in transit until the
//! addressee receives it; then custody moves. A child is at most [`Config::MaxSplitDepth`]
//! shipments away from its root. Quantities are conserved: for every batch,
//! `quantity = held + in_transit + dispensed + destroyed + shipped_out`, and across a lot's whole
//! tree what is held, in transit, dispensed and destroyed adds up to the commissioned quantity.
//!
//! A recall of a batch reaches every batch split from it, at any depth, without a loop over
//! them: whether a batch is recalled is decided when asked, by walking up its (bounded)
//! ancestry. A quarantine reaches every split in the same way. Recalled and quarantined
//! batches (or batches split from one) cannot be shipped, received or dispensed; expired ones
//! cannot be shipped or dispensed. Destroying stays possible, since destroying recalled stock is
//! the point of a recall.
//!
//! A shipment ends in one of two ways: the addressee receives it, or it is returned to its
//! sender ([`return_shipment`](Pallet::return_shipment), by either party, before receipt), and
//! the units are back in the sender's custody in the shipment's batch. Returning works even when
//! the lot was recalled or quarantined in transit, so that recalled stock on the road can always
//! be accounted for: returned, then destroyed by its sender. Every unit in transit therefore
//! has a way out, and `in_transit` can always reach zero.
//!
//! ## Serial numbers and pack verification
//!
//! `serials_root` is the root of a binary Merkle tree built with polkadot-sdk's
//! `binary-merkle-tree` crate over the lot's serial numbers, in the manufacturer's order:
//!
//! - a serial number is a GS1 AI 21 serial: 1 to 20 characters of GS1 character set 82
//!   ([`is_valid_serial`]);
//! - each leaf *value* is the byte `0x00` followed by the serial's ASCII bytes as printed
//!   ([`serial_leaf`]); the crate hashes it with BLAKE2b-256 to make the leaf hash: `leaf =
//!   blake2_256(0x00 ‖ serial)`;
//! - inner nodes are BLAKE2b-256 of the two child hashes concatenated, and a last odd node is
//!   promoted unchanged, as the crate does (`binary_merkle_tree::merkle_root::<BlakeTwo256, _>`);
//! - a proof is the leaf's index, the number of leaves and the sibling hashes from the leaf up
//!   (`binary_merkle_tree::merkle_proof`);
//! - the tree has exactly one leaf per commissioned unit: its number of leaves is the lot's
//!   commissioned `quantity`.
//!
//! Leaves and inner nodes cannot be confused: a leaf's preimage is 2 to 21 bytes and starts with
//! `0x00`, an inner node's is 64 bytes, so no inner node (nor the pair of hashes under it) can be
//! presented as a serial, and no leaf hash as an inner node. A proof is accepted only with the
//! lot's leaf count and exactly as many sibling hashes as the tree has levels above that leaf
//! ([`proof_len`]), so its shape cannot be chosen by the prover either.
//!
//! `SupplyChainApi::verify_unit(gtin, lot, serial, proof)` answers `Unknown` for an unknown
//! lot, `InvalidProof` when the serial is not a GS1 serial or the proof does not tie it to the
//! lot (wrong leaf count, wrong length, or hashes that do not reach the root), then `Recalled`,
//! `Quarantined` or `Expired`, and otherwise `Authentic`. Which split holds a given pack is not
//! recorded, so a recall or quarantine of any split of a lot is reported for every pack of the
//! lot: the safe answer for a patient.
//!
//! ## Who may call what
//!
//! | call | origin | notes |
//! | --- | --- | --- |
//! | [`register_product`](Pallet::register_product) | a holder of a valid `Manufacturer` credential | GTIN-14 with a valid GS1 check digit |
//! | [`commission_batch`](Pallet::commission_batch) | the product's manufacturer, still credentialed | becomes custodian |
//! | [`ship`](Pallet::ship) | the batch's custodian, holding a valid [`SHIPPERS`] credential | to a valid `Distributor`, `Pharmacy` or `Hospital` |
//! | [`receive`](Pallet::receive) | the shipment's addressee, once, still a valid trading partner | the sender must still hold a valid [`SHIPPERS`] credential; custody moves |
//! | [`return_shipment`](Pallet::return_shipment) | the shipment's sender or addressee, before receipt | custody returns to the sender, recalled or not |
//! | [`dispense`](Pallet::dispense) | the custodian, holding a valid `Pharmacy` or `Hospital` credential | |
//! | [`recall`](Pallet::recall) | the product's manufacturer, holding a valid `Manufacturer` credential, or a valid `Regulator` | reaches every split |
//! | [`quarantine`](Pallet::quarantine) | the custodian, the manufacturer (licensed), or a valid `Regulator` | reaches every split |
//! | [`release`](Pallet::release) | the account that quarantined the batch, while it may still quarantine it, or a valid `Regulator` | never the suspect custodian unless it quarantined itself |
//! | [`destroy`](Pallet::destroy) | the custodian | |
//!
//! Credentials are checked at the time of each step, on both sides: a trading partner that lost
//! its licence can neither ship, nor receive, nor be received from, and a manufacturer that lost
//! its licence can no longer recall, quarantine or release its lots (a regulator can).
//!
//! A quarantine by an upstream custodian reaches the splits it shipped on to other partners,
//! who cannot lift it themselves: that is the point of a quarantine of suspect stock, and a
//! regulator can release one placed in bad faith. `return_shipment` is an
//! addition to the design's call list (see the batches section above for why).
//!
//! ## Storage and deposits
//!
//! Products, batches and shipments are regulatory traceability records (DSCSA keeps them for
//! six years), so they are never removed and no refundable deposit is taken: only credentialed
//! trading partners, whose credentials a regulator can revoke, can create them, and each call's
//! fee pays for what it stores. This departs from the design's deposit rule on purpose.
//!
//! ## Weights
//!
//! `ship`, `receive` and `dispense` walk the batch's ancestry to find recalls and quarantines;
//! each is charged for the deepest batch allowed and refunded to the batch's own depth. `ship`
//! and `receive` check the sender's credentials in [`SHIPPERS`] order and the addressee's in
//! [`TRADING_PARTNERS`] order, `dispense` the dispenser's in [`DISPENSERS`] order, each until
//! one is valid; all are benchmarked with hospitals (the last kind of each list) on both sides
//! and refunded the reads of the kinds not checked. The id counters
//! [`NextBatchId`] and [`NextShipmentId`] are charged once per block in `on_initialize` (each
//! reaches the database once per block however many calls use it), not per call.

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

mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

use alloc::vec::Vec;
use carechain_primitives::{
	BatchId, CredentialInspect, CredentialKind, Gtin, Moment, SerialProof, ShipmentId, UnitStatus,
	UnitVerification,
};
use codec::{Decode, Encode, MaxEncodedLen};
use frame::{
	prelude::*,
	traits::{BlakeTwo256, Time},
};
use scale_info::TypeInfo;

#[cfg(any(feature = "try-runtime", feature = "std", test))]
use frame::deps::sp_runtime::TryRuntimeError;

pub use pallet::*;
pub use weights::WeightInfo;

/// The longest lot number GS1 allows (AI 10).
pub const MAX_LOT_LEN: u32 = 20;
/// A lot number: up to 20 characters of the GS1 character set.
pub type Lot = BoundedVec<u8, ConstU32<MAX_LOT_LEN>>;

/// Who may receive shipments: an authorised trading partner.
pub const TRADING_PARTNERS: [CredentialKind; 3] =
	[CredentialKind::Distributor, CredentialKind::Pharmacy, CredentialKind::Hospital];
/// Who may dispense to patients.
pub const DISPENSERS: [CredentialKind; 2] = [CredentialKind::Pharmacy, CredentialKind::Hospital];
/// Who may send a shipment: a manufacturer or an authorised trading partner.
pub const SHIPPERS: [CredentialKind; 4] = [
	CredentialKind::Manufacturer,
	CredentialKind::Distributor,
	CredentialKind::Pharmacy,
	CredentialKind::Hospital,
];

/// The longest serial number GS1 allows (AI 21).
pub const MAX_SERIAL_LEN: usize = 20;
/// The byte every leaf value of a serial-number tree starts with (see the crate docs).
pub const SERIAL_LEAF_PREFIX: u8 = 0x00;

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
	pub returned: bool,
}

impl<AccountId> Shipment<AccountId> {
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

/// EPCIS business steps, named in every event.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	codec::DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum BusinessStep {
	Commissioning,
	Shipping,
	Receiving,
	Dispensing,
	Recalling,
	Holding,
	Releasing,
	Destroying,
	Returning,
}

/// What the benchmarks need from the runtime: credentials are seen through a trait.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Gives `who` a valid credential of `kind`.
	fn set_credential(who: &AccountId, kind: CredentialKind);
	/// Takes `who`'s credential of `kind` away (if it has one).
	fn revoke_credential(who: &AccountId, kind: CredentialKind);
}

// FRAME's expansion of `#[pallet::pallet]`, storage and errors calls `expect` on values it
// has just built. Code written here may use `expect` only to build genesis, where an invalid
// genesis config must stop the chain from starting.
#[allow(clippy::expect_used)]
#[frame::pallet]
pub mod pallet {
	use super::*;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The clock (the Timestamp pallet in the runtime).
		type Time: Time<Moment = Moment>;

		/// Who holds which credential.
		type Credentials: CredentialInspect<Self::AccountId>;

		/// The most shipments between a batch and its root.
		#[pallet::constant]
		type MaxSplitDepth: Get<u32>;

		/// Weights of this pallet's calls, generated by its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up credentials for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Registered products, by GTIN.
	#[pallet::storage]
	pub type Products<T: Config> = StorageMap<_, Blake2_128Concat, Gtin, Product<T::AccountId>>;

	/// The id the next batch gets. Whitelisted in the benchmarks: a block touches it once
	/// from the database however many commissionings and shipments it holds (later reads and writes
	/// stay in the block's overlay and reach the database once, at its end), so `on_initialize`
	/// charges that one read and write for every block and the calls are not charged again.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type NextBatchId<T: Config> = StorageValue<_, BatchId, ValueQuery>;

	/// Batches, by id.
	#[pallet::storage]
	pub type Batches<T: Config> = StorageMap<_, Twox64Concat, BatchId, Batch<T::AccountId>>;

	/// The root batch of each commissioned lot, with the lot's serial-number Merkle root.
	#[pallet::storage]
	pub type Lots<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Gtin, Blake2_128Concat, Lot, (BatchId, H256)>;

	/// Recall and quarantine counts per lot (by root batch).
	#[pallet::storage]
	pub type Flags<T: Config> = StorageMap<_, Twox64Concat, BatchId, LotFlags, ValueQuery>;

	/// The id the next shipment gets. Whitelisted in the benchmarks: a block touches it once
	/// from the database however many shipments it holds (later reads and writes stay in the
	/// block's overlay and reach the database once, at its end), so `on_initialize` charges
	/// that one read and write for every block and the calls are not charged again.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type NextShipmentId<T: Config> = StorageValue<_, ShipmentId, ValueQuery>;

	/// Shipments, by id.
	#[pallet::storage]
	pub type Shipments<T: Config> = StorageMap<_, Twox64Concat, ShipmentId, Shipment<T::AccountId>>;

	/// Who quarantined each quarantined batch: that account (or a regulator) alone may release
	/// it, so a suspect custodian cannot lift the hold put on its own stock.
	#[pallet::storage]
	pub type QuarantinedBy<T: Config> = StorageMap<_, Twox64Concat, BatchId, T::AccountId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A product was registered.
		ProductRegistered { gtin: Gtin, manufacturer: T::AccountId },
		/// A lot was commissioned as a new batch.
		BatchCommissioned {
			batch_id: BatchId,
			gtin: Gtin,
			lot: Lot,
			quantity: u32,
			expires_on: Moment,
			manufacturer: T::AccountId,
			step: BusinessStep,
			at: Moment,
		},
		/// Units left a batch in a new child batch, in transit to `to`.
		Shipped {
			shipment_id: ShipmentId,
			batch_id: BatchId,
			child_batch_id: BatchId,
			quantity: u32,
			from: T::AccountId,
			to: T::AccountId,
			step: BusinessStep,
			at: Moment,
		},
		/// A shipment arrived; custody of its batch moved to the addressee.
		Received {
			shipment_id: ShipmentId,
			batch_id: BatchId,
			quantity: u32,
			by: T::AccountId,
			step: BusinessStep,
			at: Moment,
		},
		/// Units were dispensed to patients.
		Dispensed {
			batch_id: BatchId,
			quantity: u32,
			by: T::AccountId,
			step: BusinessStep,
			at: Moment,
		},
		/// A batch, and everything split from it, was recalled.
		Recalled {
			batch_id: BatchId,
			reason_hash: H256,
			by: T::AccountId,
			step: BusinessStep,
			at: Moment,
		},
		/// A batch was quarantined for investigation.
		Quarantined { batch_id: BatchId, by: T::AccountId, step: BusinessStep, at: Moment },
		/// A quarantined batch was released.
		Released { batch_id: BatchId, by: T::AccountId, step: BusinessStep, at: Moment },
		/// Units were destroyed.
		Destroyed {
			batch_id: BatchId,
			quantity: u32,
			by: T::AccountId,
			step: BusinessStep,
			at: Moment,
		},
		/// A shipment went back to its sender before receipt; its batch is the sender's again.
		ShipmentReturned {
			shipment_id: ShipmentId,
			batch_id: BatchId,
			quantity: u32,
			by: T::AccountId,
			step: BusinessStep,
			at: Moment,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A GTIN-14 is 14 digits whose last is the GS1 check digit of the first 13.
		InvalidGtin,
		/// The signer holds no valid Manufacturer credential.
		NotManufacturer,
		/// The product is already registered.
		ProductExists,
		/// No product has this GTIN.
		UnknownProduct,
		/// Only the product's manufacturer may do this.
		NotProductManufacturer,
		/// A lot number is 1 to 20 characters of the GS1 character set.
		InvalidLot,
		/// This product already has a lot with this number.
		LotExists,
		/// Quantities must be positive.
		ZeroQuantity,
		/// The expiry must lie in the future.
		AlreadyExpired,
		/// No batch has this id.
		UnknownBatch,
		/// Only the batch's custodian may do this.
		NotCustodian,
		/// The addressee holds no valid Distributor, Pharmacy or Hospital credential.
		NotTradingPartner,
		/// A batch cannot be shipped to its own custodian.
		ShipToSelf,
		/// The custodian holds fewer units than that.
		InsufficientQuantity,
		/// The batch, or one it was split from, is recalled.
		BatchRecalled,
		/// The batch is quarantined.
		BatchQuarantined,
		/// The batch has expired.
		BatchExpired,
		/// The batch is already as many shipments from its root as allowed.
		SplitTooDeep,
		/// No shipment has this id.
		UnknownShipment,
		/// Only the addressee may receive a shipment.
		NotAddressee,
		/// The shipment was already received.
		AlreadyReceived,
		/// Only a Pharmacy or Hospital may dispense.
		NotDispenser,
		/// Only the manufacturer or a Regulator may recall.
		NotRecaller,
		/// The batch is already recalled.
		AlreadyRecalled,
		/// Only the custodian, the manufacturer or a Regulator may quarantine; only whoever
		/// quarantined the batch, or a Regulator, may release it.
		NotQuarantineAuthority,
		/// The batch is already quarantined.
		AlreadyQuarantined,
		/// The batch is not quarantined.
		NotQuarantined,
		/// Ids are exhausted.
		IdOverflow,
		/// The sender holds no valid Manufacturer, Distributor, Pharmacy or Hospital credential.
		NotAuthorisedShipper,
		/// Only the shipment's sender or addressee may return it.
		NotShipmentParty,
		/// The shipment was already returned to its sender.
		AlreadyReturned,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			// The block's one database read and write of `NextBatchId` and `NextShipmentId` (see
			// [`NextBatchId`]).
			T::DbWeight::get().reads_writes(2, 2)
		}

		fn integrity_test() {
			assert!(T::MaxSplitDepth::get() > 0, "batches must be shippable");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the product `gtin` to the signer.
		///
		/// - origin: a holder of a valid Manufacturer credential.
		///
		/// Emits `ProductRegistered`. Errors: `InvalidGtin`, `NotManufacturer`, `ProductExists`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_product())]
		pub fn register_product(
			origin: OriginFor<T>,
			gtin: Gtin,
			metadata_hash: H256,
		) -> DispatchResult {
			let manufacturer = ensure_signed(origin)?;
			ensure!(is_valid_gtin(&gtin), Error::<T>::InvalidGtin);
			ensure!(
				T::Credentials::is_valid(&manufacturer, CredentialKind::Manufacturer),
				Error::<T>::NotManufacturer
			);
			ensure!(!Products::<T>::contains_key(gtin), Error::<T>::ProductExists);
			Products::<T>::insert(
				gtin,
				Product { manufacturer: manufacturer.clone(), metadata_hash },
			);
			Self::deposit_event(Event::ProductRegistered { gtin, manufacturer });
			Ok(())
		}

		/// Commissions lot `lot` of product `gtin`: `quantity` units expiring on `expires_on`,
		/// whose serial numbers have the Merkle root `serials_root`. The manufacturer becomes
		/// its custodian.
		///
		/// - origin: the product's manufacturer, holding a valid Manufacturer credential.
		///
		/// Emits `BatchCommissioned`. Errors: `UnknownProduct`, `NotProductManufacturer`,
		/// `NotManufacturer`, `InvalidLot`, `LotExists`, `ZeroQuantity`, `AlreadyExpired`,
		/// `IdOverflow`.
		///
		/// ## Complexity
		/// O(l) in the lot's length, at most 20.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::commission_batch())]
		pub fn commission_batch(
			origin: OriginFor<T>,
			gtin: Gtin,
			lot: Lot,
			expires_on: Moment,
			quantity: u32,
			serials_root: H256,
		) -> DispatchResult {
			let manufacturer = ensure_signed(origin)?;
			let product = Products::<T>::get(gtin).ok_or(Error::<T>::UnknownProduct)?;
			ensure!(product.manufacturer == manufacturer, Error::<T>::NotProductManufacturer);
			ensure!(
				T::Credentials::is_valid(&manufacturer, CredentialKind::Manufacturer),
				Error::<T>::NotManufacturer
			);
			ensure!(is_valid_lot(&lot), Error::<T>::InvalidLot);
			ensure!(!Lots::<T>::contains_key(gtin, &lot), Error::<T>::LotExists);
			ensure!(quantity > 0, Error::<T>::ZeroQuantity);
			let now = T::Time::now();
			ensure!(expires_on > now, Error::<T>::AlreadyExpired);
			let batch_id = Self::next_batch_id()?;

			Lots::<T>::insert(gtin, &lot, (batch_id, serials_root));
			Batches::<T>::insert(
				batch_id,
				Batch {
					gtin,
					lot: lot.clone(),
					expires_on,
					quantity,
					held: quantity,
					in_transit: 0,
					dispensed: 0,
					destroyed: 0,
					shipped_out: 0,
					custodian: manufacturer.clone(),
					parent: None,
					root: batch_id,
					depth: 0,
					recalled: false,
					quarantined: false,
				},
			);
			Self::deposit_event(Event::BatchCommissioned {
				batch_id,
				gtin,
				lot,
				quantity,
				expires_on,
				manufacturer,
				step: BusinessStep::Commissioning,
				at: now,
			});
			Ok(())
		}

		/// Ships `quantity` units of batch `batch_id` to `to`, in a new child batch that is in
		/// transit until `to` receives it.
		///
		/// - origin: the batch's custodian, holding a valid [`SHIPPERS`] credential.
		///
		/// Emits `Shipped`. Errors: `UnknownBatch`, `NotCustodian`, `NotAuthorisedShipper`,
		/// `ZeroQuantity`, `InsufficientQuantity`, `BatchRecalled`, `BatchQuarantined`,
		/// `BatchExpired`, `ShipToSelf`, `NotTradingPartner`, `SplitTooDeep`, `IdOverflow`.
		///
		/// ## Complexity
		/// O(d) in the batch's depth (the recall and quarantine check), bounded by
		/// `MaxSplitDepth`. Charged for the largest d and every credential kind, refunded to the
		/// actual ones.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::ship(T::MaxSplitDepth::get()))]
		pub fn ship(
			origin: OriginFor<T>,
			batch_id: BatchId,
			to: T::AccountId,
			quantity: u32,
		) -> DispatchResultWithPostInfo {
			let from = ensure_signed(origin)?;
			let mut batch = Self::custodied(batch_id, &from)?;
			let (shipper, shipper_unchecked) = T::Credentials::check_any(&from, &SHIPPERS);
			ensure!(shipper, Error::<T>::NotAuthorisedShipper);
			ensure!(quantity > 0, Error::<T>::ZeroQuantity);
			ensure!(batch.held >= quantity, Error::<T>::InsufficientQuantity);
			let now = T::Time::now();
			Self::ensure_movable(&batch)?;
			ensure!(now < batch.expires_on, Error::<T>::BatchExpired);
			ensure!(to != from, Error::<T>::ShipToSelf);
			let (partner, partner_unchecked) = T::Credentials::check_any(&to, &TRADING_PARTNERS);
			ensure!(partner, Error::<T>::NotTradingPartner);
			let depth = batch.depth.saturating_add(1);
			ensure!(depth <= T::MaxSplitDepth::get(), Error::<T>::SplitTooDeep);
			let shipment_id = NextShipmentId::<T>::get();
			let next_shipment_id = shipment_id.checked_add(1).ok_or(Error::<T>::IdOverflow)?;
			let child_batch_id = Self::next_batch_id()?;

			// No failure beyond this point.
			NextShipmentId::<T>::put(next_shipment_id);

			batch.held = batch.held.saturating_sub(quantity);
			batch.shipped_out = batch.shipped_out.saturating_add(quantity);
			let child = Batch {
				quantity,
				held: 0,
				in_transit: quantity,
				dispensed: 0,
				destroyed: 0,
				shipped_out: 0,
				custodian: to.clone(),
				parent: Some(batch_id),
				depth,
				recalled: false,
				quarantined: false,
				..batch.clone()
			};
			Batches::<T>::insert(batch_id, batch);
			Batches::<T>::insert(child_batch_id, child);
			Shipments::<T>::insert(
				shipment_id,
				Shipment {
					batch_id: child_batch_id,
					from: from.clone(),
					to: to.clone(),
					quantity,
					shipped_at: now,
					received: false,
					returned: false,
				},
			);
			Self::deposit_event(Event::Shipped {
				shipment_id,
				batch_id,
				child_batch_id,
				quantity,
				from,
				to,
				step: BusinessStep::Shipping,
				at: now,
			});
			// Charged for the deepest batch and the last kinds of both lists; refunded to these.
			let weight = T::WeightInfo::ship(depth.saturating_sub(1));
			Ok(Some(Self::unread(weight, shipper_unchecked.saturating_add(partner_unchecked)))
				.into())
		}

		/// Receives shipment `shipment_id`: the addressee takes custody of its batch.
		///
		/// - origin: the shipment's addressee, still holding a valid [`TRADING_PARTNERS`]
		///   credential; the sender must still hold a valid [`SHIPPERS`] credential.
		///
		/// Emits `Received`. Errors: `UnknownShipment`, `NotAddressee`, `AlreadyReceived`,
		/// `AlreadyReturned`, `UnknownBatch`, `NotTradingPartner`, `NotAuthorisedShipper`,
		/// `BatchRecalled`, `BatchQuarantined`.
		///
		/// ## Complexity
		/// O(d) in the batch's depth (the recall and quarantine check), bounded by
		/// `MaxSplitDepth`. Charged for the largest d and every credential kind, refunded to the
		/// actual ones.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::receive(T::MaxSplitDepth::get()))]
		pub fn receive(
			origin: OriginFor<T>,
			shipment_id: ShipmentId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut shipment =
				Shipments::<T>::get(shipment_id).ok_or(Error::<T>::UnknownShipment)?;
			ensure!(shipment.to == who, Error::<T>::NotAddressee);
			ensure!(!shipment.received, Error::<T>::AlreadyReceived);
			ensure!(!shipment.returned, Error::<T>::AlreadyReturned);
			let batch = Batches::<T>::get(shipment.batch_id).ok_or(Error::<T>::UnknownBatch)?;
			let (partner, partner_unchecked) = T::Credentials::check_any(&who, &TRADING_PARTNERS);
			ensure!(partner, Error::<T>::NotTradingPartner);
			let (shipper, shipper_unchecked) = T::Credentials::check_any(&shipment.from, &SHIPPERS);
			ensure!(shipper, Error::<T>::NotAuthorisedShipper);
			Self::ensure_movable(&batch)?;
			let weight = T::WeightInfo::receive(batch.depth);
			let actual_weight =
				Self::unread(weight, partner_unchecked.saturating_add(shipper_unchecked));

			shipment.received = true;
			let (batch_id, quantity) = Self::hand_over(shipment_id, shipment, batch, who.clone());
			Self::deposit_event(Event::Received {
				shipment_id,
				batch_id,
				quantity,
				by: who,
				step: BusinessStep::Receiving,
				at: T::Time::now(),
			});
			Ok(Some(actual_weight).into())
		}

		/// Dispenses `quantity` units of batch `batch_id` to patients.
		///
		/// - origin: the custodian, holding a valid Pharmacy or Hospital credential.
		///
		/// Emits `Dispensed`. Errors: `UnknownBatch`, `NotCustodian`, `NotDispenser`,
		/// `ZeroQuantity`, `InsufficientQuantity`, `BatchRecalled`, `BatchQuarantined`,
		/// `BatchExpired`.
		///
		/// ## Complexity
		/// O(d) in the batch's depth (the recall check), bounded by `MaxSplitDepth`. Charged for
		/// the largest d, refunded to the actual one.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::dispense(T::MaxSplitDepth::get()))]
		pub fn dispense(
			origin: OriginFor<T>,
			batch_id: BatchId,
			quantity: u32,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut batch = Self::custodied(batch_id, &who)?;
			let actual_weight = T::WeightInfo::dispense(batch.depth);
			let (dispenser, unchecked) = T::Credentials::check_any(&who, &DISPENSERS);
			ensure!(dispenser, Error::<T>::NotDispenser);
			let actual_weight = Self::unread(actual_weight, unchecked);
			ensure!(quantity > 0, Error::<T>::ZeroQuantity);
			ensure!(batch.held >= quantity, Error::<T>::InsufficientQuantity);
			Self::ensure_movable(&batch)?;
			let now = T::Time::now();
			ensure!(now < batch.expires_on, Error::<T>::BatchExpired);

			batch.held = batch.held.saturating_sub(quantity);
			batch.dispensed = batch.dispensed.saturating_add(quantity);
			Batches::<T>::insert(batch_id, batch);
			Self::deposit_event(Event::Dispensed {
				batch_id,
				quantity,
				by: who,
				step: BusinessStep::Dispensing,
				at: now,
			});
			Ok(Some(actual_weight).into())
		}

		/// Recalls batch `batch_id` and, through it, every batch split from it.
		///
		/// - origin: the product's manufacturer, or a holder of a valid Regulator credential.
		/// - `reason_hash`: hash of the recall notice, kept off chain.
		///
		/// Emits `Recalled`. Errors: `UnknownBatch`, `NotRecaller`, `AlreadyRecalled`.
		///
		/// ## Complexity
		/// O(1): descendants are not touched.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::recall())]
		pub fn recall(
			origin: OriginFor<T>,
			batch_id: BatchId,
			reason_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut batch = Batches::<T>::get(batch_id).ok_or(Error::<T>::UnknownBatch)?;
			ensure!(
				Self::is_licensed_manufacturer_of(&batch, &who)
					|| T::Credentials::is_valid(&who, CredentialKind::Regulator),
				Error::<T>::NotRecaller
			);
			ensure!(!batch.recalled, Error::<T>::AlreadyRecalled);

			batch.recalled = true;
			Flags::<T>::mutate(batch.root, |flags| flags.recalls = flags.recalls.saturating_add(1));
			Batches::<T>::insert(batch_id, batch);
			Self::deposit_event(Event::Recalled {
				batch_id,
				reason_hash,
				by: who,
				step: BusinessStep::Recalling,
				at: T::Time::now(),
			});
			Ok(())
		}

		/// Quarantines batch `batch_id` while a suspect product is investigated: neither it nor
		/// any batch split from it can move until it is released.
		///
		/// - origin: the custodian, the product's manufacturer, or a valid Regulator.
		///
		/// Emits `Quarantined`. Errors: `UnknownBatch`, `NotQuarantineAuthority`,
		/// `AlreadyQuarantined`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::quarantine())]
		pub fn quarantine(origin: OriginFor<T>, batch_id: BatchId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut batch = Self::quarantine_authority(batch_id, &who)?;
			ensure!(!batch.quarantined, Error::<T>::AlreadyQuarantined);
			batch.quarantined = true;
			Flags::<T>::mutate(batch.root, |flags| {
				flags.quarantines = flags.quarantines.saturating_add(1)
			});
			Batches::<T>::insert(batch_id, batch);
			QuarantinedBy::<T>::insert(batch_id, &who);
			Self::deposit_event(Event::Quarantined {
				batch_id,
				by: who,
				step: BusinessStep::Holding,
				at: T::Time::now(),
			});
			Ok(())
		}

		/// Releases quarantined batch `batch_id`.
		///
		/// - origin: the account that quarantined it, while it still may quarantine it (the
		///   custodian, the manufacturer holding a valid Manufacturer credential, or a valid
		///   Regulator), or any valid Regulator. A custodian or manufacturer whose stock someone
		///   else quarantined cannot lift the hold.
		///
		/// Emits `Released`. Errors: `UnknownBatch`, `NotQuarantineAuthority`, `NotQuarantined`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::release())]
		pub fn release(origin: OriginFor<T>, batch_id: BatchId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut batch = Self::quarantine_authority(batch_id, &who)?;
			ensure!(batch.quarantined, Error::<T>::NotQuarantined);
			// A regulator releases any quarantine; anyone else only its own, and only while it
			// still holds the authority it quarantined by (checked above).
			ensure!(
				QuarantinedBy::<T>::get(batch_id).as_ref() == Some(&who)
					|| T::Credentials::is_valid(&who, CredentialKind::Regulator),
				Error::<T>::NotQuarantineAuthority
			);
			batch.quarantined = false;
			Flags::<T>::mutate(batch.root, |flags| {
				flags.quarantines = flags.quarantines.saturating_sub(1)
			});
			Batches::<T>::insert(batch_id, batch);
			QuarantinedBy::<T>::remove(batch_id);
			Self::deposit_event(Event::Released {
				batch_id,
				by: who,
				step: BusinessStep::Releasing,
				at: T::Time::now(),
			});
			Ok(())
		}

		/// Destroys `quantity` units of batch `batch_id` (recalled, expired or damaged stock).
		///
		/// - origin: the custodian.
		///
		/// Emits `Destroyed`. Errors: `UnknownBatch`, `NotCustodian`, `ZeroQuantity`,
		/// `InsufficientQuantity`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::destroy())]
		pub fn destroy(origin: OriginFor<T>, batch_id: BatchId, quantity: u32) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut batch = Self::custodied(batch_id, &who)?;
			ensure!(quantity > 0, Error::<T>::ZeroQuantity);
			ensure!(batch.held >= quantity, Error::<T>::InsufficientQuantity);
			batch.held = batch.held.saturating_sub(quantity);
			batch.destroyed = batch.destroyed.saturating_add(quantity);
			Batches::<T>::insert(batch_id, batch);
			Self::deposit_event(Event::Destroyed {
				batch_id,
				quantity,
				by: who,
				step: BusinessStep::Destroying,
				at: T::Time::now(),
			});
			Ok(())
		}

		/// Returns shipment `shipment_id` to its sender before it is received: the shipment's
		/// batch is back in the sender's custody, its units held instead of in transit. Allowed
		/// whether or not the lot was recalled or quarantined meanwhile, so stock recalled on the
		/// road can be accounted for (and then destroyed by the sender).
		///
		/// - origin: the shipment's sender (calling it back) or its addressee (refusing it).
		///
		/// Emits `ShipmentReturned`. Errors: `UnknownShipment`, `NotShipmentParty`,
		/// `AlreadyReceived`, `AlreadyReturned`, `UnknownBatch`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::return_shipment())]
		pub fn return_shipment(origin: OriginFor<T>, shipment_id: ShipmentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut shipment =
				Shipments::<T>::get(shipment_id).ok_or(Error::<T>::UnknownShipment)?;
			ensure!(who == shipment.from || who == shipment.to, Error::<T>::NotShipmentParty);
			ensure!(!shipment.received, Error::<T>::AlreadyReceived);
			ensure!(!shipment.returned, Error::<T>::AlreadyReturned);
			let batch = Batches::<T>::get(shipment.batch_id).ok_or(Error::<T>::UnknownBatch)?;

			shipment.returned = true;
			let sender = shipment.from.clone();
			let (batch_id, quantity) = Self::hand_over(shipment_id, shipment, batch, sender);
			Self::deposit_event(Event::ShipmentReturned {
				shipment_id,
				batch_id,
				quantity,
				by: who,
				step: BusinessStep::Returning,
				at: T::Time::now(),
			});
			Ok(())
		}
	}
}

/// Whether `gtin` is 14 ASCII digits whose last is the GS1 check digit of the first 13
/// (weights 3 and 1 alternating from the right of the 13, sum rounded up to a multiple of 10).
pub fn is_valid_gtin(gtin: &Gtin) -> bool {
	if !gtin.iter().all(u8::is_ascii_digit) {
		return false;
	}
	let digits = gtin.map(|d| u32::from(d.saturating_sub(b'0')));
	let (body, check) = digits.split_at(13);
	let sum: u32 = body
		.iter()
		.rev()
		.enumerate()
		.map(|(position, digit)| if position % 2 == 0 { digit.saturating_mul(3) } else { *digit })
		.fold(0u32, |sum, weighted| sum.saturating_add(weighted));
	// 13 digits of at most 9 × 3: the sum is far from overflowing; checked anyway.
	let expected = sum
		.checked_rem(10)
		.map(|r| 10u32.saturating_sub(r))
		.and_then(|d| d.checked_rem(10));
	check.first().is_some_and(|check| expected == Some(*check))
}

/// Whether `lot` is 1 to 20 characters of the GS1 AI encodable character set 82.
pub fn is_valid_lot(lot: &[u8]) -> bool {
	lot.len() <= MAX_LOT_LEN as usize && is_cset82(lot)
}

/// Whether `serial` is a GS1 AI 21 serial number: 1 to 20 characters of character set 82.
pub fn is_valid_serial(serial: &[u8]) -> bool {
	serial.len() <= MAX_SERIAL_LEN && is_cset82(serial)
}

/// The leaf value of `serial` in a lot's serial-number tree: `0x00 ‖ serial` (crate docs).
pub fn serial_leaf(serial: &[u8]) -> Vec<u8> {
	core::iter::once(SERIAL_LEAF_PREFIX).chain(serial.iter().copied()).collect()
}

/// Whether `proof` ties `serial` to `serials_root`, the root of a lot of `quantity` units (the
/// crate docs' recipe). The proof's shape is the lot's, not the prover's: a GS1 serial, one leaf
/// per commissioned unit, and exactly the siblings of that leaf's path.
pub fn is_serial_of(serials_root: &H256, quantity: u32, serial: &[u8], proof: SerialProof) -> bool {
	is_valid_serial(serial)
		&& proof.number_of_leaves == quantity
		&& proof_len(proof.leaf_index, proof.number_of_leaves) == Some(proof.items.len())
		&& binary_merkle_tree::verify_proof::<BlakeTwo256, _, _>(
			serials_root,
			proof.items,
			proof.number_of_leaves,
			proof.leaf_index,
			binary_merkle_tree::Leaf::Value(serial_leaf(serial).as_slice()),
		)
}

/// How many sibling hashes `binary_merkle_tree::merkle_proof` gives for leaf `leaf_index` of
/// `number_of_leaves`: one for every level at which the leaf's node has a sibling (a last odd
/// node is promoted without one). `None` for a leaf outside the tree.
pub fn proof_len(leaf_index: u32, number_of_leaves: u32) -> Option<usize> {
	if leaf_index >= number_of_leaves {
		return None;
	}
	let (mut position, mut width, mut len) = (leaf_index, number_of_leaves, 0usize);
	while width > 1 {
		let promoted = position % 2 == 0 && position.saturating_add(1) == width;
		if !promoted {
			len = len.saturating_add(1);
		}
		position /= 2;
		width = width.div_ceil(2);
	}
	Some(len)
}

/// Whether `text` is 1 or more characters of the GS1 AI encodable character set 82.
fn is_cset82(text: &[u8]) -> bool {
	!text.is_empty()
		&& text.iter().all(|c| {
			c.is_ascii_alphanumeric()
				|| matches!(
					c,
					b'!' | b'"'
						| b'%' | b'&' | b'\''
						| b'(' | b')' | b'*'
						| b'+' | b',' | b'-'
						| b'.' | b'/' | b':'
						| b';' | b'<' | b'='
						| b'>' | b'?' | b'_'
				)
		})
}

impl<T: Config> Pallet<T> {
	/// `weight`, benchmarked with the last of the credential kinds checked held, less the
	/// database reads of the `unchecked` kinds after the one that qualified.
	fn unread(weight: Weight, unchecked: u32) -> Weight {
		weight.saturating_sub(T::DbWeight::get().reads(unchecked.into()))
	}

	fn next_batch_id() -> Result<BatchId, DispatchError> {
		let id = NextBatchId::<T>::get();
		NextBatchId::<T>::put(id.checked_add(1).ok_or(Error::<T>::IdOverflow)?);
		Ok(id)
	}

	/// Ends shipment `shipment_id` (already marked received or returned): its units leave
	/// transit and are held by `custodian` in the shipment's `batch`; stores both. Returns the
	/// batch's id and the units moved.
	fn hand_over(
		shipment_id: ShipmentId,
		shipment: Shipment<T::AccountId>,
		mut batch: Batch<T::AccountId>,
		custodian: T::AccountId,
	) -> (BatchId, u32) {
		batch.in_transit = batch.in_transit.saturating_sub(shipment.quantity);
		batch.held = batch.held.saturating_add(shipment.quantity);
		batch.custodian = custodian;
		let moved = (shipment.batch_id, shipment.quantity);
		Batches::<T>::insert(moved.0, batch);
		Shipments::<T>::insert(shipment_id, shipment);
		moved
	}

	/// Batch `batch_id`, if `who` is its custodian.
	fn custodied(
		batch_id: BatchId,
		who: &T::AccountId,
	) -> Result<Batch<T::AccountId>, DispatchError> {
		let batch = Batches::<T>::get(batch_id).ok_or(Error::<T>::UnknownBatch)?;
		ensure!(batch.custodian == *who, Error::<T>::NotCustodian);
		Ok(batch)
	}

	/// Batch `batch_id`, if `who` may quarantine or release it.
	fn quarantine_authority(
		batch_id: BatchId,
		who: &T::AccountId,
	) -> Result<Batch<T::AccountId>, DispatchError> {
		let batch = Batches::<T>::get(batch_id).ok_or(Error::<T>::UnknownBatch)?;
		ensure!(
			batch.custodian == *who
				|| Self::is_licensed_manufacturer_of(&batch, who)
				|| T::Credentials::is_valid(who, CredentialKind::Regulator),
			Error::<T>::NotQuarantineAuthority
		);
		Ok(batch)
	}

	/// Whether `who` registered `batch`'s product and still holds a valid Manufacturer
	/// credential: a manufacturer that lost its licence keeps no authority over its lots (a
	/// regulator recalls or quarantines them instead).
	fn is_licensed_manufacturer_of(batch: &Batch<T::AccountId>, who: &T::AccountId) -> bool {
		Products::<T>::get(batch.gtin).is_some_and(|product| product.manufacturer == *who)
			&& T::Credentials::is_valid(who, CredentialKind::Manufacturer)
	}

	/// Batches that are recalled or quarantined, or split from one that is, cannot move. A
	/// recall is reported before a quarantine.
	fn ensure_movable(batch: &Batch<T::AccountId>) -> DispatchResult {
		let hold = Self::hold_of(batch);
		ensure!(!hold.recalled, Error::<T>::BatchRecalled);
		ensure!(!hold.quarantined, Error::<T>::BatchQuarantined);
		Ok(())
	}

	/// Whether `batch` or any batch it was split from is recalled.
	pub fn is_recalled(batch: &Batch<T::AccountId>) -> bool {
		Self::hold_of(batch).recalled
	}

	/// Whether `batch` or any batch it was split from is recalled, and whether one is
	/// quarantined: one walk up at most `MaxSplitDepth` parents, ending early once a recall is
	/// found (it outranks a quarantine).
	pub fn hold_of(batch: &Batch<T::AccountId>) -> Hold {
		let mut hold = Hold { recalled: batch.recalled, quarantined: batch.quarantined };
		let mut parent = batch.parent;
		let mut steps = 0u32;
		while let Some(id) = parent {
			if hold.recalled || steps > T::MaxSplitDepth::get() {
				break;
			}
			steps = steps.saturating_add(1);
			let Some(ancestor) = Batches::<T>::get(id) else { break };
			hold.recalled |= ancestor.recalled;
			hold.quarantined |= ancestor.quarantined;
			parent = ancestor.parent;
		}
		hold
	}

	/// What `SupplyChainApi::verify_unit` answers (see the crate docs).
	pub fn verify_unit(
		gtin: Gtin,
		lot: Vec<u8>,
		serial: Vec<u8>,
		proof: SerialProof,
	) -> UnitVerification {
		let Ok(lot) = Lot::try_from(lot) else { return UnitVerification::Unknown };
		let Some((root_id, serials_root)) = Lots::<T>::get(gtin, &lot) else {
			return UnitVerification::Unknown;
		};
		let Some(root) = Batches::<T>::get(root_id) else { return UnitVerification::Unknown };
		if !is_serial_of(&serials_root, root.quantity, &serial, proof) {
			return UnitVerification::InvalidProof;
		}
		let flags = Flags::<T>::get(root_id);
		if flags.recalls > 0 {
			UnitVerification::Recalled
		} else if flags.quarantines > 0 {
			UnitVerification::Quarantined
		} else if T::Time::now() >= root.expires_on {
			UnitVerification::Expired
		} else {
			UnitVerification::Authentic(UnitStatus {
				batch_id: root_id,
				expires_on: root.expires_on,
			})
		}
	}

	/// The rules this pallet promises, checked after every unit test, by try-runtime and by the
	/// runtime fuzzer (`fuzz/`):
	///
	/// - every batch conserves its units: `quantity = held + in_transit + dispensed + destroyed +
	///   shipped_out`;
	/// - across each lot's tree, held + in transit + dispensed + destroyed = commissioned;
	/// - every child's parent exists, shares its root, product and lot, and is one level up, within
	///   `MaxSplitDepth`;
	/// - every lot's root batch exists and is a root; every shipment's batch exists and is in
	///   transit exactly while the shipment is neither received nor returned, and no shipment is
	///   both; a returned shipment's batch is back with its sender;
	/// - each lot's recall and quarantine counts match its batches' flags, and exactly the
	///   quarantined batches record who quarantined them.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;

		let mut tree_units: BTreeMap<BatchId, u64> = BTreeMap::new();
		let mut flags: BTreeMap<BatchId, LotFlags> = BTreeMap::new();
		for (batch_id, batch) in Batches::<T>::iter() {
			let accounted = [batch.held, batch.in_transit, batch.dispensed, batch.destroyed]
				.into_iter()
				.fold(0u64, |sum, units| sum.saturating_add(u64::from(units)));
			ensure!(
				u64::from(batch.quantity) == accounted.saturating_add(u64::from(batch.shipped_out)),
				"a batch does not conserve its units"
			);
			let units = tree_units.entry(batch.root).or_default();
			*units = units.saturating_add(accounted);
			let entry = flags.entry(batch.root).or_default();
			if batch.recalled {
				entry.recalls = entry.recalls.saturating_add(1);
			}
			if batch.quarantined {
				entry.quarantines = entry.quarantines.saturating_add(1);
			}
			ensure!(
				batch.quarantined == QuarantinedBy::<T>::contains_key(batch_id),
				"a quarantine and its author disagree"
			);
			match batch.parent {
				None => ensure!(
					batch.root == batch_id && batch.depth == 0,
					"a root batch is not its own root"
				),
				Some(parent) => {
					let parent = Batches::<T>::get(parent).ok_or("a batch's parent is gone")?;
					ensure!(
						parent.root == batch.root
							&& parent.gtin == batch.gtin
							&& parent.lot == batch.lot
							&& parent.depth.saturating_add(1) == batch.depth,
						"a split does not match its parent"
					);
					ensure!(batch.depth <= T::MaxSplitDepth::get(), "a split is too deep");
				},
			}
		}
		for (_, _, (root_id, _)) in Lots::<T>::iter() {
			let root = Batches::<T>::get(root_id).ok_or("a lot's root batch is gone")?;
			ensure!(root.parent.is_none(), "a lot points at a split");
			ensure!(
				tree_units.get(&root_id).copied().unwrap_or_default() == u64::from(root.quantity),
				"a lot's units are not conserved across its splits"
			);
			ensure!(
				flags.get(&root_id).copied().unwrap_or_default() == Flags::<T>::get(root_id),
				"a lot's recall or quarantine count is wrong"
			);
		}
		for (_, shipment) in Shipments::<T>::iter() {
			let batch = Batches::<T>::get(shipment.batch_id).ok_or("a shipment's batch is gone")?;
			ensure!(!(shipment.received && shipment.returned), "a shipment ended twice");
			let in_transit = if shipment.is_open() { shipment.quantity } else { 0 };
			ensure!(batch.in_transit == in_transit, "a shipment and its batch disagree");
			ensure!(
				!shipment.returned || batch.custodian == shipment.from,
				"a returned shipment is not back with its sender"
			);
		}
		for (batch_id, _) in QuarantinedBy::<T>::iter() {
			ensure!(
				Batches::<T>::get(batch_id).is_some_and(|batch| batch.quarantined),
				"a quarantine author is recorded for a batch not quarantined"
			);
		}
		Ok(())
	}
}
