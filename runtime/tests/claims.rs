//! The claims story through the real runtime: the patient consents to its insurer for payment
//! → the insurer registers the coverage → the physician anchors the encounter and submits a
//! claim → a duplicate is refused → partial decision → appeal → approval → payment, each state
//! read through `ClaimsApi`; and the claims that must fail: against expired coverage, to a payer
//! the patient never consented to.

use crate::common::{self, tag};

use carechain_primitives::{
	duplicate_key, runtime_decl_for_claims_api::ClaimsApiV1, Access, ClaimStatus, CurrencyCode,
	Day, Money, Outcome, PatientRegistry, Purpose, ReasonCode, RecordCategory, MILLIS_PER_DAY,
};
use carechain_runtime::{Block, Patients, Runtime, RuntimeCall, RuntimeOrigin};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{AliceStash, Bob, CharlieStash, Eve};
use sp_runtime::{traits::Dispatchable, DispatchError};

/// Noon of 2027-01-15.
const TODAY: Day = 20_833;

fn status(claim_id: u64) -> Option<ClaimStatus> {
	<Runtime as ClaimsApiV1<Block>>::claim_status(claim_id)
}

fn claims(call: pallet_claims::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Claims(call)
}

fn error(error: pallet_claims::Error<Runtime>) -> DispatchError {
	error.into()
}

fn eur(amount: u64) -> Money {
	Money { amount, currency: CurrencyCode(*b"EUR") }
}

