// pallet-supply-chain (`SupplyChain`): products by GTIN, batches with a serial-number Merkle root,
// custody (ship, receive, return, split), dispense, recall, quarantine, destroy; and
// `SupplyChainApi::verify_unit` for a single pack.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { stringToU8a, u8aToHex, u8aToString } from '@polkadot/util';
import { gtinBytes, isValidLot } from './gs1.js';
import { serialsRoot, type SerialProof } from './merkle.js';
import type { Hash, Id, UnitVerification } from './types.js';

type Tx = SubmittableExtrinsic<'promise'>;

/** The GTIN as 0x-hex of its ASCII digits (what `[u8; 14]` takes); validated first. */
const gtinArg = (gtin: string) => u8aToHex(gtinBytes(gtin));
const lotArg = (lot: string) => {
  if (!isValidLot(lot)) throw new Error(`"${lot}" is not a GS1 lot number (1 to 20 characters of set 82)`);
  return u8aToHex(stringToU8a(lot));
};

/** A product, by a holder of a valid Manufacturer credential; the GTIN is checked first. */
export const registerProduct = (api: ApiPromise, gtin: string, metadataHash: Hash): Tx =>
  api.tx.supplyChain.registerProduct(gtinArg(gtin), metadataHash);

export interface Commission {
  gtin: string;
  lot: string;
  /** Milliseconds since the Unix epoch. */
  expiresOn: bigint | number;
  /**
   * One unit per serial: the number of serials in the tree. `verify_unit` refuses every proof
   * whose leaf count differs from it, so a lot commissioned with another quantity never verifies.
   */
  quantity: number;
  /** `serialsRoot(serials)` (merkle.ts). */
  serialsRoot: Hash;
}
/** By the product's manufacturer. Prefer `commissionLot`, which takes the serials themselves. */
export const commissionBatch = (api: ApiPromise, c: Commission): Tx =>
  api.tx.supplyChain.commissionBatch(gtinArg(c.gtin), lotArg(c.lot), c.expiresOn, c.quantity, c.serialsRoot);
/** Commissions a lot of exactly `serials` (its root and its quantity from the list, which is checked). */
export const commissionLot = (api: ApiPromise, c: { gtin: string; lot: string; expiresOn: bigint | number; serials: readonly string[] }): Tx =>
  commissionBatch(api, { gtin: c.gtin, lot: c.lot, expiresOn: c.expiresOn, quantity: c.serials.length, serialsRoot: serialsRoot(c.serials) });
/**
 * Ships `quantity` of a batch to a trading partner; part of a batch ships as a new child batch.
 * The custodian must hold a valid Manufacturer, Distributor, Pharmacy or Hospital credential.
 */
export const ship = (api: ApiPromise, batchId: Id, to: string, quantity: number): Tx =>
  api.tx.supplyChain.ship(batchId, to, quantity);
/** By the addressee, still a valid Distributor, Pharmacy or Hospital, from a sender still credentialed to ship. */
export const receive = (api: ApiPromise, shipmentId: Id): Tx => api.tx.supplyChain.receive(shipmentId);
/**
 * Sends a shipment not yet received back into its sender's custody (by the sender or the
 * addressee), even if its lot was recalled or quarantined meanwhile, so that the sender can
 * account for it and destroy it.
 */
export const returnShipment = (api: ApiPromise, shipmentId: Id): Tx => api.tx.supplyChain.returnShipment(shipmentId);
export const dispense = (api: ApiPromise, batchId: Id, quantity: number): Tx =>
  api.tx.supplyChain.dispense(batchId, quantity);
export const recall = (api: ApiPromise, batchId: Id, reasonHash: Hash): Tx =>
  api.tx.supplyChain.recall(batchId, reasonHash);
export const quarantine = (api: ApiPromise, batchId: Id): Tx => api.tx.supplyChain.quarantine(batchId);
/** Only by the account that quarantined the batch, or a valid Regulator. */
export const release = (api: ApiPromise, batchId: Id): Tx => api.tx.supplyChain.release(batchId);
export const destroy = (api: ApiPromise, batchId: Id, quantity: number): Tx =>
  api.tx.supplyChain.destroy(batchId, quantity);

/** The EPCIS business steps the supply-chain events record. */
export type BusinessStep =
  'Commissioning' | 'Shipping' | 'Receiving' | 'Returning' | 'Dispensing' | 'Recalling' | 'Holding' | 'Releasing' | 'Destroying';

const STEPS: Readonly<Record<string, BusinessStep>> = {
  BatchCommissioned: 'Commissioning', Shipped: 'Shipping', Received: 'Receiving', ShipmentReturned: 'Returning',
  Dispensed: 'Dispensing', Recalled: 'Recalling', Quarantined: 'Holding', Released: 'Releasing', Destroyed: 'Destroying',
};

