# Shared by the scripts: where the build lives and how to fail helpfully. Sourced, not run.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Builds are kept outside the checkout so that fresh clones on the same machine start warm.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/carechain/target}
export npm_config_cache=${npm_config_cache:-$HOME/.cache/carechain/npm}
# rustup installs cargo here; a fresh login shell may not have it on PATH yet.
[[ -d $HOME/.cargo/bin ]] && export PATH="$HOME/.cargo/bin:$PATH"

die() {
	echo "error: $*" >&2
	exit 1
}

# The debug node that `cargo test` and `cargo build` produce.
node_binary() {
	echo "$CARGO_TARGET_DIR/debug/carechain-node"
}
