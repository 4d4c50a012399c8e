use super::*;
use crate::{Issuers, NextIssuerEpoch};
use carechain_primitives::CredentialStatus;

#[test]
fn genesis_seeds_issuers_and_deposit_free_credentials() {
	ExtBuilder::default()
		.with_board()
		.with_credential(BOARD, DOCTOR, CredentialKind::Physician, START + DAY)
		.build_and_execute(|| {
			assert!(Issuers::<Test>::contains_key(BOARD));
			assert_eq!(NextIssuerEpoch::<Test>::get(), 1);
			assert_eq!(
				Credentials::credential_status(&DOCTOR, CredentialKind::Physician),
				CredentialStatus::Valid
			);
			assert_eq!(held(BOARD), 0);
		});
}

#[test]
#[should_panic(expected = "genesis credential from an unknown issuer")]
fn genesis_refuses_a_credential_from_an_unknown_issuer() {
	ExtBuilder::default()
		.with_credential(BOARD, DOCTOR, CredentialKind::Physician, START + DAY)
		.build();
}

#[test]
#[should_panic(expected = "genesis issuer may not issue")]
fn genesis_refuses_a_kind_the_issuer_may_not_issue() {
	ExtBuilder::default()
		.with_board()
		.with_credential(BOARD, DOCTOR, CredentialKind::Regulator, START + DAY)
		.build();
}
