//! Stand-ins for the coupling traits and the clock, for the pallets' unit tests (feature
//! `mock`). Their state lives in thread-locals that tests set directly, so each pallet is
//! tested against exactly the patients, credentials and time a test describes, without the
//! other pallets. Accounts are `u64`, as in FRAME's test runtimes.

// Test stand-ins may panic: they only run in tests.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::panic
)]

extern crate std;

use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
	thread_local,
};

use crate::{
	Access, AccessDecision, AccessPolicy, CategoryKey, CategoryTag, ConsentFacts, ConsentId,
	ConsentLedger, CredentialInspect, CredentialKind, CredentialStatus, Moment, PatientId,
	PatientRegistry, Purpose, RecordCategory, ResearchPauses,
};

/// Accounts in the pallets' test runtimes.
pub type AccountId = u64;

/// The category key of the test runtimes' patient.
pub const PATIENT_CATEGORY_KEY: [u8; 32] = [0x17; 32];

/// The test patient's tag for `category`: what the pallets' tests pass where a call names a
/// category.
pub fn tag(category: RecordCategory) -> CategoryTag {
	CategoryKey(PATIENT_CATEGORY_KEY).tag(category)
}

thread_local! {
	static NOW: RefCell<Moment> = const { RefCell::new(0) };
	static CREDENTIALS: RefCell<BTreeSet<(AccountId, CredentialKind)>> =
		const { RefCell::new(BTreeSet::new()) };
	static PATIENTS: RefCell<BTreeMap<PatientId, AccountId>> = const { RefCell::new(BTreeMap::new()) };
	static DELEGATES: RefCell<BTreeSet<(PatientId, AccountId)>> =
		const { RefCell::new(BTreeSet::new()) };
	static AUTHORITY_SINCE: RefCell<BTreeMap<(PatientId, AccountId), Moment>> =
		const { RefCell::new(BTreeMap::new()) };
	static SPONSORED: RefCell<BTreeSet<PatientId>> = const { RefCell::new(BTreeSet::new()) };
	static DECISIONS: RefCell<BTreeMap<(PatientId, AccountId, CategoryTag, Access, Purpose), AccessDecision>> =
		const { RefCell::new(BTreeMap::new()) };
	static EMERGENCIES: RefCell<BTreeSet<(PatientId, AccountId)>> = const { RefCell::new(BTreeSet::new()) };
	static CONSENTS: RefCell<BTreeMap<ConsentId, ConsentFacts<AccountId>>> =
		const { RefCell::new(BTreeMap::new()) };
	static REVOKED: RefCell<std::vec::Vec<(ConsentId, AccountId)>> =
		const { RefCell::new(std::vec::Vec::new()) };
	static PAUSED: RefCell<BTreeSet<ConsentId>> = const { RefCell::new(BTreeSet::new()) };
}

/// [`ResearchPauses`] over the consents the tests pause ([`set_paused`]); each costs one read.
pub struct MockPauses;
impl ResearchPauses for MockPauses {
	fn is_paused(consent_id: ConsentId) -> bool {
		PAUSED.with(|set| set.borrow().contains(&consent_id))
	}
	fn max_reads(consents: u32) -> u64 {
		consents.into()
	}
}

/// Pauses (or resumes) the research use of consent `consent_id` in [`MockPauses`].
pub fn set_paused(consent_id: ConsentId, paused: bool) {
	PAUSED.with(|set| {
		let mut set = set.borrow_mut();
		if paused {
			set.insert(consent_id);
		} else {
			set.remove(&consent_id);
		}
	});
}

/// [`ConsentLedger`] over the consents the tests store ([`store_consent`]); a revocation
/// removes the consent and is remembered ([`revoked`]).
pub struct MockConsents;
impl ConsentLedger<AccountId> for MockConsents {
	fn consent(consent_id: ConsentId) -> Option<ConsentFacts<AccountId>> {
		CONSENTS.with(|map| map.borrow().get(&consent_id).copied())
	}
	fn revoke(consent_id: ConsentId, by: &AccountId) {
		if CONSENTS.with(|map| map.borrow_mut().remove(&consent_id)).is_some() {
			REVOKED.with(|list| list.borrow_mut().push((consent_id, *by)));
		}
	}
}

