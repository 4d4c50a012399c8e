//! Runtime fuzzing for Carechain.
//!
//! An input is a sequence of [`Step`]s, SCALE-decoded until the bytes run out: how long to wait
//! before the step (in blocks; the lapse is squared, so a step can jump days and let consents,
//! delegations, credentials and emergency accesses expire), who calls (one of eight development
//! accounts with the roles of the `development` preset, no origin, or Root), and a call of one
//! of Carechain's pallets, of its governance (Council, CouncilMembership, Consortium, TxPause,
//! ValidatorManager, Session) or of Balances, or a pack verification
//! (`SupplyChainApi::verify_unit`) with a serial and a proof of any shape. [`run`] executes the
//! steps against the real runtime (its base call filter included), starting from the
//! `development` genesis, where Alice is the whole consortium; a wait that crosses a session
//! boundary rotates the session, so validators voted in or out take their seats. After each
//! wait, and at the end, it checks every pallet's `try_state` invariants, the governance
//! invariants ([`check_governance`]) and that Balances' total issuance equals the sum of all
//! accounts' balances; each verification of the seeds' lot (commissioned with a real
//! serial-number tree, [`known_serials`]) checks that only a serial of that lot, at the index
//! the proof names, is ever answered `Authentic`. A panic anywhere, a broken invariant, or a
//! forged pack that verifies, is a finding.
//!
//! `scripts/fuzz` runs it under libFuzzer (binary `runtime-fuzz`, feature `libfuzzer`); the
//! seeds ([`seeds`]) and every input kept in `fuzz/regressions/` also run as plain tests.

use std::sync::OnceLock;

use carechain_primitives::{
	Access, CategoryKey, CategoryTag, EmergencyReason, Gtin, Purpose, RecordCategory, SerialProof,
	UnitVerification,
};
use carechain_runtime::{
	configs::governance::{CouncilCollective, CouncilMembershipInstance},
	AccountId, Balances, Runtime, RuntimeCall, RuntimeOrigin,
};
use codec::{Decode, Encode};
use frame_support::traits::fungible::Inspect;
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, Storage};

/// A call the fuzzer may make: every call of our pallets, of governance, and of Balances. New
/// variants go last, so that kept inputs keep decoding as they did.
#[derive(Clone, Debug, Encode, Decode)]
pub enum FuzzCall {
	Credentials(pallet_credentials::Call<Runtime>),
	Patients(pallet_patients::Call<Runtime>),
	Consent(pallet_consent::Call<Runtime>),
	Records(pallet_records::Call<Runtime>),
	SupplyChain(pallet_supply_chain::Call<Runtime>),
	Balances(pallet_balances::Call<Runtime>),
	/// Not a call: a pack verification, with whatever serial and proof the input holds.
	VerifyUnit {
		gtin: Gtin,
		lot: Vec<u8>,
		serial: Vec<u8>,
		proof: SerialProof,
	},
	Council(pallet_collective::Call<Runtime, CouncilCollective>),
	CouncilMembership(pallet_membership::Call<Runtime, CouncilMembershipInstance>),
	Consortium(pallet_consortium::Call<Runtime>),
	TxPause(pallet_tx_pause::Call<Runtime>),
	ValidatorManager(pallet_validator_manager::Call<Runtime>),
	Session(pallet_session::Call<Runtime>),
	Claims(pallet_claims::Call<Runtime>),
	Trials(pallet_trials::Call<Runtime>),
}

impl FuzzCall {
	/// The runtime call this is, if it is one.
	pub fn into_runtime_call(self) -> Option<RuntimeCall> {
		Some(match self {
			FuzzCall::Credentials(call) => RuntimeCall::Credentials(call),
			FuzzCall::Patients(call) => RuntimeCall::Patients(call),
			FuzzCall::Consent(call) => RuntimeCall::Consent(fold_consent(call)),
			FuzzCall::Records(call) => RuntimeCall::Records(fold_records(call)),
			FuzzCall::SupplyChain(call) => RuntimeCall::SupplyChain(call),
			FuzzCall::Balances(call) => RuntimeCall::Balances(call),
			FuzzCall::Council(call) => RuntimeCall::Council(call),
			FuzzCall::CouncilMembership(call) => RuntimeCall::CouncilMembership(call),
			FuzzCall::Consortium(call) => RuntimeCall::Consortium(call),
			FuzzCall::TxPause(call) => RuntimeCall::TxPause(call),
			FuzzCall::ValidatorManager(call) => RuntimeCall::ValidatorManager(call),
			FuzzCall::Session(call) => RuntimeCall::Session(call),
			FuzzCall::Claims(call) => RuntimeCall::Claims(fold_claims(call)),
			FuzzCall::Trials(call) => RuntimeCall::Trials(call),
			FuzzCall::VerifyUnit { .. } => return None,
		})
	}
}

/// The category key of the fuzzer's patients: one key serves them all.
pub const FUZZ_CATEGORY_KEY: CategoryKey = CategoryKey([0xf2; 32]);

/// The fuzzer's patients' tag for `category`.
pub fn tag(category: RecordCategory) -> CategoryTag {
	FUZZ_CATEGORY_KEY.tag(category)
}

/// The tag an input names: one of the patients' tags as it is; any other folded onto one of
/// them by its first byte when that byte's top bit is clear, and left as it is otherwise.
/// Sixteen random bytes would almost never name a tag a consent names, and the decision's paths
/// would go unexplored.
fn fold(tag: CategoryTag) -> CategoryTag {
	let [first, ..] = tag.0;
	if FUZZ_CATEGORY_KEY.category_of(&tag).is_some() || first & 0x80 != 0 {
		tag
	} else {
		self::tag(RecordCategory::ALL[usize::from(first) % RecordCategory::ALL.len()])
	}
}

