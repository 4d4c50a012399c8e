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
use carechain_primitives::{Access, AccessDecision, Purpose, RecordCategory};
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

/// `PATIENT` grants `grantee` read access to lab results for treatment, with no expiry.
pub fn grant_labs(grantee: AccountId) -> u64 {
	let id = crate::NextConsentId::<Test>::get();
	assert_ok!(Consent::grant(
		RuntimeOrigin::signed(PATIENT),
		PATIENT_ID,
		grantee,
		Purpose::Treatment,
		categories(&[RecordCategory::LabResults]),
		Access::Read,
		None,
	));
	id
}

/// The decision for any purpose (`ConsentApi::check_access`, version 1).
pub fn decision(who: AccountId, category: RecordCategory, access: Access) -> AccessDecision {
	Consent::check_access(PATIENT_ID, &who, category, access, None)
}

/// The decision for `purpose`: what `Records` asks.
pub fn decision_for(
	who: AccountId,
	category: RecordCategory,
	access: Access,
	purpose: Purpose,
) -> AccessDecision {
	Consent::check_access(PATIENT_ID, &who, category, access, Some(purpose))
}