/// Stores consent `consent_id` with `facts` in [`MockConsents`].
pub fn store_consent(consent_id: ConsentId, facts: ConsentFacts<AccountId>) {
	CONSENTS.with(|map| map.borrow_mut().insert(consent_id, facts));
}

/// Removes consent `consent_id` from [`MockConsents`], as a revocation in the `Consent` pallet
/// (not through [`ConsentLedger::revoke`]) would.
pub fn remove_consent(consent_id: ConsentId) {
	CONSENTS.with(|map| map.borrow_mut().remove(&consent_id));
}

/// The consents revoked through [`MockConsents`], and by whom, in order.
pub fn revoked() -> std::vec::Vec<(ConsentId, AccountId)> {
	REVOKED.with(|list| list.borrow().clone())
}

/// Forgets every stored and revoked consent: each test starts with none.
pub fn reset_consents() {
	CONSENTS.with(|map| map.borrow_mut().clear());
	REVOKED.with(|list| list.borrow_mut().clear());
	PAUSED.with(|set| set.borrow_mut().clear());
}

/// [`AccessPolicy`] over the decisions the tests set ([`set_decision`]) and the open emergencies
/// ([`open_emergency`]: every tag, for `Treatment` only); anything else is denied.
pub struct MockAccess;
impl AccessPolicy<AccountId> for MockAccess {
	fn check_access(
		patient: PatientId,
		who: &AccountId,
		category: CategoryTag,
		access: Access,
		purpose: Purpose,
	) -> AccessDecision {
		let decided = DECISIONS
			.with(|map| map.borrow().get(&(patient, *who, category, access, purpose)).copied());
		decided.unwrap_or_else(|| {
			let emergency = EMERGENCIES.with(|set| set.borrow().contains(&(patient, *who)));
			if purpose == Purpose::Treatment && emergency {
				AccessDecision::Emergency(0)
			} else {
				AccessDecision::Denied
			}
		})
	}

	fn research_reads() -> u64 {
		MOCK_RESEARCH_READS
	}
}

/// The reads [`MockAccess`] says a `Research` decision adds.
pub const MOCK_RESEARCH_READS: u64 = 2;

/// What [`MockAccess`] decides for `who`'s `access` to `patient`'s records tagged `category`
/// for `purpose`.
pub fn set_decision(
	patient: PatientId,
	who: AccountId,
	category: CategoryTag,
	access: Access,
	purpose: Purpose,
	decision: AccessDecision,
) {
	DECISIONS
		.with(|map| map.borrow_mut().insert((patient, who, category, access, purpose), decision));
}

/// Takes every decision for `who` away (emergencies stay).
pub fn deny_all(who: AccountId) {
	DECISIONS.with(|map| map.borrow_mut().retain(|(_, accessor, _, _, _), _| *accessor != who));
}

/// Opens a break-glass access of `clinician` to `patient`.
pub fn open_emergency(patient: PatientId, clinician: AccountId) {
	EMERGENCIES.with(|set| set.borrow_mut().insert((patient, clinician)));
}

/// Forgets every decision and emergency: each test starts with none.
pub fn reset_access() {
	DECISIONS.with(|map| map.borrow_mut().clear());
	EMERGENCIES.with(|set| set.borrow_mut().clear());
}

/// Says whether a hospital onboarded `patient` ([`MockPatients::is_sponsored`]).
pub fn set_sponsored(patient: PatientId, sponsored: bool) {
	SPONSORED.with(|set| {
		let mut set = set.borrow_mut();
		if sponsored {
			set.insert(patient);
		} else {
			set.remove(&patient);
		}
	});
}

/// Says that `who`'s authority over `patient` (as key or delegate) began at `since`; without
/// it, [`MockPatients::authority_since`] answers 0 (since forever) for whoever may act.
pub fn set_authority_since(patient: PatientId, who: AccountId, since: Moment) {
	AUTHORITY_SINCE.with(|map| map.borrow_mut().insert((patient, who), since));
}

