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

# Runs one of the load harness's TypeScript entry points (apps/src/load/<entry>.ts) on the release
# node (built here unless $CARECHAIN_NODE names one), passing the script's arguments on; the value
# of option `path_option`, when relative, is made relative to where the script was called from.
#   run_harness <name for messages> <entry> <path option> "$@"
run_harness() {
	local name=$1 entry=$2 path_option=$3
	shift 3
	if [[ -z ${CARECHAIN_NODE:-} ]]; then
		echo "$name: building carechain-node (release)"
		cargo build --locked --release -p carechain-node --features runtime-benchmarks \
			--manifest-path "$ROOT/Cargo.toml"
		CARECHAIN_NODE=$CARGO_TARGET_DIR/release/carechain-node
	fi
	[[ -x $CARECHAIN_NODE ]] || die "no node binary at $CARECHAIN_NODE"
	local caller=$PWD
	cd "$ROOT/apps"
	[[ -d node_modules ]] || npm ci --no-audit --no-fund
	local args=("$@") i
	for i in "${!args[@]}"; do
		if [[ ${args[$i]} == "$path_option" && -n ${args[$((i + 1))]:-} && ${args[$((i + 1))]} != /* ]]; then
			args[$((i + 1))]=$caller/${args[$((i + 1))]}
		fi
	done
	exec npx --no-install tsx "src/load/$entry.ts" --node "$CARECHAIN_NODE" "${args[@]}"
}
