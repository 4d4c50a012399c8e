//! Start-up checks that keep a production network off development keys.
//!
//! The well-known development accounts (Alice, Bob, … and their stashes) have public secret
//! phrases. A `Live` chain whose genesis makes one of them a consortium member or an authority can
//! be taken over by anyone, so the node refuses to run it: build the consortium's spec with its own
//! keys (docs/VALIDATORS.md). Development and local chains are not checked.

use sc_service::{ChainSpec, ChainType};
use sp_io::hashing::twox_128;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The storage key of a `StorageValue`.
fn value_key(pallet: &str, item: &str) -> Vec<u8> {
	[twox_128(pallet.as_bytes()), twox_128(item.as_bytes())].concat()
}

/// Every well-known development public key, by name.
fn dev_keys() -> Vec<(String, [u8; 32])> {
	let sr = Sr25519Keyring::iter().map(|k| (format!("{k:?} (sr25519)"), k.public().0));
	let ed = Ed25519Keyring::iter().map(|k| (format!("{k:?} (ed25519)"), k.public().0));
	sr.chain(ed).collect()
}

/// Fails when `spec` is a `Live` chain whose genesis consortium (the Council's members),
/// validators, session keys, or Aura or GRANDPA authorities include a development key.
pub fn refuse_dev_keys_on_live_chains(spec: &dyn ChainSpec) -> Result<(), String> {
	if spec.chain_type() != ChainType::Live {
		return Ok(());
	}
	let storage = spec.as_storage_builder().build_storage()?;
	let checked = [
		("consortium members", value_key("CouncilMembership", "Members")),
		("validators", value_key("Session", "Validators")),
		("session keys", value_key("Session", "QueuedKeys")),
		("Council members", value_key("Council", "Members")),
		("Aura authorities", value_key("Aura", "Authorities")),
		("GRANDPA authorities", value_key("Grandpa", "Authorities")),
	];
	let dev = dev_keys();
	for (what, key) in checked {
		let Some(value) = storage.top.get(&key) else { continue };
		if let Some((name, _)) =
			dev.iter().find(|(_, public)| value.windows(32).any(|window| window == public))
		{
			return Err(format!(
				"refusing to run the live chain `{}`: its {what} include the public development \
				 key {name}, whose secret anyone knows. Build the chain spec with the \
				 consortium's own keys (docs/VALIDATORS.md), or mark a test network \
				 `\"chainType\": \"Local\"`.",
				spec.id()
			));
		}
	}
	Ok(())
}
