//! Credentials through the real runtime: dispatched as signed extrinsics would be, and read
//! back through the `CredentialsApi` runtime API that apps call.

use crate::common;

use carechain_primitives::{
	runtime_decl_for_credentials_api::CredentialsApiV1, CredentialKind, CredentialStatus,
};
use carechain_runtime::{
	genesis_config_presets::DEV_CREDENTIALS_VALID_UNTIL, AccountId, Block, Runtime, RuntimeCall,
	RuntimeOrigin,
};
use frame_support::assert_ok;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::traits::Dispatchable;

fn status(who: AccountId, kind: CredentialKind) -> CredentialStatus {
	<Runtime as CredentialsApiV1<Block, AccountId>>::credential_status(who, kind)
}

/// Moves the clock. (`Timestamp::set_timestamp` would also tell Aura, which insists the time
/// match its current slot.)
fn set_time(now: u64) {
	pallet_timestamp::Now::<Runtime>::put(now);
}

fn credentials(call: pallet_credentials::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Credentials(call)
}

const NOW: u64 = 1_800_000_000_000;
const YEAR: u64 = 365 * 24 * 60 * 60 * 1000;

#[test]
fn the_development_preset_seeds_the_documented_credentials() {
	common::genesis_of("development").execute_with(|| {
		use CredentialKind::*;
		for (who, kind) in [
			(Alice, Regulator),
			(Bob, Physician),
			(Charlie, Nurse),
			(Dave, Pharmacist),
			(Dave, Pharmacy),
			(Eve, Manufacturer),
			(Ferdie, Distributor),
		] {
			assert_eq!(
				status(who.to_account_id(), kind),
				CredentialStatus::Valid,
				"{who:?} {kind:?}"
			);
		}
		assert_eq!(status(Bob.to_account_id(), Nurse), CredentialStatus::None);
		// Valid until 2100, and not a millisecond longer.
		set_time(DEV_CREDENTIALS_VALID_UNTIL);
		assert_eq!(status(Bob.to_account_id(), Physician), CredentialStatus::Expired);
	});
}

#[test]
fn an_issued_credential_is_valid_then_expired_then_void_once_its_issuer_is_removed() {
	common::genesis_of("local_testnet").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		set_time(NOW);
		let board = Alice.to_account_id();
		let doctor = Bob.to_account_id();

		let register = credentials(pallet_credentials::Call::register_issuer {
			issuer: board.clone(),
			kinds: vec![CredentialKind::Physician].try_into().expect("within the bound"),
			metadata_hash: H256::repeat_byte(1),
		});
		assert_ok!(register.dispatch(RuntimeOrigin::root()));

		let issue = credentials(pallet_credentials::Call::issue {
			subject: doctor.clone(),
			kind: CredentialKind::Physician,
			license_hash: H256::repeat_byte(2),
			valid_until: NOW + YEAR,
		});
		assert_ok!(issue.dispatch(RuntimeOrigin::signed(board.clone())));
		assert_eq!(status(doctor.clone(), CredentialKind::Physician), CredentialStatus::Valid);

		// Expiry needs no one to act: the status follows the clock.
		set_time(NOW + YEAR);
		assert_eq!(status(doctor.clone(), CredentialKind::Physician), CredentialStatus::Expired);
		let renew = credentials(pallet_credentials::Call::renew {
			subject: doctor.clone(),
			kind: CredentialKind::Physician,
			valid_until: NOW + 2 * YEAR,
		});
		assert_ok!(renew.dispatch(RuntimeOrigin::signed(board.clone())));
		assert_eq!(status(doctor.clone(), CredentialKind::Physician), CredentialStatus::Valid);

		let remove = credentials(pallet_credentials::Call::remove_issuer { issuer: board });
		assert_ok!(remove.dispatch(RuntimeOrigin::root()));
		assert_eq!(status(doctor, CredentialKind::Physician), CredentialStatus::IssuerRemoved);
	});
}

#[test]
fn only_governance_registers_issuers() {
	common::genesis_of("local_testnet").execute_with(|| {
		let register = credentials(pallet_credentials::Call::register_issuer {
			issuer: Bob.to_account_id(),
			kinds: vec![CredentialKind::Physician].try_into().expect("within the bound"),
			metadata_hash: H256::zero(),
		});
		assert!(register.dispatch(RuntimeOrigin::signed(Bob.to_account_id())).is_err());
	});
}
