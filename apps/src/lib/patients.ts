// pallet-patients (`Patients`): pseudonymous patient ids, salted commitments, delegates, key
// rotation and deregistration.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import { big, call, query } from './client.js';
import type { Hash, Id } from './types.js';

type Tx = SubmittableExtrinsic<'promise'>;

/** Registers the signer; the commitment comes from `patientCommitment` (hashing.ts). */
export const register = (api: ApiPromise, commitment: Hash): Tx => call(api, 'patients', 'register', commitment);
export const updateCommitment = (api: ApiPromise, commitment: Hash): Tx =>
  call(api, 'patients', 'updateCommitment', commitment);
/** A guardian or caregiver; `expiresAt` in milliseconds, or none for open-ended. */
export const addDelegate = (api: ApiPromise, delegate: string, expiresAt?: bigint | number): Tx =>
  call(api, 'patients', 'addDelegate', delegate, expiresAt ?? null);
export const removeDelegate = (api: ApiPromise, delegate: string): Tx => call(api, 'patients', 'removeDelegate', delegate);
export const proposeKeyRotation = (api: ApiPromise, newAccount: string): Tx =>
  call(api, 'patients', 'proposeKeyRotation', newAccount);
/** Signed by the new account. */
export const acceptKeyRotation = (api: ApiPromise, patientId: Id): Tx => call(api, 'patients', 'acceptKeyRotation', patientId);
export const cancelKeyRotation = (api: ApiPromise, patientId: Id): Tx => call(api, 'patients', 'cancelKeyRotation', patientId);
/** Erasure: removes the commitment and delegates; the id stays retired. */
export const deregister = (api: ApiPromise): Tx => call(api, 'patients', 'deregister');

/** The patient id of `account`, if it is a patient's key. */
export async function patientIdOf(api: ApiPromise, account: string): Promise<Id | undefined> {
  const id = (await query(api, 'patients', 'patientIdOf', account)) as Codec & { isSome: boolean; unwrap(): Codec };
  return id.isSome ? big(id.unwrap()) : undefined;
}

export interface PatientInfo {
  account: string;
  commitment: Hash;
  registeredAt: bigint;
  /** Delegates, and when each expires (ms) if ever. */
  delegates: { account: string; expiresAt: bigint | undefined }[];
}

/** A registered patient, or undefined (unknown or deregistered). */
export async function patient(api: ApiPromise, patientId: Id): Promise<PatientInfo | undefined> {
  const stored = (await query(api, 'patients', 'patients', patientId)) as Codec & { isSome: boolean };
  if (!stored.isSome) return undefined;
  const json = stored.toJSON() as {
    account: string;
    commitment: Hash;
    registeredAt: number;
    delegates: { account: string; expiresAt: number | null }[];
  };
  return {
    account: json.account,
    commitment: json.commitment,
    registeredAt: BigInt(json.registeredAt),
    delegates: json.delegates.map((d) => ({ account: d.account, expiresAt: d.expiresAt === null ? undefined : BigInt(d.expiresAt) })),
  };
}
