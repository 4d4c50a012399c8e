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
//! Each lot records the Merkle root of its serial numbers, one leaf per commissioned unit, so
//! that anyone can check a single pack against the lot without the chain storing its serials.
//! The tree's recipe, and what `SupplyChainApi::verify_unit` answers, are in [`gs1`].
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
//! regulator can release one placed in bad faith. `return_shipment` is an addition to the
//! design's call list (see the batches section above for why).
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
//! and refunded the reads of the kinds not checked. The id counters [`NextBatchId`] and
//! [`NextShipmentId`] are charged once per block in `on_initialize` (each reaches the database
//! once per block however many calls use it), not per call.

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

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod checks;
pub mod gs1;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod try_state;
mod types;
pub mod weights;

use carechain_primitives::{
	next_id, refund_lookup_reads, BatchId, CredentialInspect, CredentialKind, Gtin, Moment,
	ShipmentId,
};
use frame::{prelude::*, traits::Time};

#[cfg(feature = "try-runtime")]
use frame::deps::sp_runtime::TryRuntimeError;

#[cfg(feature = "runtime-benchmarks")]
pub use benchmarking::BenchmarkHelper;
pub use checks::{DISPENSERS, SHIPPERS, TRADING_PARTNERS};
pub use gs1::*;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

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

	/// The id the next shipment gets. Whitelisted in the benchmarks and charged once per block
	/// in `on_initialize`, as [`NextBatchId`] is and for the same reason.
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

	/// Each event is one EPCIS business step, named by its variant (`Shipped` is shipping), so
	/// none repeats the step in a field; apps map variants to EPCIS steps.
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
			at: Moment,
		},
		/// A shipment arrived; custody of its batch moved to the addressee.
		Received {
			shipment_id: ShipmentId,
			batch_id: BatchId,
			quantity: u32,
			by: T::AccountId,
			at: Moment,
		},
		/// Units were dispensed to patients.
		Dispensed { batch_id: BatchId, quantity: u32, by: T::AccountId, at: Moment },
		/// A batch, and everything split from it, was recalled.
		Recalled { batch_id: BatchId, reason_hash: H256, by: T::AccountId, at: Moment },
		/// A batch was quarantined for investigation.
		Quarantined { batch_id: BatchId, by: T::AccountId, at: Moment },
		/// A quarantined batch was released.
		Released { batch_id: BatchId, by: T::AccountId, at: Moment },
		/// Units were destroyed.
		Destroyed { batch_id: BatchId, quantity: u32, by: T::AccountId, at: Moment },
		/// A shipment went back to its sender before receipt; its batch is the sender's again.
		ShipmentReturned {
			shipment_id: ShipmentId,
			batch_id: BatchId,
			quantity: u32,
			by: T::AccountId,
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
		ProductAlreadyRegistered,
		/// No product has this GTIN.
		UnknownProduct,
		/// Only the product's manufacturer may do this.
		NotProductManufacturer,
		/// A lot number is 1 to 20 characters of the GS1 character set.
		InvalidLot,
		/// This product already has a lot with this number.
		LotAlreadyCommissioned,
		/// Quantities must be positive.
		ZeroQuantity,
		/// The expiry must lie in the future.
		ExpiryNotInFuture,
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
		BatchIsRecalled,
		/// The batch, or one it was split from, is quarantined.
		BatchIsQuarantined,
		/// The batch has expired.
		BatchIsExpired,
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
		BatchNotQuarantined,
		/// Ids are exhausted.
		IdOverflow,
		/// The sender holds no valid Manufacturer, Distributor, Pharmacy or Hospital credential.
		NotShipper,
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
		/// Emits `ProductRegistered`. Errors: `InvalidGtin`, `NotManufacturer`,
		/// `ProductAlreadyRegistered`.
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
			ensure!(!Products::<T>::contains_key(gtin), Error::<T>::ProductAlreadyRegistered);
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
		/// `NotManufacturer`, `InvalidLot`, `LotAlreadyCommissioned`, `ZeroQuantity`,
		/// `ExpiryNotInFuture`, `IdOverflow`.
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
			ensure!(!Lots::<T>::contains_key(gtin, &lot), Error::<T>::LotAlreadyCommissioned);
			ensure!(quantity > 0, Error::<T>::ZeroQuantity);
			let now = T::Time::now();
			ensure!(expires_on > now, Error::<T>::ExpiryNotInFuture);

			let batch_id = Self::do_commission(
				gtin,
				lot.clone(),
				expires_on,
				quantity,
				manufacturer.clone(),
				serials_root,
			)?;
			Self::deposit_event(Event::BatchCommissioned {
				batch_id,
				gtin,
				lot,
				quantity,
				expires_on,
				manufacturer,
				at: now,
			});
			Ok(())
		}

		/// Ships `quantity` units of batch `batch_id` to `to`, in a new child batch that is in
		/// transit until `to` receives it.
		///
		/// - origin: the batch's custodian, holding a valid [`SHIPPERS`] credential.
		///
		/// Emits `Shipped`. Errors: `UnknownBatch`, `NotCustodian`, `NotShipper`,
		/// `ZeroQuantity`, `InsufficientQuantity`, `BatchIsRecalled`, `BatchIsQuarantined`,
		/// `BatchIsExpired`, `ShipToSelf`, `NotTradingPartner`, `SplitTooDeep`, `IdOverflow`.
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
			let batch = Self::custodied(batch_id, &from)?;
			let shipper = T::Credentials::first_held(&from, &SHIPPERS);
			ensure!(shipper.kind.is_some(), Error::<T>::NotShipper);
			ensure!(quantity > 0, Error::<T>::ZeroQuantity);
			ensure!(batch.held >= quantity, Error::<T>::InsufficientQuantity);
			let now = T::Time::now();
			Self::ensure_movable(&batch)?;
			ensure!(now < batch.expires_on, Error::<T>::BatchIsExpired);
			ensure!(to != from, Error::<T>::ShipToSelf);
			let partner = T::Credentials::first_held(&to, &TRADING_PARTNERS);
			ensure!(partner.kind.is_some(), Error::<T>::NotTradingPartner);
			let depth = batch.depth.saturating_add(1);
			ensure!(depth <= T::MaxSplitDepth::get(), Error::<T>::SplitTooDeep);

			let (shipment_id, child_batch_id) =
				Self::do_ship(batch_id, batch, &from, &to, quantity, now)?;
			Self::deposit_event(Event::Shipped {
				shipment_id,
				batch_id,
				child_batch_id,
				quantity,
				from,
				to,
				at: now,
			});
			// Charged for the deepest batch and the last kinds of both lists; refunded to these.
			let weight = T::WeightInfo::ship(depth.saturating_sub(1));
			let weight = refund_lookup_reads::<T::DbWeight>(weight, shipper.lookups);
			Ok(Some(refund_lookup_reads::<T::DbWeight>(weight, partner.lookups)).into())
		}

		/// Receives shipment `shipment_id`: the addressee takes custody of its batch.
		///
		/// - origin: the shipment's addressee, still holding a valid [`TRADING_PARTNERS`]
		///   credential; the sender must still hold a valid [`SHIPPERS`] credential.
		///
		/// Emits `Received`. Errors: `UnknownShipment`, `NotAddressee`, `AlreadyReceived`,
		/// `AlreadyReturned`, `UnknownBatch`, `NotTradingPartner`, `NotShipper`,
		/// `BatchIsRecalled`, `BatchIsQuarantined`.
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
			let shipment = Shipments::<T>::get(shipment_id).ok_or(Error::<T>::UnknownShipment)?;
			ensure!(shipment.to == who, Error::<T>::NotAddressee);
			let batch = Self::batch_in_transit(&shipment)?;
			let partner = T::Credentials::first_held(&who, &TRADING_PARTNERS);
			ensure!(partner.kind.is_some(), Error::<T>::NotTradingPartner);
			let shipper = T::Credentials::first_held(&shipment.from, &SHIPPERS);
			ensure!(shipper.kind.is_some(), Error::<T>::NotShipper);
			Self::ensure_movable(&batch)?;
			let weight = refund_lookup_reads::<T::DbWeight>(
				T::WeightInfo::receive(batch.depth),
				partner.lookups,
			);
			let weight = refund_lookup_reads::<T::DbWeight>(weight, shipper.lookups);

			let (batch_id, quantity) = Self::do_receive(shipment_id, shipment, batch);
			Self::deposit_event(Event::Received {
				shipment_id,
				batch_id,
				quantity,
				by: who,
				at: T::Time::now(),
			});
			Ok(Some(weight).into())
		}

		/// Dispenses `quantity` units of batch `batch_id` to patients.
		///
		/// - origin: the custodian, holding a valid Pharmacy or Hospital credential.
		///
		/// Emits `Dispensed`. Errors: `UnknownBatch`, `NotCustodian`, `NotDispenser`,
		/// `ZeroQuantity`, `InsufficientQuantity`, `BatchIsRecalled`, `BatchIsQuarantined`,
		/// `BatchIsExpired`.
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
			let dispenser = T::Credentials::first_held(&who, &DISPENSERS);
			ensure!(dispenser.kind.is_some(), Error::<T>::NotDispenser);
			ensure!(quantity > 0, Error::<T>::ZeroQuantity);
			ensure!(batch.held >= quantity, Error::<T>::InsufficientQuantity);
			Self::ensure_movable(&batch)?;
			let now = T::Time::now();
			ensure!(now < batch.expires_on, Error::<T>::BatchIsExpired);
			let weight = refund_lookup_reads::<T::DbWeight>(
				T::WeightInfo::dispense(batch.depth),
				dispenser.lookups,
			);

			batch.dispense(quantity);
			Batches::<T>::insert(batch_id, batch);
			Self::deposit_event(Event::Dispensed { batch_id, quantity, by: who, at: now });
			Ok(Some(weight).into())
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
			Self::deposit_event(Event::Quarantined { batch_id, by: who, at: T::Time::now() });
			Ok(())
		}

		/// Releases quarantined batch `batch_id`.
		///
		/// - origin: the account that quarantined it, while it still may quarantine it (the
		///   custodian, the manufacturer holding a valid Manufacturer credential, or a valid
		///   Regulator), or any valid Regulator. A custodian or manufacturer whose stock someone
		///   else quarantined cannot lift the hold.
		///
		/// Emits `Released`. Errors: `UnknownBatch`, `NotQuarantineAuthority`,
		/// `BatchNotQuarantined`.
		///
		/// ## Complexity
		/// O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::release())]
		pub fn release(origin: OriginFor<T>, batch_id: BatchId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut batch = Self::quarantine_authority(batch_id, &who)?;
			ensure!(batch.quarantined, Error::<T>::BatchNotQuarantined);
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
			Self::deposit_event(Event::Released { batch_id, by: who, at: T::Time::now() });
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
			batch.destroy(quantity);
			Batches::<T>::insert(batch_id, batch);
			Self::deposit_event(Event::Destroyed {
				batch_id,
				quantity,
				by: who,
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
			let batch = Self::batch_in_transit(&shipment)?;

			shipment.returned = true;
			let sender = shipment.from.clone();
			let (batch_id, quantity) = Self::hand_over(shipment_id, shipment, batch, sender);
			Self::deposit_event(Event::ShipmentReturned {
				shipment_id,
				batch_id,
				quantity,
				by: who,
				at: T::Time::now(),
			});
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Stores lot `lot` of `gtin` as a new root batch of `quantity` units, held by
	/// `manufacturer`, with the Merkle root of its serial numbers; returns the batch's id.
	fn do_commission(
		gtin: Gtin,
		lot: Lot,
		expires_on: Moment,
		quantity: u32,
		manufacturer: T::AccountId,
		serials_root: H256,
	) -> Result<BatchId, DispatchError> {
		let batch_id = next_id::<NextBatchId<T>, BatchId>().ok_or(Error::<T>::IdOverflow)?;
		Lots::<T>::insert(gtin, &lot, (batch_id, serials_root));
		let batch = Batch::commissioned(batch_id, gtin, lot, expires_on, quantity, manufacturer);
		Batches::<T>::insert(batch_id, batch);
		Ok(batch_id)
	}

	/// Splits `quantity` held units of `batch` (batch `batch_id`) off into a new child batch in
	/// transit from `from` to `to`, and records the shipment; returns the shipment's id and the
	/// child's.
	fn do_ship(
		batch_id: BatchId,
		mut batch: Batch<T::AccountId>,
		from: &T::AccountId,
		to: &T::AccountId,
		quantity: u32,
		now: Moment,
	) -> Result<(ShipmentId, BatchId), DispatchError> {
		let shipment_id =
			next_id::<NextShipmentId<T>, ShipmentId>().ok_or(Error::<T>::IdOverflow)?;
		let child_batch_id = next_id::<NextBatchId<T>, BatchId>().ok_or(Error::<T>::IdOverflow)?;
		let child = Batch::split(&batch, batch_id, quantity, to.clone());
		batch.ship_out(quantity);
		Batches::<T>::insert(batch_id, batch);
		Batches::<T>::insert(child_batch_id, child);
		let shipment = Shipment::sent(child_batch_id, from.clone(), to.clone(), quantity, now);
		Shipments::<T>::insert(shipment_id, shipment);
		Ok((shipment_id, child_batch_id))
	}

	/// Open shipment `shipment_id` arrives: its batch's units are held by the addressee.
	/// Returns the batch's id and the units moved.
	fn do_receive(
		shipment_id: ShipmentId,
		mut shipment: Shipment<T::AccountId>,
		batch: Batch<T::AccountId>,
	) -> (BatchId, u32) {
		shipment.received = true;
		let addressee = shipment.to.clone();
		Self::hand_over(shipment_id, shipment, batch, addressee)
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
		batch.hand_over(shipment.quantity, custodian);
		let moved = (shipment.batch_id, shipment.quantity);
		Batches::<T>::insert(moved.0, batch);
		Shipments::<T>::insert(shipment_id, shipment);
		moved
	}
}
