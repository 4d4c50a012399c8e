//! The vocabulary of insurance claims (`pallet-claims`), shared with the runtime API and the
//! apps: money in minor units of an ISO 4217 currency, service dates as days, the adjudication
//! outcome, the closed list of adjustment reasons, the claim's status, and the recipe of the
//! duplicate key a provider's software computes.
//!
//! Nothing here is health data: a claim on chain is ids, hashes, amounts, dates, a status and
//! reasons from a closed list. What the care was (diagnoses, procedures) stays in the claim
//! bundle off chain; the procedure codes enter the chain only through the salted duplicate key.

use crate::{ClaimId, PatientId};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;
use sp_core::H256;

/// An amount of money in the minor units of its currency (cents for USD and EUR, yen for JPY):
/// integers only, so no rounding ever happens on chain.
pub type Amount = u64;

/// A calendar date as the number of days since 1970-01-01 (UTC): service dates and coverage
/// periods are dates, not instants, and a date says less about a patient than a time of day.
pub type Day = u32;

/// Milliseconds in a day, to turn the chain's clock into a [`Day`].
pub const MILLIS_PER_DAY: u64 = 86_400_000;

/// The day a Timestamp moment (milliseconds since the Unix epoch) falls on, in UTC.
pub fn day_of(moment: crate::Moment) -> Day {
	Day::try_from(moment.checked_div(MILLIS_PER_DAY).unwrap_or(0)).unwrap_or(Day::MAX)
}

/// The most adjustment reasons one adjudication may give.
pub const MAX_REASONS: u32 = 8;

/// An ISO 4217 alphabetic currency code: three upper-case ASCII letters (`EUR`, `USD`, `CHF`).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct CurrencyCode(pub [u8; 3]);

impl CurrencyCode {
	/// Whether the code has the ISO 4217 alphabetic form (the chain does not keep the list of
	/// codes in use: payer and provider agree on it in their contract).
	pub fn is_well_formed(&self) -> bool {
		self.0.iter().all(u8::is_ascii_uppercase)
	}
}

/// An amount in a currency.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Money {
	/// In minor units.
	pub amount: Amount,
	/// The ISO 4217 code.
	pub currency: CurrencyCode,
}

/// What a payer decided about a claim.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Outcome {
	/// Allowed as billed, or as adjusted only by the contract and the patient's share.
	Approved,
	/// Allowed in part: some of the billed amount is denied, for the reasons given.
	Partial,
	/// Nothing allowed, for the reasons given.
	Denied,
}

/// Who an adjustment falls on: the groups of X12 claim adjustment reason codes (CARC).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum AdjustmentGroup {
	/// `CO`: the provider's contract with the payer; not billable to the patient.
	ContractualObligation,
	/// `PR`: the patient's share (deductible, coinsurance, copayment).
	PatientResponsibility,
	/// `PI`: the payer's own decision, outside the contract.
	PayerInitiated,
	/// `OA`: any other adjustment.
	OtherAdjustment,
}

/// Why a payer allowed less than was billed: a closed list modelled on the X12 claim adjustment
/// reason codes (CARC), each with its usual group. A closed list, not free text or raw codes, so
/// no reason can carry a diagnosis.
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
)]
pub enum ReasonCode {
	/// CARC 1: the patient's deductible.
	Deductible,
	/// CARC 2: the patient's coinsurance.
	Coinsurance,
	/// CARC 3: the patient's copayment.
	Copayment,
	/// CARC 45: the charge exceeds the contracted fee schedule.
	ExceedsFeeSchedule,
	/// CARC 96: a non-covered charge.
	NotCovered,
	/// CARC 50: not deemed medically necessary by the payer.
	NotMedicallyNecessary,
	/// CARC 197: the required prior authorisation was not obtained.
	NoPriorAuthorization,
	/// CARC 27: services after the coverage ended (or 26, before it began).
	CoverageNotInEffect,
	/// CARC 18: a duplicate of a claim already processed.
	DuplicateClaim,
	/// CARC 29: the time limit for filing has passed.
	TimelyFilingExpired,
	/// CARC 16: information needed for adjudication is missing.
	MissingInformation,
	/// CARC 4 and 11: the procedure or its modifier does not fit the claim.
	CodingInconsistent,
	/// CARC 119: the plan's benefit maximum was reached.
	BenefitMaximumReached,
	/// CARC 22: another payer is primary (coordination of benefits).
	OtherPayerPrimary,
	/// Any other reason, explained in the remittance advice off chain.
	Other,
}

impl ReasonCode {
	/// The X12 group the reason usually falls in.
	pub fn group(self) -> AdjustmentGroup {
		use ReasonCode::*;
		match self {
			Deductible | Coinsurance | Copayment => AdjustmentGroup::PatientResponsibility,
			ExceedsFeeSchedule | NotCovered | NoPriorAuthorization | TimelyFilingExpired
			| DuplicateClaim => AdjustmentGroup::ContractualObligation,
			NotMedicallyNecessary | CoverageNotInEffect | BenefitMaximumReached => {
				AdjustmentGroup::PayerInitiated
			},
			MissingInformation | CodingInconsistent | OtherPayerPrimary | Other => {
				AdjustmentGroup::OtherAdjustment
			},
		}
	}
}

/// The reasons of one adjudication.
pub type Reasons = BoundedVec<ReasonCode, ConstU32<MAX_REASONS>>;

