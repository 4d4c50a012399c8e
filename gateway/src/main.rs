//! `carechain-gateway`: serves FHIR R4 beside a Carechain node. See `docs/GATEWAY.md`.

use std::{net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};

use carechain_gateway::{
	api::{router, Gateway},
	chain::Chain,
	envelope::MasterKey,
	follower,
	store::Vault,
	Config,
};
use clap::{Parser, Subcommand};

/// The environment variable that may hold the master key (64 hex digits) instead of a file.
const KEY_ENV: &str = "CARECHAIN_GATEWAY_MASTER_KEY";

#[derive(Parser)]
#[command(
	name = "carechain-gateway",
	version,
	about = "Health records encrypted off chain, released over FHIR R4 only to readers the Carechain chain permits"
)]
struct Cli {
	#[command(subcommand)]
	command: Option<Command>,
	#[command(flatten)]
	serve: Serve,
}

#[derive(clap::Args)]
struct Serve {
	/// The local node's WebSocket JSON-RPC endpoint.
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// Where to listen (behind a TLS-terminating reverse proxy in production). Port 0 picks one.
	#[arg(long, default_value = "127.0.0.1:8090")]
	listen: SocketAddr,
	/// Where envelopes are kept: a directory, or `s3://<bucket>[/<prefix>]` (a build with the
	/// `s3` feature; configured from the AWS_* environment).
	#[arg(long, default_value = "gateway-store")]
	store: String,
	/// A file holding the master key (64 hex digits); or set CARECHAIN_GATEWAY_MASTER_KEY.
	#[arg(long)]
	master_key_file: Option<PathBuf>,
	/// The largest request body accepted, in bytes.
	#[arg(long, default_value_t = 16 * 1024 * 1024)]
	max_body_bytes: usize,
	/// Seconds an upload waits for its anchoring before it is deleted.
	#[arg(long, default_value_t = 3600)]
	pending_ttl_secs: u64,
	/// How many uploads one account may have waiting for their anchoring at once.
	#[arg(long, default_value_t = 10_000)]
	max_pending_per_uploader: usize,
	/// How many blocks behind the best block a logged read may be.
	#[arg(long, default_value_t = 100)]
	max_log_age_blocks: u32,
	/// Seconds a request's signing time may be off the gateway's clock.
	#[arg(long, default_value_t = 300)]
	max_skew_secs: u64,
	/// Milliseconds between polls of the node for finalised blocks.
	#[arg(long, default_value_t = 1000)]
	poll_ms: u64,
	/// The indexer's GraphQL endpoint (http://host:port/graphql), for `GET /fhir/AuditEvent`.
	#[arg(long)]
	indexer: Option<String>,
	/// A web app's origin (`http://host:port`, as browsers send it) whose pages may call the
	/// gateway (CORS); repeat for each. None by default: browsers then refuse cross-origin calls.
	#[arg(long = "allow-origin", value_name = "ORIGIN")]
	allow_origins: Vec<String>,
}

#[derive(Subcommand)]
enum Command {
	/// Re-wraps every envelope's data key from the old master key to the new one (bodies are not
	/// re-encrypted). Run it with the gateway stopped, then start the gateway with the new key.
	Rotate {
		/// The store: a directory, or `s3://<bucket>[/<prefix>]`.
		#[arg(long)]
		store: String,
		/// The file holding the current master key.
		#[arg(long)]
		old_key_file: PathBuf,
		/// The file holding the new master key.
		#[arg(long)]
		new_key_file: PathBuf,
	},
}

