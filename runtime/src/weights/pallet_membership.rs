//! Interim weights for `pallet_membership`: polkadot-sdk's, measured on its reference machine,
//! until `scripts/bench` (which lists this pallet) measures it on this one and replaces this file.

/// The weight of each call of `pallet_membership`.
pub type WeightInfo<T> = pallet_membership::weights::SubstrateWeight<T>;
