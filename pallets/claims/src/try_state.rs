//! The rules the pallet promises, as one check: run after every unit test, by try-runtime and
//! by the runtime fuzzer.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use carechain_primitives::HeldDeposits;
use frame::deps::sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// The rules this pallet promises, checked after every unit test, by try-runtime and by the
	/// runtime fuzzer (`fuzz/`):
	///
	/// - every stored id was handed out;
	/// - a claim names a stored coverage of the same patient and payer, bills more than zero in a
	///   well-formed currency, and its status agrees with its decision: no decision before the
	///   first adjudication (submitted, voided, replaced), a decision once adjudicated, paid or
	///   appealed; an `Adjudicated` status is the decision; payments never exceed what the decision
	///   left to pay; appeals within `MaxAppeals`; a replaced claim's replacement names it;
	/// - the duplicate keys are exactly those of the claims that still stand (neither voided nor
	///   replaced), each under its claim's payer and provider;
	/// - each coverage counts exactly the stored claims that name it, and starts no later than it
	///   ends;
	/// - each provider holds exactly its claims' deposits, each payer its coverages';
	/// - the per-patient index holds exactly the stored claims, and the per-patient counts of
	///   claims and coverages are right and within their bounds.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut claims_of_coverage: BTreeMap<CoverageId, u32> = BTreeMap::new();
		let mut claim_deposits = HeldDeposits::default();
		let mut standing = 0usize;
		let next_claim = NextClaimId::<T>::get();
		for (claim_id, claim) in Claims::<T>::iter() {
			ensure!(claim_id < next_claim, "a claim id was never handed out");
			let coverage =
				Coverages::<T>::get(claim.coverage_id).ok_or("a claim's coverage is gone")?;
			ensure!(
				coverage.patient_id == claim.patient_id && coverage.payer == claim.payer,
				"a claim's coverage is another patient's or payer's"
			);
			ensure!(
				claim.billed.amount > 0 && claim.billed.currency.is_well_formed(),
				"a claim bills no money"
			);
			ensure!(claim.appeals <= T::MaxAppeals::get(), "a claim was appealed too often");
			Self::check_status(claim_id, &claim)?;
			let stands =
				!matches!(claim.status, ClaimStatus::Voided | ClaimStatus::Replaced { .. });
			if stands {
				standing = standing.saturating_add(1);
			}
			ensure!(
				(DuplicateKeys::<T>::get(&claim.payer, (&claim.provider, claim.duplicate_key)) ==
					Some(claim_id)) == stands,
				"a duplicate key is missing for a standing claim, or kept for one that does not stand"
			);
			ensure!(
				ClaimsOf::<T>::contains_key(claim.patient_id, claim_id),
				"a stored claim is missing from its patient's index"
			);
			let n = claims_of_coverage.entry(claim.coverage_id).or_insert(0);
			*n = n.saturating_add(1);
			claim_deposits.add(claim.provider, claim.deposit);
		}
		ensure!(
			DuplicateKeys::<T>::iter().count() == standing,
			"a duplicate key names no standing claim"
		);
		claim_deposits.check::<T::Currency>(
			&HoldReason::ClaimDeposit.into(),
			"held claim deposits differ from the claims",
		)?;

		let mut coverage_deposits = HeldDeposits::default();
		let mut coverages_of: BTreeMap<PatientId, u32> = BTreeMap::new();
		let next_coverage = NextCoverageId::<T>::get();
		for (coverage_id, coverage) in Coverages::<T>::iter() {
			ensure!(coverage_id < next_coverage, "a coverage id was never handed out");
			ensure!(
				coverage.valid_from <= coverage.valid_until,
				"a coverage ends before it starts"
			);
			ensure!(
				claims_of_coverage.remove(&coverage_id).unwrap_or(0) == coverage.claims,
				"a coverage miscounts its claims"
			);
			let n = coverages_of.entry(coverage.patient_id).or_insert(0);
			*n = n.saturating_add(1);
			coverage_deposits.add(coverage.payer, coverage.deposit);
		}
		coverage_deposits.check::<T::Currency>(
			&HoldReason::CoverageDeposit.into(),
			"held coverage deposits differ from the coverages",
		)?;
		Self::check_counts(
			CoverageCount::<T>::iter(),
			coverages_of,
			T::MaxCoveragesPerPatient::get(),
		)?;

		let mut indexed: BTreeMap<PatientId, u32> = BTreeMap::new();
		for (patient_id, claim_id, ()) in ClaimsOf::<T>::iter() {
			let claim = Claims::<T>::get(claim_id).ok_or("the index names a missing claim")?;
			ensure!(
				claim.patient_id == patient_id,
				"the index files a claim under another patient"
			);
			let n = indexed.entry(patient_id).or_insert(0);
			*n = n.saturating_add(1);
		}
		Self::check_counts(ClaimCount::<T>::iter(), indexed, T::MaxClaimsPerPatient::get())?;
		Ok(())
	}

	/// Whether a claim's status, decision, payments and appeals agree.
	fn check_status(claim_id: ClaimId, claim: &ClaimOf<T>) -> Result<(), TryRuntimeError> {
		match (&claim.status, claim.decision) {
			(ClaimStatus::Submitted, None) => {
				ensure!(claim.paid == 0, "a claim was paid before a decision")
			},
			(ClaimStatus::Voided, None) => {},
			(ClaimStatus::Replaced { by }, None) => {
				ensure!(*by > claim_id, "a claim was replaced by an older one");
				if let Some(replacement) = Claims::<T>::get(by) {
					ensure!(replacement.replaces == Some(claim_id), "replacement links disagree");
				}
			},
			(
				ClaimStatus::Adjudicated { outcome, allowed, patient_responsibility, .. },
				Some(decision),
			) => ensure!(
				decision.outcome == *outcome
					&& decision.payable == allowed.saturating_sub(*patient_responsibility),
				"an adjudicated status differs from its decision"
			),
			(ClaimStatus::Paid { .. }, Some(decision)) => {
				ensure!(decision.outcome != Outcome::Denied, "a denied claim was paid")
			},
			(ClaimStatus::Appealed { .. }, Some(_)) => {
				ensure!(claim.appeals > 0, "an appealed claim counts no appeal")
			},
			_ => return Err("a claim's status disagrees with its decision".into()),
		}
		if let Some(decision) = claim.decision {
			ensure!(
				claim.paid <= decision.payable,
				"a claim was paid more than the decision allows"
			);
		}
		Ok(())
	}

	/// Whether the stored per-patient `counts` are the `actual` ones (none stored as zero), within
	/// `max`.
	fn check_counts(
		counts: impl Iterator<Item = (PatientId, u32)>,
		mut actual: BTreeMap<PatientId, u32>,
		max: u32,
	) -> Result<(), TryRuntimeError> {
		for (patient_id, count) in counts {
			ensure!(count > 0 && count <= max, "a per-patient count is out of range");
			ensure!(actual.remove(&patient_id) == Some(count), "a per-patient count is wrong");
		}
		ensure!(actual.is_empty(), "a patient with entries has no count");
		Ok(())
	}
}