fn read_key(path: &std::path::Path) -> Result<MasterKey, String> {
	let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
	MasterKey::from_hex(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn master_key(file: Option<&std::path::Path>) -> Result<MasterKey, String> {
	match (file, std::env::var(KEY_ENV)) {
		(Some(path), _) => read_key(path),
		(None, Ok(text)) => MasterKey::from_hex(&text).map_err(|e| format!("{KEY_ENV}: {e}")),
		(None, Err(_)) => Err(format!("no master key: give --master-key-file or set {KEY_ENV}")),
	}
}

/// An `--allow-origin`: a scheme, a host and perhaps a port, nothing more (no path, no `*`), as
/// a browser's `Origin` header names a page's origin.
fn checked_origin(origin: &str) -> Result<String, String> {
	let rest = origin
		.strip_prefix("http://")
		.or_else(|| origin.strip_prefix("https://"))
		.ok_or_else(|| {
			format!("--allow-origin {origin:?}: an origin starts with http:// or https://")
		})?;
	let valid = !rest.is_empty()
		&& rest
			.chars()
			.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
	if !valid {
		return Err(format!(
			"--allow-origin {origin:?}: an origin is scheme://host[:port], with no path, wildcard or trailing slash"
		));
	}
	Ok(origin.to_owned())
}

async fn serve(args: Serve) -> Result<(), String> {
	let master = master_key(args.master_key_file.as_deref())?;
	let allowed_origins = args
		.allow_origins
		.iter()
		.map(|origin| checked_origin(origin))
		.collect::<Result<_, _>>()?;
	let vault = Vault::open(&args.store).map_err(|e| e.to_string())?;
	let chain = Chain::connect(&args.node).await.map_err(|e| e.to_string())?;
	let genesis = chain
		.hash_of(0)
		.await
		.map_err(|e| e.to_string())?
		.ok_or("the node has no genesis block")?;
	vault.bind_to_chain(genesis).await.map_err(|e| e.to_string())?;
	let config = Config {
		max_body: args.max_body_bytes,
		pending_ttl: Duration::from_secs(args.pending_ttl_secs),
		max_pending_per_uploader: args.max_pending_per_uploader.max(1),
		max_log_age: args.max_log_age_blocks,
		max_skew: Duration::from_secs(args.max_skew_secs),
		poll: Duration::from_millis(args.poll_ms.max(1)),
		indexer: args
			.indexer
			.as_deref()
			.map(carechain_gateway::audit::Indexer::parse)
			.transpose()?,
		allowed_origins,
		..Config::default()
	};
	let gateway = Arc::new(Gateway::new(config, chain, vault, master));
	let pending = gateway.count_pending().await.map_err(|e| e.to_string())?;
	tracing::info!("{pending} uploads wait for their anchoring");
	// The nonces the last run saw, saved when it stopped: without them (it crashed), requests
	// signed before this start are refused, so none captured then is replayed now.
	match gateway.vault.take_nonces().await.map_err(|e| e.to_string())? {
		Some(saved) => {
			let kept = gateway.verifier.import(&saved, carechain_gateway::now_ms());
			tracing::info!("{kept} nonces of the last run still within the signing window");
		},
		None => gateway.verifier.refuse_signed_before(carechain_gateway::now_ms()),
	}
	let listener = tokio::net::TcpListener::bind(args.listen)
		.await
		.map_err(|e| format!("{}: {e}", args.listen))?;
	let address = listener.local_addr().map_err(|e| e.to_string())?;
	tokio::spawn(follower::run(gateway.clone()));
	if cfg!(feature = "unchecked-benchmark") {
		eprintln!("carechain-gateway: WARNING: built with unchecked-benchmark: /unchecked/ serves records without any check; for benchmarks only");
	}
	println!(
		"carechain-gateway: serving FHIR R4 on http://{address}/fhir (node {}, store {}, master key {})",
		args.node,
		args.store,
		gateway.master.id()
	);
	axum::serve(listener, router(gateway.clone()))
		.with_graceful_shutdown(shutdown_signal())
		.await
		.map_err(|e| e.to_string())?;
	// Stopped cleanly: the next run reads the nonces still within the signing window.
	let nonces = gateway.verifier.export(carechain_gateway::now_ms());
	gateway.vault.save_nonces(nonces).await.map_err(|e| e.to_string())
}

/// Ctrl-C, or SIGTERM (what `docker stop`, systemd and `kill` send): the server stops taking
/// connections and finishes the requests in flight before the process exits.
async fn shutdown_signal() {
	let interrupt = async {
		let _ = tokio::signal::ctrl_c().await;
	};
	#[cfg(unix)]
	let terminate = async {
		match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
			Ok(mut signal) => {
				signal.recv().await;
			},
			Err(_) => std::future::pending::<()>().await,
		}
	};
	#[cfg(not(unix))]
	let terminate = std::future::pending::<()>();
	tokio::select! {
		() = interrupt => {},
		() = terminate => {},
	}
	eprintln!("carechain-gateway: shutting down; finishing the requests in flight");
}

async fn rotate(store: String, old: PathBuf, new: PathBuf) -> Result<(), String> {
	let old = read_key(&old)?;
	let new = read_key(&new)?;
	let vault = Vault::open(&store).map_err(|e| e.to_string())?;
	let (rotated, kept) = vault.rewrap_all(&old, &new).await.map_err(|e| e.to_string())?;
	println!(
		"carechain-gateway: {rotated} envelopes re-wrapped to master key {} ({kept} already were)",
		new.id()
	);
	Ok(())
}

#[tokio::main]
async fn main() {
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env()
				.unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
		)
		.with_writer(std::io::stderr)
		.init();
	let cli = Cli::parse();
	let result = match cli.command {
		Some(Command::Rotate { store, old_key_file, new_key_file }) => {
			rotate(store, old_key_file, new_key_file).await
		},
		None => serve(cli.serve).await,
	};
	if let Err(e) = result {
		eprintln!("carechain-gateway: {e}");
		std::process::exit(1);
	}
}
