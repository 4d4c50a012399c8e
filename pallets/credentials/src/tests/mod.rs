//! Unit tests, one file per call or topic. Every test runs through
//! `ExtBuilder::build_and_execute`, which checks the pallet's invariants afterwards.

mod clear;
mod genesis;
mod issue;
mod origins;
mod register_issuer;
mod remove_issuer;
mod renew;
mod revoke;
mod status;
mod suspend_reinstate;

use crate::{mock::*, Event};
use carechain_primitives::CredentialKind;
use frame::testing_prelude::*;

/// The license hash the tests issue with.
pub const LICENSE: H256 = H256::repeat_byte(0x42);

/// `BOARD` issues `DOCTOR` a Physician credential valid for a year.
pub fn issue_doctor() -> u64 {
	let valid_until = START + 365 * DAY;
	assert_ok!(Credentials::issue(
		RuntimeOrigin::signed(BOARD),
		DOCTOR,
		CredentialKind::Physician,
		LICENSE,
		valid_until,
	));
	valid_until
}

/// Whether the last event is `event`.
pub fn last_event_is(event: Event<Test>) {
	System::assert_last_event(event.into());
}
