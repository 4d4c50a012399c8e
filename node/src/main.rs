//! `carechain-node`: the node that hospitals, pharmacies, manufacturers and regulators run to
//! validate Carechain. Aura authors blocks, GRANDPA finalises them, ParityDB stores the state.

mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod hardening;
mod rpc;
mod service;

/// jemalloc rather than glibc's malloc, as polkadot's node does. At each finalisation a node
/// syncing blocks full of records builds and frees a commit of a gigabyte of trie nodes; glibc
/// kept the freed memory (a syncing node settled 2.4 GB higher after three finalisations), and
/// jemalloc gives it back (benchmarks/scale-report.md, session 22).
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> sc_cli::Result<()> {
	command::run()
}
