//! No health data on chain, checked on the runtime's own metadata: every storage item, call
//! argument and event field of Carechain's pallets is walked down to its primitive types, and
//! any type that could carry free-form personal data fails the test:
//!
//! - strings (`str`),
//! - byte strings (a sequence of `u8`: `Vec<u8>`, `BoundedVec<u8, _>`), unless listed in
//!   [`ALLOWED_BYTE_STRINGS`] with the reason it cannot hold personal data,
//! - byte arrays longer than 64 bytes (hashes are 32, account ids 32, a GTIN 14).
//!
//! Ids, enums, amounts, times, hashes and account ids pass. The allowance list must match what
//! the metadata holds exactly, so a new byte string fails until it is reasoned about here, and
//! a stale allowance fails too.

use std::collections::BTreeSet;

use carechain_runtime::Runtime;
use codec::MaxEncodedLen;
use frame_metadata::{
	v14::{RuntimeMetadataV14, StorageEntryType},
	RuntimeMetadata,
};
use scale_info::{PortableRegistry, TypeDef, TypeDefPrimitive};

/// Carechain's own pallets: the ones whose data this test vouches for.
const PALLETS: [&str; 5] = ["Credentials", "Patients", "Consent", "Records", "SupplyChain"];

/// Byte strings that may appear, by location, and why each cannot carry personal data.
const ALLOWED_BYTE_STRINGS: &[(&str, &str)] = &[
	(
		"SupplyChain.storage.Lots.key.1",
		"the lot half of the (GTIN, lot) key: a GS1 lot number (AI 10): at most 20 characters of GS1's character set, validated by \
		 `is_valid_lot`; it names a production lot of a medicine, never a person",
	),
	("SupplyChain.storage.Batches.value.lot", "the batch's GS1 lot number (as above)"),
	("SupplyChain.call.commission_batch.lot", "the GS1 lot number of the batch commissioned"),
	("SupplyChain.event.BatchCommissioned.lot", "the GS1 lot number of the batch commissioned"),
];

/// The longest byte array that is a hash, a key or a code rather than a payload.
const MAX_ARRAY_LEN: u32 = 64;

struct Walker<'a> {
	registry: &'a PortableRegistry,
	byte_strings: BTreeSet<String>,
	problems: Vec<String>,
}

impl Walker<'_> {
	fn walk(&mut self, id: u32, location: &str, depth: u32) {
		assert!(depth < 40, "type nesting too deep at {location}: a recursive type?");
		let ty = self.registry.resolve(id).unwrap_or_else(|| panic!("type {id} at {location}"));
		match &ty.type_def {
			TypeDef::Primitive(TypeDefPrimitive::Str) => {
				self.problems.push(format!("{location}: a string"));
			},
			TypeDef::Primitive(_) | TypeDef::BitSequence(_) => {},
			TypeDef::Sequence(seq) => {
				if self.is_u8(seq.type_param.id) {
					self.byte_strings.insert(location.to_string());
				} else {
					self.walk(seq.type_param.id, location, depth + 1);
				}
			},
			TypeDef::Array(array) => {
				if self.is_u8(array.type_param.id) {
					if array.len > MAX_ARRAY_LEN {
						self.problems.push(format!("{location}: a {}-byte array", array.len));
					}
				} else {
					self.walk(array.type_param.id, location, depth + 1);
				}
			},
			TypeDef::Compact(compact) => self.walk(compact.type_param.id, location, depth + 1),
			TypeDef::Tuple(tuple) => {
				for (i, field) in tuple.fields.iter().enumerate() {
					self.walk(field.id, &format!("{location}.{i}"), depth + 1);
				}
			},
			TypeDef::Composite(composite) => {
				for (i, field) in composite.fields.iter().enumerate() {
					let name = field.name.clone().unwrap_or_else(|| i.to_string());
					// Newtypes (`H256`, `AccountId32`, `BoundedVec`) keep their parent's location.
					let here = if composite.fields.len() == 1 && field.name.is_none() {
						location.to_string()
					} else {
						format!("{location}.{name}")
					};
					self.walk(field.ty.id, &here, depth + 1);
				}
			},
			TypeDef::Variant(variant) => {
				for v in &variant.variants {
					for (i, field) in v.fields.iter().enumerate() {
						let name = field.name.clone().unwrap_or_else(|| i.to_string());
						self.walk(field.ty.id, &format!("{location}.{}.{name}", v.name), depth + 1);
					}
				}
			},
		}
	}

	fn is_u8(&self, id: u32) -> bool {
		matches!(
			self.registry.resolve(id).map(|ty| &ty.type_def),
			Some(TypeDef::Primitive(TypeDefPrimitive::U8))
		)
	}

	/// The fields of each variant of an enum (a pallet's `Call` or `Event`), by variant.
	fn variants(&mut self, id: u32, location: &str) {
		let ty = self.registry.resolve(id).expect("a call or event type");
		let TypeDef::Variant(variant) = &ty.type_def else { panic!("{location} is not an enum") };
		for v in &variant.variants {
			for (i, field) in v.fields.iter().enumerate() {
				let name = field.name.clone().unwrap_or_else(|| i.to_string());
				self.walk(field.ty.id, &format!("{location}.{}.{name}", v.name), 0);
			}
		}
	}
}

