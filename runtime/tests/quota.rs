//! Patients without tokens, through the runtime's real transaction extensions: a patient whom a
//! hospital onboarded makes their calls for free, within a quota per period that the pool's
//! validation enforces; everyone else pays as before.

use crate::common;

use carechain_primitives::{PatientCall, PatientRegistry};
use carechain_runtime::{
	configs::healthcare::{FeeFreePatientCalls, PatientQuotaCalls, PatientQuotaPeriod},
	AccountId, Patients, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, TxExtension,
};
use frame_support::{
	assert_ok,
	dispatch::{CheckIfFeeless, GetDispatchInfo},
	traits::fungible::Inspect,
	weights::Weight,
};
use pallet_patient_quota::{PatientCalls, NOT_PATIENT_OR_DELEGATE, QUOTA_EXHAUSTED};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{BobStash, Dave, One, Two};
use sp_runtime::{
	generic::Era,
	traits::{DispatchTransaction, Dispatchable, TransactionExtension},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
};

type Balances = pallet_balances::Pallet<Runtime>;

/// The extensions a signed transaction from `who` carries, with its next nonce.
fn extensions(who: &AccountId) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		pallet_patient_quota::CheckPatientQuota::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(frame_system::Pallet::<Runtime>::account_nonce(who)),
		frame_system::CheckWeight::new(),
		pallet_patient_quota::SkipFeelessPayment::from(
			pallet_transaction_payment::ChargeTransactionPayment::from(0),
		),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	)
}

/// What the pool says of `call` signed by `who`.
fn validate(who: &AccountId, call: &RuntimeCall) -> Result<(), TransactionValidityError> {
	let info = call.get_dispatch_info();
	extensions(who)
		.validate_only(
			RuntimeOrigin::signed(who.clone()),
			call,
			&info,
			100,
			TransactionSource::External,
			0,
		)
		.map(|_| ())
}

/// `call` signed by `who`, applied as a block applies it: validated, prepared (fees, quota),
/// dispatched. The outer error is the transaction's refusal; the inner, the call's.
fn apply(
	who: &AccountId,
	call: RuntimeCall,
) -> Result<
	sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo>,
	TransactionValidityError,
> {
	let info = dispatch_info(who, &call);
	extensions(who).dispatch_transaction(RuntimeOrigin::signed(who.clone()), call, &info, 100, 0)
}

/// What a block charges `call` signed by `who` before dispatch: the call's weight and every
/// extension's, as the extrinsic's own `get_dispatch_info` gives them.
fn dispatch_info(who: &AccountId, call: &RuntimeCall) -> frame_support::dispatch::DispatchInfo {
	let mut info = call.get_dispatch_info();
	info.extension_weight = extensions(who).weight(call);
	info
}

fn custom(code: u8) -> Result<(), TransactionValidityError> {
	Err(InvalidTransaction::Custom(code).into())
}

fn patients(call: pallet_patients::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Patients(call)
}

/// A consent to `grantee` to read category 7 of `patient_id`'s records for treatment.
fn grant(patient_id: carechain_primitives::PatientId, grantee: &AccountId) -> RuntimeCall {
	RuntimeCall::Consent(pallet_consent::Call::grant {
		patient_id,
		grantee: grantee.clone(),
		purpose: carechain_primitives::Purpose::Treatment,
		categories: vec![carechain_primitives::CategoryTag([7; 16])].try_into().expect("one"),
		access: carechain_primitives::Access::Read,
		expires_at: None,
	})
}

fn update_commitment(byte: u8) -> RuntimeCall {
	patients(pallet_patients::Call::update_commitment { commitment: H256::repeat_byte(byte) })
}

/// The development chain at block 1 with a patient (`One`) whom the hospital (Bob's stash)
/// onboarded: its account has never held a token.
fn with_onboarded_patient(test: impl FnOnce(AccountId, u64)) {
	common::genesis_of("development").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000);
		let patient = One.to_account_id();
		assert_ok!(patients(pallet_patients::Call::register_for {
			account: patient.clone(),
			commitment: H256::repeat_byte(1),
		})
		.dispatch(RuntimeOrigin::signed(BobStash.to_account_id())));
		let patient_id = Patients::patient_of(&patient).expect("onboarded");
		assert_eq!(Balances::total_balance(&patient), 0);
		test(patient, patient_id);
		assert!(pallet_patient_quota::Pallet::<Runtime>::do_try_state().is_ok());
		assert!(pallet_patients::Pallet::<Runtime>::do_try_state().is_ok());
	});
}