#[test]
fn the_claims_story() {
	common::genesis_of("development").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(
			u64::from(TODAY) * MILLIS_PER_DAY + MILLIS_PER_DAY / 2,
		);
		// Bob is a physician and Charlie's stash the insurer in the development preset.
		let (patient, doctor, insurer) =
			(AliceStash.to_account_id(), Bob.to_account_id(), CharlieStash.to_account_id());
		let (as_patient, as_doctor, as_insurer) = (
			RuntimeOrigin::signed(patient.clone()),
			RuntimeOrigin::signed(doctor.clone()),
			RuntimeOrigin::signed(insurer.clone()),
		);
		assert_ok!(RuntimeCall::Patients(pallet_patients::Call::register {
			commitment: H256::repeat_byte(1)
		})
		.dispatch(as_patient.clone()));
		let patient_id = Patients::patient_of(&patient).expect("registered");
		let grant = |grantee, purpose, category, access| {
			RuntimeCall::Consent(pallet_consent::Call::grant {
				patient_id,
				grantee,
				purpose,
				categories: vec![tag(category)].try_into().expect("bounded"),
				access,
				expires_at: None,
			})
			.dispatch(as_patient.clone())
		};
		assert_ok!(grant(insurer.clone(), Purpose::Payment, RecordCategory::Billing, Access::Read));
		assert_ok!(grant(
			doctor.clone(),
			Purpose::Treatment,
			RecordCategory::Encounters,
			Access::ReadWrite
		));

		assert_ok!(claims(pallet_claims::Call::register_coverage {
			patient_id,
			plan_hash: H256::repeat_byte(0x91),
			valid_from: TODAY - 365,
			valid_until: TODAY + 365,
			billing_tag: tag(RecordCategory::Billing),
		})
		.dispatch(as_insurer.clone()));
		assert_ok!(RuntimeCall::Records(pallet_records::Call::anchor {
			patient_id,
			category: tag(RecordCategory::Encounters),
			content_hash: H256::repeat_byte(0xe1),
			storage_ref: H256::repeat_byte(0xe2),
		})
		.dispatch(as_doctor.clone()));

		let key =
			duplicate_key(&[7; 32], patient_id, doctor.as_ref(), TODAY, &[b"99213", b"J1100"]);
		let submit = |payer: &sp_runtime::AccountId32, coverage_id, service_date, duplicate_key| {
			claims(pallet_claims::Call::submit {
				patient_id,
				payer: payer.clone(),
				coverage_id,
				encounter_id: 0,
				claim_hash: H256::repeat_byte(0xb1),
				billed: eur(12_500),
				service_date,
				duplicate_key,
				billing_tag: tag(RecordCategory::Billing),
			})
			.dispatch(as_doctor.clone())
		};
		assert_ok!(submit(&insurer, 0, TODAY, key));
		assert_eq!(status(0), Some(ClaimStatus::Submitted));
		assert_eq!(<Runtime as ClaimsApiV1<Block>>::claims_of(patient_id, None, 10), vec![0]);

		// The same service again, its codes in another order: the same key, refused.
		let again =
			duplicate_key(&[7; 32], patient_id, doctor.as_ref(), TODAY, &[b"j1100", b"99213"]);
		assert_noop!(
			submit(&insurer, 0, TODAY, again).map_err(|e| e.error),
			error(pallet_claims::Error::DuplicateClaim)
		);

		let reasons =
			vec![ReasonCode::NotCovered, ReasonCode::Copayment].try_into().expect("bounded");
		assert_ok!(claims(pallet_claims::Call::adjudicate {
			claim_id: 0,
			outcome: Outcome::Partial,
			allowed: 8_000,
			patient_responsibility: 1_500,
			reasons,
		})
		.dispatch(as_insurer.clone()));
		assert!(matches!(
			status(0),
			Some(ClaimStatus::Adjudicated { outcome: Outcome::Partial, .. })
		));

		assert_ok!(claims(pallet_claims::Call::appeal {
			claim_id: 0,
			evidence_hash: H256::repeat_byte(0xe5)
		})
		.dispatch(as_doctor.clone()));
		assert_eq!(
			status(0),
			Some(ClaimStatus::Appealed { evidence_hash: H256::repeat_byte(0xe5) })
		);
		assert_ok!(claims(pallet_claims::Call::adjudicate {
			claim_id: 0,
			outcome: Outcome::Approved,
			allowed: 12_500,
			patient_responsibility: 1_500,
			reasons: vec![ReasonCode::Copayment].try_into().expect("bounded"),
		})
		.dispatch(as_insurer.clone()));
		assert_ok!(claims(pallet_claims::Call::pay {
			claim_id: 0,
			amount: 11_000,
			remittance_hash: H256::repeat_byte(0x9e),
		})
		.dispatch(as_insurer.clone()));
		assert_eq!(
			status(0),
			Some(ClaimStatus::Paid { amount: 11_000, remittance_hash: H256::repeat_byte(0x9e) })
		);

		// A claim for care after the coverage ended is refused.
		assert_ok!(claims(pallet_claims::Call::register_coverage {
			patient_id,
			plan_hash: H256::repeat_byte(0x92),
			valid_from: TODAY - 400,
			valid_until: TODAY - 30,
			billing_tag: tag(RecordCategory::Billing),
		})
		.dispatch(as_insurer.clone()));
		assert_noop!(
			submit(&insurer, 1, TODAY, H256::repeat_byte(2)).map_err(|e| e.error),
			error(pallet_claims::Error::CoverageNotActive)
		);

		// A payer the patient never consented to can neither register coverage nor be billed.
		let stranger = Eve.to_account_id();
		assert_noop!(
			claims(pallet_claims::Call::register_coverage {
				patient_id,
				plan_hash: H256::repeat_byte(0x93),
				valid_from: TODAY,
				valid_until: TODAY,
				billing_tag: tag(RecordCategory::Billing),
			})
			.dispatch(RuntimeOrigin::signed(stranger.clone()))
			.map_err(|e| e.error),
			error(pallet_claims::Error::NotInsurer)
		);
		assert_noop!(
			submit(&stranger, 0, TODAY, H256::repeat_byte(3)).map_err(|e| e.error),
			error(pallet_claims::Error::CoverageNotHeldByPayer)
		);
		// The insurer's consent revoked: no more claims to it.
		assert_ok!(RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 0 })
			.dispatch(as_patient));
		assert_noop!(
			submit(&insurer, 0, TODAY, H256::repeat_byte(4)).map_err(|e| e.error),
			error(pallet_claims::Error::PaymentNotConsented)
		);
		// A year and a day after the care, the claim paid in full is cleared, by anyone, and
		// the provider's deposit returns.
		pallet_timestamp::Now::<Runtime>::put(u64::from(TODAY + 366) * MILLIS_PER_DAY);
		assert_ok!(claims(pallet_claims::Call::clear { claim_id: 0 })
			.dispatch(RuntimeOrigin::signed(stranger)));
		assert_eq!(status(0), None);
		assert!(<Runtime as ClaimsApiV1<Block>>::claims_of(patient_id, None, 10).is_empty());
		pallet_claims::Pallet::<Runtime>::do_try_state().expect("claims invariants hold");
	});
}
