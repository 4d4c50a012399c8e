//! The command line: the standard Substrate run flags plus the subcommands an operator needs.

use sc_cli::RunCmd;

#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: RunCmd,
}

#[derive(Debug, clap::Subcommand)]
pub enum Subcommand {
	/// Generate, inspect and insert keys (Aura: sr25519, GRANDPA: ed25519).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Write a chain specification (plain, or `--raw` for the genesis storage itself).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Check that a block imports cleanly.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state at a block as a chain specification.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Delete the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmark pallets (weights), blocks, storage, overhead, extrinsics and the machine.
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Print information about the database.
	ChainInfo(sc_cli::ChainInfoCmd),
}
