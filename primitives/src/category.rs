//! Blinded record categories: what the chain holds instead of a [`RecordCategory`].
//!
//! A record's category tells what kind of care a patient receives (`MentalHealth`,
//! `Genomics`): data concerning health, which the chain must not hold, even against a
//! pseudonymous [`PatientId`](crate::PatientId). So the chain never sees a category. Each patient
//! keeps a random [`CategoryKey`] off chain (in the patient's apps, with an export the patient
//! can store), and every record, consent and access names a category by its [`CategoryTag`]
//! under that key:
//!
//! ```text
//! tag = blake2_128("carechain/category-tag/v1" ‖ key ‖ category)
//! ```
//!
//! where `key` is the patient's 32-byte key and `category` the one byte that encodes the
//! [`RecordCategory`] (its declaration index). BLAKE2 has no length extension, so a hash of the
//! key followed by the message is a pseudorandom function of the message: without the key a tag
//! is 16 bytes that say nothing about the category, and two patients' tags for the same category
//! differ. The decision stays a comparison: a consent names the tags it covers, a record carries
//! one, and `Consent::check_access` checks that the record's tag is among the consent's.
//!
//! The patient gives a grantee, off chain, the tags of exactly the categories it consents to
//! (never the key): the grantee can then anchor records of those categories and recognise them,
//! and nothing else. The test vectors in `primitives/test-vectors/category-tags.json` are
//! checked here and by the TypeScript client, which derives tags the same way.
//!
//! Tags are computed off chain: the runtime only stores and compares them.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

use crate::RecordCategory;

/// The domain separator that opens every tag's preimage.
pub const CATEGORY_TAG_DOMAIN: &[u8] = b"carechain/category-tag/v1";

/// A patient's secret key for category tags: 32 random bytes, kept off chain by the patient's
/// apps. It never goes on chain, and it is not the patient's account key (rotating that key
/// leaves the tags of the patient's records as they were).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CategoryKey(pub [u8; 32]);

impl CategoryKey {
	/// The tag that names `category` of this key's patient on chain.
	pub fn tag(&self, category: RecordCategory) -> CategoryTag {
		let mut preimage = [0u8; CATEGORY_TAG_DOMAIN.len() + 32 + 1];
		let (domain, rest) = preimage.split_at_mut(CATEGORY_TAG_DOMAIN.len());
		domain.copy_from_slice(CATEGORY_TAG_DOMAIN);
		let (key, category_byte) = rest.split_at_mut(32);
		key.copy_from_slice(&self.0);
		category_byte.copy_from_slice(&category.encode());
		CategoryTag(sp_crypto_hashing::blake2_128(&preimage))
	}

	/// Every category's tag under this key, in [`RecordCategory::ALL`] order: what a patient's
	/// app reads a tag back against.
	pub fn tags(&self) -> [(RecordCategory, CategoryTag); 13] {
		RecordCategory::ALL.map(|category| (category, self.tag(category)))
	}

	/// The category `tag` names under this key, if it names one.
	pub fn category_of(&self, tag: &CategoryTag) -> Option<RecordCategory> {
		self.tags().into_iter().find(|(_, t)| t == tag).map(|(category, _)| category)
	}
}

/// A record category of one patient, blinded by the patient's [`CategoryKey`]: what records,
/// consents and access events carry on chain.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct CategoryTag(pub [u8; 16]);

#[cfg(test)]
mod tests {
	use super::*;

	#[derive(serde::Deserialize)]
	#[serde(rename_all = "camelCase")]
	struct Case {
		key: sp_core::Bytes,
		category: String,
		tag: sp_core::Bytes,
	}

	#[test]
	fn tags_match_the_shared_vector() {
		let file: serde_json::Value =
			serde_json::from_str(include_str!("../test-vectors/category-tags.json"))
				.expect("the vector file is JSON");
		let cases: Vec<Case> =
			serde_json::from_value(file["cases"].clone()).expect("cases of key, category, tag");
		assert!(cases.len() >= RecordCategory::ALL.len());
		for case in cases {
			let key = CategoryKey(case.key.0.try_into().expect("32-byte key"));
			let category = RecordCategory::ALL
				.into_iter()
				.find(|c| format!("{c:?}") == case.category)
				.expect("a category's name");
			assert_eq!(key.tag(category).0.as_slice(), case.tag.0.as_slice(), "{}", case.category);
		}
	}

	#[test]
	fn a_tag_depends_on_the_key_and_the_category() {
		let (one, two) = (CategoryKey([1; 32]), CategoryKey([2; 32]));
		let tags = one.tags();
		for (i, (category, tag)) in tags.iter().enumerate() {
			assert!(
				tags.iter().skip(i + 1).all(|(_, other)| other != tag),
				"{category:?} is unique"
			);
			assert_ne!(two.tag(*category), *tag, "another patient's {category:?} differs");
			assert_eq!(one.category_of(tag), Some(*category));
			assert_eq!(two.category_of(tag), None);
		}
	}
}
