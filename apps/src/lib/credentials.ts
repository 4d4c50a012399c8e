// pallet-credentials (`Credentials`): issuers registered by governance issue, renew, suspend,
// reinstate and revoke provider credentials; `CredentialsApi::credential_status` answers.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { CREDENTIAL_STATUSES, isOneOf, type CredentialKind, type CredentialStatus, type Hash } from './types.js';

type Tx = SubmittableExtrinsic<'promise'>;

/** For a motion of more than half of the Council: `council.propose(api, threshold, registerIssuer(...))`. */
export const registerIssuer = (api: ApiPromise, issuer: string, kinds: CredentialKind[], metadataHash: Hash): Tx =>
  api.tx.credentials.registerIssuer(issuer, kinds, metadataHash);
/** For a motion of more than half of the Council. */
export const removeIssuer = (api: ApiPromise, issuer: string): Tx => api.tx.credentials.removeIssuer(issuer);

export interface Issue {
  subject: string;
  kind: CredentialKind;
  /** Hash of the licence document kept off chain. */
  licenseHash: Hash;
  /** Milliseconds since the Unix epoch (Timestamp's `Moment`). */
  validUntil: bigint | number;
}
export const issue = (api: ApiPromise, c: Issue): Tx =>
  api.tx.credentials.issue(c.subject, c.kind, c.licenseHash, c.validUntil);
export const renew = (api: ApiPromise, subject: string, kind: CredentialKind, validUntil: bigint | number): Tx =>
  api.tx.credentials.renew(subject, kind, validUntil);
export const suspend = (api: ApiPromise, subject: string, kind: CredentialKind): Tx =>
  api.tx.credentials.suspend(subject, kind);
export const reinstate = (api: ApiPromise, subject: string, kind: CredentialKind): Tx =>
  api.tx.credentials.reinstate(subject, kind);
export const revoke = (api: ApiPromise, subject: string, kind: CredentialKind): Tx =>
  api.tx.credentials.revoke(subject, kind);
/** Removes a revoked or expired credential and returns its deposit. */
export const clear = (api: ApiPromise, subject: string, kind: CredentialKind): Tx =>
  api.tx.credentials.clear(subject, kind);

/** `CredentialsApi::credential_status(who, kind)`. */
export async function credentialStatus(api: ApiPromise, who: string, kind: CredentialKind): Promise<CredentialStatus> {
  const name: string = (await api.call.credentialsApi.credentialStatus(who, kind)).type;
  if (!isOneOf(CREDENTIAL_STATUSES, name)) throw new Error(`unexpected credential status ${name}`);
  return name;
}