fn fold_consent(call: pallet_consent::Call<Runtime>) -> pallet_consent::Call<Runtime> {
	match call {
		pallet_consent::Call::grant {
			patient_id,
			grantee,
			purpose,
			categories,
			access,
			expires_at,
		} => pallet_consent::Call::grant {
			patient_id,
			grantee,
			purpose,
			categories: categories
				.into_iter()
				.map(fold)
				.collect::<Vec<_>>()
				.try_into()
				.expect("as many as came"),
			access,
			expires_at,
		},
		call => call,
	}
}

fn fold_records(call: pallet_records::Call<Runtime>) -> pallet_records::Call<Runtime> {
	match call {
		pallet_records::Call::anchor { patient_id, category, content_hash, storage_ref } => {
			pallet_records::Call::anchor {
				patient_id,
				category: fold(category),
				content_hash,
				storage_ref,
			}
		},
		pallet_records::Call::anchor_batch { patient_id, category, records } => {
			pallet_records::Call::anchor_batch { patient_id, category: fold(category), records }
		},
		call => call,
	}
}

fn fold_claims(call: pallet_claims::Call<Runtime>) -> pallet_claims::Call<Runtime> {
	match call {
		pallet_claims::Call::register_coverage {
			patient_id,
			plan_hash,
			valid_from,
			valid_until,
			billing_tag,
		} => pallet_claims::Call::register_coverage {
			patient_id,
			plan_hash,
			valid_from,
			valid_until,
			billing_tag: fold(billing_tag),
		},
		pallet_claims::Call::submit {
			patient_id,
			payer,
			coverage_id,
			encounter_id,
			claim_hash,
			billed,
			service_date,
			duplicate_key,
			billing_tag,
		} => pallet_claims::Call::submit {
			patient_id,
			payer,
			coverage_id,
			encounter_id,
			claim_hash,
			billed,
			service_date,
			duplicate_key,
			billing_tag: fold(billing_tag),
		},
		call => call,
	}
}

/// The product and lot the seeds commission with a real serial-number tree.
pub const KNOWN_GTIN: Gtin = *b"04006381333931";
/// See [`KNOWN_GTIN`].
pub const KNOWN_LOT: &[u8] = b"LOT42";
/// How many units (and serials) the known lot has.
pub const KNOWN_QUANTITY: u32 = 100;

/// The serials of the known lot, in the manufacturer's order.
pub fn known_serials() -> Vec<Vec<u8>> {
	(0..KNOWN_QUANTITY).map(|n| format!("PK{n:04}").into_bytes()).collect()
}

fn known_leaves() -> Vec<Vec<u8>> {
	known_serials()
		.iter()
		.map(|serial| pallet_supply_chain::serial_leaf(serial))
		.collect()
}

/// The root of the known lot's serial-number tree.
pub fn known_root() -> H256 {
	binary_merkle_tree::merkle_root::<sp_runtime::traits::BlakeTwo256, _>(known_leaves())
}

/// The two children of the known lot's root (the pair an attacker would present as one 64-byte
/// "serial" of a one-leaf tree), computed row by row as `binary-merkle-tree` builds the tree.
pub fn known_root_children() -> (H256, H256) {
	use sp_runtime::traits::{BlakeTwo256, Hash};
	let mut row: Vec<H256> = known_leaves().iter().map(|leaf| BlakeTwo256::hash(leaf)).collect();
	while row.len() > 2 {
		row = row
			.chunks(2)
			.map(|pair| match pair {
				[left, right] => BlakeTwo256::hash(&[left.0, right.0].concat()),
				[single] => *single,
				_ => unreachable!("chunks of two"),
			})
			.collect();
	}
	(row[0], row[1])
}

/// The proof for serial `index` of the known lot.
pub fn known_proof(index: u32) -> SerialProof {
	let proof = binary_merkle_tree::merkle_proof::<sp_runtime::traits::BlakeTwo256, _, _>(
		known_leaves(),
		index,
	);
	SerialProof {
		leaf_index: proof.leaf_index,
		number_of_leaves: proof.number_of_leaves,
		items: proof.proof,
	}
}

/// Verifies a pack; if it is a pack of the known lot (as the seeds commission it), only one of
/// its serials, at the index the proof names, may come out `Authentic`.
fn check_verification(gtin: Gtin, lot: Vec<u8>, serial: Vec<u8>, proof: SerialProof) {
	let known = is_known_lot(gtin, &lot);
	let index = proof.leaf_index;
	let answer =
		pallet_supply_chain::Pallet::<Runtime>::verify_unit(gtin, lot, serial.clone(), proof);
	if known && matches!(answer, UnitVerification::Authentic(_)) {
		let genuine = known_serials().get(index as usize) == Some(&serial);
		assert!(genuine, "a forged pack verified as authentic: serial {serial:?} at {index}");
	}
}

/// Whether `gtin` and `lot` name the known lot, commissioned with its real tree and quantity.
fn is_known_lot(gtin: Gtin, lot: &[u8]) -> bool {
	if gtin != KNOWN_GTIN || lot != KNOWN_LOT {
		return false;
	}
	let Ok(key) = pallet_supply_chain::Lot::try_from(lot.to_vec()) else { return false };
	pallet_supply_chain::Lots::<Runtime>::get(gtin, key)
		.and_then(|(root_id, root)| {
			let batch = pallet_supply_chain::Batches::<Runtime>::get(root_id)?;
			Some(root == known_root() && batch.quantity == KNOWN_QUANTITY)
		})
		.unwrap_or(false)
}

