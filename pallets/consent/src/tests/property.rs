//! Property test: random sequences of grants (by the patient or the guardian, for one of three
//! purposes), revocations, time passing, break-glass, ending emergencies, credentials coming
//! and going, and the guardian's delegation ending and starting again. After every step the
//! pallet's decision must agree, for every accessor, category, access kind and purpose (and
//! for any purpose), with a small reference model written here from the rules in the crate
//! docs.

use super::*;
use alloc::collections::btree_map::BTreeMap;
use carechain_primitives::{CredentialKind, EmergencyReason};

const ACCESSORS: [AccountId; 5] = [DOCTOR, NURSE, PHARMACIST, RELATIVE, STRANGER];
const CATEGORIES: [RecordCategory; 4] = [
	RecordCategory::LabResults,
	RecordCategory::Imaging,
	RecordCategory::MentalHealth,
	RecordCategory::Billing,
];
const ACCESSES: [Access; 3] = [Access::Read, Access::Write, Access::ReadWrite];
const PURPOSES: [Purpose; 3] = [Purpose::Treatment, Purpose::Payment, Purpose::Research];
const CREDENTIALS: [(AccountId, CredentialKind); 3] = [
	(DOCTOR, CredentialKind::Physician),
	(NURSE, CredentialKind::Nurse),
	(PHARMACIST, CredentialKind::Pharmacist),
];

/// A small deterministic generator (xorshift64*), so failures replay from the seed.
struct Rng(u64);
impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
	}
	fn below(&mut self, n: u64) -> u64 {
		self.next() % n
	}
	fn pick<T: Copy>(&mut self, items: &[T]) -> T {
		items[self.below(items.len() as u64) as usize]
	}
}

#[derive(Clone)]
struct ModelConsent {
	id: u64,
	grantee: AccountId,
	purpose: Purpose,
	granted_by: AccountId,
	granted_at: u64,
	categories: Vec<RecordCategory>,
	access: Access,
	expires_at: Option<u64>,
	provider_kind: Option<CredentialKind>,
}

struct Model {
	consents: Vec<ModelConsent>,
	/// Since when the guardian is a live delegate, if it is one (the patient's key is the
	/// patient's since forever).
	guardian_since: Option<u64>,
	emergencies: BTreeMap<AccountId, (u64, u64)>,
	next_consent: u64,
	next_access: u64,
}

fn valid(who: AccountId, kind: CredentialKind) -> bool {
	ValidCredentials::get().contains(&(who, kind))
}

fn model_covers(granted: Access, requested: Access) -> bool {
	granted == Access::ReadWrite || granted == requested
}

impl Default for Model {
	fn default() -> Self {
		// The mock starts with the guardian a delegate, since forever.
		Model {
			consents: Vec::new(),
			guardian_since: Some(0),
			emergencies: BTreeMap::new(),
			next_consent: 0,
			next_access: 0,
		}
	}
}

impl Model {
	fn lapsed(&self, consent: &ModelConsent, now: u64) -> bool {
		let authority_since =
			if consent.granted_by == PATIENT { Some(0) } else { self.guardian_since };
		consent.expires_at.is_some_and(|t| now >= t)
			|| authority_since.is_none_or(|since| since > consent.granted_at)
			|| consent.provider_kind.is_some_and(|k| !valid(consent.grantee, k))
	}

	fn decide(
		&self,
		who: AccountId,
		category: RecordCategory,
		access: Access,
		purpose: Option<Purpose>,
	) -> AccessDecision {
		let now = Now::get();
		let mut mine: Vec<_> = self.consents.iter().filter(|c| c.grantee == who).collect();
		mine.sort_by_key(|c| c.id);
		for consent in mine {
			if purpose.is_none_or(|purpose| consent.purpose == purpose)
				&& consent.categories.contains(&category)
				&& model_covers(consent.access, access)
				&& !self.lapsed(consent, now)
			{
				return AccessDecision::Permitted(consent.id);
			}
		}
		if purpose.is_some_and(|purpose| purpose != Purpose::Treatment) {
			return AccessDecision::Denied;
		}
		match self.emergencies.get(&who) {
			Some((id, expires_at))
				if now < *expires_at
					&& (valid(who, CredentialKind::Physician)
						|| valid(who, CredentialKind::Nurse)) =>
			{
				AccessDecision::Emergency(*id)
			},
			_ => AccessDecision::Denied,
		}
	}
}

