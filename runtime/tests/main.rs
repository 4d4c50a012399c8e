//! The runtime's tests: the real runtime on the genesis of its presets, across pallets. One test
//! binary, with a module per topic, so that the runtime is linked into one executable rather
//! than one per file (each link of the runtime and its dependencies costs seconds to a build).

mod common;

mod claims;
mod consent;
mod credentials;
mod erasure;
mod genesis_presets;
mod governance;
mod impersonation;
mod migrations;
mod patients;
#[cfg(feature = "runtime-benchmarks")]
mod population;
mod privacy;
mod quota;
mod records;
mod supply_chain;
mod trials;
mod validators;
mod weights;
