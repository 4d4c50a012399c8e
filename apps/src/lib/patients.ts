// pallet-patients (`Patients`): pseudonymous patient ids, salted commitments, delegates, key
// rotation and deregistration.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Hash, Id } from './types.js';

type Tx = SubmittableExtrinsic<'promise'>;

/** Registers the signer; the commitment comes from `patientCommitment` (hashing.ts). */
export const register = (api: ApiPromise, commitment: Hash): Tx => api.tx.patients.register(commitment);
/**
 * Onboarding at the clinic: a hospital (a valid `Hospital` credential) registers `account`, which
 * may never have held a token. The hospital becomes the patient's sponsor and holds the patient's
 * deposits; the account gets a provider reference, so it is live with a zero balance.
 */
export const registerFor = (api: ApiPromise, account: string, commitment: Hash): Tx =>
  api.tx.patients.registerFor(account, commitment);
export const updateCommitment = (api: ApiPromise, commitment: Hash): Tx =>
  api.tx.patients.updateCommitment(commitment);
/** A guardian or caregiver; `expiresAt` in milliseconds, or none for open-ended. */
export const addDelegate = (api: ApiPromise, delegate: string, expiresAt?: bigint | number): Tx =>
  api.tx.patients.addDelegate(delegate, expiresAt ?? null);
export const removeDelegate = (api: ApiPromise, delegate: string): Tx => api.tx.patients.removeDelegate(delegate);
export const proposeKeyRotation = (api: ApiPromise, newAccount: string): Tx =>
  api.tx.patients.proposeKeyRotation(newAccount);
/** Signed by the new account. */
export const acceptKeyRotation = (api: ApiPromise, patientId: Id): Tx => api.tx.patients.acceptKeyRotation(patientId);
export const cancelKeyRotation = (api: ApiPromise, patientId: Id): Tx => api.tx.patients.cancelKeyRotation(patientId);
/** Erasure: removes the commitment and delegates; the id stays retired. */
export const deregister = (api: ApiPromise): Tx => api.tx.patients.deregister();

/** The patient id of `account`, if it is a patient's key. */
export async function patientIdOf(api: ApiPromise, account: string): Promise<Id | undefined> {
  const id = await api.query.patients.patientIdOf(account);
  return id.isSome ? id.unwrap().toBigInt() : undefined;
}

export interface PatientInfo {
  account: string;
  commitment: Hash;
  registeredAt: bigint;
  /** The hospital that onboarded the patient and holds its deposits, if any. */
  sponsor: string | undefined;
  /** Delegates, and when each expires (ms) if ever. */
  delegates: { account: string; expiresAt: bigint | undefined }[];
}

/** A registered patient, or undefined (unknown or deregistered). */
export async function patient(api: ApiPromise, patientId: Id): Promise<PatientInfo | undefined> {
  const stored = await api.query.patients.patients(patientId);
  if (stored.isNone) return undefined;
  const p = stored.unwrap();
  return {
    account: p.account.toString(),
    commitment: p.commitment.toHex(),
    registeredAt: p.registeredAt.toBigInt(),
    sponsor: p.sponsor.unwrapOr(undefined)?.toString(),
    delegates: p.delegates.map((d) => ({ account: d.account.toString(), expiresAt: d.expiresAt.unwrapOr(undefined)?.toBigInt() })),
  };
}

export interface Quota {
  /** Fee-free calls the patient and their delegates have left in this period. */
  remaining: number;
  /** The block at which the quota renews. */
  renewsAt: number;
}

/** `PatientQuotaApi::quota(patient_id)`: what is left of the patient's fee-free calls. */
export async function quota(api: ApiPromise, patientId: Id): Promise<Quota> {
  const status = await api.call.patientQuotaApi.quota(patientId);
  return { remaining: status.remaining.toNumber(), renewsAt: status.renewsAt.toNumber() };
}