/// One step: wait `lapse²` blocks (6 s each), then `origin` makes `call`.
#[derive(Clone, Debug, Encode, Decode)]
pub struct Step {
	pub lapse: u8,
	/// `origin % 10`: 0–7 an actor (see [`actor`]), 8 no origin, 9 Root.
	pub origin: u8,
	pub call: FuzzCall,
}

/// The eight accounts that act: Alice (the dev regulator, issuer of every kind), Bob
/// (physician), Charlie (nurse), Dave (pharmacist, pharmacy), Eve (manufacturer), Ferdie
/// (distributor), and the stashes of Alice and Bob (no credentials: patients, delegates).
pub fn actor(index: u8) -> AccountId {
	use Sr25519Keyring::*;
	let keyring = [Alice, Bob, Charlie, Dave, Eve, Ferdie, AliceStash, BobStash];
	keyring[usize::from(index) % keyring.len()].to_account_id()
}

fn origin_of(origin: u8, call: &FuzzCall) -> RuntimeOrigin {
	match origin % 10 {
		8 => RuntimeOrigin::none(),
		// Root may mint or burn through Balances' force calls; the issuance invariant is about
		// what everyone else can do, so Balances calls never get Root.
		9 if !matches!(call, FuzzCall::Balances(_)) => RuntimeOrigin::root(),
		9 => RuntimeOrigin::none(),
		index => RuntimeOrigin::signed(actor(index)),
	}
}

const START: u64 = 1_800_000_000_000;
const BLOCK_MS: u64 = 6_000;

/// The `development` genesis, built once.
fn genesis() -> &'static Storage {
	static GENESIS: OnceLock<Storage> = OnceLock::new();
	GENESIS.get_or_init(|| {
		carechain_runtime::genesis_config_presets::preset_storage(&"development".into())
			.expect("the development preset builds")
	})
}

/// Decodes as many steps as the bytes hold.
pub fn decode_steps(mut data: &[u8]) -> Vec<Step> {
	let mut steps = Vec::new();
	while !data.is_empty() && steps.len() < 64 {
		match Step::decode(&mut data) {
			Ok(step) => steps.push(step),
			Err(_) => break,
		}
	}
	steps
}

/// Moves the chain `blocks` blocks on. A wait that crosses a session boundary rotates the
/// session once (what the session's first block would do), so the validator set the consortium
/// voted for is queued and, a session later, seated.
fn advance(blocks: u64) {
	let now = frame_system::Pallet::<Runtime>::block_number();
	let then = now.saturating_add(blocks as u32);
	frame_system::Pallet::<Runtime>::set_block_number(then);
	pallet_timestamp::Now::<Runtime>::mutate(|t| *t = t.saturating_add(blocks * BLOCK_MS));
	let length = pallet_validator_manager::SessionLength::<Runtime>::get().max(1);
	if then / length > now / length {
		pallet_session::Pallet::<Runtime>::rotate_session();
	}
	frame_system::Pallet::<Runtime>::reset_events();
}

/// Every invariant: each pallet's `try_state`, governance's, and Balances' books.
pub fn check_invariants(when: &str) {
	let checks: [(&str, fn() -> Result<(), sp_runtime::TryRuntimeError>); 10] = [
		("Credentials", pallet_credentials::Pallet::<Runtime>::do_try_state),
		("Patients", pallet_patients::Pallet::<Runtime>::do_try_state),
		("Consent", pallet_consent::Pallet::<Runtime>::do_try_state),
		("Records", pallet_records::Pallet::<Runtime>::do_try_state),
		("PatientQuota", pallet_patient_quota::Pallet::<Runtime>::do_try_state),
		("SupplyChain", pallet_supply_chain::Pallet::<Runtime>::do_try_state),
		("Claims", pallet_claims::Pallet::<Runtime>::do_try_state),
		("Trials", pallet_trials::Pallet::<Runtime>::do_try_state),
		("ValidatorManager", pallet_validator_manager::Pallet::<Runtime>::do_try_state),
		("governance", check_governance),
	];
	for (pallet, check) in checks {
		if let Err(error) = check() {
			panic!("{pallet} invariant broken {when}: {error:?}");
		}
	}
	let total: u128 = frame_system::Account::<Runtime>::iter()
		.map(|(_, info)| info.data.free.saturating_add(info.data.reserved))
		.sum();
	let issuance = <Balances as Inspect<AccountId>>::total_issuance();
	assert_eq!(issuance, total, "total issuance differs from the sum of balances {when}");
}

