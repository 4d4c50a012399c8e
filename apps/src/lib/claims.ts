// pallet-claims (`Claims`): insurance coverage and claims as one state machine shared by
// provider, payer and patient; the duplicate key's recipe; `ClaimsApi::claim_status` and
// `claims_of`. The claim itself (a FHIR `Claim` bundle) stays off chain, hashed.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { CarechainPrimitivesClaimsClaimStatus, PalletClaimsClaim } from '@polkadot/types/lookup';
import { compactToU8a, stringToU8a, u8aConcat, u8aToHex, u8aToU8a, bnToU8a } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';
import type { CategoryTag } from './categories.js';
import type { Hash, Id } from './types.js';

type Tx = SubmittableExtrinsic<'promise'>;

export const OUTCOMES = ['Approved', 'Partial', 'Denied'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Why a payer allowed less than billed: a closed list after the X12 claim adjustment reason codes. */
export const REASON_CODES = [
  'Deductible', 'Coinsurance', 'Copayment', 'ExceedsFeeSchedule', 'NotCovered', 'NotMedicallyNecessary',
  'NoPriorAuthorization', 'CoverageNotInEffect', 'DuplicateClaim', 'TimelyFilingExpired', 'MissingInformation',
  'CodingInconsistent', 'BenefitMaximumReached', 'OtherPayerPrimary', 'Other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** An amount in minor units (cents) of an ISO 4217 currency (`EUR`). */
export interface Money {
  amount: bigint;
  currency: string;
}

/** `ClaimsApi::claim_status`. */
export type ClaimStatus =
  | { kind: 'Submitted' }
  | { kind: 'Adjudicated'; outcome: Outcome; allowed: bigint; patientResponsibility: bigint; reasons: ReasonCode[] }
  | { kind: 'Paid'; amount: bigint; remittanceHash: Hash }
  | { kind: 'Appealed'; evidenceHash: Hash }
  | { kind: 'Voided' }
  | { kind: 'Replaced'; by: Id };

const MILLIS_PER_DAY = 86_400_000;

/** The day (days since 1970-01-01 UTC) of a time in milliseconds: service dates and coverage periods are days. */
export const dayOf = (ms: number | bigint): number => Math.floor(Number(ms) / MILLIS_PER_DAY);
/** Today, as a day. */
export const today = (): number => dayOf(Date.now());
/** A day as `YYYY-MM-DD`. */
export const dayToDate = (day: number): string => new Date(day * MILLIS_PER_DAY).toISOString().slice(0, 10);
/** `YYYY-MM-DD` as a day. */
export function dateToDay(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`a date is YYYY-MM-DD, not "${date}"`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`"${date}" is not a date`);
  return dayOf(ms);
}

/** A decimal string in major units (`"125.00"`, `"0"`) as minor units (12500n, 0n), for currencies with two minor digits. */
export function minorUnits(amount: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (match === null) throw new Error(`an amount is a number with at most two decimals, not "${amount}"`);
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** `Money` from a decimal string in major units (`"125.00"` EUR is 12500 cents), for currencies with two minor digits. */
export function money(amount: string, currency: string): Money {
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`a currency is an ISO 4217 code of three capital letters, not "${currency}"`);
  const minor = minorUnits(amount);
  if (minor === 0n) throw new Error('an amount is more than zero');
  return { amount: minor, currency };
}

/** `12500n` EUR as `"125.00 EUR"`. */
export const formatMoney = (amount: bigint, currency: string): string =>
  `${amount / 100n}.${(amount % 100n).toString().padStart(2, '0')} ${currency}`;

const DUPLICATE_KEY_DOMAIN = 'carechain/claims/duplicate-key/v1';

/**
 * The duplicate key of a claim (carechain_primitives::duplicate_key, pallet-claims docs):
 * `blake2_256(domain ‖ salt ‖ patient_id u64 LE ‖ provider account ‖ service_date u32 LE ‖
 * SCALE Vec<Vec<u8>> of the procedure codes, upper-cased, sorted bytewise, each once)`. `salt` is
 * the provider's 32-byte secret, the same for all its claims, given to the payer with the bundle.
 */
export function duplicateKey(salt: Uint8Array, patientId: Id, provider: string | Uint8Array, serviceDate: number, codes: string[]): Hash {
  if (salt.length !== 32) throw new Error(`a duplicate-key salt is 32 bytes, not ${salt.length}`);
  const account = typeof provider === 'string' ? decodeAddress(provider) : u8aToU8a(provider);
  if (account.length !== 32) throw new Error(`a provider account is 32 bytes, not ${account.length}`);
  const normalised = [...new Set(codes.map((code) => code.toUpperCase()))].map((code) => stringToU8a(code));
  normalised.sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  });
  const preimage = u8aConcat(
    stringToU8a(DUPLICATE_KEY_DOMAIN),
    salt,
    bnToU8a(patientId, { bitLength: 64, isLe: true }),
    account,
    bnToU8a(serviceDate, { bitLength: 32, isLe: true }),
    compactToU8a(normalised.length),
    ...normalised.flatMap((code) => [compactToU8a(code.length), code]),
  );
  return u8aToHex(blake2AsU8a(preimage, 256)) as Hash;
}

