//! Unit tests, one file per call or topic, and a property test of the decision against a
//! reference model. Every test runs through `ExtBuilder::build_and_execute`, which checks the
//! pallet's invariants afterwards.

mod break_glass;
mod decision;
mod grant;
mod origins;
mod property;
mod revoke;

use crate::{mock::*, Event};
use carechain_primitives::{
	Access, AccessDecision, EmergencyReason, Moment, PatientId, Purpose, RecordCategory,
};
use frame::testing_prelude::*;

/// The ids of the consents `PATIENT` gave `grantee`, as the decision's index lists them.
pub fn listed(grantee: AccountId) -> Vec<u64> {
	crate::ConsentsOf::<Test>::get(PATIENT_ID, grantee)
		.iter()
		.map(|t| t.consent_id)
		.collect()
}

pub fn last_event_is(event: Event<Test>) {
	System::assert_last_event(event.into());
}

/// A `grant` call to `grantee` with the usual terms: `PATIENT` grants read access to lab results
/// for treatment, with no expiry. Each method changes one term; `call` makes the call.
pub fn grant(grantee: AccountId) -> Grant {
	Grant {
		origin: RuntimeOrigin::signed(PATIENT),
		patient_id: PATIENT_ID,
		grantee,
		purpose: Purpose::Treatment,
		categories: vec![RecordCategory::LabResults],
		access: Access::Read,
		expires_at: None,
	}
}

/// The terms of a `grant` call; see [`grant`].
pub struct Grant {
	origin: RuntimeOrigin,
	patient_id: PatientId,
	grantee: AccountId,
	purpose: Purpose,
	categories: Vec<RecordCategory>,
	access: Access,
	expires_at: Option<Moment>,
}

impl Grant {
	/// Signed by `who` rather than `PATIENT`.
	pub fn by(self, who: AccountId) -> Self {
		self.origin(RuntimeOrigin::signed(who))
	}

	/// Any origin, signed or not.
	pub fn origin(mut self, origin: RuntimeOrigin) -> Self {
		self.origin = origin;
		self
	}

	/// For another patient than `PATIENT_ID`.
	pub fn patient(mut self, patient_id: PatientId) -> Self {
		self.patient_id = patient_id;
		self
	}

	pub fn purpose(mut self, purpose: Purpose) -> Self {
		self.purpose = purpose;
		self
	}

	pub fn categories(mut self, list: &[RecordCategory]) -> Self {
		self.categories = list.to_vec();
		self
	}

	pub fn access(mut self, access: Access) -> Self {
		self.access = access;
		self
	}

	/// Expiring at `at` rather than never.
	pub fn expires_at(mut self, at: Moment) -> Self {
		self.expires_at = Some(at);
		self
	}

	pub fn call(self) -> DispatchResultWithPostInfo {
		Consent::grant(
			self.origin,
			self.patient_id,
			self.grantee,
			self.purpose,
			categories(&self.categories),
			self.access,
			self.expires_at,
		)
	}

	/// Makes the call, as set-up that must succeed; returns the new consent's id.
	#[track_caller]
	pub fn granted(self) -> u64 {
		let id = crate::NextConsentId::<Test>::get();
		assert_ok!(self.call());
		id
	}
}

/// `PATIENT` grants `grantee` read access to lab results for treatment, with no expiry.
pub fn grant_labs(grantee: AccountId) -> u64 {
	grant(grantee).granted()
}

/// `who` breaks the glass on `PATIENT_ID` for `reason`, with no note.
pub fn break_glass_for(who: AccountId, reason: EmergencyReason) -> DispatchResultWithPostInfo {
	Consent::break_glass(RuntimeOrigin::signed(who), PATIENT_ID, reason, H256::zero())
}

/// The decision for any purpose (`ConsentApi::check_access`, version 1).
pub fn decision(who: AccountId, category: RecordCategory, access: Access) -> AccessDecision {
	Consent::check_access(PATIENT_ID, &who, tag(category), access, None)
}

/// The decision for `purpose`: what `Records` asks.
pub fn decision_for(
	who: AccountId,
	category: RecordCategory,
	access: Access,
	purpose: Purpose,
) -> AccessDecision {
	Consent::check_access(PATIENT_ID, &who, tag(category), access, Some(purpose))
}
