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
//!
//! No pallet may hold, take or emit a `RecordCategory` (a patient's kind of care): the chain
//! carries the patient's `CategoryTag` instead, and the last test shows what an observer of the
//! whole state can and cannot tell from the tags.

use std::collections::BTreeSet;

use crate::common;
use carechain_primitives::{Access, CategoryKey, CategoryTag, Purpose, RecordCategory};
use carechain_runtime::{AccountId, Balance, Runtime, RuntimeCall, RuntimeOrigin};
use codec::{Decode, MaxEncodedLen};
use frame_metadata::{
	v14::StorageEntryType,
	v15::{PalletMetadata, RuntimeMetadataV15},
	RuntimeMetadata, RuntimeMetadataPrefixed,
};
use frame_support::assert_ok;
use scale_info::{form::PortableForm, PortableRegistry, TypeDef, TypeDefPrimitive};
use sp_core::H256;
use sp_io::hashing::twox_128;
use sp_keyring::Sr25519Keyring::{AliceStash, Bob, FerdieStash};
use sp_runtime::traits::Dispatchable;

/// Carechain's own pallets: the ones whose data this test vouches for.
const PALLETS: [&str; 8] = [
	"Credentials",
	"Patients",
	"PatientQuota",
	"Consent",
	"Records",
	"SupplyChain",
	"Claims",
	"Trials",
];

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
	/// Where a `RecordCategory` was found: a patient's kind of care in clear.
	categories: Vec<String>,
	/// Where a `CategoryTag` was found: the category, blinded.
	tags: Vec<String>,
	/// The types walked so far, when each is to be walked once (the runtime's `RuntimeCall`
	/// nests itself through `Utility` and governance): locations are then the first found.
	walked: Option<BTreeSet<u32>>,
}

impl<'a> Walker<'a> {
	fn new(registry: &'a PortableRegistry) -> Self {
		Self {
			registry,
			byte_strings: BTreeSet::new(),
			problems: Vec::new(),
			categories: Vec::new(),
			tags: Vec::new(),
			walked: None,
		}
	}
}