/// What governance promises whatever is proposed, voted, paused or rotated: the Council is
/// exactly CouncilMembership's members, and never empty; every open motion is stored with its
/// votes, and voters are members; no call the runtime keeps unpausable (System, Timestamp and
/// governance itself, so the consortium can always unpause) is paused.
pub fn check_governance() -> Result<(), sp_runtime::TryRuntimeError> {
	use frame_support::{ensure, traits::Contains};
	let mut council = pallet_collective::Members::<Runtime, CouncilCollective>::get();
	council.sort();
	let members = pallet_membership::Members::<Runtime, CouncilMembershipInstance>::get();
	ensure!(council == members.into_inner(), "the Council is not CouncilMembership's members");
	ensure!(!council.is_empty(), "the consortium has no member left");
	let proposals = pallet_collective::Proposals::<Runtime, CouncilCollective>::get();
	for hash in proposals.iter() {
		ensure!(
			pallet_collective::ProposalOf::<Runtime, CouncilCollective>::contains_key(hash),
			"an open motion has no proposal stored"
		);
		// `Votes` keeps its fields private; its encoding is (index, threshold, ayes, nays, end).
		let votes = pallet_collective::Voting::<Runtime, CouncilCollective>::get(hash)
			.ok_or("an open motion has no votes stored")?;
		let (_, _, ayes, nays, _) =
			<(u32, u32, Vec<AccountId>, Vec<AccountId>, u32)>::decode(&mut &votes.encode()[..])
				.map_err(|_| "a motion's votes do not decode")?;
		ensure!(
			ayes.iter().chain(nays.iter()).all(|voter| council.contains(voter)),
			"a motion counts the vote of a non-member"
		);
	}
	ensure!(
		pallet_collective::ProposalOf::<Runtime, CouncilCollective>::iter_keys().count()
			== proposals.len(),
		"a stored proposal is no open motion"
	);
	for name in pallet_tx_pause::PausedCalls::<Runtime>::iter_keys() {
		ensure!(
			!carechain_runtime::configs::governance::Unpausable::contains(&name),
			"an unpausable call is paused"
		);
	}
	Ok(())
}

/// Runs one input; panics on a panic in the runtime or a broken invariant.
pub fn run(data: &[u8]) {
	run_then(data, || ());
}

/// [`run`], then `after` on the state the input left (for tests of what a seed does).
pub fn run_then(data: &[u8], after: impl FnOnce()) {
	let steps = decode_steps(data);
	if steps.is_empty() {
		return;
	}
	let mut ext = sp_io::TestExternalities::new(genesis().clone());
	ext.execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(START);
		for (i, step) in steps.into_iter().enumerate() {
			if step.lapse > 0 {
				advance(u64::from(step.lapse).pow(2));
				check_invariants(&format!("before step {i}"));
			}
			let origin = origin_of(step.origin, &step.call);
			match step.call {
				FuzzCall::VerifyUnit { gtin, lot, serial, proof } => {
					check_verification(gtin, lot, serial, proof)
				},
				call => {
					if let Some(call) = call.into_runtime_call() {
						let _ = call.dispatch(origin);
					}
				},
			}
		}
		check_invariants("at the end");
		after();
	});
}

