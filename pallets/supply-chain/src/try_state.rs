//! The pallet's invariants, for `try_state`, the unit tests and the runtime fuzzer.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use frame::deps::sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
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
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
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
