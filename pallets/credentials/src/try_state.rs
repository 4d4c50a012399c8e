//! The rules the pallet promises, as one check: run after every unit test, by try-runtime and
//! by the runtime fuzzer.

use crate::*;
use carechain_primitives::HeldDeposits;
use frame::deps::sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// The rules this pallet promises, checked after every unit test, by try-runtime and by the
	/// runtime fuzzer (`fuzz/`):
	///
	/// - every issuer lists at least one kind, none twice, within the bound, each under an epoch
	///   below `NextIssuerEpoch`, and no two issuers share an epoch;
	/// - every credential ends after it was issued and names an epoch that was handed out;
	/// - each issuer's held deposits equal the sum of the deposits of the credentials it issued.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		use alloc::collections::btree_set::BTreeSet;

		let next_epoch = NextIssuerEpoch::<T>::get();
		let mut epochs = BTreeSet::new();
		for (_, issuer) in Issuers::<T>::iter() {
			ensure_distinct(&issuer.kinds().collect::<Vec<_>>())
				.map_err(|_| "an issuer has no kinds or a duplicate kind")?;
			let own: BTreeSet<u32> = issuer.kinds.iter().map(|issuable| issuable.epoch).collect();
			for epoch in own {
				ensure!(epoch < next_epoch, "an issuer's epoch was never handed out");
				ensure!(epochs.insert(epoch), "two issuers share an epoch");
			}
		}

		let mut held = HeldDeposits::default();
		for (_, _, credential) in Credentials::<T>::iter() {
			ensure!(
				credential.valid_until > credential.issued_at,
				"a credential ends before it was issued"
			);
			ensure!(credential.issuer_epoch < next_epoch, "a credential names an unknown epoch");
			held.add(credential.issuer.clone(), credential.deposit);
		}
		held.check::<T::Currency>(
			&HoldReason::CredentialDeposit.into(),
			"an issuer's held deposit differs from its credentials'",
		)?;
		Ok(())
	}
}