/// Inputs that tell realistic stories (so the fuzzer starts from calls that succeed): the
/// clinical story, credentials' lifecycle, the supply chain, transfers.
pub fn seeds() -> Vec<Vec<u8>> {
	use pallet_consent::Call as C;
	use pallet_credentials::Call as Cr;
	use pallet_patients::Call as P;
	use pallet_records::Call as R;
	use pallet_supply_chain::Call as S;
	let step = |lapse: u8, origin: u8, call: FuzzCall| Step { lapse, origin, call };
	let hash = |byte: u8| H256::repeat_byte(byte);
	let (alice, bob, charlie, dave, eve, ferdie, patient, delegate) = (0, 1, 2, 3, 4, 5, 6, 7);
	let gtin = KNOWN_GTIN;
	let lot: pallet_supply_chain::Lot = KNOWN_LOT.to_vec().try_into().expect("a short lot");

	let clinical = vec![
		step(0, patient, FuzzCall::Patients(P::register { commitment: hash(1) })),
		step(
			0,
			patient,
			FuzzCall::Patients(P::add_delegate {
				delegate: actor(delegate),
				expires_at: Some(START + 3_600_000),
			}),
		),
		step(
			1,
			delegate,
			FuzzCall::Consent(C::grant {
				patient_id: 0,
				grantee: actor(bob),
				purpose: Purpose::Treatment,
				categories: vec![tag(RecordCategory::LabResults)].try_into().expect("one"),
				access: Access::ReadWrite,
				expires_at: Some(START + 86_400_000),
			}),
		),
		step(
			0,
			bob,
			FuzzCall::Records(R::anchor {
				patient_id: 0,
				category: tag(RecordCategory::LabResults),
				content_hash: hash(2),
				storage_ref: hash(3),
			}),
		),
		step(
			1,
			bob,
			FuzzCall::Records(R::log_access { record_id: 0, purpose: Purpose::Treatment }),
		),
		step(
			0,
			bob,
			FuzzCall::Records(R::amend {
				record_id: 0,
				content_hash: hash(4),
				storage_ref: hash(5),
			}),
		),
		step(
			0,
			charlie,
			FuzzCall::Consent(C::break_glass {
				patient_id: 0,
				reason: EmergencyReason::LifeThreatening,
				note_hash: hash(6),
			}),
		),
		step(
			0,
			charlie,
			FuzzCall::Records(R::log_access { record_id: 1, purpose: Purpose::Treatment }),
		),
		step(
			0,
			patient,
			FuzzCall::Records(R::anchor {
				patient_id: 0,
				category: tag(RecordCategory::Medications),
				content_hash: hash(7),
				storage_ref: hash(8),
			}),
		),
		// The patient reads its own record: no consent, logged all the same.
		step(
			0,
			patient,
			FuzzCall::Records(R::log_access { record_id: 1, purpose: Purpose::Treatment }),
		),
		step(0, patient, FuzzCall::Consent(C::revoke { consent_id: 0 })),
		step(200, alice, FuzzCall::Consent(C::end_emergency { access_id: 0 })),
		step(
			0,
			patient,
			FuzzCall::Patients(P::propose_key_rotation { new_account: actor(delegate) }),
		),
		step(0, patient, FuzzCall::Records(R::erase { record_id: 1 })),
		step(0, patient, FuzzCall::Patients(P::deregister {})),
		step(0, alice, FuzzCall::Records(R::erase { record_id: 2 })),
	];
	let credentials = vec![
		step(
			0,
			alice,
			FuzzCall::Credentials(Cr::issue {
				subject: actor(patient),
				kind: carechain_primitives::CredentialKind::Nurse,
				license_hash: hash(9),
				valid_until: START + 60_000_000,
			}),
		),
		step(
			1,
			alice,
			FuzzCall::Credentials(Cr::suspend {
				subject: actor(patient),
				kind: carechain_primitives::CredentialKind::Nurse,
			}),
		),
		step(
			0,
			alice,
			FuzzCall::Credentials(Cr::reinstate {
				subject: actor(patient),
				kind: carechain_primitives::CredentialKind::Nurse,
			}),
		),
		step(
			0,
			alice,
			FuzzCall::Credentials(Cr::renew {
				subject: actor(patient),
				kind: carechain_primitives::CredentialKind::Nurse,
				valid_until: START + 90_000_000,
			}),
		),
		step(
			0,
			9,
			FuzzCall::Credentials(Cr::register_issuer {
				issuer: actor(bob),
				kinds: vec![carechain_primitives::CredentialKind::Nurse].try_into().expect("one"),
				metadata_hash: hash(10),
			}),
		),
		step(
			0,
			bob,
			FuzzCall::Credentials(Cr::issue {
				subject: actor(delegate),
				kind: carechain_primitives::CredentialKind::Nurse,
				license_hash: hash(11),
				valid_until: START + 60_000_000,
			}),
		),
		step(0, 9, FuzzCall::Credentials(Cr::remove_issuer { issuer: actor(bob) })),
		step(
			0,
			alice,
			FuzzCall::Credentials(Cr::revoke {
				subject: actor(patient),
				kind: carechain_primitives::CredentialKind::Nurse,
			}),
		),
		step(
			0,
			alice,
			FuzzCall::Credentials(Cr::clear {
				subject: actor(patient),
				kind: carechain_primitives::CredentialKind::Nurse,
			}),
		),
	];
	let supply = vec![
		step(0, eve, FuzzCall::SupplyChain(S::register_product { gtin, metadata_hash: hash(12) })),
		step(
			0,
			eve,
			FuzzCall::SupplyChain(S::commission_batch {
				gtin,
				lot: lot.clone(),
				expires_on: START + 900_000_000,
				quantity: KNOWN_QUANTITY,
				serials_root: known_root(),
			}),
		),
		step(
			1,
			eve,
			FuzzCall::SupplyChain(S::ship { batch_id: 0, to: actor(ferdie), quantity: 60 }),
		),
		step(0, ferdie, FuzzCall::SupplyChain(S::receive { shipment_id: 0 })),
		step(
			1,
			ferdie,
			FuzzCall::SupplyChain(S::ship { batch_id: 1, to: actor(dave), quantity: 30 }),
		),
		step(0, dave, FuzzCall::SupplyChain(S::receive { shipment_id: 1 })),
		step(0, dave, FuzzCall::SupplyChain(S::dispense { batch_id: 2, quantity: 5 })),
		step(0, alice, FuzzCall::SupplyChain(S::quarantine { batch_id: 1 })),
		step(0, alice, FuzzCall::SupplyChain(S::release { batch_id: 1 })),
		step(0, dave, FuzzCall::SupplyChain(S::destroy { batch_id: 2, quantity: 1 })),
		step(0, eve, FuzzCall::SupplyChain(S::recall { batch_id: 0, reason_hash: hash(14) })),
	];
	// The attacks the pallets were hardened against, as stories the fuzzer can vary: packs of
	// every shape verified; quarantine, credentials and returns on the custody path; a consent
	// from a delegate that goes, and a rotation to a delegate.
	let verify = |serial: Vec<u8>, proof: SerialProof| FuzzCall::VerifyUnit {
		gtin,
		lot: KNOWN_LOT.to_vec(),
		serial,
		proof,
	};
	let (left, right) = known_root_children();
	let forged_pair = [left.0, right.0].concat();
	let hardening = vec![
		step(0, eve, FuzzCall::SupplyChain(S::register_product { gtin, metadata_hash: hash(12) })),
		step(
			0,
			eve,
			FuzzCall::SupplyChain(S::commission_batch {
				gtin,
				lot,
				expires_on: START + 900_000_000,
				quantity: KNOWN_QUANTITY,
				serials_root: known_root(),
			}),
		),
		step(0, 0, verify(known_serials()[7].clone(), known_proof(7))),
		step(
			0,
			0,
			verify(
				forged_pair,
				SerialProof { leaf_index: 0, number_of_leaves: 1, items: Vec::new() },
			),
		),
		step(
			0,
			eve,
			FuzzCall::SupplyChain(S::ship { batch_id: 0, to: actor(ferdie), quantity: 40 }),
		),
		step(0, ferdie, FuzzCall::SupplyChain(S::receive { shipment_id: 0 })),
		step(
			0,
			ferdie,
			FuzzCall::SupplyChain(S::ship { batch_id: 1, to: actor(dave), quantity: 10 }),
		),
		step(0, alice, FuzzCall::SupplyChain(S::quarantine { batch_id: 1 })),
		step(0, ferdie, FuzzCall::SupplyChain(S::release { batch_id: 1 })),
		step(0, dave, FuzzCall::SupplyChain(S::receive { shipment_id: 1 })),
		step(0, dave, FuzzCall::SupplyChain(S::return_shipment { shipment_id: 1 })),
		step(0, alice, FuzzCall::SupplyChain(S::release { batch_id: 1 })),
		step(0, eve, FuzzCall::SupplyChain(S::recall { batch_id: 0, reason_hash: hash(14) })),
		step(0, ferdie, FuzzCall::SupplyChain(S::destroy { batch_id: 2, quantity: 10 })),
		step(0, patient, FuzzCall::Patients(P::register { commitment: hash(1) })),
		step(
			0,
			patient,
			FuzzCall::Patients(P::add_delegate { delegate: actor(delegate), expires_at: None }),
		),
		step(
			0,
			delegate,
			FuzzCall::Consent(C::grant {
				patient_id: 0,
				grantee: actor(bob),
				purpose: Purpose::Payment,
				categories: vec![tag(RecordCategory::Billing)].try_into().expect("one"),
				access: Access::Read,
				expires_at: None,
			}),
		),
		step(
			0,
			bob,
			FuzzCall::Records(R::anchor {
				patient_id: 0,
				category: tag(RecordCategory::Billing),
				content_hash: hash(2),
				storage_ref: hash(3),
			}),
		),
		step(
			0,
			patient,
			FuzzCall::Patients(P::propose_key_rotation { new_account: actor(delegate) }),
		),
		step(0, delegate, FuzzCall::Patients(P::accept_key_rotation { patient_id: 0 })),
		step(0, delegate, FuzzCall::Consent(C::revoke { consent_id: 0 })),
	];
	let transfers = vec![
		step(
			0,
			alice,
			FuzzCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: actor(patient).into(),
				value: 1_000_000_000_000,
			}),
		),
		step(
			1,
			patient,
			FuzzCall::Balances(pallet_balances::Call::transfer_allow_death {
				dest: actor(delegate).into(),
				value: 5,
			}),
		),
		step(
			0,
			delegate,
			FuzzCall::Balances(pallet_balances::Call::transfer_all {
				dest: actor(alice).into(),
				keep_alive: false,
			}),
		),
	];
	[
		clinical,
		credentials,
		supply,
		transfers,
		hardening,
		governance_story(),
		claims_story(),
		trials_story(),
	]
	.into_iter()
	.map(|steps| steps.into_iter().flat_map(|s| s.encode()).collect())
	.collect()
}