impl Walker<'_> {
	fn walk(&mut self, id: u32, location: &str, depth: u32) {
		assert!(depth < 40, "type nesting too deep at {location}: a recursive type?");
		if self.walked.as_mut().is_some_and(|walked| !walked.insert(id)) {
			return;
		}
		let ty = self.registry.resolve(id).unwrap_or_else(|| panic!("type {id} at {location}"));
		match ty.path.segments.last().map(String::as_str) {
			Some("RecordCategory") => self.categories.push(location.to_string()),
			Some("CategoryTag") => self.tags.push(location.to_string()),
			_ => {},
		}
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

/// The runtime's metadata, version 15 (the one with the runtime APIs).
fn metadata() -> RuntimeMetadataV15 {
	let bytes = Runtime::metadata_at_version(15).expect("the runtime serves metadata v15");
	let prefixed = RuntimeMetadataPrefixed::decode(&mut &bytes[..]).expect("metadata decodes");
	let RuntimeMetadata::V15(metadata) = prefixed.1 else { panic!("asked for v15") };
	metadata
}

/// Walks a pallet's storage items (keys and values), calls and events; returns how many.
fn walk_pallet(walker: &mut Walker, pallet: &PalletMetadata<PortableForm>) -> usize {
	let name = pallet.name.as_str();
	let mut items = 0;
	for entry in pallet.storage.iter().flat_map(|storage| storage.entries.iter()) {
		let location = format!("{name}.storage.{}", entry.name);
		match &entry.ty {
			StorageEntryType::Plain(ty) => walker.walk(ty.id, &format!("{location}.value"), 0),
			StorageEntryType::Map { key, value, .. } => {
				walker.walk(key.id, &format!("{location}.key"), 0);
				walker.walk(value.id, &format!("{location}.value"), 0);
			},
		}
		items += 1;
	}
	if let Some(calls) = &pallet.calls {
		walker.variants(calls.ty.id, &format!("{name}.call"));
		items += 1;
	}
	if let Some(event) = &pallet.event {
		walker.variants(event.ty.id, &format!("{name}.event"));
		items += 1;
	}
	items
}

#[test]
fn no_storage_item_call_or_event_of_ours_can_carry_free_form_personal_data() {
	let metadata = metadata();
	let registry: &PortableRegistry = &metadata.types;
	let mut walker = Walker::new(registry);
	let mut seen = BTreeSet::new();
	let mut items = 0;
	for pallet in &metadata.pallets {
		let name = pallet.name.as_str();
		if !PALLETS.contains(&name) {
			continue;
		}
		seen.insert(name.to_string());
		items += walk_pallet(&mut walker, pallet);
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
		kind_of_care: Option<RecordCategory>,
	}
	let mut registry = scale_info::Registry::new();
	let id = registry.register_type(&scale_info::meta_type::<Leaky>()).id;
	let registry: PortableRegistry = registry.into();
	let mut walker = Walker::new(&registry);
	walker.walk(id, "Leaky", 0);
	assert_eq!(walker.problems, vec!["Leaky.name: a string", "Leaky.blob: a 100-byte array"]);
	assert_eq!(walker.byte_strings.into_iter().collect::<Vec<_>>(), vec!["Leaky.note"]);
	assert_eq!(walker.categories, vec!["Leaky.kind_of_care.Some.0"]);
}

#[test]
fn no_storage_item_call_event_or_runtime_api_carries_a_record_category() {
	// Every pallet, not only Carechain's: a category anywhere on chain is a kind of care in clear.
	let metadata = metadata();
	let mut walker = Walker { walked: Some(BTreeSet::new()), ..Walker::new(&metadata.types) };
	let mut walked = 0;
	for pallet in &metadata.pallets {
		walked += walk_pallet(&mut walker, pallet);
	}
	for api in &metadata.apis {
		for method in &api.methods {
			for input in &method.inputs {
				let location = format!("{}.{}.{}", api.name, method.name, input.name);
				walker.walk(input.ty.id, &location, 0);
			}
			walker.walk(method.output.id, &format!("{}.{}.output", api.name, method.name), 0);
			walked += 1;
		}
	}
	assert!(walked > 100, "the walk covered every pallet and runtime API ({walked})");
	assert!(walker.categories.is_empty(), "a RecordCategory on chain: {:#?}", walker.categories);
	// The tag is what they carry instead (each type is walked once: this is where it was met
	// first, in the events System keeps or in Consent's and Records' own items).
	assert!(
		walker.tags.iter().any(|at| at.contains("Consent.") || at.contains("Records.")),
		"the tag is met where categories were: {:?}",
		walker.tags
	);
}

/// The whole state after a clinical story in which the patient's records 0 and 1 are of
/// `categories.0` and `categories.1`, tagged under `key`: the patient consents to a physician
/// (Bob) for both, who anchors and reads them, and to a researcher (Ferdie's stash) for the
/// second only, who reads it. Every (key, value) pair, events included (they are in state
/// until the next block).
fn state_after_story(
	key: &CategoryKey,
	categories: (RecordCategory, RecordCategory),
) -> Vec<(Vec<u8>, Vec<u8>)> {
	common::genesis_of("development").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000);
		let patient = RuntimeOrigin::signed(AliceStash.to_account_id());
		let (doctor, researcher) = (Bob.to_account_id(), FerdieStash.to_account_id());
		let (first, second) = (key.tag(categories.0), key.tag(categories.1));
		let calls = [
			(
				patient.clone(),
				pallet_patients::Call::register { commitment: H256::repeat_byte(1) }.into(),
			),
			(
				patient.clone(),
				pallet_consent::Call::grant {
					patient_id: 0,
					grantee: doctor.clone(),
					purpose: Purpose::Treatment,
					categories: vec![first, second].try_into().expect("two fit"),
					access: Access::ReadWrite,
					expires_at: None,
				}
				.into(),
			),
			(
				patient,
				pallet_consent::Call::grant {
					patient_id: 0,
					grantee: researcher.clone(),
					purpose: Purpose::Research,
					categories: vec![second].try_into().expect("one fits"),
					access: Access::Read,
					expires_at: None,
				}
				.into(),
			),
			(RuntimeOrigin::signed(doctor.clone()), anchor(first, 0xa1)),
			(RuntimeOrigin::signed(doctor.clone()), anchor(second, 0xa2)),
			(RuntimeOrigin::signed(doctor.clone()), read(0, Purpose::Treatment)),
			(RuntimeOrigin::signed(doctor), read(1, Purpose::Treatment)),
			(RuntimeOrigin::signed(researcher), read(1, Purpose::Research)),
		];
		for (origin, call) in calls {
			let call: RuntimeCall = call;
			assert_ok!(call.dispatch(origin));
		}
		let (mut state, mut key) = (Vec::new(), Vec::new());
		while let Some(next) = sp_io::storage::next_key(&key) {
			let value = sp_io::storage::get(&next).expect("a listed key has a value");
			state.push((next.clone(), value.to_vec()));
			key = next;
		}
		state
	})
}