const onChain = (m: Money) => ({ amount: m.amount, currency: stringToU8a(m.currency) });

export interface Coverage {
  patientId: Id;
  planHash: Hash;
  validFrom: number;
  validUntil: number;
  /** The patient's tag under which it consented to this payer for `Payment`. */
  billingTag: CategoryTag;
}
/** By an `Insurer` the patient consented to for `Payment` on `billingTag`. */
export const registerCoverage = (api: ApiPromise, c: Coverage): Tx =>
  api.tx.claims.registerCoverage(c.patientId, c.planHash, c.validFrom, c.validUntil, c.billingTag);
/** By the coverage's payer: `validUntil` (today or later) becomes its last day. */
export const endCoverage = (api: ApiPromise, coverageId: Id, validUntil: number): Tx =>
  api.tx.claims.endCoverage(coverageId, validUntil);
/** By the coverage's payer, once it ended and no stored claim names it. */
export const removeCoverage = (api: ApiPromise, coverageId: Id): Tx => api.tx.claims.removeCoverage(coverageId);

export interface Submission {
  patientId: Id;
  payer: string;
  coverageId: Id;
  /** The encounter record (in Records) the provider wrote or may write. */
  encounterId: Id;
  claimHash: Hash;
  billed: Money;
  serviceDate: number;
  duplicateKey: Hash;
  /** The patient's tag under which it consented to the payer for `Payment`. */
  billingTag: CategoryTag;
}
/** By a credentialed provider: every check is in the pallet's docs. */
export const submit = (api: ApiPromise, s: Submission): Tx =>
  api.tx.claims.submit(s.patientId, s.payer, s.coverageId, s.encounterId, s.claimHash, onChain(s.billed),
    s.serviceDate, s.duplicateKey, s.billingTag);
/** X12 frequency 7: a new claim in place of a pending one (by its provider). */
export const replace = (api: ApiPromise, claimId: Id, claimHash: Hash, billed: Money, key: Hash): Tx =>
  api.tx.claims.replace(claimId, claimHash, onChain(billed), key);
/** X12 frequency 8: cancels a pending claim (by its provider); its duplicate key is released. */
export const voidClaim = (api: ApiPromise, claimId: Id): Tx => api.tx.claims.void(claimId);
/** By the claim's payer, on a submitted or appealed claim. */
export const adjudicate = (api: ApiPromise, claimId: Id, outcome: Outcome, allowed: bigint, patientResponsibility: bigint, reasons: ReasonCode[]): Tx =>
  api.tx.claims.adjudicate(claimId, outcome, allowed, patientResponsibility, reasons);
