//! The patient's view: `claims_of` pages and `claim_status`, what `ClaimsApi` answers.

use super::*;

#[test]
fn a_patients_claims_are_listed_page_by_page() {
	ExtBuilder::default().build_and_execute(|| {
		let coverage_id = cover();
		for key in 0..3u8 {
			assert_ok!(Submission::keyed(coverage_id, key).by(DOCTOR));
		}
		let mut all = Claims::claims_of(PATIENT_ID, None, 10);
		all.sort();
		assert_eq!(all, vec![0, 1, 2]);
		// Pages of two, resumed after the last id of each, cover every claim once.
		let first = Claims::claims_of(PATIENT_ID, None, 2);
		assert_eq!(first.len(), 2);
		let rest = Claims::claims_of(PATIENT_ID, first.last().copied(), 2);
		assert_eq!(rest.len(), 1);
		assert!(Claims::claims_of(PATIENT_ID, rest.last().copied(), 2).is_empty());
		let mut paged = [first, rest].concat();
		paged.sort();
		assert_eq!(paged, all);
		assert!(Claims::claims_of(OTHER_PATIENT_ID, None, 10).is_empty());
	});
}

#[test]
fn the_status_of_a_claim_follows_it_and_ends_with_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Claims::claim_status(0), None);
		let claim_id = submitted();
		assert_eq!(Claims::claim_status(claim_id), Some(ClaimStatus::Submitted));
		assert_ok!(adjudicate(claim_id, Outcome::Approved, BILLED, 0, &[]));
		assert_ok!(pay(claim_id, BILLED));
		assert_eq!(
			Claims::claim_status(claim_id),
			Some(ClaimStatus::Paid { amount: BILLED, remittance_hash: REMITTANCE })
		);
		advance_days(TIMELY_FILING_DAYS as u64 + 1);
		assert_ok!(Claims::clear(RuntimeOrigin::signed(STRANGER), claim_id));
		assert_eq!(Claims::claim_status(claim_id), None);
		assert!(Claims::claims_of(PATIENT_ID, None, 10).is_empty());
	});
}