fn step(rng: &mut Rng, model: &mut Model) {
	match rng.below(8) {
		// Grant.
		0 | 1 => {
			let grantee = rng.pick(&ACCESSORS[..4]);
			let mut chosen: Vec<RecordCategory> =
				CATEGORIES.iter().copied().filter(|_| rng.below(2) == 0).collect();
			if chosen.is_empty() {
				chosen.push(rng.pick(&CATEGORIES));
			}
			let access = rng.pick(&ACCESSES);
			let now = Now::get();
			let expires_at = match rng.below(3) {
				0 => None,
				_ => Some(now + 1 + rng.below(3 * HOUR)),
			};
			let granter = rng.pick(&[PATIENT, GUARDIAN]);
			let purpose = rng.pick(&PURPOSES);
			let (lapsed, kept): (Vec<_>, Vec<_>) = model
				.consents
				.iter()
				.filter(|c| c.grantee == grantee)
				.partition(|c| model.lapsed(c, now));
			let may_grant = granter == PATIENT || model.guardian_since.is_some();
			// The patient's bound counts every stored consent but the lapsed ones this grant
			// clears (those to the same grantee).
			let stored = model.consents.len() - lapsed.len();
			let expect_ok = may_grant
				&& (kept.len() as u32) < MAX_PER_GRANTEE
				&& (stored as u32) < MAX_PER_PATIENT;
			let lapsed_ids: Vec<u64> = lapsed.iter().map(|c| c.id).collect();
			let result = Consent::grant(
				RuntimeOrigin::signed(granter),
				PATIENT_ID,
				grantee,
				purpose,
				categories(&chosen),
				access,
				expires_at,
			);
			assert_eq!(result.is_ok(), expect_ok, "grant outcome: {result:?}");
			if expect_ok {
				model.consents.retain(|c| !lapsed_ids.contains(&c.id));
				let provider_kind =
					CredentialKind::ALL.into_iter().find(|kind| valid(grantee, *kind));
				model.consents.push(ModelConsent {
					id: model.next_consent,
					grantee,
					purpose,
					granted_by: granter,
					granted_at: now,
					categories: chosen,
					access,
					expires_at,
					provider_kind,
				});
				model.next_consent += 1;
			}
		},
		// Revoke a consent the model holds.
		2 if !model.consents.is_empty() => {
			let index = rng.below(model.consents.len() as u64) as usize;
			let consent = model.consents.remove(index);
			assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), consent.id));
		},
		// Time passes.
		3 => advance(rng.below(2 * HOUR)),
		// Break the glass.
		4 => {
			let who = rng.pick(&[DOCTOR, NURSE]);
			let now = Now::get();
			let clinician =
				valid(who, CredentialKind::Physician) || valid(who, CredentialKind::Nurse);
			let open = model.emergencies.get(&who).is_some_and(|(_, expires)| now < *expires);
			let result = Consent::break_glass(
				RuntimeOrigin::signed(who),
				PATIENT_ID,
				EmergencyReason::Other,
				H256::zero(),
			);
			assert_eq!(result.is_ok(), clinician && !open, "break_glass outcome: {result:?}");
			if result.is_ok() {
				model.emergencies.insert(who, (model.next_access, now + EMERGENCY_DURATION));
				model.next_access += 1;
			}
		},
		// The guardian's delegation ends, or a new one begins.
		6 => {
			let now = Now::get();
			if model.guardian_since.is_some() {
				Delegates::set(Default::default());
				model.guardian_since = None;
			} else {
				Delegates::set([(PATIENT_ID, GUARDIAN)].into());
				carechain_primitives::mock::set_authority_since(PATIENT_ID, GUARDIAN, now);
				model.guardian_since = Some(now);
			}
		},
		// The clinician ends an emergency access.
		5 if !model.emergencies.is_empty() => {
			let who = *model.emergencies.keys().next().expect("not empty");
			let (id, _) = model.emergencies.remove(&who).expect("present");
			assert_ok!(Consent::end_emergency(RuntimeOrigin::signed(who), id));
		},
		// A credential is revoked or restored.
		_ => {
			let (who, kind) = rng.pick(&CREDENTIALS);
			set_credential(who, kind, !valid(who, kind));
		},
	}
}

#[test]
fn the_decision_agrees_with_the_reference_model() {
	for seed in 1..=60u64 {
		ExtBuilder::default().build_and_execute(|| {
			let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
			let mut model = Model::default();
			for step_number in 0..80 {
				step(&mut rng, &mut model);
				for who in ACCESSORS {
					for category in CATEGORIES {
						for access in ACCESSES {
							assert_eq!(
								decision(who, category, access),
								model.decide(who, category, access, None),
								"seed {seed}, step {step_number}: {who} {category:?} {access:?}"
							);
							for purpose in PURPOSES {
								assert_eq!(
									decision_for(who, category, access, purpose),
									model.decide(who, category, access, Some(purpose)),
									"seed {seed}, step {step_number}: {who} {category:?} \
									 {access:?} {purpose:?}"
								);
							}
						}
					}
				}
			}
			Consent::do_try_state().expect("invariants hold at every seed");
		});
	}
}