/** By the claim's payer: records a payment made off chain (the 835 remittance hashed). */
export const pay = (api: ApiPromise, claimId: Id, amount: bigint, remittanceHash: Hash): Tx =>
  api.tx.claims.pay(claimId, amount, remittanceHash);
/** By the claim's provider, within the appeal window of a `Denied` or `Partial` decision. */
export const appeal = (api: ApiPromise, claimId: Id, evidenceHash: Hash): Tx => api.tx.claims.appeal(claimId, evidenceHash);
/** By anyone: a settled claim past its filing window leaves storage. */
export const clear = (api: ApiPromise, claimId: Id): Tx => api.tx.claims.clear(claimId);

function statusFrom(s: CarechainPrimitivesClaimsClaimStatus): ClaimStatus {
  if (s.isAdjudicated) {
    const a = s.asAdjudicated;
    return {
      kind: 'Adjudicated',
      outcome: a.outcome.type,
      allowed: a.allowed.toBigInt(),
      patientResponsibility: a.patientResponsibility.toBigInt(),
      reasons: a.reasons.map((r) => r.type),
    };
  }
  if (s.isPaid) return { kind: 'Paid', amount: s.asPaid.amount.toBigInt(), remittanceHash: s.asPaid.remittanceHash.toHex() };
  if (s.isAppealed) return { kind: 'Appealed', evidenceHash: s.asAppealed.evidenceHash.toHex() };
  if (s.isReplaced) return { kind: 'Replaced', by: s.asReplaced.by.toBigInt() };
  if (s.isVoided) return { kind: 'Voided' };
  return { kind: 'Submitted' };
}

/** `ClaimsApi::claim_status`: undefined for an id never handed out, or a claim cleared. */
export async function claimStatus(api: ApiPromise, claimId: Id): Promise<ClaimStatus | undefined> {
  const answer = await api.call.claimsApi.claimStatus(claimId);
  return answer.isSome ? statusFrom(answer.unwrap()) : undefined;
}

/** One page of a patient's claim ids in storage order, after `after` (at most `max`, ≤ 1,000); empty at the end. */
export async function claimsOf(api: ApiPromise, patientId: Id, after: Id | undefined, max: number): Promise<Id[]> {
  const page = await api.call.claimsApi.claimsOf(patientId, after ?? null, max);
  return page.map((id) => id.toBigInt());
}

/** Every claim id of a patient, page by page, ascending. */
export async function allClaimsOf(api: ApiPromise, patientId: Id, pageSize = 1000): Promise<Id[]> {
  const all: Id[] = [];
  for (let after: Id | undefined; ; ) {
    const page = await claimsOf(api, patientId, after, pageSize);
    if (page.length === 0) return all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    all.push(...page);
    after = page[page.length - 1];
  }
}

export interface ClaimInfo {
  claimId: Id;
  patientId: Id;
  provider: string;
  payer: string;
  coverageId: Id;
  encounterId: Id;
  claimHash: Hash;
  billed: Money;
  serviceDate: number;
  duplicateKey: Hash;
  submittedAt: bigint;
  replaces: Id | undefined;
  status: ClaimStatus;
  /** Appeals made so far. */
  appeals: number;
  /** The payments recorded, in total. */
  paid: bigint;
  /** What the latest decision left the payer to pay (allowed less the patient's share), once decided. */
  payable: bigint | undefined;
}

function claimFrom(claimId: Id, c: PalletClaimsClaim): ClaimInfo {
  return {
    claimId,
    patientId: c.patientId.toBigInt(),
    provider: c.provider.toString(),
    payer: c.payer.toString(),
    coverageId: c.coverageId.toBigInt(),
    encounterId: c.encounterId.toBigInt(),
    claimHash: c.claimHash.toHex(),
    billed: { amount: c.billed.amount.toBigInt(), currency: new TextDecoder().decode(c.billed.currency.toU8a()) },
    serviceDate: c.serviceDate.toNumber(),
    duplicateKey: c.duplicateKey.toHex(),
    submittedAt: c.submittedAt.toBigInt(),
    replaces: c.replaces.unwrapOr(undefined)?.toBigInt(),
    status: statusFrom(c.status),
    appeals: c.appeals.toNumber(),
    paid: c.paid.toBigInt(),
    payable: c.decision.unwrapOr(undefined)?.payable.toBigInt(),
  };
}

