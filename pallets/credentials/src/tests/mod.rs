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
use carechain_primitives::{CredentialKind, CredentialStatus, Moment};
use frame::testing_prelude::*;

/// The license hash the tests issue with.
pub const LICENSE: H256 = H256::repeat_byte(0x42);

/// `issuer` issues `subject` a credential of `kind` with `LICENSE`, valid until `valid_until`.
pub fn issue(
	issuer: AccountId,
	subject: AccountId,
	kind: CredentialKind,
	valid_until: Moment,
) -> DispatchResult {
	Credentials::issue(RuntimeOrigin::signed(issuer), subject, kind, LICENSE, valid_until)
}

/// `BOARD` issues `DOCTOR` a Physician credential valid for a year.
pub fn issue_doctor() -> u64 {
	let valid_until = START + 365 * DAY;
	assert_ok!(issue(BOARD, DOCTOR, CredentialKind::Physician, valid_until));
	valid_until
}

/// Governance registers `issuer` for the kinds in `list`, with no metadata.
pub fn register(issuer: AccountId, list: &[CredentialKind]) -> DispatchResult {
	Credentials::register_issuer(RuntimeOrigin::root(), issuer, kinds(list), H256::zero())
}

/// `who` renews `DOCTOR`'s Physician credential to `valid_until`.
pub fn renew_doctor(who: AccountId, valid_until: Moment) -> DispatchResult {
	Credentials::renew(RuntimeOrigin::signed(who), DOCTOR, CredentialKind::Physician, valid_until)
}

/// `origin` revokes `DOCTOR`'s Physician credential.
pub fn revoke_doctor(origin: RuntimeOrigin) -> DispatchResult {
	Credentials::revoke(origin, DOCTOR, CredentialKind::Physician)
}

/// The status of `DOCTOR`'s Physician credential.
pub fn doctor_status() -> CredentialStatus {
	Credentials::credential_status(&DOCTOR, CredentialKind::Physician)
}

/// Whether the last event is `event`.
pub fn last_event_is(event: Event<Test>) {
	System::assert_last_event(event.into());
}