fn metadata() -> RuntimeMetadataV14 {
	match Runtime::metadata().1 {
		RuntimeMetadata::V14(metadata) => metadata,
		_ => panic!("the runtime serves metadata v14 by default"),
	}
}

#[test]
fn no_storage_item_call_or_event_of_ours_can_carry_free_form_personal_data() {
	let metadata = metadata();
	let registry: &PortableRegistry = &metadata.types;
	let mut walker = Walker { registry, byte_strings: BTreeSet::new(), problems: Vec::new() };
	let mut seen = BTreeSet::new();
	let mut items = 0;
	for pallet in &metadata.pallets {
		let name = pallet.name.as_str();
		if !PALLETS.contains(&name) {
			continue;
		}
		seen.insert(name.to_string());
		for entry in pallet.storage.iter().flat_map(|storage| storage.entries.iter()) {
			items += 1;
			let location = format!("{name}.storage.{}", entry.name);
			match &entry.ty {
				StorageEntryType::Plain(ty) => walker.walk(ty.id, &format!("{location}.value"), 0),
				StorageEntryType::Map { key, value, .. } => {
					walker.walk(key.id, &format!("{location}.key"), 0);
					walker.walk(value.id, &format!("{location}.value"), 0);
				},
			}
		}
		if let Some(calls) = &pallet.calls {
			items += 1;
			walker.variants(calls.ty.id, &format!("{name}.call"));
		}
		if let Some(event) = &pallet.event {
			items += 1;
			walker.variants(event.ty.id, &format!("{name}.event"));
		}
	}
	assert_eq!(seen.len(), PALLETS.len(), "every Carechain pallet is in the metadata: {seen:?}");
	assert!(items > 30, "the walk covered the pallets' storage, calls and events ({items})");

	// Composite locations of the Batches value and the Lots key name their path; match them.
	let found: BTreeSet<&str> = walker.byte_strings.iter().map(String::as_str).collect();
	let allowed: BTreeSet<&str> = ALLOWED_BYTE_STRINGS.iter().map(|(at, _)| *at).collect();
	let unexpected: Vec<_> = found.difference(&allowed).collect();
	let stale: Vec<_> = allowed.difference(&found).collect();
	assert!(
		walker.problems.is_empty() && unexpected.is_empty() && stale.is_empty(),
		"strings or long arrays: {:#?}\nbyte strings without an allowance: {unexpected:#?}\n\
		 allowances no longer needed: {stale:#?}",
		walker.problems
	);
}

#[test]
fn the_allowed_byte_strings_are_short_codes() {
	// The only byte string allowed is the GS1 lot: 20 characters, plus its length prefix.
	assert!(pallet_supply_chain::Lot::max_encoded_len() <= 21);
	for (location, reason) in ALLOWED_BYTE_STRINGS {
		assert!(location.starts_with("SupplyChain."), "{location}");
		assert!(reason.len() > 20, "{location} states why it is allowed");
	}
}

#[test]
fn the_walk_catches_strings_and_byte_strings() {
	// The same walker on a registry holding the types it must refuse.
	#[allow(dead_code)]
	#[derive(scale_info::TypeInfo)]
	struct Leaky {
		name: String,
		note: Vec<u8>,
		blob: [u8; 100],
		hash: [u8; 32],
	}
	let mut registry = scale_info::Registry::new();
	let id = registry.register_type(&scale_info::meta_type::<Leaky>()).id;
	let registry: PortableRegistry = registry.into();
	let mut walker =
		Walker { registry: &registry, byte_strings: BTreeSet::new(), problems: Vec::new() };
	walker.walk(id, "Leaky", 0);
	assert_eq!(walker.problems, vec!["Leaky.name: a string", "Leaky.blob: a 100-byte array"]);
	assert_eq!(walker.byte_strings.into_iter().collect::<Vec<_>>(), vec!["Leaky.note"]);
}
