//! Weights for `pallet_collective` (the Council): polkadot-sdk's, measured on its reference
//! machine. Unlike the other standard pallets they are not measured here: the pallet's
//! benchmarks set the members as Root, and this runtime lets no one set the Council's members
//! but `CouncilMembership` (`configs/governance.rs`). Motions are made only by members, so an
//! error in these weights cannot be used to fill blocks by outsiders.

/// The weight of each call of `pallet_collective`.
pub type WeightInfo<T> = pallet_collective::weights::SubstrateWeight<T>;
