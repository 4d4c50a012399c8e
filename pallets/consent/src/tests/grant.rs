use super::*;
use crate::{Consent as ConsentRecord, Consents, Error};
use carechain_primitives::CredentialKind;
use RecordCategory::*;

#[test]
fn the_patient_grants_and_the_grantee_may_read() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant_labs(DOCTOR);
		assert_eq!(
			Consents::<Test>::get(id),
			Some(ConsentRecord {
				patient_id: PATIENT_ID,
				grantee: DOCTOR,
				purpose: Purpose::Treatment,
				categories: categories(&[LabResults]),
				access: Access::Read,
				expires_at: None,
				provider_kind: Some(CredentialKind::Physician),
				granted_by: PATIENT,
				granted_at: START,
				deposit: CONSENT_DEPOSIT,
			})
		);
		assert_eq!(listed(DOCTOR), vec![id]);
		assert_eq!(consent_held(PATIENT), CONSENT_DEPOSIT);
		last_event_is(Event::ConsentGranted {
			consent_id: id,
			patient_id: PATIENT_ID,
			grantee: DOCTOR,
			purpose: Purpose::Treatment,
			categories: categories(&[LabResults]),
			access: Access::Read,
			expires_at: None,
			granted_by: PATIENT,
		});
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Permitted(id));
	});
}

#[test]
fn a_live_delegate_grants_for_the_patient_and_pays_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(grant(RELATIVE)
			.by(GUARDIAN)
			.categories(&[Medications, Allergies])
			.access(Access::ReadWrite)
			.expires_at(START + HOUR)
			.call());
		assert_eq!(consent_held(GUARDIAN), CONSENT_DEPOSIT);
		assert_eq!(consent_held(PATIENT), 0);
		assert!(decision(RELATIVE, Allergies, Access::Write).is_allowed());
	});
}

#[test]
fn grant_refuses_inactive_patients_and_strangers() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			grant(DOCTOR).patient(UNKNOWN_PATIENT).call(),
			Error::<Test>::PatientNotActive
		);
		assert_noop!(grant(DOCTOR).by(STRANGER).call(), Error::<Test>::NotPatientOrDelegate);
		assert_noop!(grant(DOCTOR).by(DOCTOR).call(), Error::<Test>::NotPatientOrDelegate);
	});
}

#[test]
fn grant_validates_categories_and_expiry() {
	ExtBuilder::default().build_and_execute(|| {
		let research =
			|list: &[RecordCategory]| grant(DOCTOR).purpose(Purpose::Research).categories(list);
		assert_noop!(research(&[]).call(), Error::<Test>::NoCategories);
		assert_noop!(
			research(&[Genomics, Billing, Genomics]).call(),
			Error::<Test>::DuplicateCategory
		);
		assert_noop!(
			research(&[Genomics]).expires_at(START).call(),
			Error::<Test>::ExpiryNotInFuture
		);
		assert_noop!(
			research(&[Genomics]).expires_at(START - 1).call(),
			Error::<Test>::ExpiryNotInFuture
		);
	});
}

#[test]
fn the_bounds_per_grantee_and_per_patient_give_clear_errors() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..MAX_PER_GRANTEE {
			grant_labs(DOCTOR);
		}
		assert_noop!(
			grant(DOCTOR).categories(&[Imaging]).call(),
			Error::<Test>::TooManyConsentsForGrantee
		);
		// Each grantee has a list of its own, up to the patient's bound in all.
		for _ in 0..MAX_PER_GRANTEE {
			grant_labs(NURSE);
		}
		let last = grant_labs(PHARMACIST);
		assert_eq!(crate::ConsentCount::<Test>::get(PATIENT_ID), Some(MAX_PER_PATIENT));
		assert_noop!(grant(RELATIVE).call(), Error::<Test>::TooManyConsents);
		assert_eq!(consent_held(PATIENT), u64::from(MAX_PER_PATIENT) * CONSENT_DEPOSIT);
		// Revoking one makes room.
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), last));
		assert_eq!(crate::ConsentCount::<Test>::get(PATIENT_ID), Some(MAX_PER_PATIENT - 1));
		grant_labs(RELATIVE);
	});
}

