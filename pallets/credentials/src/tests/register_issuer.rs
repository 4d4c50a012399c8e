use super::*;
use crate::{Error, Issuers, NextIssuerEpoch};
use carechain_primitives::CredentialStatus;
use CredentialKind::*;

#[test]
fn root_registers_an_issuer_with_a_fresh_epoch() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Credentials::register_issuer(
			RuntimeOrigin::root(),
			BOARD,
			kinds(&[Physician, Nurse]),
			H256::repeat_byte(1),
		));
		let issuer = Issuers::<Test>::get(BOARD).expect("registered");
		assert_eq!(issuer.kinds().collect::<Vec<_>>(), vec![Physician, Nurse]);
		assert_eq!(issuer.metadata_hash, H256::repeat_byte(1));
		assert_eq!((issuer.epoch_of(Physician), issuer.epoch_of(Nurse)), (Some(0), Some(0)));
		assert_eq!(NextIssuerEpoch::<Test>::get(), 1);
		last_event_is(Event::IssuerRegistered { issuer: BOARD, kinds: kinds(&[Physician, Nurse]) });
	});
}

#[test]
fn registering_again_keeps_the_epoch_of_kept_kinds_and_gives_gained_kinds_a_new_one() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		let before = Issuers::<Test>::get(BOARD).expect("registered").epoch_of(Physician);
		let next = NextIssuerEpoch::<Test>::get();
		assert_ok!(Credentials::register_issuer(
			RuntimeOrigin::root(),
			BOARD,
			kinds(&[Physician, Pharmacist]),
			H256::repeat_byte(2),
		));
		let issuer = Issuers::<Test>::get(BOARD).expect("registered");
		assert_eq!(issuer.kinds().collect::<Vec<_>>(), vec![Physician, Pharmacist]);
		assert_eq!(issuer.metadata_hash, H256::repeat_byte(2));
		assert_eq!(issuer.epoch_of(Physician), before);
		assert_eq!(issuer.epoch_of(Pharmacist), Some(next));
		assert_eq!(issuer.epoch_of(Nurse), None);
		assert_eq!(NextIssuerEpoch::<Test>::get(), next + 1);
		last_event_is(Event::IssuerUpdated {
			issuer: BOARD,
			kinds: kinds(&[Physician, Pharmacist]),
		});
		// An update that only drops or reorders kinds hands out no epoch.
		assert_ok!(Credentials::register_issuer(
			RuntimeOrigin::root(),
			BOARD,
			kinds(&[Pharmacist]),
			H256::repeat_byte(2),
		));
		assert_eq!(NextIssuerEpoch::<Test>::get(), next + 1);
	});
}

#[test]
fn a_dropped_kind_given_back_does_not_revive_its_credentials() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		assert_ok!(issue(BOARD, NURSE, Nurse, START + DAY));
		assert_ok!(issue(BOARD, DOCTOR, Physician, START + DAY));
		// Governance drops Nurse from the board: the nurse's credential is void.
		assert_ok!(register(BOARD, &[Physician]));
		assert_eq!(Credentials::credential_status(&NURSE, Nurse), CredentialStatus::IssuerRemoved);
		// Giving the kind back does not bring the voided credential back to life...
		assert_ok!(register(BOARD, &[Physician, Nurse]));
		assert_eq!(Credentials::credential_status(&NURSE, Nurse), CredentialStatus::IssuerRemoved);
		// ...while the kind kept all along stayed valid throughout.
		assert_eq!(Credentials::credential_status(&DOCTOR, Physician), CredentialStatus::Valid);
		// The board may issue the nurse a new credential, valid under the new epoch.
		assert_ok!(issue(BOARD, NURSE, Nurse, START + DAY));
		assert_eq!(Credentials::credential_status(&NURSE, Nurse), CredentialStatus::Valid);
	});
}

#[test]
fn no_kinds_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(register(BOARD, &[]), Error::<Test>::NoKinds);
	});
}

#[test]
fn a_duplicate_kind_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(register(BOARD, &[Nurse, Physician, Nurse]), Error::<Test>::DuplicateKind);
	});
}

#[test]
fn an_exhausted_epoch_counter_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		NextIssuerEpoch::<Test>::put(u32::MAX);
		assert_noop!(register(BOARD, &[Nurse]), Error::<Test>::EpochOverflow);
	});
}
