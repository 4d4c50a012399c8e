// pallet-supply-chain (`SupplyChain`): products by GTIN, batches with a serial-number Merkle root,
// custody (ship, receive, return, split), dispense, recall, quarantine, destroy; and
// `SupplyChainApi::verify_unit` for a single pack.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import { hexToString, isHex, stringToU8a, u8aToHex } from '@polkadot/util';
import { big, call, query, runtimeApi, variant } from './client.js';
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

/**
 * A product, by a holder of a valid Manufacturer credential. `unchecked` skips the local GTIN
 * check so that the chain's own check can be exercised.
 */
export const registerProduct = (api: ApiPromise, gtin: string, metadataHash: Hash, unchecked = false): Tx =>
  call(api, 'supplyChain', 'registerProduct', unchecked ? u8aToHex(stringToU8a(gtin)) : gtinArg(gtin), metadataHash);

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
  call(api, 'supplyChain', 'commissionBatch', gtinArg(c.gtin), lotArg(c.lot), c.expiresOn, c.quantity, c.serialsRoot);
/** Commissions a lot of exactly `serials` (its root and its quantity from the list, which is checked). */
export const commissionLot = (api: ApiPromise, c: { gtin: string; lot: string; expiresOn: bigint | number; serials: readonly string[] }): Tx =>
  commissionBatch(api, { gtin: c.gtin, lot: c.lot, expiresOn: c.expiresOn, quantity: c.serials.length, serialsRoot: serialsRoot(c.serials) });
/**
 * Ships `quantity` of a batch to a trading partner; part of a batch ships as a new child batch.
 * The custodian must hold a valid Manufacturer, Distributor, Pharmacy or Hospital credential.
 */
export const ship = (api: ApiPromise, batchId: Id, to: string, quantity: number): Tx =>
  call(api, 'supplyChain', 'ship', batchId, to, quantity);
/** By the addressee, still a valid Distributor, Pharmacy or Hospital, from a sender still credentialed to ship. */
export const receive = (api: ApiPromise, shipmentId: Id): Tx => call(api, 'supplyChain', 'receive', shipmentId);
/**
 * Sends a shipment not yet received back into its sender's custody (by the sender or the
 * addressee), even if its lot was recalled or quarantined meanwhile, so that the sender can
 * account for it and destroy it.
 */
export const returnShipment = (api: ApiPromise, shipmentId: Id): Tx => call(api, 'supplyChain', 'returnShipment', shipmentId);
export const dispense = (api: ApiPromise, batchId: Id, quantity: number): Tx =>
  call(api, 'supplyChain', 'dispense', batchId, quantity);
export const recall = (api: ApiPromise, batchId: Id, reasonHash: Hash): Tx =>
  call(api, 'supplyChain', 'recall', batchId, reasonHash);
export const quarantine = (api: ApiPromise, batchId: Id): Tx => call(api, 'supplyChain', 'quarantine', batchId);
/** Only by the account that quarantined the batch, or a valid Regulator. */
export const release = (api: ApiPromise, batchId: Id): Tx => call(api, 'supplyChain', 'release', batchId);
export const destroy = (api: ApiPromise, batchId: Id, quantity: number): Tx =>
  call(api, 'supplyChain', 'destroy', batchId, quantity);

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
  const answer = await runtimeApi(api, 'supplyChainApi', 'verifyUnit', gtinArg(gtin), lotArg(lot), serialArg, proof);
  const { name, inner } = variant(answer);
  switch (name) {
    case 'Authentic': {
      const status = inner?.toJSON() as { batchId: number; expiresOn: number } | undefined;
      if (status === undefined) throw new Error('an Authentic answer without its status');
      return { kind: 'Authentic', batchId: BigInt(status.batchId), expiresOn: BigInt(status.expiresOn) };
    }
    case 'Recalled':
    case 'Expired':
    case 'Quarantined':
    case 'Unknown':
    case 'InvalidProof':
      return { kind: name };
    default:
      throw new Error(`unexpected unit verification ${name}`);
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

const text = (value: unknown) => (typeof value === 'string' && isHex(value) ? hexToString(value) : String(value));

/** A batch as stored, or undefined. */
export async function batch(api: ApiPromise, batchId: Id): Promise<BatchInfo | undefined> {
  const stored = (await query(api, 'supplyChain', 'batches', batchId)) as Codec & { isSome: boolean };
  if (!stored.isSome) return undefined;
  const j = stored.toJSON() as Record<string, unknown>;
  const num = (key: string) => Number(j[key]);
  return {
    batchId,
    gtin: text(j.gtin),
    lot: text(j.lot),
    expiresOn: BigInt(String(j.expiresOn)),
    quantity: num('quantity'),
    held: num('held'),
    inTransit: num('inTransit'),
    dispensed: num('dispensed'),
    destroyed: num('destroyed'),
    shippedOut: num('shippedOut'),
    custodian: String(j.custodian),
    parent: j.parent === null ? undefined : BigInt(String(j.parent)),
    root: BigInt(String(j.root)),
    depth: num('depth'),
    recalled: j.recalled === true,
    quarantined: j.quarantined === true,
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
  const stored = (await query(api, 'supplyChain', 'shipments', shipmentId)) as Codec & { isSome: boolean };
  if (!stored.isSome) return undefined;
  const j = stored.toJSON() as Record<string, unknown>;
  return {
    shipmentId,
    batchId: BigInt(String(j.batchId)),
    from: String(j.from),
    to: String(j.to),
    quantity: Number(j.quantity),
    shippedAt: BigInt(String(j.shippedAt)),
    received: j.received === true,
    returned: j.returned === true,
  };
}

/** Whether a product is registered, and by whom. */
export async function product(api: ApiPromise, gtin: string): Promise<{ manufacturer: string; metadataHash: Hash } | undefined> {
  const stored = (await query(api, 'supplyChain', 'products', u8aToHex(stringToU8a(gtin)))) as Codec & { isSome: boolean };
  if (!stored.isSome) return undefined;
  return stored.toJSON() as { manufacturer: string; metadataHash: Hash };
}

