//! How validity is decided, and what other pallets see through `CredentialInspect` and
//! `EnsureCredential`.

use super::*;
use crate::EnsureCredential;
use carechain_primitives::{CredentialInspect, CredentialStatus};
use CredentialKind::*;

#[test]
fn a_credential_is_valid_until_the_millisecond_it_expires() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		let valid_until = issue_doctor();
		Now::set(valid_until - 1);
		assert_eq!(Credentials::credential_status(&DOCTOR, Physician), CredentialStatus::Valid);
		Now::set(valid_until);
		assert_eq!(Credentials::credential_status(&DOCTOR, Physician), CredentialStatus::Expired);
	});
}

#[test]
fn revocation_outranks_removal_which_outranks_suspension_which_outranks_expiry() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(Credentials::suspend(RuntimeOrigin::signed(BOARD), DOCTOR, Physician));
		advance(400 * DAY);
		assert_eq!(Credentials::credential_status(&DOCTOR, Physician), CredentialStatus::Suspended);
		assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), BOARD));
		assert_eq!(
			Credentials::credential_status(&DOCTOR, Physician),
			CredentialStatus::IssuerRemoved
		);
		assert_ok!(Credentials::revoke(RuntimeOrigin::root(), DOCTOR, Physician));
		assert_eq!(Credentials::credential_status(&DOCTOR, Physician), CredentialStatus::Revoked);
	});
}

#[test]
fn dropping_a_kind_from_an_issuer_voids_only_that_kind() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_ok!(issue(BOARD, NURSE, Nurse, START + DAY));
		assert_ok!(register(BOARD, &[Nurse]));
		assert_eq!(
			Credentials::credential_status(&DOCTOR, Physician),
			CredentialStatus::IssuerRemoved
		);
		assert_eq!(Credentials::credential_status(&NURSE, Nurse), CredentialStatus::Valid);
	});
}

#[test]
fn no_credential_is_none() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Credentials::credential_status(&DOCTOR, Physician), CredentialStatus::None);
	});
}

#[test]
fn other_pallets_ask_through_credential_inspect() {
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert!(<Credentials as CredentialInspect<u64>>::is_valid(&DOCTOR, Physician));
		assert!(!<Credentials as CredentialInspect<u64>>::is_valid(&DOCTOR, Nurse));
		assert!(<Credentials as CredentialInspect<u64>>::holds_any(&DOCTOR, &[Nurse, Physician]));
		assert!(!<Credentials as CredentialInspect<u64>>::holds_any(&DOCTOR, &[Nurse, Pharmacist]));
		assert!(!<Credentials as CredentialInspect<u64>>::holds_any(&DOCTOR, &[]));
	});
}

parameter_types! {
	pub Clinicians: Vec<CredentialKind> = vec![Physician, Nurse];
}

#[test]
fn ensure_credential_admits_only_valid_holders_and_yields_the_signer() {
	type EnsureClinician = EnsureCredential<Test, Clinicians>;
	ExtBuilder::default().with_board().build_and_execute(|| {
		issue_doctor();
		assert_eq!(EnsureClinician::try_origin(RuntimeOrigin::signed(DOCTOR)).ok(), Some(DOCTOR));
		assert!(EnsureClinician::try_origin(RuntimeOrigin::signed(STRANGER)).is_err());
		assert!(EnsureClinician::try_origin(RuntimeOrigin::root()).is_err());
		assert!(EnsureClinician::try_origin(RuntimeOrigin::none()).is_err());
		assert_ok!(Credentials::suspend(RuntimeOrigin::signed(BOARD), DOCTOR, Physician));
		assert!(EnsureClinician::try_origin(RuntimeOrigin::signed(DOCTOR)).is_err());
	});
}