/// Where a claim stands: what `ClaimsApi::claim_status` answers, and what the pallet stores.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum ClaimStatus {
	/// Submitted and awaiting the payer's first decision.
	Submitted,
	/// Decided by the payer: `allowed` of the billed amount, of which the patient owes
	/// `patient_responsibility`, for `reasons`.
	Adjudicated {
		outcome: Outcome,
		allowed: Amount,
		patient_responsibility: Amount,
		reasons: Reasons,
	},
	/// The payer recorded a payment of `amount` (the latest one: the claim keeps the total),
	/// made off chain and described by the remittance advice hashed as `remittance_hash`.
	Paid { amount: Amount, remittance_hash: H256 },
	/// The provider appealed the decision with the evidence hashed as `evidence_hash`; the payer
	/// adjudicates again.
	Appealed { evidence_hash: H256 },
	/// Cancelled by its provider before adjudication (X12 claim frequency 8).
	Voided,
	/// Replaced by its provider before adjudication (X12 claim frequency 7) by claim `by`.
	Replaced { by: ClaimId },
}

/// Domain separation of the duplicate key, so it can never equal another Carechain hash.
pub const DUPLICATE_KEY_DOMAIN: &[u8] = b"carechain/claims/duplicate-key/v1";

/// The duplicate key of a claim (`pallet-claims`), which the provider's software computes and
/// the chain only compares:
///
/// ```text
/// duplicate_key = blake2_256( "carechain/claims/duplicate-key/v1"
///                             ‖ salt                     32 bytes, the provider's secret
///                             ‖ patient_id               8 bytes, little-endian
///                             ‖ provider                 the account's 32 bytes
///                             ‖ service_date             4 bytes, little-endian (days since 1970-01-01)
///                             ‖ codes )                  SCALE Vec<Vec<u8>>
/// ```
///
/// `codes` are the claim's procedure codes (CPT, HCPCS, ICD-10-PCS, with any modifier as the
/// provider's system writes it, `99213-25`), upper-cased, sorted bytewise and each kept once,
/// so a resubmission in another order or case gives the same key. `salt` is a 32-byte secret
/// of the provider, the same for all its claims (a fresh salt per claim would defeat the
/// detection): without it, nobody can test a guess of the procedures against the key on
/// chain. The provider gives the salt to the payer with the claim bundle, so the payer can
/// recompute the key and deny a claim whose key does not match (`DuplicateClaim` or
/// `CodingInconsistent`). Test vectors: `primitives/test-vectors/duplicate-keys.json`.
pub fn duplicate_key(
	salt: &[u8; 32],
	patient_id: PatientId,
	provider: &[u8; 32],
	service_date: Day,
	codes: &[&[u8]],
) -> H256 {
	let mut normalised: Vec<Vec<u8>> = codes.iter().map(|code| code.to_ascii_uppercase()).collect();
	normalised.sort();
	normalised.dedup();
	let mut preimage = Vec::with_capacity(128);
	preimage.extend_from_slice(DUPLICATE_KEY_DOMAIN);
	preimage.extend_from_slice(salt);
	preimage.extend_from_slice(&patient_id.to_le_bytes());
	preimage.extend_from_slice(provider);
	preimage.extend_from_slice(&service_date.to_le_bytes());
	normalised.encode_to(&mut preimage);
	H256(sp_crypto_hashing::blake2_256(&preimage))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[derive(serde::Deserialize)]
	struct Vectors {
		cases: Vec<Vector>,
	}

	#[derive(serde::Deserialize)]
	struct Vector {
		salt: String,
		patient_id: PatientId,
		provider: String,
		service_date: Day,
		codes: Vec<String>,
		duplicate_key: String,
	}

	fn bytes<const N: usize>(hex: &str) -> [u8; N] {
		let hex = hex.trim_start_matches("0x");
		let mut out = [0u8; N];
		for (i, byte) in out.iter_mut().enumerate() {
			*byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex");
		}
		out
	}

	#[test]
	fn duplicate_keys_match_the_published_vectors() {
		let vectors: Vectors =
			serde_json::from_str(include_str!("../test-vectors/duplicate-keys.json"))
				.expect("vectors parse");
		assert!(vectors.cases.len() >= 4);
		for vector in vectors.cases {
			let codes: Vec<&[u8]> = vector.codes.iter().map(|code| code.as_bytes()).collect();
			let key = duplicate_key(
				&bytes(&vector.salt),
				vector.patient_id,
				&bytes(&vector.provider),
				vector.service_date,
				&codes,
			);
			assert_eq!(key.0, bytes::<32>(&vector.duplicate_key), "codes {:?}", vector.codes);
		}
	}

	#[test]
	fn order_case_and_repeats_of_codes_do_not_change_the_key() {
		let key = |codes: &[&[u8]]| duplicate_key(&[7; 32], 17, &[1; 32], 20_000, codes);
		assert_eq!(key(&[b"99213", b"J1100"]), key(&[b"j1100", b"99213", b"99213"]));
		assert_ne!(key(&[b"99213"]), key(&[b"99214"]));
		assert_ne!(
			duplicate_key(&[7; 32], 17, &[1; 32], 20_000, &[b"99213"]),
			duplicate_key(&[8; 32], 17, &[1; 32], 20_000, &[b"99213"]),
			"the salt keys the hash"
		);
	}

	#[test]
	fn currency_codes_are_three_upper_case_letters() {
		assert!(CurrencyCode(*b"EUR").is_well_formed());
		assert!(!CurrencyCode(*b"eur").is_well_formed());
		assert!(!CurrencyCode(*b"E1R").is_well_formed());
	}

	#[test]
	fn days_count_from_the_unix_epoch() {
		assert_eq!(day_of(0), 0);
		assert_eq!(day_of(MILLIS_PER_DAY - 1), 0);
		assert_eq!(day_of(MILLIS_PER_DAY), 1);
		// 2026-12-06T12:00:00Z
		assert_eq!(day_of(1_796_558_400_000), 20_793);
	}
}
