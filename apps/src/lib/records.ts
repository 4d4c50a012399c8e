// pallet-records (`Records`): anchors of off-chain records (salted content hash, storage
// reference), version chains, erasure, read logs; `RecordsApi::verify` and `records_of`.
// A record carries the patient's category tag, never its category (categories.ts, issue 31).

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { contentHash, randomSalt } from './hashing.js';
import type { CategoryTag } from './categories.js';
import type { Hash, Id, Purpose, RecordVerification } from './types.js';

type Tx = SubmittableExtrinsic<'promise'>;

export interface Anchor {
  patientId: Id;
  /**
   * The patient's tag for the record's category: from the patient's key (`categoryTag`), from
   * the card the patient gave (`tagFromCard`), or under break-glass a `randomCategoryTag()`.
   */
  category: CategoryTag;
  contentHash: Hash;
  storageRef: Hash;
}
/**
 * By the patient, a live delegate (self-reported), or a credentialed provider permitted `Write`
 * on the category's tag for `Treatment`: `consent.checkAccessFor(api, patientId, provider, tag,
 * 'Write', 'Treatment')`. `amend` and `anchorBatch` are held to the same rule.
 */
export const anchor = (api: ApiPromise, a: Anchor): Tx =>
  api.tx.records.anchor(a.patientId, a.category, a.contentHash, a.storageRef);
/**
 * Anchors several records of one patient and category (one tag) in one extrinsic (at most the runtime's
 * `records.maxAnchorBatch`): the rules are checked once, the records get consecutive ids in
 * order, each with its own `RecordAnchored` event.
 */
export const anchorBatch = (
  api: ApiPromise,
  patientId: Id,
  category: CategoryTag,
  records: { contentHash: Hash; storageRef: Hash }[],
): Tx =>
  api.tx.records.anchorBatch(patientId, category, records.map((r): [Hash, Hash] => [r.contentHash, r.storageRef]));
export const amend = (api: ApiPromise, recordId: Id, hash: Hash, storageRef: Hash): Tx =>
  api.tx.records.amend(recordId, hash, storageRef);
/**
 * Logs a read for `purpose`: refused (`records.NotPermittedToRead`) unless a consent for that
 * very purpose, or for `Treatment` a break-glass access, covers it (`consent.checkAccessFor`).
 */
export const logAccess = (api: ApiPromise, recordId: Id, purpose: Purpose): Tx =>
  api.tx.records.logAccess(recordId, purpose);
/** Erases the record's whole version chain (patient or delegate). */
export const erase = (api: ApiPromise, recordId: Id): Tx => api.tx.records.erase(recordId);

/** A fresh salt and the content hash of `bytes` under it: keep the salt with the record. */
export function sealRecord(bytes: Uint8Array): { salt: Uint8Array; contentHash: Hash } {
  const salt = randomSalt();
  return { salt, contentHash: contentHash(salt, bytes) };
}

/** `RecordsApi::verify(record_id, content_hash)`. */
export async function verify(api: ApiPromise, recordId: Id, hash: Hash): Promise<RecordVerification> {
  const answer = await api.call.recordsApi.verify(recordId, hash);
  const name = answer.type;
  switch (name) {
    case 'Match':
    case 'Mismatch':
    case 'Erased':
    case 'Unknown':
      return { kind: name };
    case 'Superseded':
      return { kind: 'Superseded', newerId: answer.asSuperseded.toBigInt() };
    default:
      throw new Error(`unexpected record verification ${String(name)}`);
  }
}

/** One page of a patient's record ids in the chain's storage order, after `after` (at most `max`, ≤ 1,000); empty at the end. */
export async function recordsOf(api: ApiPromise, patientId: Id, after: Id | undefined, max: number): Promise<Id[]> {
  const page = await api.call.recordsApi.recordsOf(patientId, after ?? null, max);
  return page.map((id) => id.toBigInt());
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
  /** The patient's category tag: `categoryOf(key, tag)` or `categoryFromCard(card, tag)` names it, if either can. */
  category: CategoryTag;
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
  const stored = await api.query.records.records(recordId);
  if (stored.isNone) return undefined;
  const r = stored.unwrap();
  return {
    recordId,
    patientId: r.patientId.toBigInt(),
    category: r.category.toHex(),
    contentHash: r.contentHash.toHex(),
    storageRef: r.storageRef.toHex(),
    author: r.author.toString(),
    selfReported: r.selfReported.isTrue,
    anchoredAt: r.anchoredAt.toBigInt(),
    previous: r.previous.unwrapOr(undefined)?.toBigInt(),
    supersededBy: r.supersededBy.unwrapOr(undefined)?.toBigInt(),
    version: r.version.toNumber(),
  };
}
