//! The supply story through the real runtime: a manufacturer (Eve, credentialed in the
//! development preset) registers a product and commissions a batch, ships it to a distributor
//! (Ferdie), who receives it and splits it to two pharmacies; one dispenses; the manufacturer
//! recalls at the root, and a pack from either split verifies as Recalled; a forged proof
//! verifies as InvalidProof.

use crate::common;

use carechain_primitives::{
	runtime_decl_for_supply_chain_api::SupplyChainApiV1, CredentialKind, SerialProof, UnitStatus,
	UnitVerification,
};
use carechain_runtime::{AccountId, Block, Runtime, RuntimeCall, RuntimeOrigin};
use frame_support::assert_ok;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Charlie, Dave, Eve, Ferdie};
use sp_runtime::traits::{BlakeTwo256, Dispatchable};

const GTIN: [u8; 14] = *b"10614141000415";
const LOT: &[u8] = b"LOT-2026-A";

/// One serial per commissioned unit.
const QUANTITY: u32 = 100;

fn serials() -> Vec<Vec<u8>> {
	(0..QUANTITY).map(|n| format!("SN{n:08}").into_bytes()).collect()
}

/// The tree's leaf values, `0x00 ‖ serial` (pallet-supply-chain's recipe).
fn leaves() -> Vec<Vec<u8>> {
	serials()
		.iter()
		.map(|serial| pallet_supply_chain::serial_leaf(serial))
		.collect()
}

fn proof(index: u32) -> SerialProof {
	let proof = binary_merkle_tree::merkle_proof::<BlakeTwo256, _, _>(leaves(), index);
	SerialProof {
		leaf_index: proof.leaf_index,
		number_of_leaves: proof.number_of_leaves,
		items: proof.proof,
	}
}

fn verify(index: u32, proof: SerialProof) -> UnitVerification {
	<Runtime as SupplyChainApiV1<Block>>::verify_unit(
		GTIN,
		LOT.to_vec(),
		serials()[index as usize].clone(),
		proof,
	)
}

fn call(call: pallet_supply_chain::Call<Runtime>, who: &AccountId) {
	assert_ok!(RuntimeCall::SupplyChain(call).dispatch(RuntimeOrigin::signed(who.clone())));
}

#[test]
fn the_supply_story() {
	common::genesis_of("development").execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		let now = 1_800_000_000_000;
		pallet_timestamp::Now::<Runtime>::put(now);
		let (maker, distributor, pharmacy) =
			(Eve.to_account_id(), Ferdie.to_account_id(), Dave.to_account_id());
		// A second pharmacy: Charlie gets a Pharmacy credential from the dev regulator.
		let second_pharmacy = Charlie.to_account_id();
		assert_ok!(RuntimeCall::Credentials(pallet_credentials::Call::issue {
			subject: second_pharmacy.clone(),
			kind: CredentialKind::Pharmacy,
			license_hash: H256::repeat_byte(3),
			valid_until: now + 1_000_000,
		})
		.dispatch(RuntimeOrigin::signed(Alice.to_account_id())));

		call(
			pallet_supply_chain::Call::register_product { gtin: GTIN, metadata_hash: H256::zero() },
			&maker,
		);
		let serials_root = binary_merkle_tree::merkle_root::<BlakeTwo256, _>(leaves());
		call(
			pallet_supply_chain::Call::commission_batch {
				gtin: GTIN,
				lot: LOT.to_vec().try_into().expect("short"),
				expires_on: now + 365 * 86_400_000,
				quantity: QUANTITY,
				serials_root,
			},
			&maker,
		);
		call(
			pallet_supply_chain::Call::ship { batch_id: 0, to: distributor.clone(), quantity: 100 },
			&maker,
		);
		call(pallet_supply_chain::Call::receive { shipment_id: 0 }, &distributor);
		call(
			pallet_supply_chain::Call::ship { batch_id: 1, to: pharmacy.clone(), quantity: 40 },
			&distributor,
		);
		call(pallet_supply_chain::Call::receive { shipment_id: 1 }, &pharmacy);
		call(
			pallet_supply_chain::Call::ship {
				batch_id: 1,
				to: second_pharmacy.clone(),
				quantity: 60,
			},
			&distributor,
		);
		call(pallet_supply_chain::Call::receive { shipment_id: 2 }, &second_pharmacy);
		call(pallet_supply_chain::Call::dispense { batch_id: 2, quantity: 1 }, &pharmacy);
		assert_eq!(
			verify(3, proof(3)),
			UnitVerification::Authentic(UnitStatus {
				batch_id: 0,
				expires_on: now + 365 * 86_400_000
			})
		);

		call(
			pallet_supply_chain::Call::recall { batch_id: 0, reason_hash: H256::repeat_byte(9) },
			&maker,
		);
		assert_eq!(verify(3, proof(3)), UnitVerification::Recalled);
		assert_eq!(verify(7, proof(7)), UnitVerification::Recalled);
		let refused = RuntimeCall::SupplyChain(pallet_supply_chain::Call::dispense {
			batch_id: 3,
			quantity: 1,
		})
		.dispatch(RuntimeOrigin::signed(second_pharmacy));
		assert!(refused.is_err(), "a recalled split cannot be dispensed");

		let mut forged = proof(5);
		forged.items[0] = H256::repeat_byte(0xee);
		assert_eq!(verify(5, forged), UnitVerification::InvalidProof);
		// Recalled or not, a forgery never verifies: the lot's leaf count is the prover's to keep.
		let mut miscounted = proof(5);
		miscounted.number_of_leaves = QUANTITY + 1;
		assert_eq!(verify(5, miscounted), UnitVerification::InvalidProof);
	});
}
