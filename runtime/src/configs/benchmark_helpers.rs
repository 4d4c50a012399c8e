//! What the healthcare pallets' benchmarks need from the runtime: each pallet sees patients,
//! credentials, consents and time only through traits, so the runtime says how to create them.
//! Only in a runtime built with `runtime-benchmarks`.

use carechain_primitives::CredentialKind;

use crate::{AccountId, Balances, Consent, Credentials, Patients, Runtime};

/// Creates patients, credentials, consents and time for the benchmarks of the consent, records
/// and supply-chain pallets, through the real pallets' calls and storage. Setup that fails stops
/// the benchmark with the reason (benchmarks may panic), rather than letting the measured call
/// fail later with an error that hides it.
pub struct HealthcareBenchmarkHelper;

#[allow(clippy::expect_used)]
impl pallet_consent::BenchmarkHelper<AccountId> for HealthcareBenchmarkHelper {
	fn register_patient(who: &AccountId) -> carechain_primitives::PatientId {
		use frame_support::traits::fungible::Mutate;
		Balances::mint_into(who, 1_000 * crate::UNIT).expect("benchmark patient funded");
		Patients::register(
			crate::RuntimeOrigin::signed(who.clone()),
			sp_core::H256::repeat_byte(0xbe),
		)
		.expect("benchmark patient registered");
		pallet_patients::PatientIdOf::<Runtime>::get(who).expect("registered just now")
	}

	fn set_credential(who: &AccountId, kind: CredentialKind, valid: bool) {
		let issuer: AccountId = frame_benchmarking::account("benchmark-issuer", 0, 0);
		if !pallet_credentials::Issuers::<Runtime>::contains_key(&issuer) {
			Credentials::register_issuer(
				crate::RuntimeOrigin::root(),
				issuer.clone(),
				CredentialKind::ALL.to_vec().try_into().expect("every kind fits"),
				sp_core::H256::zero(),
			)
			.expect("benchmark issuer registered");
			use frame_support::traits::fungible::Mutate;
			Balances::mint_into(&issuer, 1_000 * crate::UNIT).expect("benchmark issuer funded");
		}
		use carechain_primitives::CredentialInspect;
		if Credentials::is_valid(who, kind) == valid {
			return;
		}
		let origin = crate::RuntimeOrigin::signed(issuer);
		if !valid {
			Credentials::revoke(origin, who.clone(), kind).expect("benchmark credential revoked");
			return;
		}
		if pallet_credentials::Credentials::<Runtime>::contains_key(who, kind) {
			Credentials::clear(origin.clone(), who.clone(), kind)
				.expect("benchmark credential cleared before it is issued again");
		}
		Credentials::issue(origin, who.clone(), kind, sp_core::H256::zero(), u64::MAX / 2)
			.expect("benchmark credential issued");
	}

	fn add_delegate(
		_patient: carechain_primitives::PatientId,
		patient_key: &AccountId,
		delegate: &AccountId,
	) {
		Patients::add_delegate(
			crate::RuntimeOrigin::signed(patient_key.clone()),
			delegate.clone(),
			None,
		)
		.expect("benchmark delegate added");
	}

	fn advance_time(by: u64) {
		pallet_timestamp::Now::<Runtime>::mutate(|now| *now = now.saturating_add(by));
	}
}

#[allow(clippy::expect_used)]
impl pallet_records::BenchmarkHelper<AccountId> for HealthcareBenchmarkHelper {
	fn register_patient(who: &AccountId) -> carechain_primitives::PatientId {
		<Self as pallet_consent::BenchmarkHelper<AccountId>>::register_patient(who)
	}

	fn permit(
		patient: &AccountId,
		patient_id: carechain_primitives::PatientId,
		provider: &AccountId,
		kind: CredentialKind,
		category: carechain_primitives::CategoryTag,
	) {
		<Self as pallet_consent::BenchmarkHelper<AccountId>>::set_credential(provider, kind, true);
		Consent::grant(
			crate::RuntimeOrigin::signed(patient.clone()),
			patient_id,
			provider.clone(),
			carechain_primitives::Purpose::Treatment,
			alloc::vec![category].try_into().expect("one category fits"),
			carechain_primitives::Access::ReadWrite,
			None,
		)
		.expect("benchmark consent granted");
	}

	fn break_glass(patient_id: carechain_primitives::PatientId, clinician: &AccountId) {
		<Self as pallet_consent::BenchmarkHelper<AccountId>>::set_credential(
			clinician,
			CredentialKind::Nurse,
			true,
		);
		Consent::break_glass(
			crate::RuntimeOrigin::signed(clinician.clone()),
			patient_id,
			carechain_primitives::EmergencyReason::LifeThreatening,
			sp_core::H256::zero(),
		)
		.expect("benchmark emergency access opened");
	}
}

impl pallet_supply_chain::BenchmarkHelper<AccountId> for HealthcareBenchmarkHelper {
	fn set_credential(who: &AccountId, kind: CredentialKind) {
		<Self as pallet_consent::BenchmarkHelper<AccountId>>::set_credential(who, kind, true);
	}

