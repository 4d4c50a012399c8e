// pallet-consent (`Consent`): patient-controlled grants, revocation, break-glass emergency
// access, and `ConsentApi::check_access`, the one decision every pallet uses.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import { big, call, query, runtimeApi, variant } from './client.js';
import type { Access, AccessDecision, EmergencyReason, Hash, Id, Purpose, RecordCategory } from './types.js';

type Tx = SubmittableExtrinsic<'promise'>;

export interface Grant {
  patientId: Id;
  grantee: string;
  purpose: Purpose;
  categories: RecordCategory[];
  access: Access;
  /** Milliseconds since the Unix epoch, or none for until revoked. */
  expiresAt?: bigint | number;
}
/** Signed by the patient or a live delegate. */
export const grant = (api: ApiPromise, g: Grant): Tx =>
  call(api, 'consent', 'grant', g.patientId, g.grantee, g.purpose, g.categories, g.access, g.expiresAt ?? null);
export const revoke = (api: ApiPromise, consentId: Id): Tx => call(api, 'consent', 'revoke', consentId);
/** A credentialed clinician opens time-boxed emergency access; `noteHash` hashes the off-chain justification. */
export const breakGlass = (api: ApiPromise, patientId: Id, reason: EmergencyReason, noteHash: Hash): Tx =>
  call(api, 'consent', 'breakGlass', patientId, reason, noteHash);
export const endEmergency = (api: ApiPromise, accessId: Id): Tx => call(api, 'consent', 'endEmergency', accessId);

/** `ConsentApi::check_access(patient_id, who, category, access)`. */
export async function checkAccess(
  api: ApiPromise,
  patientId: Id,
  who: string,
  category: RecordCategory,
  access: Access,
): Promise<AccessDecision> {
  return decodeDecision(await runtimeApi(api, 'consentApi', 'checkAccess', patientId, who, category, access));
}

/** An `AccessDecision` codec (runtime API answer or `RecordAccessed` event field). */
export function decodeDecision(value: Codec): AccessDecision {
  const { name, inner } = variant(value);
  if (name === 'Permitted') return { kind: 'Permitted', consentId: big(inner) };
  if (name === 'Emergency') return { kind: 'Emergency', accessId: big(inner) };
  if (name === 'Denied') return { kind: 'Denied' };
  throw new Error(`unexpected access decision ${name}`);
}

export interface ConsentInfo {
  consentId: Id;
  patientId: Id;
  grantee: string;
  purpose: Purpose;
  categories: RecordCategory[];
  access: Access;
  expiresAt: bigint | undefined;
  grantedBy: string;
  grantedAt: bigint;
}

/** A stored consent, or undefined if it was revoked or never existed. */
export async function consent(api: ApiPromise, consentId: Id): Promise<ConsentInfo | undefined> {
  const stored = (await query(api, 'consent', 'consents', consentId)) as Codec & { isSome: boolean };
  if (!stored.isSome) return undefined;
  const json = stored.toJSON() as {
    patientId: number;
    grantee: string;
    purpose: Purpose;
    categories: RecordCategory[];
    access: Access;
    expiresAt: number | null;
    grantedBy: string;
    grantedAt: number;
  };
  return {
    consentId,
    patientId: BigInt(json.patientId),
    grantee: json.grantee,
    purpose: json.purpose,
    categories: json.categories,
    access: json.access,
    expiresAt: json.expiresAt === null ? undefined : BigInt(json.expiresAt),
    grantedBy: json.grantedBy,
    grantedAt: BigInt(json.grantedAt),
  };
}

/** Every live consent of a patient (from the per-patient index), oldest first. */
export async function consentsOf(api: ApiPromise, patientId: Id): Promise<ConsentInfo[]> {
  const entries = await api.query.consent?.consentsOf?.entries(patientId);
  if (entries === undefined) throw new Error('this runtime has no storage consent.consentsOf');
  // Each entry lists the terms the access decision reads, with the consent's id.
  const ids = entries.flatMap(([, value]) =>
    (value.toJSON() as { consentId: number | string }[]).map((terms) => BigInt(terms.consentId)),
  );
  ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const found = await Promise.all(ids.map((id) => consent(api, id)));
  return found.filter((c): c is ConsentInfo => c !== undefined);
}
