//! Interim weights for `pallet_tx_pause`: polkadot-sdk's, measured on its reference machine, until
//! `scripts/bench` (which lists this pallet) measures it on this one and replaces this file.

/// The weight of each call of `pallet_tx_pause`.
pub type WeightInfo<T> = pallet_tx_pause::weights::SubstrateWeight<T>;