#[test]
fn a_patient_with_no_tokens_acts_for_free_and_the_sponsor_pays_the_deposits() {
	with_onboarded_patient(|patient, patient_id| {
		let guardian = Two.to_account_id();
		let held_before = Balances::total_balance(&BobStash.to_account_id());
		for call in [
			update_commitment(2),
			patients(pallet_patients::Call::add_delegate {
				delegate: guardian.clone(),
				expires_at: None,
			}),
			patients(pallet_patients::Call::remove_delegate { delegate: guardian.clone() }),
		] {
			assert_ok!(validate(&patient, &call));
			let applied = apply(&patient, call).expect("a valid transaction");
			assert_ok!(applied);
			assert!(frame_system::Pallet::<Runtime>::events().iter().any(|record| matches!(
				record.event,
				RuntimeEvent::SkipFeelessPayment(
					pallet_skip_feeless_payment::Event::FeeSkipped { .. }
				)
			)));
		}
		assert_eq!(Balances::total_balance(&patient), 0, "the patient never paid anything");
		assert_eq!(frame_system::Pallet::<Runtime>::account_nonce(&patient), 3);
		// The hospital's deposits came and went; it paid no fee for the patient.
		assert_eq!(Balances::total_balance(&BobStash.to_account_id()), held_before);
		let status = pallet_patient_quota::Pallet::<Runtime>::remaining(patient_id);
		assert_eq!(status.0, PatientQuotaCalls::get() - 3);
	});
}

#[test]
fn calls_over_the_quota_are_refused_at_validation_until_the_period_renews() {
	with_onboarded_patient(|patient, patient_id| {
		let quota = PatientQuotaCalls::get();
		for n in 0..quota {
			assert_ok!(apply(&patient, update_commitment(n as u8)).expect("within quota"));
		}
		assert_eq!(pallet_patient_quota::Pallet::<Runtime>::remaining(patient_id).0, 0);
		// Over quota: the pool refuses it, saying why; a block would not include it either, and
		// nothing is charged or stored.
		let nonce = frame_system::Pallet::<Runtime>::account_nonce(&patient);
		assert_eq!(validate(&patient, &update_commitment(0xff)), custom(QUOTA_EXHAUSTED));
		assert_eq!(
			apply(&patient, update_commitment(0xff)).err(),
			Some(InvalidTransaction::Custom(QUOTA_EXHAUSTED).into())
		);
		assert_eq!(frame_system::Pallet::<Runtime>::account_nonce(&patient), nonce);
		assert_eq!(
			pallet_patients::Patients::<Runtime>::get(patient_id).map(|p| p.commitment),
			Some(H256::repeat_byte((quota - 1) as u8))
		);
		assert_eq!(Balances::total_balance(&patient), 0);

		// The next period renews it.
		let (_, renews_at) = pallet_patient_quota::Pallet::<Runtime>::remaining(patient_id);
		assert_eq!(renews_at, PatientQuotaPeriod::get());
		frame_system::Pallet::<Runtime>::set_block_number(renews_at);
		assert_eq!(pallet_patient_quota::Pallet::<Runtime>::remaining(patient_id).0, quota);
		assert_ok!(validate(&patient, &update_commitment(0xff)));
	});
}

#[test]
fn a_delegate_shares_the_patient_s_quota_and_deregistration_leaves_no_count() {
	with_onboarded_patient(|patient, patient_id| {
		// A guardian that holds nothing either: as a delegate, its account is live.
		let guardian = Two.to_account_id();
		assert_eq!(Balances::total_balance(&guardian), 0);
		assert_ok!(apply(
			&patient,
			patients(pallet_patients::Call::add_delegate {
				delegate: guardian.clone(),
				expires_at: None
			})
		)
		.expect("free"));
		// The guardian's consent for the patient is free, counted against the patient, and holds
		// no deposit (the patient is sponsored).
		let grant = grant(patient_id, &Dave.to_account_id());
		assert_eq!(
			FeeFreePatientCalls::classify(&grant, &guardian),
			PatientCall::FeeFree(patient_id)
		);
		let before = pallet_patient_quota::Pallet::<Runtime>::remaining(patient_id).0;
		let balance = Balances::total_balance(&guardian);
		assert_ok!(apply(&guardian, grant).expect("a valid, free transaction"));
		assert_eq!(pallet_patient_quota::Pallet::<Runtime>::remaining(patient_id).0, before - 1);
		assert_eq!(Balances::total_balance(&guardian), balance, "no fee, no deposit");
		assert!(pallet_consent::Pallet::<Runtime>::do_try_state().is_ok());

		// The patient revokes it for free, and leaves: the count goes with the patient.
		assert_ok!(apply(
			&patient,
			RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 0 })
		)
		.expect("free"));
		assert_ok!(apply(&patient, patients(pallet_patients::Call::deregister {})).expect("free"));
		assert!(pallet_patient_quota::Used::<Runtime>::get(patient_id).is_none());
		assert_eq!(Balances::total_balance(&patient), 0);
	});
}