/// A claim's life: the patient (Alice's stash) consents to Ferdie, made an insurer by Alice, for
/// payment and to Bob for treatment; Ferdie covers the patient, Bob anchors an encounter and bills
/// it; a duplicate is refused; Ferdie allows part, Bob appeals, Ferdie approves and pays; a second
/// claim is replaced, the replacement voided; days later the replaced claim is cleared, while
/// clearing the paid one and removing the coverage are refused (the filing window and the
/// coverage are still open).
pub fn claims_story() -> Vec<Step> {
	use carechain_primitives::{CredentialKind, CurrencyCode, Money, Outcome, ReasonCode};
	use pallet_claims::Call as Cl;
	let step = |lapse: u8, origin: u8, call: FuzzCall| Step { lapse, origin, call };
	let hash = |byte: u8| H256::repeat_byte(byte);
	let (alice, bob, ferdie, patient) = (0, 1, 5, 6);
	// The day of `START`.
	let today = carechain_primitives::day_of(START);
	let eur = |amount| Money { amount, currency: CurrencyCode(*b"EUR") };
	let grant = |grantee: u8, purpose, category, access| {
		FuzzCall::Consent(pallet_consent::Call::grant {
			patient_id: 0,
			grantee: actor(grantee),
			purpose,
			categories: vec![tag(category)].try_into().expect("one"),
			access,
			expires_at: None,
		})
	};
	let submit = |key: u8| {
		FuzzCall::Claims(Cl::submit {
			patient_id: 0,
			payer: actor(ferdie),
			coverage_id: 0,
			encounter_id: 0,
			claim_hash: hash(0xb1),
			billed: eur(10_000),
			service_date: today,
			duplicate_key: hash(key),
			billing_tag: tag(RecordCategory::Billing),
		})
	};
	let adjudicate = |claim_id, outcome, allowed, reasons: Vec<ReasonCode>| {
		FuzzCall::Claims(Cl::adjudicate {
			claim_id,
			outcome,
			allowed,
			patient_responsibility: 0,
			reasons: reasons.try_into().expect("few"),
		})
	};
	vec![
		step(
			0,
			patient,
			FuzzCall::Patients(pallet_patients::Call::register { commitment: hash(1) }),
		),
		step(
			0,
			alice,
			FuzzCall::Credentials(pallet_credentials::Call::issue {
				subject: actor(ferdie),
				kind: CredentialKind::Insurer,
				license_hash: hash(2),
				valid_until: START + 400 * 86_400_000,
			}),
		),
		step(0, patient, grant(ferdie, Purpose::Payment, RecordCategory::Billing, Access::Read)),
		step(
			0,
			patient,
			grant(bob, Purpose::Treatment, RecordCategory::Encounters, Access::ReadWrite),
		),
		step(
			0,
			ferdie,
			FuzzCall::Claims(Cl::register_coverage {
				patient_id: 0,
				plan_hash: hash(3),
				valid_from: today - 30,
				valid_until: today + 335,
				billing_tag: tag(RecordCategory::Billing),
			}),
		),
		step(
			0,
			bob,
			FuzzCall::Records(pallet_records::Call::anchor {
				patient_id: 0,
				category: tag(RecordCategory::Encounters),
				content_hash: hash(4),
				storage_ref: hash(5),
			}),
		),
		step(0, bob, submit(0xd1)),
		step(0, bob, submit(0xd1)),
		step(1, ferdie, adjudicate(0, Outcome::Partial, 6_000, vec![ReasonCode::NotCovered])),
		step(0, bob, FuzzCall::Claims(Cl::appeal { claim_id: 0, evidence_hash: hash(6) })),
		step(1, ferdie, adjudicate(0, Outcome::Approved, 10_000, vec![])),
		step(
			0,
			ferdie,
			FuzzCall::Claims(Cl::pay { claim_id: 0, amount: 10_000, remittance_hash: hash(7) }),
		),
		step(0, bob, submit(0xd2)),
		step(
			0,
			bob,
			FuzzCall::Claims(Cl::replace {
				claim_id: 1,
				claim_hash: hash(8),
				billed: eur(9_000),
				duplicate_key: hash(0xd3),
			}),
		),
		step(0, bob, FuzzCall::Claims(Cl::void { claim_id: 2 })),
		// Days later the paid claim is still within its filing window (a year in the runtime;
		// an input's waits reach about 290 days at most), so clearing it is refused; the replaced
		// claim holds no key and goes at once.
		step(255, alice, FuzzCall::Claims(Cl::clear { claim_id: 0 })),
		step(0, alice, FuzzCall::Claims(Cl::clear { claim_id: 1 })),
		step(0, ferdie, FuzzCall::Claims(Cl::remove_coverage { coverage_id: 0 })),
	]
}

