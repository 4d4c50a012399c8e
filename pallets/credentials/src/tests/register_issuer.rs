use super::*;
use crate::{Error, Issuers, NextIssuerEpoch};
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
		assert_eq!(issuer.kinds.to_vec(), vec![Physician, Nurse]);
		assert_eq!(issuer.metadata_hash, H256::repeat_byte(1));
		assert_eq!(issuer.epoch, 0);
		assert_eq!(NextIssuerEpoch::<Test>::get(), 1);
		last_event_is(Event::IssuerRegistered { issuer: BOARD, kinds: kinds(&[Physician, Nurse]) });
	});
}

#[test]
fn registering_again_updates_kinds_and_keeps_the_epoch() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		let before = Issuers::<Test>::get(BOARD).expect("registered").epoch;
		assert_ok!(Credentials::register_issuer(
			RuntimeOrigin::root(),
			BOARD,
			kinds(&[Pharmacist]),
			H256::repeat_byte(2),
		));
		let issuer = Issuers::<Test>::get(BOARD).expect("registered");
		assert_eq!(issuer.kinds.to_vec(), vec![Pharmacist]);
		assert_eq!(issuer.metadata_hash, H256::repeat_byte(2));
		assert_eq!(issuer.epoch, before);
		last_event_is(Event::IssuerUpdated { issuer: BOARD, kinds: kinds(&[Pharmacist]) });
	});
}

#[test]
fn no_kinds_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credentials::register_issuer(RuntimeOrigin::root(), BOARD, kinds(&[]), H256::zero()),
			Error::<Test>::NoKinds
		);
	});
}

#[test]
fn a_duplicate_kind_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Credentials::register_issuer(
				RuntimeOrigin::root(),
				BOARD,
				kinds(&[Nurse, Physician, Nurse]),
				H256::zero(),
			),
			Error::<Test>::DuplicateKind
		);
	});
}

#[test]
fn an_exhausted_epoch_counter_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		NextIssuerEpoch::<Test>::put(u32::MAX);
		assert_noop!(
			Credentials::register_issuer(
				RuntimeOrigin::root(),
				BOARD,
				kinds(&[Nurse]),
				H256::zero()
			),
			Error::<Test>::EpochOverflow
		);
	});
}