#[test]
fn only_the_patient_s_side_goes_free_and_an_account_with_nothing_is_told_why() {
	with_onboarded_patient(|patient, patient_id| {
		// A stranger with no tokens granting for the patient: refused at validation, saying why.
		let stranger = Two.to_account_id();
		let grant = grant(patient_id, &stranger);
		assert_eq!(validate(&stranger, &grant), custom(NOT_PATIENT_OR_DELEGATE));
		// A funded stranger pays for the attempt, which fails in dispatch.
		let dave = Dave.to_account_id();
		let before = Balances::total_balance(&dave);
		let applied = apply(&dave, grant).expect("valid: Dave pays the fee");
		assert!(applied.is_err());
		assert!(Balances::total_balance(&dave) < before, "the fee was charged");
		// Calls outside the patient's side are never free, not even for the patient.
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		assert!(!remark.is_feeless(&RuntimeOrigin::signed(patient.clone())));
		assert!(validate(&patient, &remark).is_err(), "the patient cannot pay for a remark");
	});
}

#[test]
fn the_pallets_feeless_marks_and_the_quota_s_classification_agree() {
	with_onboarded_patient(|patient, patient_id| {
		let (guardian, stranger) = (Two.to_account_id(), Dave.to_account_id());
		assert_ok!(patients(pallet_patients::Call::add_delegate {
			delegate: guardian.clone(),
			expires_at: None,
		})
		.dispatch(RuntimeOrigin::signed(patient.clone())));
		let calls = [
			update_commitment(3),
			patients(pallet_patients::Call::propose_key_rotation { new_account: stranger.clone() }),
			patients(pallet_patients::Call::cancel_key_rotation { patient_id }),
			patients(pallet_patients::Call::deregister {}),
			patients(pallet_patients::Call::register { commitment: H256::zero() }),
			RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 0 }),
			RuntimeCall::Consent(pallet_consent::Call::grant {
				patient_id,
				grantee: stranger.clone(),
				purpose: carechain_primitives::Purpose::Research,
				categories: vec![carechain_primitives::CategoryTag([1; 16])]
					.try_into()
					.expect("one"),
				access: carechain_primitives::Access::Read,
				expires_at: None,
			}),
			RuntimeCall::Records(pallet_records::Call::erase { record_id: 0 }),
			RuntimeCall::System(frame_system::Call::remark { remark: vec![1] }),
		];
		for call in &calls {
			for who in [&patient, &guardian, &stranger] {
				let feeless = call.is_feeless(&RuntimeOrigin::signed(who.clone()));
				let class = FeeFreePatientCalls::classify(call, who);
				assert_eq!(feeless, class.is_fee_free(), "{call:?} signed by {who:?}: {class:?}");
				// A call the quota may count is charged its reads.
				assert!(
					class == PatientCall::Other || FeeFreePatientCalls::may_be_patient_side(call),
					"{call:?} signed by {who:?}: {class:?}"
				);
			}
		}
		// The providers' calls in the same pallets are never a patient's: the quota's reads
		// are not charged to them.
		let quota = pallet_patient_quota::CheckPatientQuota::<Runtime>::new();
		for call in [
			RuntimeCall::Trials(pallet_trials::Call::enrol { study_id: 0, patient_id }),
			RuntimeCall::Consent(pallet_consent::Call::break_glass {
				patient_id,
				reason: carechain_primitives::EmergencyReason::PatientUnconscious,
				note_hash: H256::zero(),
			}),
			patients(pallet_patients::Call::register { commitment: H256::zero() }),
		] {
			assert!(!FeeFreePatientCalls::may_be_patient_side(&call), "{call:?}");
			assert_eq!(quota.weight(&call), Weight::zero(), "{call:?}");
		}
		assert!(quota.weight(&update_commitment(4)).ref_time() > 0);
	});
}

