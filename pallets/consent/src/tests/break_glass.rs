use super::*;
use crate::{EmergencyAccess, EmergencyAccesses, EmergencyOf, Error};
use carechain_primitives::{CategoryTag, CredentialKind, EmergencyReason};
use RecordCategory::*;

fn break_glass(who: AccountId) -> DispatchResultWithPostInfo {
	Consent::break_glass(
		RuntimeOrigin::signed(who),
		PATIENT_ID,
		EmergencyReason::PatientUnconscious,
		H256::repeat_byte(0xee),
	)
}

#[test]
fn a_physician_breaks_the_glass_and_every_category_opens_for_a_day() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(break_glass(DOCTOR));
		let expires_at = START + EMERGENCY_DURATION;
		assert_eq!(
			EmergencyAccesses::<Test>::get(0),
			Some(EmergencyAccess {
				patient_id: PATIENT_ID,
				clinician: DOCTOR,
				reason: EmergencyReason::PatientUnconscious,
				note_hash: H256::repeat_byte(0xee),
				opened_at: START,
				expires_at,
				deposit: EMERGENCY_DEPOSIT,
			})
		);
		assert_eq!(emergency_held(DOCTOR), EMERGENCY_DEPOSIT);
		last_event_is(Event::EmergencyAccessOpened {
			access_id: 0,
			clinician: DOCTOR,
			patient_id: PATIENT_ID,
			reason: EmergencyReason::PatientUnconscious,
			note_hash: H256::repeat_byte(0xee),
			expires_at,
		});
		for category in [MentalHealth, Genomics, LabResults] {
			assert_eq!(decision(DOCTOR, category, Access::Read), AccessDecision::Emergency(0));
			assert_eq!(decision(DOCTOR, category, Access::Write), AccessDecision::Emergency(0));
		}
		// Lapses with no one acting.
		advance(EMERGENCY_DURATION);
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Denied);
	});
}

#[test]
fn break_glass_covers_every_tag_even_one_the_clinician_made_up() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(break_glass(DOCTOR));
		// The clinician holds none of the patient's tags; a record it writes in the emergency
		// carries a tag of its own, which the emergency covers like the patient's.
		for tag in [tag(MentalHealth), CategoryTag([0xab; 16])] {
			for access in [Access::Read, Access::Write] {
				assert_eq!(
					Consent::check_access(
						PATIENT_ID,
						&DOCTOR,
						tag,
						access,
						Some(Purpose::Treatment)
					),
					AccessDecision::Emergency(0)
				);
			}
		}
	});
}

#[test]
fn a_nurse_may_break_the_glass_a_pharmacist_may_not() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(break_glass(NURSE));
		assert_noop!(break_glass(PHARMACIST), Error::<Test>::NotClinician);
		assert_noop!(break_glass(STRANGER), Error::<Test>::NotClinician);
	});
}

#[test]
fn break_glass_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::break_glass(
				RuntimeOrigin::signed(DOCTOR),
				UNKNOWN_PATIENT,
				EmergencyReason::Other,
				H256::zero(),
			),
			Error::<Test>::PatientNotActive
		);
		assert_ok!(break_glass(DOCTOR));
		assert_noop!(break_glass(DOCTOR), Error::<Test>::EmergencyAlreadyOpen);
		set_credential(POOR, CredentialKind::Physician, true);
		assert_noop!(break_glass(POOR), Error::<Test>::InsufficientDeposit);
	});
}

#[test]
fn breaking_the_glass_again_after_expiry_ends_the_old_access() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(break_glass(DOCTOR));
		advance(EMERGENCY_DURATION);
		assert_ok!(break_glass(DOCTOR));
		assert!(EmergencyAccesses::<Test>::get(0).is_none());
		assert_eq!(EmergencyOf::<Test>::get(PATIENT_ID, DOCTOR), Some(1));
		assert_eq!(emergency_held(DOCTOR), EMERGENCY_DEPOSIT);
		System::assert_has_event(
			Event::EmergencyAccessEnded {
				access_id: 0,
				clinician: DOCTOR,
				patient_id: PATIENT_ID,
				ended_by: DOCTOR,
			}
			.into(),
		);
	});
}

#[test]
fn the_clinician_or_the_patient_ends_it_and_anyone_clears_it_once_lapsed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(break_glass(DOCTOR));
		assert_ok!(Consent::end_emergency(RuntimeOrigin::signed(DOCTOR), 0));
		last_event_is(Event::EmergencyAccessEnded {
			access_id: 0,
			clinician: DOCTOR,
			patient_id: PATIENT_ID,
			ended_by: DOCTOR,
		});
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Denied);
		assert_eq!(emergency_held(DOCTOR), 0);

		assert_ok!(break_glass(NURSE));
		assert_ok!(Consent::end_emergency(RuntimeOrigin::signed(GUARDIAN), 1));

		assert_ok!(break_glass(DOCTOR));
		assert_noop!(
			Consent::end_emergency(RuntimeOrigin::signed(STRANGER), 2),
			Error::<Test>::NotClinicianOrPatient
		);
		advance(EMERGENCY_DURATION);
		assert_ok!(Consent::end_emergency(RuntimeOrigin::signed(STRANGER), 2));
		assert_eq!(emergency_held(DOCTOR), 0);
	});
}

#[test]
fn ending_an_unknown_access_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::end_emergency(RuntimeOrigin::signed(DOCTOR), 0),
			Error::<Test>::UnknownEmergencyAccess
		);
	});
}

#[test]
fn emergency_access_ends_when_the_clinicians_credential_does() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(break_glass(DOCTOR));
		set_credential(DOCTOR, CredentialKind::Physician, false);
		assert_eq!(decision(DOCTOR, LabResults, Access::Read), AccessDecision::Denied);
	});
}

#[test]
fn a_physician_is_refunded_the_nurse_credential_not_read() {
	use crate::weights::WeightInfo;
	ExtBuilder::default().build_and_execute(|| {
		let read = <Test as frame_system::Config>::DbWeight::get().reads(1);
		assert!(read.ref_time() > 0, "the mock charges for storage");
		let charged = <() as WeightInfo>::break_glass();
		let physician = break_glass(DOCTOR).expect("opened");
		assert_eq!(physician.actual_weight, Some(charged - read));
		// A nurse is the benchmarked case: both kinds read.
		let nurse = break_glass(NURSE).expect("opened");
		assert_eq!(nurse.actual_weight, Some(charged));
	});
}
