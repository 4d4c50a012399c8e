// pallet-consent (`Consent`): patient-controlled grants, revocation, break-glass emergency
// access, and the one decision every pallet uses: `ConsentApi::check_access_for`, for one
// purpose (what a read or write is held to), and `check_access`, for any purpose. A consent
// permits only while the authority that granted it lasts: a delegate's until the delegate is
// removed or expires, the patient key's until the patient rotates to another key.
//
// Categories go on chain only as the patient's category tags (categories.ts, issue 31): a grant
// lists the tags of the categories it covers, the decision is asked about a tag, and what is read
// back holds tags, which only the patient's key (`categoryOf`) or a grantee's card
// (`categoryFromCard`) names.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { CarechainPrimitivesAccessDecision } from '@polkadot/types/lookup';
import type { CategoryTag } from './categories.js';
import type { Access, AccessDecision, CredentialKind, EmergencyReason, Hash, Id, Purpose } from './types.js';

type Tx = SubmittableExtrinsic<'promise'>;

export interface Grant {
  patientId: Id;
  grantee: string;
  purpose: Purpose;
  /**
   * The patient's tags of the categories granted (`categoryTag(key, category)`): at least one,
   * none twice. Give the grantee the card of the same categories (`categoryCard`).
   */
  categories: CategoryTag[];
  access: Access;
  /** Milliseconds since the Unix epoch, or none for until revoked. */
  expiresAt?: bigint | number;
}
/** Signed by the patient or a live delegate. */
export const grant = (api: ApiPromise, g: Grant): Tx =>
  api.tx.consent.grant(g.patientId, g.grantee, g.purpose, g.categories, g.access, g.expiresAt ?? null);
export const revoke = (api: ApiPromise, consentId: Id): Tx => api.tx.consent.revoke(consentId);
/** A credentialed clinician opens time-boxed emergency access; `noteHash` hashes the off-chain justification. */
export const breakGlass = (api: ApiPromise, patientId: Id, reason: EmergencyReason, noteHash: Hash): Tx =>
  api.tx.consent.breakGlass(patientId, reason, noteHash);
export const endEmergency = (api: ApiPromise, accessId: Id): Tx => api.tx.consent.endEmergency(accessId);

/**
 * `ConsentApi::check_access(patient_id, who, category, access)`: whether a consent of any
 * purpose, or an emergency access, covers the patient's category `tag` (from the patient's key or
 * the grantee's card). A read or write is held to one purpose: ask `checkAccessFor` what the
 * chain will allow.
 */
export async function checkAccess(
  api: ApiPromise,
  patientId: Id,
  who: string,
  category: CategoryTag,
  access: Access,
): Promise<AccessDecision> {
  return decodeDecision(await api.call.consentApi.checkAccess(patientId, who, category, access));
}

/**
 * `ConsentApi::check_access_for(patient_id, who, category, access, purpose)` (API version 3,
 * `category` the patient's `CategoryTag`): the decision for that purpose only, the one
 * `Records::log_access` (and, for `Treatment` with write access, `anchor` and `amend`) is held
 * to. Break-glass access answers only for `Treatment`, and covers every tag.
 */
export async function checkAccessFor(
  api: ApiPromise,
  patientId: Id,
  who: string,
  category: CategoryTag,
  access: Access,
  purpose: Purpose,
): Promise<AccessDecision> {
  return decodeDecision(await api.call.consentApi.checkAccessFor(patientId, who, category, access, purpose));
}

/** An `AccessDecision` codec (runtime API answer or `RecordAccessed` event field). */
export function decodeDecision(value: CarechainPrimitivesAccessDecision): AccessDecision {
  if (value.isPermitted) return { kind: 'Permitted', consentId: value.asPermitted.toBigInt() };
  if (value.isEmergency) return { kind: 'Emergency', accessId: value.asEmergency.toBigInt() };
  if (value.isDenied) return { kind: 'Denied' };
  throw new Error(`unexpected access decision ${String(value.type)}`);
}

export interface ConsentInfo {
  consentId: Id;
  patientId: Id;
  grantee: string;
  purpose: Purpose;
  /** The patient's category tags the consent covers (name them with `categoryOf` or `categoryFromCard`). */
  categories: CategoryTag[];
  access: Access;
  expiresAt: bigint | undefined;
  /** The patient's key or a delegate: the consent permits only while that authority lasts. */
  grantedBy: string;
  grantedAt: bigint;
}

/** A stored consent, or undefined if it was revoked or never existed. */
export async function consent(api: ApiPromise, consentId: Id): Promise<ConsentInfo | undefined> {
  const stored = await api.query.consent.consents(consentId);
  if (stored.isNone) return undefined;
  const c = stored.unwrap();
  return {
    consentId,
    patientId: c.patientId.toBigInt(),
    grantee: c.grantee.toString(),
    purpose: c.purpose.type,
    categories: c.categories.map((tag) => tag.toHex()),
    access: c.access.type,
    expiresAt: c.expiresAt.unwrapOr(undefined)?.toBigInt(),
    grantedBy: c.grantedBy.toString(),
    grantedAt: c.grantedAt.toBigInt(),
  };
}

/** What the access decision reads of a consent: its entry in the per-patient index. */
export interface ConsentTerms {
  consentId: Id;
  grantee: string;
  purpose: Purpose;
  /** The patient's category tags the consent covers. */
  categories: CategoryTag[];
  access: Access;
  expiresAt: bigint | undefined;
  /** The credential kind the grantee had to hold when granted, if any. */
  providerKind: CredentialKind | undefined;
  /** The patient's key or a delegate: the consent permits only while that authority lasts. */
  grantedBy: string;
}

/** The terms of every consent of a patient, from the per-patient index, by consent id. */
export async function termsOf(api: ApiPromise, patientId: Id): Promise<ConsentTerms[]> {
  const entries = await api.query.consent.consentsOf.entries(patientId);
  // Keyed by (patient, grantee); each entry lists the terms of that grantee's consents.
  const terms = entries.flatMap(([key, value]) => {
    const grantee = key.args[1].toString();
    return value.map((t) => ({
      consentId: t.consentId.toBigInt(),
      grantee,
      purpose: t.purpose.type,
      categories: t.categories.map((tag) => tag.toHex()),
      access: t.access.type,
      expiresAt: t.expiresAt.unwrapOr(undefined)?.toBigInt(),
      providerKind: t.providerKind.unwrapOr(undefined)?.type,
      grantedBy: t.grantedBy.toString(),
    }));
  });
  return terms.sort((a, b) => (a.consentId < b.consentId ? -1 : a.consentId > b.consentId ? 1 : 0));
}

/** Every live consent of a patient (from the per-patient index), oldest first. */
export async function consentsOf(api: ApiPromise, patientId: Id): Promise<ConsentInfo[]> {
  const ids = (await termsOf(api, patientId)).map((terms) => terms.consentId);
  const found = await Promise.all(ids.map((id) => consent(api, id)));
  return found.filter((c): c is ConsentInfo => c !== undefined);
}