#[test]
fn a_free_call_is_refunded_the_fee_payment_it_skipped_and_a_paid_call_is_not() {
	with_onboarded_patient(|patient, _| {
		let payment = pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0)
			.weight(&update_commitment(2));
		assert!(payment.ref_time() > 0, "the fee's withdrawal is charged before dispatch");

		// Its dispatch reads the signer's patient id again: the quota's read of it is refunded too.
		let free = update_commitment(2);
		let charged = dispatch_info(&patient, &free).total_weight();
		let applied = apply(&patient, free).expect("valid").expect("dispatched");
		assert_eq!(applied.actual_weight, Some(charged - payment - read()));

		let hospital = BobStash.to_account_id();
		let paid = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Dave.to_account_id().into(),
			value: carechain_runtime::UNIT,
		});
		let charged = dispatch_info(&hospital, &paid).total_weight();
		let applied = apply(&hospital, paid).expect("valid").expect("dispatched");
		assert_eq!(applied.actual_weight, Some(charged), "the fee was withdrawn: no refund");
	});
}

fn read() -> Weight {
	<Runtime as frame_system::Config>::DbWeight::get().reads(1)
}

/// What the quota extension alone refunds after dispatching `call` signed by `who`.
fn quota_refund(who: &AccountId, call: RuntimeCall) -> Weight {
	let quota = pallet_patient_quota::CheckPatientQuota::<Runtime>::new();
	let info = dispatch_info(who, &call);
	let origin = RuntimeOrigin::signed(who.clone());
	let (pre, origin) = quota.validate_and_prepare(origin, &call, &info, 100, 0).expect("valid");
	let post = call.dispatch(origin).unwrap_or_else(|e| e.post_info);
	<pallet_patient_quota::CheckPatientQuota<Runtime> as TransactionExtension<RuntimeCall>>::post_dispatch_details(
		pre,
		&info,
		&post,
		100,
		&Ok(()),
	)
	.expect("no refusal after dispatch")
}

#[test]
fn the_quota_charges_each_item_once_and_refunds_what_it_did_not_touch() {
	with_onboarded_patient(|patient, patient_id| {
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		let quota = pallet_patient_quota::CheckPatientQuota::<Runtime>::new();
		let grant = |grantee: &AccountId| grant(patient_id, grantee);
		let dave = Dave.to_account_id();
		// Charged before dispatch: the item that shows whose the call is, the count read and
		// written.
		assert_eq!(quota.weight(&grant(&dave)), db.reads_writes(2, 1));

		// A free grant reads the patient again in dispatch, and is charged for it there.
		assert!(FeeFreePatientCalls::dispatch_reads_patient(&grant(&dave)));
		assert_eq!(quota_refund(&patient, grant(&dave)), read());
		assert_eq!(
			pallet_patient_quota::Pallet::<Runtime>::remaining(patient_id).0,
			PatientQuotaCalls::get() - 1,
			"counted all the same"
		);
		// The granter's revocation reads the consent, not the patient: nothing refunded.
		let revoke = RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 0 });
		assert!(!FeeFreePatientCalls::dispatch_reads_patient(&revoke));
		assert_eq!(quota_refund(&patient, revoke), Weight::zero());
		// A paid call of the same kind, by a funded stranger: nothing counted, so the count's read
		// and write are refunded; the dispatch fails, charged its whole weight.
		assert_eq!(quota_refund(&dave, grant(&BobStash.to_account_id())), db.reads_writes(1, 1));
		// A call that is never a patient's was charged nothing and is refunded nothing.
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		assert_eq!(quota.weight(&remark), Weight::zero());
		assert_eq!(quota_refund(&dave, remark), Weight::zero());
		// Every call whose dispatch reads the patient is one the quota charges.
		for call in
			[grant(&dave), update_commitment(9), patients(pallet_patients::Call::deregister {})]
		{
			assert!(FeeFreePatientCalls::dispatch_reads_patient(&call));
			assert!(FeeFreePatientCalls::may_be_patient_side(&call));
		}
	});
}
