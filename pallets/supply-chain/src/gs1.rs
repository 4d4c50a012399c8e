//! GS1 identifiers, serial-number trees and pack verification: what a GTIN, a lot number and a
//! serial number may be, how a serial is tied to its lot, and what the chain answers about a
//! single pack.
//!
//! ## Serial-number trees
//!
//! `serials_root` is the root of a binary Merkle tree built with polkadot-sdk's
//! `binary-merkle-tree` crate over the lot's serial numbers, in the manufacturer's order:
//!
//! - a serial number is a GS1 AI 21 serial: 1 to 20 characters of GS1 character set 82
//!   ([`is_valid_serial`]);
//! - each leaf *value* is the byte `0x00` followed by the serial's ASCII bytes as printed
//!   ([`serial_leaf`]); the crate hashes it with BLAKE2b-256 to make the leaf hash: `leaf =
//!   blake2_256(0x00 ‖ serial)`;
//! - inner nodes are BLAKE2b-256 of the two child hashes concatenated, and a last odd node is
//!   promoted unchanged, as the crate does (`binary_merkle_tree::merkle_root::<BlakeTwo256, _>`);
//! - a proof is the leaf's index, the number of leaves and the sibling hashes from the leaf up
//!   (`binary_merkle_tree::merkle_proof`);
//! - the tree has exactly one leaf per commissioned unit: its number of leaves is the lot's
//!   commissioned `quantity`.
//!
//! Leaves and inner nodes cannot be confused: a leaf's preimage is 2 to 21 bytes and starts with
//! `0x00`, an inner node's is 64 bytes, so no inner node (nor the pair of hashes under it) can be
//! presented as a serial, and no leaf hash as an inner node. A proof is accepted only with the
//! lot's leaf count and exactly as many sibling hashes as the tree has levels above that leaf
//! ([`proof_len`]), so its shape cannot be chosen by the prover either.
//!
//! ## Pack verification
//!
//! `SupplyChainApi::verify_unit(gtin, lot, serial, proof)` answers `Unknown` for an unknown
//! lot, `InvalidProof` when the serial is not a GS1 serial or the proof does not tie it to the
//! lot (wrong leaf count, wrong length, or hashes that do not reach the root), then `Recalled`,
//! `Quarantined` or `Expired`, and otherwise `Authentic`. Which split holds a given pack is not
//! recorded, so a recall or quarantine of any split of a lot is reported for every pack of the
//! lot: the safe answer for a patient.

use crate::{Batches, Config, Flags, Lot, Lots, Pallet};
use alloc::vec::Vec;
use carechain_primitives::{Gtin, SerialProof, UnitStatus, UnitVerification};
use frame::{
	prelude::*,
	traits::{BlakeTwo256, Time},
};

/// The longest lot number GS1 allows (AI 10).
pub const MAX_LOT_LEN: u32 = 20;
/// The longest serial number GS1 allows (AI 21).
pub const MAX_SERIAL_LEN: usize = 20;
/// The byte every leaf value of a serial-number tree starts with (see the module docs).
pub const SERIAL_LEAF_PREFIX: u8 = 0x00;

/// Whether `gtin` is 14 ASCII digits whose last is the GS1 check digit of the first 13
/// (weights 3 and 1 alternating from the right of the 13, sum rounded up to a multiple of 10).
pub fn is_valid_gtin(gtin: &Gtin) -> bool {
	if !gtin.iter().all(u8::is_ascii_digit) {
		return false;
	}
	let digits = gtin.map(|d| u32::from(d.saturating_sub(b'0')));
	let (body, check) = digits.split_at(13);
	let sum: u32 = body
		.iter()
		.rev()
		.enumerate()
		.map(|(position, digit)| if position % 2 == 0 { digit.saturating_mul(3) } else { *digit })
		.fold(0u32, |sum, weighted| sum.saturating_add(weighted));
	// 13 digits of at most 9 × 3: the sum is far from overflowing; checked anyway.
	let expected = sum
		.checked_rem(10)
		.map(|r| 10u32.saturating_sub(r))
		.and_then(|d| d.checked_rem(10));
	check.first().is_some_and(|check| expected == Some(*check))
}