#[test]
fn a_sponsored_patient_s_consents_hold_no_deposit_and_are_bounded_all_the_same() {
	ExtBuilder::default().build_and_execute(|| {
		set_sponsored(PATIENT_ID, true);
		let id = grant_labs(DOCTOR);
		assert_eq!(Consents::<Test>::get(id).map(|c| c.deposit), Some(0));
		let by_guardian = grant(NURSE).by(GUARDIAN).granted();
		assert_eq!(Consents::<Test>::get(by_guardian).map(|c| c.deposit), Some(0));
		assert_eq!((consent_held(PATIENT), consent_held(GUARDIAN)), (0, 0));
		for grantee in [DOCTOR, DOCTOR, NURSE, NURSE, PHARMACIST] {
			grant_labs(grantee);
		}
		assert_noop!(grant(PHARMACIST).call(), Error::<Test>::TooManyConsents);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(consent_held(PATIENT), 0);
	});
}

#[test]
fn a_grant_without_a_deposit_is_refunded_the_hold_it_did_not_make() {
	ExtBuilder::default().build_and_execute(|| {
		let paid = grant(DOCTOR).call().expect("granted");
		assert_eq!(paid.actual_weight, Some(Consent::grant_weight(0, 1)));
		set_sponsored(PATIENT_ID, true);
		let free = grant(NURSE).call().expect("granted");
		let hold = Consent::deposit_hold_weight();
		assert!(hold.ref_time() > 0, "the mock's database weights are not zero");
		assert_eq!(free.actual_weight, Some(Consent::grant_weight(0, 2) - hold));
	});
}

#[test]
fn lapsed_consents_to_the_same_grantee_are_cleared_to_make_room() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..MAX_PER_GRANTEE {
			grant(RELATIVE).categories(&[Imaging]).expires_at(START + HOUR).granted();
		}
		advance(HOUR);
		let id = grant_labs(RELATIVE);
		assert_eq!(listed(RELATIVE), vec![id]);
		assert_eq!(consent_held(PATIENT), CONSENT_DEPOSIT);
		assert_eq!(
			crate::ConsentCount::<Test>::get(PATIENT_ID),
			Some(1),
			"the cleared ones count no more"
		);
		System::assert_has_event(
			Event::ConsentRevoked {
				consent_id: 0,
				patient_id: PATIENT_ID,
				grantee: RELATIVE,
				revoked_by: PATIENT,
			}
			.into(),
		);
	});
}

#[test]
fn a_granter_without_funds_for_the_deposit_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		Delegates::set([(PATIENT_ID, POOR)].into_iter().collect());
		assert_noop!(grant(DOCTOR).by(POOR).call(), Error::<Test>::InsufficientDeposit);
	});
}

#[test]
fn exhausted_consent_ids_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		crate::NextConsentId::<Test>::put(u64::MAX);
		assert_noop!(grant(DOCTOR).call(), Error::<Test>::IdOverflow);
	});
}

#[test]
fn grant_is_refunded_to_the_consents_walked_and_the_credential_kinds_checked() {
	ExtBuilder::default().build_and_execute(|| {
		// A physician is found at the first kind checked.
		let first = grant(DOCTOR).call().expect("granted");
		assert_eq!(first.actual_weight, Some(Consent::grant_weight(0, 1)));
		// Nothing to clear: exactly the grant as benchmarked.
		assert_eq!(Consent::grant_weight(0, 1), <() as crate::weights::WeightInfo>::grant(1));
		let second = grant(DOCTOR).call().expect("granted");
		assert_eq!(second.actual_weight, Some(Consent::grant_weight(1, 1)));
		// A pharmacist at the third; a relative without credentials after all eleven.
		let pharmacist = grant(PHARMACIST).call().expect("granted");
		assert_eq!(pharmacist.actual_weight, Some(Consent::grant_weight(0, 3)));
		let relative = grant(RELATIVE).call().expect("granted");
		let all_kinds = CredentialKind::ALL.len() as u32;
		assert_eq!(relative.actual_weight, Some(Consent::grant_weight(0, all_kinds)));
		let most = <<Test as crate::Config>::MaxConsentsPerGrantee as Get<u32>>::get();
		let charged = Consent::grant_weight(most, all_kinds);
		assert!(
			charged.ref_time() > Consent::grant_weight(1, all_kinds).ref_time(),
			"the refund for consents walked is real"
		);
		assert!(
			charged.ref_time() > Consent::grant_weight(most, 1).ref_time(),
			"the refund for kinds checked is real"
		);
	});
}
