use substrate_build_script_utils::{generate_cargo_keys, rerun_if_git_head_changed};

fn main() {
	// Embeds the git commit in `--version`, so operators can tell which build they run.
	generate_cargo_keys();
	rerun_if_git_head_changed();
}