fn anchor(category: CategoryTag, content: u8) -> RuntimeCall {
	pallet_records::Call::anchor {
		patient_id: 0,
		category,
		content_hash: H256::repeat_byte(content),
		storage_ref: H256::repeat_byte(content.wrapping_add(1)),
	}
	.into()
}

fn read(record_id: u64, purpose: Purpose) -> RuntimeCall {
	pallet_records::Call::log_access { record_id, purpose }.into()
}

/// `state` with every occurrence of a tag of `key` replaced by its order of first appearance:
/// what an observer without the key can make of the tags (which entries share one).
fn without_tag_values(
	key: &CategoryKey,
	state: &[(Vec<u8>, Vec<u8>)],
) -> (Vec<(Vec<u8>, Vec<u8>)>, usize) {
	let tags: Vec<[u8; 16]> = key.tags().iter().map(|(_, tag)| tag.0).collect();
	let mut seen: Vec<[u8; 16]> = Vec::new();
	let mut occurrences = 0;
	let mut rename = |bytes: &[u8]| {
		let mut out = bytes.to_vec();
		let mut at = 0;
		while at + 16 <= out.len() {
			let window: [u8; 16] = out[at..at + 16].try_into().expect("16 bytes");
			if tags.contains(&window) {
				let order = seen.iter().position(|t| *t == window).unwrap_or_else(|| {
					seen.push(window);
					seen.len() - 1
				});
				out[at..at + 16].copy_from_slice(&[0xf0 | order as u8; 16]);
				occurrences += 1;
				at += 16;
			} else {
				at += 1;
			}
		}
		out
	};
	let renamed = state.iter().map(|(k, v)| (rename(k), rename(v))).collect();
	(renamed, occurrences)
}

#[test]
fn an_observer_without_the_key_cannot_tell_which_record_is_mental_health() {
	use RecordCategory::{LabResults, MentalHealth};
	// Two worlds, two patients' keys: record 0 is the mental-health record in the first,
	// record 1 in the second (with the lab results the other way round, and the researcher's
	// consent naming the second record's category in both).
	let (key_a, key_b) = (CategoryKey([0xa0; 32]), CategoryKey([0xb0; 32]));
	let world_a = state_after_story(&key_a, (MentalHealth, LabResults));
	let world_b = state_after_story(&key_b, (LabResults, MentalHealth));
	assert_ne!(world_a, world_b, "the worlds differ in their bytes");

	// Without the key: once the tags' values are set aside, the two states are the same byte
	// for byte; the tags themselves are keyed hashes of an unknown key. Which entries share a
	// tag is visible, and is the same in both worlds.
	let (seen_a, count_a) = without_tag_values(&key_a, &world_a);
	let (seen_b, count_b) = without_tag_values(&key_b, &world_b);
	assert!(count_a >= 8, "the tags are in the state: consents, records, events ({count_a})");
	assert_eq!(count_a, count_b);
	assert!(seen_a == seen_b, "an observer's view differs between the worlds");
	// Nor does either world hold the category itself next to a tag-free guess: no tag of a
	// well-known key (zero, the patient's account, its id) names anything in either state.
	for guess in [CategoryKey([0; 32]), CategoryKey(AliceStash.to_account_id().into())] {
		let (_, found) = without_tag_values(&guess, &world_a);
		assert_eq!(found, 0);
	}

	// With the key: the patient (or a holder of the card for mental health) finds the record.
	assert_eq!(records_tagged(&world_a, key_a.tag(MentalHealth)), vec![0]);
	assert_eq!(records_tagged(&world_b, key_b.tag(MentalHealth)), vec![1]);
	assert_eq!(records_tagged(&world_a, key_b.tag(MentalHealth)), Vec::<u64>::new());
}

/// The ids of the records in `state` whose tag is `tag`: decoded from `Records::Records`.
fn records_tagged(state: &[(Vec<u8>, Vec<u8>)], tag: CategoryTag) -> Vec<u64> {
	let prefix = [twox_128(b"Records"), twox_128(b"Records")].concat();
	state
		.iter()
		.filter(|(key, _)| key.starts_with(&prefix))
		.filter_map(|(key, value)| {
			let record = pallet_records::Record::<AccountId, Balance>::decode(&mut &value[..])
				.expect("a record decodes");
			// Twox64Concat: 8 bytes of hash, then the id.
			let id = u64::decode(&mut &key[prefix.len() + 8..]).expect("the id");
			(record.category == tag).then_some(id)
		})
		.collect()
}