/// The tests' clock, in Timestamp milliseconds.
pub struct Now;
impl Now {
	pub fn get() -> Moment {
		NOW.with(|now| *now.borrow())
	}
	pub fn set(moment: Moment) {
		NOW.with(|now| *now.borrow_mut() = moment);
	}
}

/// Moves the clock forward.
pub fn advance(by: Moment) {
	Now::set(Now::get().saturating_add(by));
}

/// `frame_support::traits::Time` over [`Now`].
pub struct MockTime;
impl frame_support::traits::Time for MockTime {
	type Moment = Moment;
	fn now() -> Moment {
		Now::get()
	}
}

/// The (account, kind) pairs that hold a valid credential.
pub struct ValidCredentials;
impl ValidCredentials {
	pub fn get() -> BTreeSet<(AccountId, CredentialKind)> {
		CREDENTIALS.with(|set| set.borrow().clone())
	}
	pub fn set(set: BTreeSet<(AccountId, CredentialKind)>) {
		CREDENTIALS.with(|current| *current.borrow_mut() = set);
	}
}

/// Gives `who` a valid credential of `kind`, or takes it away.
pub fn set_credential(who: AccountId, kind: CredentialKind, valid: bool) {
	CREDENTIALS.with(|set| {
		let mut set = set.borrow_mut();
		if valid {
			set.insert((who, kind));
		} else {
			set.remove(&(who, kind));
		}
	});
}

/// [`CredentialInspect`] over [`ValidCredentials`]: `Valid` or `None`.
pub struct MockCredentials;
impl CredentialInspect<AccountId> for MockCredentials {
	fn status(who: &AccountId, kind: CredentialKind) -> CredentialStatus {
		if CREDENTIALS.with(|set| set.borrow().contains(&(*who, kind))) {
			CredentialStatus::Valid
		} else {
			CredentialStatus::None
		}
	}
}

/// The active patients and their keys.
pub struct PatientKeys;
impl PatientKeys {
	pub fn get() -> BTreeMap<PatientId, AccountId> {
		PATIENTS.with(|map| map.borrow().clone())
	}
	/// Replaces the patients (and forgets every [`set_authority_since`]).
	pub fn set(map: BTreeMap<PatientId, AccountId>) {
		PATIENTS.with(|current| *current.borrow_mut() = map);
		AUTHORITY_SINCE.with(|since| since.borrow_mut().clear());
	}
}

/// Erases `patient`: it is no longer active.
pub fn deregister_patient(patient: PatientId) {
	PATIENTS.with(|map| map.borrow_mut().remove(&patient));
	set_sponsored(patient, false);
}

/// The live delegations, as (patient, delegate).
pub struct Delegates;
impl Delegates {
	pub fn get() -> BTreeSet<(PatientId, AccountId)> {
		DELEGATES.with(|set| set.borrow().clone())
	}
	pub fn set(set: BTreeSet<(PatientId, AccountId)>) {
		DELEGATES.with(|current| *current.borrow_mut() = set);
	}
}

/// [`PatientRegistry`] over [`PatientKeys`] and [`Delegates`].
pub struct MockPatients;
impl PatientRegistry<AccountId> for MockPatients {
	fn patient_of(who: &AccountId) -> Option<PatientId> {
		PATIENTS.with(|map| map.borrow().iter().find(|(_, key)| *key == who).map(|(id, _)| *id))
	}
	fn account_of(patient: PatientId) -> Option<AccountId> {
		PATIENTS.with(|map| map.borrow().get(&patient).copied())
	}
	fn is_live_delegate(patient: PatientId, who: &AccountId) -> bool {
		Self::account_of(patient).is_some()
			&& DELEGATES.with(|set| set.borrow().contains(&(patient, *who)))
	}
	fn is_sponsored(patient: PatientId) -> bool {
		Self::account_of(patient).is_some() && SPONSORED.with(|set| set.borrow().contains(&patient))
	}
	fn authority_since(patient: PatientId, who: &AccountId) -> Option<Moment> {
		Self::is_patient_or_delegate(patient, who).then(|| {
			AUTHORITY_SINCE.with(|map| map.borrow().get(&(patient, *who)).copied().unwrap_or(0))
		})
	}
}