/// A study's life: Alice makes Eve a researcher; Eve registers a study and names Bob, a
/// physician, its investigator; opening enrolment in the same block is refused, a block later
/// it opens; the patient (Alice's stash) consents to Eve for research and joins, Bob enrols it;
/// Eve amends the protocol asking re-consent, and a release on one patient is refused (below
/// `k`); the patient consents to the new version, then withdraws (its consent revoked); Bob
/// declines it, freeing its place, and its joining again is refused; Eve completes the study and
/// reports switched outcomes.
pub fn trials_story() -> Vec<Step> {
	use carechain_primitives::{CredentialKind, StudyKind, StudyStatus};
	use pallet_trials::Call as Tr;
	let step = |lapse: u8, origin: u8, call: FuzzCall| Step { lapse, origin, call };
	let hash = |byte: u8| H256::repeat_byte(byte);
	let (alice, bob, eve, patient) = (0, 1, 4, 6);
	let status = |status| FuzzCall::Trials(Tr::set_status { study_id: 0, status });
	let join = FuzzCall::Trials(Tr::consent { study_id: 0, patient_id: 0, consent_id: 0 });
	let join_again = join.clone();
	vec![
		step(
			0,
			patient,
			FuzzCall::Patients(pallet_patients::Call::register { commitment: hash(1) }),
		),
		step(
			0,
			alice,
			FuzzCall::Credentials(pallet_credentials::Call::issue {
				subject: actor(eve),
				kind: CredentialKind::Researcher,
				license_hash: hash(2),
				valid_until: START + 400 * 86_400_000,
			}),
		),
		step(
			0,
			eve,
			FuzzCall::Trials(Tr::register {
				kind: StudyKind::Observational,
				registry_hash: hash(3),
				protocol_hash: hash(4),
				analysis_plan_hash: hash(5),
				outcomes_hash: hash(6),
				categories_hash: carechain_primitives::study_categories_hash(
					&[0x5a; 32],
					&[RecordCategory::LabResults],
				),
				category_count: 1,
				target: 11,
				min_cohort: 11,
			}),
		),
		step(
			0,
			eve,
			FuzzCall::Trials(Tr::add_investigator { study_id: 0, investigator: actor(bob) }),
		),
		step(0, eve, status(StudyStatus::Recruiting)),
		step(1, eve, status(StudyStatus::Recruiting)),
		step(
			0,
			patient,
			FuzzCall::Consent(pallet_consent::Call::grant {
				patient_id: 0,
				grantee: actor(eve),
				purpose: Purpose::Research,
				categories: vec![tag(RecordCategory::LabResults)].try_into().expect("one"),
				access: Access::Read,
				expires_at: None,
			}),
		),
		step(0, patient, join.clone()),
		step(0, bob, FuzzCall::Trials(Tr::enrol { study_id: 0, patient_id: 0 })),
		step(
			0,
			eve,
			FuzzCall::Trials(Tr::amend {
				study_id: 0,
				protocol_hash: hash(7),
				analysis_plan_hash: hash(5),
				outcomes_hash: hash(6),
				reconsent_required: true,
			}),
		),
		step(
			0,
			eve,
			FuzzCall::Trials(Tr::release { study_id: 0, request_hash: hash(8), witness: 1 }),
		),
		step(0, patient, join),
		step(0, patient, FuzzCall::Trials(Tr::withdraw { study_id: 0, patient_id: 0 })),
		step(0, bob, FuzzCall::Trials(Tr::decline { study_id: 0, patient_id: 0 })),
		step(0, patient, join_again),
		step(1, eve, status(StudyStatus::Completed)),
		step(
			0,
			eve,
			FuzzCall::Trials(Tr::commit_results {
				study_id: 0,
				results_hash: hash(9),
				reported_outcomes_hash: hash(10),
			}),
		),
	]
}