	fn revoke_credential(who: &AccountId, kind: CredentialKind) {
		<Self as pallet_consent::BenchmarkHelper<AccountId>>::set_credential(who, kind, false);
	}
}

impl pallet_patients::BenchmarkHelper<AccountId> for HealthcareBenchmarkHelper {
	fn set_credential(who: &AccountId, kind: CredentialKind) {
		<Self as pallet_consent::BenchmarkHelper<AccountId>>::set_credential(who, kind, true);
	}
}

#[allow(clippy::expect_used)]
impl pallet_claims::BenchmarkHelper<AccountId> for HealthcareBenchmarkHelper {
	fn register_patient(who: &AccountId) -> carechain_primitives::PatientId {
		<Self as pallet_consent::BenchmarkHelper<AccountId>>::register_patient(who)
	}

	fn set_credential(who: &AccountId, kind: CredentialKind) {
		<Self as pallet_consent::BenchmarkHelper<AccountId>>::set_credential(who, kind, true);
	}

	fn consent_to_payment(
		patient_account: &AccountId,
		patient: carechain_primitives::PatientId,
		payer: &AccountId,
		tag: carechain_primitives::CategoryTag,
	) {
		Consent::grant(
			crate::RuntimeOrigin::signed(patient_account.clone()),
			patient,
			payer.clone(),
			carechain_primitives::Purpose::Payment,
			alloc::vec![tag].try_into().expect("one category fits"),
			carechain_primitives::Access::Read,
			None,
		)
		.expect("benchmark payment consent granted");
	}

	fn anchor_encounter(
		patient_account: &AccountId,
		patient: carechain_primitives::PatientId,
		author: &AccountId,
		biller: &AccountId,
	) -> carechain_primitives::RecordId {
		let encounters = carechain_primitives::CategoryKey([0x42; 32])
			.tag(carechain_primitives::RecordCategory::Encounters);
		for (who, kind) in [(author, CredentialKind::Physician), (biller, CredentialKind::Hospital)]
		{
			<Self as pallet_records::BenchmarkHelper<AccountId>>::permit(
				patient_account,
				patient,
				who,
				kind,
				encounters,
			);
		}
		let record_id = pallet_records::NextRecordId::<Runtime>::get();
		crate::Records::anchor(
			crate::RuntimeOrigin::signed(author.clone()),
			patient,
			encounters,
			sp_core::H256::repeat_byte(0xe1),
			sp_core::H256::repeat_byte(0xe2),
		)
		.expect("benchmark encounter anchored");
		record_id
	}

	fn set_now(now: carechain_primitives::Moment) {
		pallet_timestamp::Now::<Runtime>::put(now);
	}
}

#[allow(clippy::expect_used)]
impl pallet_trials::BenchmarkHelper<AccountId> for HealthcareBenchmarkHelper {
	fn register_patient(who: &AccountId) -> carechain_primitives::PatientId {
		<Self as pallet_consent::BenchmarkHelper<AccountId>>::register_patient(who)
	}

	fn set_credential(who: &AccountId, kind: CredentialKind) {
		<Self as pallet_consent::BenchmarkHelper<AccountId>>::set_credential(who, kind, true);
	}

	fn consent_to_research(
		patient_account: &AccountId,
		patient: carechain_primitives::PatientId,
		sponsor: &AccountId,
		categories: u32,
	) -> carechain_primitives::ConsentId {
		let key = carechain_primitives::CategoryKey([0x42; 32]);
		let tags: alloc::vec::Vec<_> = carechain_primitives::RecordCategory::ALL
			.iter()
			.take(categories as usize)
			.map(|category| key.tag(*category))
			.collect();
		// The consent is the last of as many as the patient may give the sponsor: withdrawing
		// revokes it, rewriting the largest entry of the sponsor's consents there can be.
		let tags: pallet_consent::CategoriesOf<Runtime> =
			tags.try_into().expect("at most one tag per category");
		let most = <<Runtime as pallet_consent::Config>::MaxConsentsPerGrantee as frame_support::traits::Get<u32>>::get();
		let held = pallet_consent::ConsentsOf::<Runtime>::get(patient, sponsor).len() as u32;
		let mut consent_id = pallet_consent::NextConsentId::<Runtime>::get();
		for _ in 0..most.saturating_sub(held).max(1) {
			consent_id = pallet_consent::NextConsentId::<Runtime>::get();
			Consent::grant(
				crate::RuntimeOrigin::signed(patient_account.clone()),
				patient,
				sponsor.clone(),
				carechain_primitives::Purpose::Research,
				tags.clone(),
				carechain_primitives::Access::Read,
				None,
			)
			.expect("benchmark research consent granted");
		}
		consent_id
	}

	fn set_now(now: carechain_primitives::Moment) {
		pallet_timestamp::Now::<Runtime>::put(now);
	}
}
