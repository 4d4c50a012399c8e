// pallet-records (`Records`): anchors of off-chain records (salted content hash, storage
// reference), version chains, erasure, read logs; `RecordsApi::verify` and `records_of`.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import { big, call, query, runtimeApi, variant } from './client.js';
import { contentHash, randomSalt } from './hashing.js';
import type { Hash, Id, Purpose, RecordCategory, RecordVerification } from './types.js';

type Tx = SubmittableExtrinsic<'promise'>;

export interface Anchor {
  patientId: Id;
  category: RecordCategory;
  contentHash: Hash;
  storageRef: Hash;
}
/**
 * By the patient, a live delegate (self-reported), or a credentialed provider permitted `Write`
 * on the category for `Treatment`: `consent.checkAccessFor(api, patientId, provider, category,
 * 'Write', 'Treatment')`. `amend` and `anchorBatch` are held to the same rule.
 */
export const anchor = (api: ApiPromise, a: Anchor): Tx =>
  call(api, 'records', 'anchor', a.patientId, a.category, a.contentHash, a.storageRef);
/**
 * Anchors several records of one patient and category in one extrinsic (at most the runtime's
 * `records.maxAnchorBatch`): the rules are checked once, the records get consecutive ids in
 * order, each with its own `RecordAnchored` event.
 */
export const anchorBatch = (
  api: ApiPromise,
  patientId: Id,
  category: RecordCategory,
  records: { contentHash: Hash; storageRef: Hash }[],
): Tx =>
  call(api, 'records', 'anchorBatch', patientId, category, records.map((r) => [r.contentHash, r.storageRef]));
export const amend = (api: ApiPromise, recordId: Id, hash: Hash, storageRef: Hash): Tx =>
  call(api, 'records', 'amend', recordId, hash, storageRef);
/**
 * Logs a read for `purpose`: refused (`records.NotPermittedToRead`) unless a consent for that
 * very purpose, or for `Treatment` a break-glass access, covers it (`consent.checkAccessFor`).
 */
export const logAccess = (api: ApiPromise, recordId: Id, purpose: Purpose): Tx =>
  call(api, 'records', 'logAccess', recordId, purpose);
/** Erases the record's whole version chain (patient or delegate). */
export const erase = (api: ApiPromise, recordId: Id): Tx => call(api, 'records', 'erase', recordId);

/** A fresh salt and the content hash of `bytes` under it: keep the salt with the record. */
export function sealRecord(bytes: Uint8Array): { salt: Uint8Array; contentHash: Hash } {
  const salt = randomSalt();
  return { salt, contentHash: contentHash(salt, bytes) };
}

/** `RecordsApi::verify(record_id, content_hash)`. */
export async function verify(api: ApiPromise, recordId: Id, hash: Hash): Promise<RecordVerification> {
  const { name, inner } = variant(await runtimeApi(api, 'recordsApi', 'verify', recordId, hash));
  switch (name) {
    case 'Match':
    case 'Mismatch':
    case 'Erased':
    case 'Unknown':
      return { kind: name };
    case 'Superseded':
      return { kind: 'Superseded', newerId: big(inner) };
    default:
      throw new Error(`unexpected record verification ${name}`);
  }
}

/** One page of a patient's record ids in the chain's storage order, after `after` (at most `max`, ≤ 1,000); empty at the end. */
export async function recordsOf(api: ApiPromise, patientId: Id, after: Id | undefined, max: number): Promise<Id[]> {
  const page = await runtimeApi(api, 'recordsApi', 'recordsOf', patientId, after ?? null, max);
  return (page.toJSON() as (number | string)[]).map((id) => BigInt(id));
}

/** Every record id of a patient, page by page, ascending. */
export async function allRecordsOf(api: ApiPromise, patientId: Id, pageSize = 1000): Promise<Id[]> {
  const all: Id[] = [];
  for (let after: Id | undefined; ; ) {
    const page = await recordsOf(api, patientId, after, pageSize);
    if (page.length === 0) return all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    all.push(...page);
    after = page[page.length - 1];
  }
}

export interface RecordInfo {
  recordId: Id;
  patientId: Id;
  category: RecordCategory;
  contentHash: Hash;
  /** Zero once erased. */
  storageRef: Hash;
  author: string;
  selfReported: boolean;
  anchoredAt: bigint;
  previous: Id | undefined;
  supersededBy: Id | undefined;
  version: number;
}

/** A stored record (anchored, superseded or erased), or undefined. */
export async function record(api: ApiPromise, recordId: Id): Promise<RecordInfo | undefined> {
  const stored = (await query(api, 'records', 'records', recordId)) as Codec & { isSome: boolean };
  if (!stored.isSome) return undefined;
  const j = stored.toJSON() as {
    patientId: number;
    category: RecordCategory;
    contentHash: Hash;
    storageRef: Hash;
    author: string;
    selfReported: boolean;
    anchoredAt: number;
    previous: number | null;
    supersededBy: number | null;
    version: number;
  };
  return {
    recordId,
    patientId: BigInt(j.patientId),
    category: j.category,
    contentHash: j.contentHash,
    storageRef: j.storageRef,
    author: j.author,
    selfReported: j.selfReported,
    anchoredAt: BigInt(j.anchoredAt),
    previous: j.previous === null ? undefined : BigInt(j.previous),
    supersededBy: j.supersededBy === null ? undefined : BigInt(j.supersededBy),
    version: j.version,
  };
}