/**
 * The EPCIS business step of a `supplyChain` event, from its method name: the event's variant is
 * its step, so the chain's events carry no `step` field (removed by issue 22). Undefined for an
 * event that records no step (`ProductRegistered`).
 */
export const businessStep = (method: string): BusinessStep | undefined => STEPS[method];

/**
 * `SupplyChainApi::verify_unit(gtin, lot, serial, proof)`: what a pharmacist scans. The serial
 * goes to the chain as scanned (text, or raw bytes): one that is not a GS1 serial, or a proof
 * whose leaf count is not the lot's quantity or whose length is not its leaf's, is `InvalidProof`.
 */
export async function verifyUnit(api: ApiPromise, gtin: string, lot: string, serial: string | Uint8Array, proof: SerialProof): Promise<UnitVerification> {
  const serialArg = u8aToHex(typeof serial === 'string' ? stringToU8a(serial) : serial);
  const answer = await api.call.supplyChainApi.verifyUnit(gtinArg(gtin), lotArg(lot), serialArg, proof);
  const name = answer.type;
  switch (name) {
    case 'Authentic': {
      const status = answer.asAuthentic;
      return { kind: 'Authentic', batchId: status.batchId.toBigInt(), expiresOn: status.expiresOn.toBigInt() };
    }
    case 'Recalled':
    case 'Expired':
    case 'Quarantined':
    case 'Unknown':
    case 'InvalidProof':
      return { kind: name };
    default:
      throw new Error(`unexpected unit verification ${String(name)}`);
  }
}

export interface BatchInfo {
  batchId: Id;
  gtin: string;
  lot: string;
  expiresOn: bigint;
  quantity: number;
  held: number;
  inTransit: number;
  dispensed: number;
  destroyed: number;
  shippedOut: number;
  custodian: string;
  parent: Id | undefined;
  root: Id;
  depth: number;
  /** Recalled here (a recall up the split tree also applies: see `verifyUnit`). */
  recalled: boolean;
  /** Quarantined here; like a recall, a quarantine up the split tree also stops this batch. */
  quarantined: boolean;
}

/** A batch as stored, or undefined. */
export async function batch(api: ApiPromise, batchId: Id): Promise<BatchInfo | undefined> {
  const stored = await api.query.supplyChain.batches(batchId);
  if (stored.isNone) return undefined;
  const b = stored.unwrap();
  return {
    batchId,
    gtin: u8aToString(b.gtin),
    lot: u8aToString(b.lot),
    expiresOn: b.expiresOn.toBigInt(),
    quantity: b.quantity.toNumber(),
    held: b.held.toNumber(),
    inTransit: b.inTransit.toNumber(),
    dispensed: b.dispensed.toNumber(),
    destroyed: b.destroyed.toNumber(),
    shippedOut: b.shippedOut.toNumber(),
    custodian: b.custodian.toString(),
    parent: b.parent.unwrapOr(undefined)?.toBigInt(),
    root: b.root.toBigInt(),
    depth: b.depth.toNumber(),
    recalled: b.recalled.isTrue,
    quarantined: b.quarantined.isTrue,
  };
}

export interface ShipmentInfo {
  shipmentId: Id;
  /** The child batch created for the shipped units. */
  batchId: Id;
  from: string;
  to: string;
  quantity: number;
  shippedAt: bigint;
  received: boolean;
  /** Sent back to `from` before receipt (`returnShipment`). */
  returned: boolean;
}

/** A shipment as stored, or undefined. */
export async function shipment(api: ApiPromise, shipmentId: Id): Promise<ShipmentInfo | undefined> {
  const stored = await api.query.supplyChain.shipments(shipmentId);
  if (stored.isNone) return undefined;
  const s = stored.unwrap();
  return {
    shipmentId,
    batchId: s.batchId.toBigInt(),
    from: s.from.toString(),
    to: s.to.toString(),
    quantity: s.quantity.toNumber(),
    shippedAt: s.shippedAt.toBigInt(),
    received: s.received.isTrue,
    returned: s.returned.isTrue,
  };
}

/** Whether a product is registered, and by whom. */
export async function product(api: ApiPromise, gtin: string): Promise<{ manufacturer: string; metadataHash: Hash } | undefined> {
  const stored = await api.query.supplyChain.products(u8aToHex(stringToU8a(gtin)));
  if (stored.isNone) return undefined;
  const p = stored.unwrap();
  return { manufacturer: p.manufacturer.toString(), metadataHash: p.metadataHash.toHex() };
}

