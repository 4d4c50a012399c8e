//! `carechain-node`: the node that hospitals, pharmacies, manufacturers and regulators run to
//! validate Carechain. Aura authors blocks, GRANDPA finalises them, ParityDB stores the state.

mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod hardening;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
