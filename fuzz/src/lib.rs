//! Runtime fuzzing for Carechain.
//!
//! An input is a sequence of [`Step`]s, SCALE-decoded until the bytes run out: how long to wait
//! before the step (in blocks; the lapse is squared, so a step can jump days and let consents,
//! delegations, credentials and emergency accesses expire), who calls (one of eight development
//! accounts with the roles of the `development` preset, no origin, or Root), and a call of one
//! of Carechain's pallets or Balances. [`run`] executes the steps against the real runtime,
//! starting from the `development` genesis, and after each block, and at the end, checks every
//! pallet's `try_state` invariants and that Balances' total issuance equals the sum of all
//! accounts' balances. A panic anywhere, or a broken invariant, is a finding.
//!
//! `scripts/fuzz` runs it under libFuzzer (binary `runtime-fuzz`, feature `libfuzzer`); the
//! seeds ([`seeds`]) and every input kept in `fuzz/regressions/` also run as plain tests.

use std::sync::OnceLock;

use carechain_primitives::{Access, EmergencyReason, Purpose, RecordCategory};
use carechain_runtime::{AccountId, Balances, Runtime, RuntimeCall, RuntimeOrigin};
use codec::{Decode, Encode};
use frame_support::traits::fungible::Inspect;
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, Storage};

/// A call the fuzzer may make: every call of our pallets, and of Balances.
#[derive(Clone, Debug, Encode, Decode)]
pub enum FuzzCall {
	Credentials(pallet_credentials::Call<Runtime>),
	Patients(pallet_patients::Call<Runtime>),
	Consent(pallet_consent::Call<Runtime>),
	Records(pallet_records::Call<Runtime>),
	SupplyChain(pallet_supply_chain::Call<Runtime>),
	Balances(pallet_balances::Call<Runtime>),
}

impl FuzzCall {
	/// The runtime call this is.
	pub fn into_runtime_call(self) -> RuntimeCall {
		match self {
			FuzzCall::Credentials(call) => RuntimeCall::Credentials(call),
			FuzzCall::Patients(call) => RuntimeCall::Patients(call),
			FuzzCall::Consent(call) => RuntimeCall::Consent(call),
			FuzzCall::Records(call) => RuntimeCall::Records(call),
			FuzzCall::SupplyChain(call) => RuntimeCall::SupplyChain(call),
			FuzzCall::Balances(call) => RuntimeCall::Balances(call),
		}
	}
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

fn advance(blocks: u64) {
	let now = frame_system::Pallet::<Runtime>::block_number();
	frame_system::Pallet::<Runtime>::set_block_number(now.saturating_add(blocks as u32));
	pallet_timestamp::Now::<Runtime>::mutate(|t| *t = t.saturating_add(blocks * BLOCK_MS));
	frame_system::Pallet::<Runtime>::reset_events();
}

/// Every invariant: each pallet's `try_state`, and Balances' books.
pub fn check_invariants(when: &str) {
	let checks: [(&str, fn() -> Result<(), sp_runtime::TryRuntimeError>); 5] = [
		("Credentials", pallet_credentials::Pallet::<Runtime>::do_try_state),
		("Patients", pallet_patients::Pallet::<Runtime>::do_try_state),
		("Consent", pallet_consent::Pallet::<Runtime>::do_try_state),
		("Records", pallet_records::Pallet::<Runtime>::do_try_state),
		("SupplyChain", pallet_supply_chain::Pallet::<Runtime>::do_try_state),
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

/// Runs one input; panics on a panic in the runtime or a broken invariant.
pub fn run(data: &[u8]) {
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
			let call = step.call.into_runtime_call();
			let _ = call.dispatch(origin);
		}
		check_invariants("at the end");
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
	let gtin = *b"04006381333931";
	let lot = b"LOT42".to_vec().try_into().expect("a short lot");

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
				categories: vec![RecordCategory::LabResults].try_into().expect("one"),
				access: Access::ReadWrite,
				expires_at: Some(START + 86_400_000),
			}),
		),
		step(
			0,
			bob,
			FuzzCall::Records(R::anchor {
				patient_id: 0,
				category: RecordCategory::LabResults,
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
				category: RecordCategory::Medications,
				content_hash: hash(7),
				storage_ref: hash(8),
			}),
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
				lot,
				expires_on: START + 900_000_000,
				quantity: 100,
				serials_root: hash(13),
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
	[clinical, credentials, supply, transfers]
		.into_iter()
		.map(|steps| steps.into_iter().flat_map(|s| s.encode()).collect())
		.collect()
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