/** A stored claim, or undefined (never submitted, or cleared). */
export async function claim(api: ApiPromise, claimId: Id): Promise<ClaimInfo | undefined> {
  const stored = await api.query.claims.claims(claimId);
  return stored.isSome ? claimFrom(claimId, stored.unwrap()) : undefined;
}

/**
 * The payer's work queue: its stored claims awaiting a decision (submitted or appealed), oldest
 * first. Reads every stored claim: fine for a node's own view; an insurer at scale reads its
 * queue from the indexer.
 */
export async function queueOf(api: ApiPromise, payer: string): Promise<ClaimInfo[]> {
  const entries = await api.query.claims.claims.entries();
  return entries
    .map(([key, value]) => claimFrom(key.args[0].toBigInt(), value.unwrap()))
    .filter((c) => c.payer === payer && (c.status.kind === 'Submitted' || c.status.kind === 'Appealed'))
    .sort((a, b) => (a.claimId < b.claimId ? -1 : 1));
}

/** Every stored claim `provider` submitted, newest first (a node's own view, as `queueOf`). */
export async function claimsBy(api: ApiPromise, provider: string): Promise<ClaimInfo[]> {
  const entries = await api.query.claims.claims.entries();
  return entries
    .map(([key, value]) => claimFrom(key.args[0].toBigInt(), value.unwrap()))
    .filter((c) => c.provider === provider)
    .sort((a, b) => (a.claimId < b.claimId ? 1 : -1));
}

/** The payer's decided claims with something still to pay (payable above paid), oldest first. */
export async function toPayOf(api: ApiPromise, payer: string): Promise<ClaimInfo[]> {
  const entries = await api.query.claims.claims.entries();
  return entries
    .map(([key, value]) => claimFrom(key.args[0].toBigInt(), value.unwrap()))
    .filter((c) => c.payer === payer && (c.status.kind === 'Adjudicated' || c.status.kind === 'Paid') && (c.payable ?? 0n) > c.paid)
    .sort((a, b) => (a.claimId < b.claimId ? -1 : 1));
}

/** A status in words, for tables. */
export function describeStatus(status: ClaimStatus, currency: string): string {
  switch (status.kind) {
    case 'Adjudicated':
      return `${status.outcome}: ${formatMoney(status.allowed, currency)} allowed, ${formatMoney(status.patientResponsibility, currency)} yours` +
        (status.reasons.length === 0 ? '' : ` (${status.reasons.join(', ')})`);
    case 'Paid':
      return `Paid ${formatMoney(status.amount, currency)}`;
    case 'Replaced':
      return `Replaced by #${status.by}`;
    default:
      return status.kind;
  }
}

export interface CoverageInfo {
  coverageId: Id;
  patientId: Id;
  payer: string;
  planHash: Hash;
  validFrom: number;
  validUntil: number;
  claims: number;
}

/** A stored coverage, or undefined. */
export async function coverage(api: ApiPromise, coverageId: Id): Promise<CoverageInfo | undefined> {
  const stored = await api.query.claims.coverages(coverageId);
  if (stored.isNone) return undefined;
  const c = stored.unwrap();
  return {
    coverageId,
    patientId: c.patientId.toBigInt(),
    payer: c.payer.toString(),
    planHash: c.planHash.toHex(),
    validFrom: c.validFrom.toNumber(),
    validUntil: c.validUntil.toNumber(),
    claims: c.claims.toNumber(),
  };
}
