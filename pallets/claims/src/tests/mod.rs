//! Unit tests, one file per call or topic. Every test runs through
//! `ExtBuilder::build_and_execute`, which checks the pallet's invariants afterwards.

mod adjudicate;
mod appeal;
mod clear;
mod coverage;
mod index;
mod origins;
mod pay;
mod replace_and_void;
mod submit;

use crate::{mock::*, ClaimId, Claims as ClaimsStorage, CoverageId, Event};
use carechain_primitives::{
	Amount, CategoryTag, ClaimStatus, CurrencyCode, Day, Money, Outcome, PatientId, ReasonCode,
	Reasons, RecordId,
};
use frame::testing_prelude::*;

pub const PLAN: H256 = H256::repeat_byte(0x91);
pub const BUNDLE: H256 = H256::repeat_byte(0xb1);
pub const KEY: H256 = H256::repeat_byte(0xd1);
pub const REMITTANCE: H256 = H256::repeat_byte(0x9e);
pub const EVIDENCE: H256 = H256::repeat_byte(0xe5);
pub const BILLED: Amount = 10_000;

pub fn last_event_is(event: Event<Test>) {
	System::assert_last_event(event.into());
}

pub fn eur(amount: Amount) -> Money {
	Money { amount, currency: CurrencyCode(*b"EUR") }
}

pub fn reasons(list: &[ReasonCode]) -> Reasons {
	list.to_vec().try_into().expect("within MAX_REASONS")
}

/// `payer` registers the coverage of `patient_id` from `from` to `until` under the billing tag.
pub fn register_coverage(
	payer: AccountId,
	patient_id: PatientId,
	from: Day,
	until: Day,
) -> DispatchResult {
	Claims::register_coverage(
		RuntimeOrigin::signed(payer),
		patient_id,
		PLAN,
		from,
		until,
		billing(),
	)
}

/// `INSURER` covers the patient for the year around today; returns the coverage id.
pub fn cover() -> CoverageId {
	let id = crate::NextCoverageId::<Test>::get();
	assert_ok!(register_coverage(INSURER, PATIENT_ID, TODAY - 365, TODAY + 365));
	id
}

/// A claim as `DOCTOR` would submit it for the patient's `ENCOUNTER` of today to `INSURER`; the
/// tests change what they test.
#[derive(Clone)]
pub struct Submission {
	pub patient_id: PatientId,
	pub payer: AccountId,
	pub coverage_id: CoverageId,
	pub encounter_id: RecordId,
	pub billed: Money,
	pub service_date: Day,
	pub duplicate_key: H256,
	pub billing_tag: CategoryTag,
}

impl Submission {
	pub fn new(coverage_id: CoverageId) -> Self {
		Self {
			patient_id: PATIENT_ID,
			payer: INSURER,
			coverage_id,
			encounter_id: ENCOUNTER,
			billed: eur(BILLED),
			service_date: TODAY,
			duplicate_key: KEY,
			billing_tag: billing(),
		}
	}

	/// The same claim under duplicate key `key` (another service, to the pallet).
	pub fn keyed(coverage_id: CoverageId, key: u8) -> Self {
		Self { duplicate_key: H256::repeat_byte(key), ..Self::new(coverage_id) }
	}

	pub fn by(self, provider: AccountId) -> DispatchResult {
		self.weighed_by(provider).map(|_| ()).map_err(|error| error.error)
	}

	/// As [`Self::by`], with the weight the call was charged after its refund.
	pub fn weighed_by(self, provider: AccountId) -> DispatchResultWithPostInfo {
		Claims::submit(
			RuntimeOrigin::signed(provider),
			self.patient_id,
			self.payer,
			self.coverage_id,
			self.encounter_id,
			BUNDLE,
			self.billed,
			self.service_date,
			self.duplicate_key,
			self.billing_tag,
		)
	}
}

/// Lets `NURSE` bill the patient's encounter: the patient's consent to write encounters.
pub fn let_nurse_bill() {
	use carechain_primitives::{Access, Purpose, RecordCategory};
	let encounters = tag(RecordCategory::Encounters);
	permit(PATIENT_ID, NURSE, encounters, Access::Write, Purpose::Treatment);
}

/// A coverage, and a claim `DOCTOR` submitted under it; returns the claim's id.
pub fn submitted() -> ClaimId {
	let coverage_id = cover();
	let id = crate::NextClaimId::<Test>::get();
	assert_ok!(Submission::new(coverage_id).by(DOCTOR));
	id
}

/// `INSURER` decides `claim_id`.
pub fn adjudicate(
	claim_id: ClaimId,
	outcome: Outcome,
	allowed: Amount,
	patient_responsibility: Amount,
	why: &[ReasonCode],
) -> DispatchResult {
	Claims::adjudicate(
		RuntimeOrigin::signed(INSURER),
		claim_id,
		outcome,
		allowed,
		patient_responsibility,
		reasons(why),
	)
}

/// A claim decided `Partial`: 6,000 of 10,000 allowed, 1,000 of it the patient's; 5,000 payable.
pub fn partial() -> ClaimId {
	let claim_id = submitted();
	assert_ok!(adjudicate(
		claim_id,
		Outcome::Partial,
		6_000,
		1_000,
		&[ReasonCode::NotCovered, ReasonCode::Copayment]
	));
	claim_id
}

/// `INSURER` records a payment of `amount` on `claim_id`.
pub fn pay(claim_id: ClaimId, amount: Amount) -> DispatchResult {
	Claims::pay(RuntimeOrigin::signed(INSURER), claim_id, amount, REMITTANCE)
}

/// `DOCTOR` appeals `claim_id`.
pub fn appeal(claim_id: ClaimId) -> DispatchResult {
	Claims::appeal(RuntimeOrigin::signed(DOCTOR), claim_id, EVIDENCE)
}

pub fn status(claim_id: ClaimId) -> ClaimStatus {
	ClaimsStorage::<Test>::get(claim_id).expect("the claim is stored").status
}

/// Moves the clock forward by `days` days.
pub fn advance_days(days: u64) {
	advance(days * carechain_primitives::MILLIS_PER_DAY);
}
