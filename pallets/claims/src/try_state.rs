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
	/// - a claim's care falls within its coverage and before its submission; a replacement and the
	///   claim it replaced (while stored) name each other and the same patient, payer, coverage,
	///   encounter and service date; a decision's amounts fit its outcome and a partial or denied
	///   one gives reasons; a voided or replaced claim was never paid or appealed;
	/// - the per-patient index holds exactly the stored claims, and the per-patient counts of
	///   claims and coverages, and the per-provider counts of claims, are right and within their
	///   bounds.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut claims_of_coverage: BTreeMap<CoverageId, u32> = BTreeMap::new();
		let mut by_provider: BTreeMap<(PatientId, T::AccountId), u32> = BTreeMap::new();
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
			ensure!(
				coverage.covers(claim.service_date)
					&& claim.service_date <= day_of(claim.submitted_at),
				"a claim's care is outside its coverage, or after its submission"
			);
			if let Some(original) = claim.replaces {
				if let Some(replaced) = Claims::<T>::get(original) {
					ensure!(
						replaced.status == ClaimStatus::Replaced { by: claim_id }
							&& (replaced.patient_id, &replaced.payer, replaced.coverage_id)
								== (claim.patient_id, &claim.payer, claim.coverage_id)
							&& (replaced.encounter_id, replaced.service_date)
								== (claim.encounter_id, claim.service_date),
						"a replacement and the claim it replaced disagree"
					);
				}
			}
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
			let n = by_provider.entry((claim.patient_id, claim.provider.clone())).or_insert(0);
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
		Self::check_counts(
			ClaimsByProvider::<T>::iter()
				.map(|(patient, provider, count)| ((patient, provider), count)),
			by_provider,
			T::MaxClaimsPerProvider::get(),
		)?;
		Ok(())
	}

	/// Whether a claim's status, decision, payments and appeals agree.
	fn check_status(claim_id: ClaimId, claim: &ClaimOf<T>) -> Result<(), TryRuntimeError> {
		let untouched = claim.paid == 0 && claim.appeals == 0;
		match (&claim.status, claim.decision) {
			(ClaimStatus::Submitted, None) => {
				ensure!(untouched, "a pending claim was paid or appealed")
			},
			(ClaimStatus::Voided, None) => {
				ensure!(untouched, "a voided claim was paid or appealed")
			},
			(ClaimStatus::Replaced { by }, None) => {
				ensure!(untouched, "a replaced claim was paid or appealed");
				ensure!(*by > claim_id, "a claim was replaced by an older one");
				if let Some(replacement) = Claims::<T>::get(by) {
					ensure!(replacement.replaces == Some(claim_id), "replacement links disagree");
				}
			},
			(
				ClaimStatus::Adjudicated { outcome, allowed, patient_responsibility, reasons },
				Some(decision),
			) => {
				ensure!(
					decision.outcome == *outcome
						&& decision.payable == allowed.saturating_sub(*patient_responsibility),
					"an adjudicated status differs from its decision"
				);
				let billed = claim.billed.amount;
				let fits = *allowed <= billed
					&& patient_responsibility <= allowed
					&& match outcome {
						Outcome::Approved => *allowed > 0,
						Outcome::Partial => *allowed > 0 && *allowed < billed,
						Outcome::Denied => *allowed == 0,
					};
				ensure!(fits, "a decision's amounts do not fit its outcome");
				ensure!(
					*outcome == Outcome::Approved || !reasons.is_empty(),
					"a partial or denied decision gives no reason"
				);
			},
			(ClaimStatus::Paid { amount, .. }, Some(decision)) => ensure!(
				decision.outcome != Outcome::Denied && *amount > 0 && claim.paid >= *amount,
				"a payment is recorded on a denied claim, or is not counted"
			),
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

	/// Whether the stored `counts` (per patient, or per patient and provider) are the `actual`
	/// ones (none stored as zero), within `max`.
	fn check_counts<Key: Ord>(
		counts: impl Iterator<Item = (Key, u32)>,
		mut actual: BTreeMap<Key, u32>,
		max: u32,
	) -> Result<(), TryRuntimeError> {
		for (key, count) in counts {
			ensure!(count > 0 && count <= max, "a stored count is out of range");
			ensure!(actual.remove(&key) == Some(count), "a stored count is wrong");
		}
		ensure!(actual.is_empty(), "entries without their count");
		Ok(())
	}
}