/// The consortium at work, from the `development` genesis where Alice is its only member: a
/// motion of one passes as it is proposed (a licensing board, a second member); then motions
/// need both, are voted and closed (a pause of record anchoring, which then refuses a patient,
/// and its lifting, after which the same anchor goes through), a motion to sign as a patient is
/// refused by the call filter, a vote on it by a non-member fails, and the last validator cannot be
/// voted out.
pub fn governance_story() -> Vec<Step> {
	use carechain_runtime::configs::governance::CouncilCollective as Instance;
	use pallet_collective::Call as Council;
	use sp_runtime::traits::{BlakeTwo256, Hash};
	let step = |lapse: u8, origin: u8, call: FuzzCall| Step { lapse, origin, call };
	let (alice, bob, patient) = (0, 1, 6);
	let propose = |threshold: u32, call: RuntimeCall| {
		let length_bound = call.encoded_size() as u32;
		FuzzCall::Council(Council::<Runtime, Instance>::propose {
			threshold,
			proposal: Box::new(call),
			length_bound,
		})
	};
	let as_root = |call: RuntimeCall| {
		RuntimeCall::Consortium(pallet_consortium::Call::as_root { call: Box::new(call) })
	};
	let vote = |call: &RuntimeCall, index: u32, approve: bool| {
		FuzzCall::Council(Council::<Runtime, Instance>::vote {
			proposal: BlakeTwo256::hash_of(call),
			index,
			approve,
		})
	};
	let close = |call: &RuntimeCall, index: u32| {
		FuzzCall::Council(Council::<Runtime, Instance>::close {
			proposal_hash: BlakeTwo256::hash_of(call),
			index,
			proposal_weight_bound: frame_support::weights::Weight::from_parts(
				10_000_000_000,
				1_000_000,
			),
			length_bound: call.encoded_size() as u32,
		})
	};
	let name = |pallet: &[u8], call: &[u8]| {
		(pallet.to_vec().try_into().expect("short"), call.to_vec().try_into().expect("short"))
	};
	let board = RuntimeCall::Credentials(pallet_credentials::Call::register_issuer {
		issuer: actor(bob),
		kinds: vec![carechain_primitives::CredentialKind::Nurse].try_into().expect("one"),
		metadata_hash: H256::repeat_byte(0x60),
	});
	let second_member = RuntimeCall::CouncilMembership(pallet_membership::Call::add_member {
		who: actor(bob).into(),
	});
	let pause = RuntimeCall::TxPause(pallet_tx_pause::Call::pause {
		full_name: name(b"Records", b"anchor"),
	});
	let unpause =
		RuntimeCall::TxPause(pallet_tx_pause::Call::unpause { ident: name(b"Records", b"anchor") });
	let take_over = RuntimeCall::Utility(pallet_utility::Call::dispatch_as {
		as_origin: Box::new(frame_system::RawOrigin::Signed(actor(patient)).into()),
		call: Box::new(RuntimeCall::Patients(pallet_patients::Call::deregister {})),
	});
	let last_validator_out =
		as_root(RuntimeCall::ValidatorManager(pallet_validator_manager::Call::remove_validator {
			who: actor(alice),
		}));
	let anchor = step(
		0,
		patient,
		FuzzCall::Records(pallet_records::Call::anchor {
			patient_id: 0,
			category: tag(RecordCategory::Allergies),
			content_hash: H256::repeat_byte(0x62),
			storage_ref: H256::repeat_byte(0x63),
		}),
	);
	vec![
		step(0, alice, propose(1, as_root(board))),
		step(0, alice, propose(1, second_member)),
		step(
			0,
			patient,
			FuzzCall::Patients(pallet_patients::Call::register {
				commitment: H256::repeat_byte(0x61),
			}),
		),
		step(0, alice, propose(2, pause.clone())),
		step(0, alice, vote(&pause, 0, true)),
		step(0, bob, vote(&pause, 0, true)),
		step(0, alice, close(&pause, 0)),
		anchor.clone(),
		step(0, bob, propose(2, unpause.clone())),
		step(0, bob, vote(&unpause, 1, true)),
		step(0, alice, vote(&unpause, 1, true)),
		step(1, bob, close(&unpause, 1)),
		anchor,
		step(0, alice, propose(2, take_over.clone())),
		step(0, patient, vote(&take_over, 2, true)),
		step(0, alice, propose(2, last_validator_out.clone())),
		step(0, alice, vote(&last_validator_out, 2, true)),
		step(0, bob, vote(&last_validator_out, 2, true)),
		step(12, alice, close(&last_validator_out, 2)),
		step(
			0,
			9,
			FuzzCall::Council(Council::<Runtime, Instance>::kill {
				proposal_hash: BlakeTwo256::hash_of(&take_over),
			}),
		),
	]
}

/// Writes [`seeds`] into the directory named by `CARECHAIN_FUZZ_SEEDS`, if set (the libFuzzer
/// binary calls this once at start, so `scripts/fuzz` needs no second build to make a corpus).
pub fn write_seeds_from_env() {
	let Some(dir) = std::env::var_os("CARECHAIN_FUZZ_SEEDS") else { return };
	let dir = std::path::PathBuf::from(dir);
	std::fs::create_dir_all(&dir).expect("the seed directory can be created");
	for (i, seed) in seeds().into_iter().enumerate() {
		std::fs::write(dir.join(format!("seed-{i}")), seed).expect("a seed can be written");
	}
}