/// Whether `lot` is 1 to 20 characters of the GS1 AI encodable character set 82.
pub fn is_valid_lot(lot: &[u8]) -> bool {
	lot.len() <= MAX_LOT_LEN as usize && is_cset82(lot)
}

/// Whether `serial` is a GS1 AI 21 serial number: 1 to 20 characters of character set 82.
pub fn is_valid_serial(serial: &[u8]) -> bool {
	serial.len() <= MAX_SERIAL_LEN && is_cset82(serial)
}

/// The leaf value of `serial` in a lot's serial-number tree: `0x00 ‖ serial` (module docs).
pub fn serial_leaf(serial: &[u8]) -> Vec<u8> {
	core::iter::once(SERIAL_LEAF_PREFIX).chain(serial.iter().copied()).collect()
}

/// Whether `proof` ties `serial` to `serials_root`, the root of a lot of `quantity` units (the
/// module docs' recipe). The proof's shape is the lot's, not the prover's: a GS1 serial, one leaf
/// per commissioned unit, and exactly the siblings of that leaf's path.
pub fn is_serial_of(serials_root: &H256, quantity: u32, serial: &[u8], proof: SerialProof) -> bool {
	is_valid_serial(serial)
		&& proof.number_of_leaves == quantity
		&& proof_len(proof.leaf_index, proof.number_of_leaves) == Some(proof.items.len())
		&& binary_merkle_tree::verify_proof::<BlakeTwo256, _, _>(
			serials_root,
			proof.items,
			proof.number_of_leaves,
			proof.leaf_index,
			binary_merkle_tree::Leaf::Value(serial_leaf(serial).as_slice()),
		)
}

/// How many sibling hashes `binary_merkle_tree::merkle_proof` gives for leaf `leaf_index` of
/// `number_of_leaves`: one for every level at which the leaf's node has a sibling (a last odd
/// node is promoted without one). `None` for a leaf outside the tree.
pub fn proof_len(leaf_index: u32, number_of_leaves: u32) -> Option<usize> {
	if leaf_index >= number_of_leaves {
		return None;
	}
	let (mut position, mut width, mut len) = (leaf_index, number_of_leaves, 0usize);
	while width > 1 {
		let promoted = position % 2 == 0 && position.saturating_add(1) == width;
		if !promoted {
			len = len.saturating_add(1);
		}
		position /= 2;
		width = width.div_ceil(2);
	}
	Some(len)
}

/// Whether `text` is 1 or more characters of the GS1 AI encodable character set 82.
fn is_cset82(text: &[u8]) -> bool {
	!text.is_empty()
		&& text.iter().all(|c| {
			c.is_ascii_alphanumeric()
				|| matches!(
					c,
					b'!' | b'"'
						| b'%' | b'&' | b'\''
						| b'(' | b')' | b'*'
						| b'+' | b',' | b'-'
						| b'.' | b'/' | b':'
						| b';' | b'<' | b'='
						| b'>' | b'?' | b'_'
				)
		})
}

impl<T: Config> Pallet<T> {
	/// What `SupplyChainApi::verify_unit` answers (see the module docs).
	pub fn verify_unit(
		gtin: Gtin,
		lot: Vec<u8>,
		serial: Vec<u8>,
		proof: SerialProof,
	) -> UnitVerification {
		let Ok(lot) = Lot::try_from(lot) else { return UnitVerification::Unknown };
		let Some((root_id, serials_root)) = Lots::<T>::get(gtin, &lot) else {
			return UnitVerification::Unknown;
		};
		let Some(root) = Batches::<T>::get(root_id) else { return UnitVerification::Unknown };
		if !is_serial_of(&serials_root, root.quantity, &serial, proof) {
			return UnitVerification::InvalidProof;
		}
		let flags = Flags::<T>::get(root_id);
		if flags.recalls > 0 {
			UnitVerification::Recalled
		} else if flags.quarantines > 0 {
			UnitVerification::Quarantined
		} else if T::Time::now() >= root.expires_on {
			UnitVerification::Expired
		} else {
			UnitVerification::Authentic(UnitStatus {
				batch_id: root_id,
				expires_on: root.expires_on,
			})
		}
	}
}
