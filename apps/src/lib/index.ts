// @carechain/apps: the Polkadot.js client for Carechain. One module per pallet; every call,
// storage read and runtime API goes through `api.tx`, `api.query` and `api.call`, typed by the
// interfaces generated from the runtime metadata (src/interfaces, `npm run typegen`). Record
// categories go on chain only as the patient's category tags (categories.ts).

export * from './client.js';
export * from './types.js';
export * from './hashing.js';
export * from './categories.js';
export * from './gs1.js';
export * from './merkle.js';
export * as council from './council.js';
export * as credentials from './credentials.js';
export * as patients from './patients.js';
export * as consent from './consent.js';
export * as records from './records.js';
export * as supplyChain from './supplyChain.js';
export * as claims from './claims.js';
export * as trials from './trials.js';
export * as history from './history.js';
export * as gateway from './gateway.js';

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';

/** `Utility::batch_all`: all or nothing, in one extrinsic. */
export function batchAll(api: ApiPromise, calls: SubmittableExtrinsic<'promise'>[]): SubmittableExtrinsic<'promise'> {
  return api.tx.utility.batchAll(calls);
}

export type { Motion, Outcome } from './council.js';
export type { ConsentInfo, ConsentTerms } from './consent.js';
export type { PatientInfo } from './patients.js';
export type { RecordInfo } from './records.js';
export type { BatchInfo, ShipmentInfo } from './supplyChain.js';
export type { ClaimInfo, ClaimStatus, CoverageInfo, Money } from './claims.js';
export type { Participation, ProtocolVersion, StudyInfo, StudySummary } from './trials.js';
