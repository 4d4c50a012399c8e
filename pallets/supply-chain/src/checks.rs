//! What calls check before they act, reading and never writing: which credentials let an account
//! ship, receive or dispense, who may act on a batch or a shipment, and whether a batch may move.
//! Recalls and quarantines reach down a lot's split tree here, when asked, instead of being copied
//! to every split when made.

use crate::*;

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

impl<T: Config> Pallet<T> {
	/// The batch of `shipment`, while the shipment is neither received nor returned.
	pub(crate) fn batch_in_transit(
		shipment: &Shipment<T::AccountId>,
	) -> Result<Batch<T::AccountId>, DispatchError> {
		ensure!(!shipment.received, Error::<T>::AlreadyReceived);
		ensure!(!shipment.returned, Error::<T>::AlreadyReturned);
		let batch = Batches::<T>::get(shipment.batch_id).ok_or(Error::<T>::UnknownBatch)?;
		Ok(batch)
	}

	/// Batch `batch_id`, if `who` is its custodian.
	pub(crate) fn custodied(
		batch_id: BatchId,
		who: &T::AccountId,
	) -> Result<Batch<T::AccountId>, DispatchError> {
		let batch = Batches::<T>::get(batch_id).ok_or(Error::<T>::UnknownBatch)?;
		ensure!(batch.custodian == *who, Error::<T>::NotCustodian);
		Ok(batch)
	}

	/// Batch `batch_id`, if `who` may quarantine or release it.
	pub(crate) fn quarantine_authority(
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
	pub(crate) fn is_licensed_manufacturer_of(
		batch: &Batch<T::AccountId>,
		who: &T::AccountId,
	) -> bool {
		Products::<T>::get(batch.gtin).is_some_and(|product| product.manufacturer == *who)
			&& T::Credentials::is_valid(who, CredentialKind::Manufacturer)
	}

	/// Batches that are recalled or quarantined, or split from one that is, cannot move. A
	/// recall is reported before a quarantine.
	pub(crate) fn ensure_movable(batch: &Batch<T::AccountId>) -> DispatchResult {
		let hold = Self::hold_of(batch);
		ensure!(!hold.recalled, Error::<T>::BatchIsRecalled);
		ensure!(!hold.quarantined, Error::<T>::BatchIsQuarantined);
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
}
