//! Unit tests, one file per call or topic. Every test runs through
//! `ExtBuilder::build_and_execute`, which checks the pallet's invariants afterwards.

mod delegates;
mod deregister;
mod onboard;
mod origins;
mod register;
mod registry;
mod rotation;
mod vectors;

use crate::{mock::*, Event};
use frame::testing_prelude::*;

/// The patient `ExtBuilder::with_patient` registers.
pub const PATIENT_ID: u64 = 0;

pub fn last_event_is(event: Event<Test>) {
	System::assert_last_event(event.into());
}
