#!/usr/bin/env -S npx tsx
// `carechain`: the command-line tool for the common actions on a Carechain node. Every answer is
// one line of JSON on stdout; errors go to stderr as readable text, with exit code 1 for a
// refused action and 2 for a usage mistake.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { u8aToHex, hexToU8a, isHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';
import {
  ACCESSES, CREDENTIAL_KINDS, ChainError, DEFAULT_URL, PURPOSES, RECORD_CATEGORIES, categoryCard, categoryTag, connect, consent,
  contentHash, council, credentials, exportCategoryKey, hashOf, isCategoryTag, isOneOf, isValidGtin, isValidSerial, newCategoryKey,
  claims, gateway, trials, history, parseCategoryCard, parseCategoryKeyExport, patientCommitment, patients, randomCategoryTag, randomSalt, records, serialProof,
  serialsRoot, signer, submit, supplyChain, tagFromCard, type CategoryCard, type CategoryKey, type CategoryTag, type Hash,
  type Included, type Progress, type RecordCategory,
} from '../lib/index.js';

class UsageError extends Error {}

const OPTIONS = {
  url: { type: 'string', default: DEFAULT_URL },
  suri: { type: 'string', default: '//Alice' },
  help: { type: 'boolean', short: 'h', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  subject: { type: 'string' },
  who: { type: 'string' },
  kind: { type: 'string' },
  'valid-until': { type: 'string' },
  'license-file': { type: 'string' },
  'license-hash': { type: 'string' },
  resource: { type: 'string' },
  account: { type: 'string' },
  'patient-id': { type: 'string' },
  grantee: { type: 'string' },
  purpose: { type: 'string' },
  categories: { type: 'string' },
  category: { type: 'string' },
  'category-key': { type: 'string' },
  card: { type: 'string' },
  'card-out': { type: 'string' },
  tag: { type: 'string' },
  out: { type: 'string' },
  access: { type: 'string' },
  'expires-at': { type: 'string' },
  'consent-id': { type: 'string' },
  'record-id': { type: 'string' },
  file: { type: 'string' },
  salt: { type: 'string' },
  'storage-key': { type: 'string' },
  gateway: { type: 'string' },
  'content-type': { type: 'string' },
  gtin: { type: 'string' },
  lot: { type: 'string' },
  'expires-on': { type: 'string' },
  quantity: { type: 'string' },
  'serials-file': { type: 'string' },
  serial: { type: 'string' },
  'shipment-id': { type: 'string' },
  'metadata-hash': { type: 'string' },
  action: { type: 'string' },
  kinds: { type: 'string' },
  call: { type: 'string' },
  'code-file': { type: 'string' },
  threshold: { type: 'string' },
  motion: { type: 'string' },
  aye: { type: 'boolean', default: false },
  nay: { type: 'boolean', default: false },
  'plan-file': { type: 'string' },
  'valid-from': { type: 'string' },
  'coverage-id': { type: 'string' },
  payer: { type: 'string' },
  'encounter-id': { type: 'string' },
  'claim-file': { type: 'string' },
  'claim-id': { type: 'string' },
  amount: { type: 'string' },
  currency: { type: 'string', default: 'EUR' },
  'service-date': { type: 'string' },
  codes: { type: 'string' },
  'key-salt': { type: 'string' },
  outcome: { type: 'string' },
  allowed: { type: 'string' },
  'patient-share': { type: 'string' },
  reasons: { type: 'string' },
  'remittance-file': { type: 'string' },
  'evidence-file': { type: 'string' },
  'study-id': { type: 'string' },
  'registry-id': { type: 'string' },
  'protocol-file': { type: 'string' },
  'outcomes-file': { type: 'string' },
  target: { type: 'string' },
  k: { type: 'string' },
  reconsent: { type: 'boolean', default: false },
  remove: { type: 'boolean', default: false },
  status: { type: 'string' },
  'request-file': { type: 'string' },
  'results-file': { type: 'string' },
  'categories-salt': { type: 'string' },
  indexer: { type: 'string', default: process.env.CARECHAIN_INDEXER ?? 'http://127.0.0.1:4350/graphql' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string', default: 'json' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

const HELP = `carechain: act on a Carechain node from the command line

Usage: carechain <command> [options]

Commands (signed by --suri; answers are one line of JSON):
  credential issue     --subject ACCOUNT --kind KIND --valid-until DATE [--license-file F | --license-hash H]
  credential suspend|reinstate|revoke --subject ACCOUNT --kind KIND
  credential status    --who ACCOUNT --kind KIND                   (read only)
  patient register     --resource FHIR_PATIENT.json                prints the patient id, salt and commitment
  patient onboard      --account ACCOUNT --resource FHIR_PATIENT.json   signed by a hospital: registers ACCOUNT
                       (which needs no balance) and pays its deposits; prints the id, salt and commitment
  patient id           --account ACCOUNT                           (read only)
  patient category-key --patient-id N --out FILE                   (no chain) writes a fresh category key to
                       FILE, which must not exist yet: the patient keeps it; it never goes on chain
  consent grant        --patient-id N --grantee ACCOUNT --purpose P --categories C1,C2 --access A
                       --category-key FILE [--expires-at DATE] [--card-out FILE]
                       grants the categories' tags; prints the category card to give the grantee
                       (off chain), and with --card-out writes it to FILE
  consent revoke       --consent-id N
  consent check        --patient-id N --who ACCOUNT TAG --access A [--purpose P]   (read only)
                       with --purpose, whether a consent for that purpose (or, for Treatment,
                       break-glass) covers it, as reads and writes are held to; without, any purpose
  record anchor        --patient-id N TAG --file F [--storage-key KEY]   prints the record id and salt
  record verify        --record-id N --file F --salt HEX           (read only)
  record upload        --patient-id N TAG --file F [--content-type T] [--gateway URL]
                       stores the file encrypted in the gateway (docs/GATEWAY.md), then anchors
                       what it answers; prints the record id, content hash and storage reference
  record read          --record-id N --out FILE [--purpose P] [--gateway URL]
                       logs the read on chain, and once that block is final fetches the record from
                       the gateway into FILE (which must not exist yet), checked against its anchor
  product register     --gtin GTIN [--metadata-hash H]
  pack commission      --gtin GTIN --lot LOT --expires-on DATE --serials-file F [--quantity N]
                       the quantity is the number of serials (--quantity, if given, must equal it)
  pack verify          --gtin GTIN --lot LOT --serial S --serials-file F   (read only)
  pack return          --shipment-id N                             a shipment not yet received goes back
                       to its sender's custody (by the sender or the addressee), even if recalled
  coverage register    --patient-id N --plan-file F --valid-from DAY --valid-until DAY TAG
                       signed by an insurer the patient consented to for Payment on TAG (its Billing tag)
  coverage end         --coverage-id N --valid-until DAY           the new last day: today or later
  claim submit         --patient-id N --payer ACCOUNT --coverage-id N --encounter-id N --claim-file F
                       --amount 125.00 [--currency EUR] --service-date DAY --codes 99213,J1100
                       --key-salt HEX TAG    signed by a provider; prints the claim id and duplicate key
  claim adjudicate     --claim-id N --outcome O --allowed 80.00 [--patient-share 15.00] [--reasons R1,R2]
  claim pay            --claim-id N --amount 65.00 --remittance-file F   (the payer, after paying off chain)
  claim appeal         --claim-id N --evidence-file F              (the provider)
  claim void           --claim-id N                                (the provider, before a decision)
  claim status         --claim-id N                                (read only) where it stands
  claim list           --patient-id N                              (read only) the patient's claims
  study register       --kind K --registry-id NCT… --protocol-file F --plan-file F --outcomes-file F
                       --categories C1,C2 [--categories-salt HEX] --target N [--k 11]   signed by a researcher
                       (the sponsor); the categories go on chain only as a salted hash: publish the
                       salt (printed; random unless given) with the protocol
  study amend          --study-id N --protocol-file F --plan-file F --outcomes-file F [--reconsent]
  study investigator   --study-id N --who ACCOUNT [--remove]      a physician or nurse who may enrol
  study status         --study-id N --status S                     (the sponsor) S: ${trials.STUDY_STATUSES.join(', ')}
  study consent        --study-id N --patient-id N --consent-id N  (the patient, fee-free) joins or re-consents
                       on its Research consent to the sponsor (consent grant --purpose Research --access Read)
  study withdraw|clear --study-id N --patient-id N                 (the patient, fee-free) withdraw revokes
                       the consent; clear removes a withdrawn participation or one of an ended study
  study enrol          --study-id N --patient-id N                 (a named investigator)
  study decline        --study-id N --patient-id N                 (the sponsor or a named investigator) frees
                       the place of a participant never enrolled; it may not consent to the study again
  study release        --study-id N --request-file F               (the sponsor) refused below k
  study results        --study-id N --results-file F --outcomes-file F   (the sponsor, once ended)
  study show           --study-id N                                (read only) status, versions, overdue, switched
  study list                                                       (read only) every study, for a regulator
  study mine           --patient-id N                              (read only) the patient's studies
  council members|motions                                          (read only) the consortium; open motions
  council propose      --action ACTION [--threshold N] ...          a motion, signed by a member:
                         issuer-add --who ACCOUNT --kinds K1,K2 [--metadata-hash H]   (more than half)
                         issuer-remove --who ACCOUNT | member-add|member-remove --who ACCOUNT   (more than half)
                         pause|unpause --call Pallet.call_name                         (more than half)
                         upgrade --code-file RUNTIME.wasm   authorises the code's hash (two thirds, as Root)
                       the threshold defaults to the share the action needs of today's members
  council vote         --motion HASH --aye|--nay                   the proposer votes too: proposing is not voting
  council close        --motion HASH                               by anyone, once decided or timed out

  audit reads          --patient-id N [--from DATE] [--to DATE] [--format json|csv]   (the indexer) every
                       logged read of the patient's records, with the consent or emergency access that allowed it
  audit break-glass    [--patient-id N] [--from DATE] [--to DATE] [--format json|csv]  every emergency access, with its reason
  audit provider       --who ACCOUNT [--from DATE] [--to DATE] [--format json|csv]     every event of the account's transactions
                       audits read the indexer (--indexer URL); --format csv writes CSV (RFC 4180) to stdout
                       instead of the JSON line, to open in a spreadsheet; DATE is YYYY-MM-DD (UTC, inclusive) or ISO 8601
Options:
  --url URL     the node's WebSocket RPC endpoint (default ${DEFAULT_URL})
  --indexer URL the indexer's GraphQL endpoint for audits (default $CARECHAIN_INDEXER or http://127.0.0.1:4350/graphql)
  --suri SURI   the signer's secret URI (default //Alice, a development key: use your own elsewhere)
  -q, --quiet   no progress lines on stderr
  -h, --help    this help

ACCOUNT is an SS58 address or a development secret URI such as //Bob (its public address is used).
DATE is ISO 8601 (2030-01-31 or 2030-01-31T12:00:00Z) or milliseconds since the Unix epoch.
KIND: ${CREDENTIAL_KINDS.join(', ')}
A motion that passes with too small a share of the Council for its action is refused by the
chain (system.BadOrigin): the Council counts votes, each power names the share it needs.
C (category): ${RECORD_CATEGORIES.join(', ')}
P (purpose): ${PURPOSES.join(', ')}   A (access): ${ACCESSES.join(', ')}
No category goes on chain, only the patient's category tag for it. TAG is one of:
  --category C --card FILE          the category card the patient gave you (a grantee)
  --category C --category-key FILE  the patient's own key (the patient, or a delegate holding it)
  --tag 0x…                         the tag itself (16 bytes); --tag random for a record anchored
                                    under break-glass, whose category the patient's app cannot name
K (study kind): ${trials.STUDY_KINDS.join(', ')}. A study's registry id is hashed before it goes on chain;
its documents (protocol, analysis plan, outcomes, results, a release's request) are hashed from their files.
DAY is a date, YYYY-MM-DD (UTC). Amounts are decimals in the currency's major unit (two decimals);
the chain holds them in minor units. O (outcome): ${claims.OUTCOMES.join(', ')}. R (reason):
${claims.REASON_CODES.join(', ')}. The duplicate key is computed here from the patient, the signer,
the service date and the procedure codes under --key-salt, the provider's 32-byte secret (the
same for all its claims; give it to the payer with the claim): the codes never go on chain.
A card is JSON { "format": "carechain-category-card/v1", "patientId": "7", "tags": { "C": "0x…" } }.
The record's salt never goes on chain: keep it with the record (it is needed to verify, and
deleting it makes the anchor unlinkable). A serials file has one serial number per line, in the
order the lot's tree was built: each a GS1 serial (1 to 20 characters of GS1 set 82), none twice.`;

function need(values: Values, name: keyof typeof OPTIONS): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`--${name} is required`);
  return value;
}

/** A GTIN-14 argument, checked (14 digits, valid GS1 check digit) before anything is sent. */
function gtinArg(values: Values): string {
  const gtin = need(values, 'gtin');
  if (!isValidGtin(gtin)) {
    throw new UsageError(`--gtin "${gtin}" is not a GTIN-14 (14 digits, the last a valid GS1 check digit)`);
  }
  return gtin;
}

function oneOf<T extends string>(values: Values, name: keyof typeof OPTIONS, allowed: readonly T[]): T {
  const value = need(values, name);
  if (!isOneOf(allowed, value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value;
}

function id(values: Values, name: keyof typeof OPTIONS): bigint {
  const value = need(values, name);
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a non-negative integer (got "${value}")`);
  return BigInt(value);
}

function moment(values: Values, name: keyof typeof OPTIONS): bigint {
  const value = need(values, name);
  if (/^\d+$/.test(value)) return BigInt(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--${name} must be an ISO 8601 date or milliseconds (got "${value}")`);
  return BigInt(ms);
}

function hash(values: Values, name: keyof typeof OPTIONS): Hash {
  const value = need(values, name);
  if (!isHex(value, 256)) throw new UsageError(`--${name} must be a 32-byte 0x-hex hash`);
  return value as Hash;
}

async function account(values: Values, name: keyof typeof OPTIONS): Promise<string> {
  const value = need(values, name);
  if (value.startsWith('//')) return (await signer(value)).address;
  try {
    decodeAddress(value);
  } catch {
    throw new UsageError(`--${name} is not an SS58 address or //Name development URI (got "${value}")`);
  }
  return value;
}

/** The message of anything thrown. */
function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Writes a new file, never replacing one: for a patient's category key, a secret. */
function writeNewFile(path: string, text: string): void {
  try {
    writeFileSync(path, text, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(`${path} already exists, and a category key is never written over one (the old key may be the only ` +
        'one that names the categories of the patient\'s records): choose another --out');
    }
    throw new UsageError(`cannot write ${path}: ${message(error)}`);
  }
}

/** The patient's key from a `patient category-key` file (--category-key), checked to be this patient's. */
function categoryKeyFile(values: Values, patientId: bigint): CategoryKey {
  const path = need(values, 'category-key');
  let parsed: { patientId: string; key: CategoryKey };
  try {
    parsed = parseCategoryKeyExport(Buffer.from(readFile(path)).toString('utf8'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--category-key ${path}: ${message(error)}`);
  }
  if (BigInt(parsed.patientId) !== patientId) {
    throw new UsageError(`--category-key ${path} is the key of patient ${parsed.patientId}, not of patient ${patientId}`);
  }
  return parsed.key;
}

/** A category card the patient gave (--card), checked to be this patient's. */
function cardFile(values: Values, patientId: bigint): CategoryCard {
  const path = need(values, 'card');
  let card: CategoryCard;
  try {
    card = parseCategoryCard(Buffer.from(readFile(path)).toString('utf8'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--card ${path}: ${message(error)}`);
  }
  if (BigInt(card.patientId) !== patientId) {
    throw new UsageError(`--card ${path} is the category card of patient ${card.patientId}, not of patient ${patientId}`);
  }
  return card;
}

/** The category tag a command names (TAG in the help): from a card, the patient's key, or given. */
function tagArg(values: Values, patientId: bigint): { tag: CategoryTag; category?: RecordCategory } {
  const sources = (['card', 'category-key', 'tag'] as const).filter((name) => values[name] !== undefined);
  if (sources.length !== 1) {
    throw new UsageError(sources.length === 0
      ? 'name the category: --category C with --card FILE (the card the patient gave you) or --category-key FILE (the patient\'s key), or --tag 0x…'
      : `give one of --card, --category-key and --tag, not ${sources.map((name) => `--${name}`).join(' and ')}`);
  }
  if (values.tag !== undefined) {
    if (values.category !== undefined) throw new UsageError('--tag is the category\'s tag itself: leave out --category');
    const tag = need(values, 'tag');
    if (tag === 'random') return { tag: randomCategoryTag() };
    if (!isCategoryTag(tag)) throw new UsageError(`--tag must be a category tag, 16 bytes of 0x-hex, or "random" (got "${tag}")`);
    return { tag: tag.toLowerCase() as CategoryTag };
  }
  const category = oneOf(values, 'category', RECORD_CATEGORIES);
  if (values.card !== undefined) {
    const card = cardFile(values, patientId);
    try {
      return { tag: tagFromCard(card, category), category };
    } catch (error) {
      throw new UsageError(`--card ${values.card}: ${message(error)}`);
    }
  }
  return { tag: categoryTag(categoryKeyFile(values, patientId), category), category };
}

/** A DAY argument (YYYY-MM-DD) as days since 1970-01-01. */
function dayArg(values: Values, name: keyof typeof OPTIONS): number {
  const value = need(values, name);
  try {
    return claims.dateToDay(value);
  } catch (error) {
    throw new UsageError(`--${name}: ${message(error)}`);
  }
}

/** An amount in the currency's major unit (two decimals), in minor units. */
function amountArg(values: Values, name: keyof typeof OPTIONS): bigint {
  const value = need(values, name);
  try {
    return claims.minorUnits(value);
  } catch (error) {
    throw new UsageError(`--${name}: ${message(error)}`);
  }
}

/** The claim's billing tag (TAG): --category defaults to Billing, the category of a payment consent. */
function billingTagArg(values: Values, patientId: bigint): CategoryTag {
  return tagArg(values.tag === undefined ? { ...values, category: values.category ?? 'Billing' } : values, patientId).tag;
}

/** --categories C1,C2: record categories, each once. */
function categoriesArg(values: Values): RecordCategory[] {
  const categories: RecordCategory[] = [];
  for (const c of need(values, 'categories').split(',').map((name) => name.trim())) {
    if (!isOneOf(RECORD_CATEGORIES, c)) throw new UsageError(`--categories: "${c}" is not one of ${RECORD_CATEGORIES.join(', ')}`);
    if (categories.includes(c)) throw new UsageError(`--categories names ${c} twice`);
    categories.push(c);
  }
  return categories;
}

/** A positive whole number. */
function countArg(values: Values, name: keyof typeof OPTIONS): number {
  const value = need(values, name);
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new UsageError(`--${name} must be a positive whole number (got "${value}")`);
  return Number(value);
}

function readFile(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A lot's serials file, checked as the tree needs it (GS1 serials, none twice), with its root. */
function serials(path: string): { list: string[]; root: Hash } {
  const list = Buffer.from(readFile(path)).toString('utf8').split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  if (list.length === 0) throw new UsageError(`${path} lists no serial numbers`);
  try {
    return { list, root: serialsRoot(list) };
  } catch (error) {
    throw new UsageError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface Context {
  api: () => Promise<ApiPromise>;
  values: Values;
  send: (build: (api: ApiPromise) => SubmittableExtrinsic<'promise'>, options?: { finalised?: boolean }) => Promise<Included>;
}

type Command = (ctx: Context) => Promise<Record<string, unknown> | Csv>;

/** An answer that is CSV text, not the usual JSON line. */
class Csv {
  constructor(readonly text: string) {}
}

/** `--from` / `--to` as a period: a bare day covers the whole day (UTC). */
function period(values: Values): { from?: Date; to?: Date } {
  const at = (name: 'from' | 'to') => {
    const value = values[name];
    if (value === undefined) return undefined;
    const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${name === 'from' ? '00:00:00.000' : '23:59:59.999'}Z` : value;
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw new UsageError(`--${name} must be a date (YYYY-MM-DD) or an ISO 8601 time (got "${value}")`);
    return new Date(ms);
  };
  const range = { from: at('from'), to: at('to') };
  if (range.from && range.to && range.from > range.to) throw new UsageError('--from is after --to');
  return range;
}

/** An audit: its options checked before anything is asked of the indexer, then its rows in the asked format. */
async function audit(values: Values, what: string, fetchPage: (page: history.Page) => Promise<object[]>): Promise<Record<string, unknown> | Csv> {
  const format = oneOf(values, 'format', ['json', 'csv'] as const);
  const range = period(values);
  const rows = await history.all(fetchPage, range);
  if (format === 'csv') return new Csv(history.toCsv(rows as Record<string, unknown>[]));
  return { audit: what, ...range, rows: rows.length, [what]: rows };
}

/** A fresh salt and the commitment to the FHIR Patient resource in --resource. */
function commitmentFrom(values: Values): { salt: Uint8Array; commitment: Hash } {
  const path = need(values, 'resource');
  let resource: unknown;
  try {
    resource = JSON.parse(Buffer.from(readFile(path)).toString('utf8'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path} is not JSON`);
  }
  const salt = randomSalt();
  try {
    return { salt, commitment: patientCommitment(salt, resource) };
  } catch (error) {
    throw new UsageError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const COMMANDS: Record<string, Command> = {
  'credential issue': async ({ values, send }) => {
    const subject = await account(values, 'subject');
    const kind = oneOf(values, 'kind', CREDENTIAL_KINDS);
    const validUntil = moment(values, 'valid-until');
    const licenseHash = values['license-file'] !== undefined ? hashOf(readFile(values['license-file'])) : hash(values, 'license-hash');
    const done = await send((api) => credentials.issue(api, { subject, kind, licenseHash, validUntil }));
    return { issued: { subject, kind, validUntil: validUntil.toString(), licenseHash }, block: done.blockHash };
  },
  ...Object.fromEntries((['suspend', 'reinstate', 'revoke'] as const).map((action) => [
    `credential ${action}`,
    (async ({ values, send }) => {
      const subject = await account(values, 'subject');
      const kind = oneOf(values, 'kind', CREDENTIAL_KINDS);
      const done = await send((api) => credentials[action](api, subject, kind));
      return { [action === 'revoke' ? 'revoked' : `${action}ed`]: { subject, kind }, block: done.blockHash };
    }) satisfies Command,
  ])),
  'credential status': async ({ values, api }) => {
    const who = await account(values, 'who');
    const kind = oneOf(values, 'kind', CREDENTIAL_KINDS);
    return { who, kind, status: await credentials.credentialStatus(await api(), who, kind) };
  },
  'patient register': async ({ values, send }) => {
    const { salt, commitment } = commitmentFrom(values);
    const done = await send((api) => patients.register(api, commitment));
    const event = done.event('patients', 'PatientRegistered');
    return { patientId: event.patientId?.toString(), salt: u8aToHex(salt), commitment, block: done.blockHash };
  },
  'patient onboard': async ({ values, send }) => {
    const who = await account(values, 'account');
    const { salt, commitment } = commitmentFrom(values);
    const done = await send((api) => patients.registerFor(api, who, commitment));
    const event = done.event('patients', 'PatientOnboarded');
    return {
      patientId: event.patientId?.toString(), account: who, sponsor: event.sponsor?.toString(), salt: u8aToHex(salt), commitment,
      block: done.blockHash,
    };
  },
  'patient id': async ({ values, api }) => {
    const who = await account(values, 'account');
    const found = await patients.patientIdOf(await api(), who);
    return { account: who, patientId: found === undefined ? null : found.toString() };
  },
  'patient category-key': async ({ values }) => {
    const patientId = id(values, 'patient-id');
    const out = need(values, 'out');
    writeNewFile(out, `${JSON.stringify(exportCategoryKey(newCategoryKey(), patientId), null, 2)}\n`);
    return { patientId: patientId.toString(), categoryKey: out };
  },
  'consent grant': async ({ values, send }) => {
    const patientId = id(values, 'patient-id');
    const grantee = await account(values, 'grantee');
    const purpose = oneOf(values, 'purpose', PURPOSES);
    const categories = categoriesArg(values);
    const access = oneOf(values, 'access', ACCESSES);
    const expiresAt = values['expires-at'] === undefined ? undefined : moment(values, 'expires-at');
    if (values['category-key'] === undefined) {
      throw new UsageError('--category-key FILE is required: the patient\'s key (patient category-key), from which the categories\' tags are derived');
    }
    const card = categoryCard(categoryKeyFile(values, patientId), patientId, categories);
    const tags = categories.map((category) => tagFromCard(card, category));
    const done = await send((api) => consent.grant(api, {
      patientId, grantee, purpose, categories: tags, access, ...(expiresAt === undefined ? {} : { expiresAt }),
    }));
    const consentId = done.event('consent', 'ConsentGranted').consentId?.toString();
    const cardOut = values['card-out'];
    if (cardOut !== undefined) {
      try {
        writeFileSync(cardOut, `${JSON.stringify(card, null, 2)}\n`);
      } catch (error) {
        throw new Error(`consent #${consentId} was granted, but its category card could not be written to ${cardOut} (${message(error)}); ` +
          `give the grantee this card: ${JSON.stringify(card)}`);
      }
    }
    return { consentId, card, ...(cardOut === undefined ? {} : { cardWritten: cardOut }), block: done.blockHash };
  },
  'consent revoke': async ({ values, send }) => {
    const consentId = id(values, 'consent-id');
    const done = await send((api) => consent.revoke(api, consentId));
    return { revoked: consentId.toString(), block: done.blockHash };
  },
  'consent check': async ({ values, api }) => {
    const patientId = id(values, 'patient-id');
    const who = await account(values, 'who');
    const { tag } = tagArg(values, patientId);
    const access = oneOf(values, 'access', ACCESSES);
    const purpose = values.purpose === undefined ? undefined : oneOf(values, 'purpose', PURPOSES);
    const decision = purpose === undefined
      ? await consent.checkAccess(await api(), patientId, who, tag, access)
      : await consent.checkAccessFor(await api(), patientId, who, tag, access, purpose);
    return { decision: decision.kind, ...('consentId' in decision ? { consentId: decision.consentId.toString() } : {}), ...('accessId' in decision ? { accessId: decision.accessId.toString() } : {}) };
  },
  'record anchor': async ({ values, send }) => {
    const patientId = id(values, 'patient-id');
    const { tag, category } = tagArg(values, patientId);
    const path = need(values, 'file');
    const bytes = readFile(path);
    const salt = randomSalt();
    const digest = contentHash(salt, bytes);
    const storageRef = hashOf(values['storage-key'] ?? basename(path));
    const done = await send((api) => records.anchor(api, { patientId, category: tag, contentHash: digest, storageRef }));
    const event = done.event('records', 'RecordAnchored');
    return {
      recordId: event.recordId?.toString(), salt: u8aToHex(salt), contentHash: digest, storageRef, tag, ...(category === undefined ? {} : { category }),
      block: done.blockHash,
    };
  },
  'record upload': async ({ values, send }) => {
    const patientId = id(values, 'patient-id');
    const { tag, category } = tagArg(values, patientId);
    const path = need(values, 'file');
    const bytes = readFile(path);
    const contentType = values['content-type'] ?? (path.endsWith('.json') ? 'application/fhir+json' : 'application/octet-stream');
    const pair = await signer(values.suri ?? '//Alice');
    const uploaded = await new gateway.Gateway(values.gateway ?? gateway.DEFAULT_GATEWAY, pair).upload(patientId, tag, bytes, contentType);
    const done = await send((api) => records.anchor(api, { patientId, category: tag, ...uploaded }));
    return {
      recordId: done.event('records', 'RecordAnchored').recordId?.toString(), ...uploaded, tag, ...(category === undefined ? {} : { category }),
      block: done.blockHash,
    };
  },
  'record read': async ({ values, api, send }) => {
    const recordId = id(values, 'record-id');
    const out = need(values, 'out');
    if (existsSync(out)) throw new UsageError(`${out} already exists: choose another --out`);
    const purpose = values.purpose === undefined ? 'Treatment' : oneOf(values, 'purpose', PURPOSES);
    const pair = await signer(values.suri ?? '//Alice');
    const logged = await send((chain) => records.logAccess(chain, recordId, purpose), { finalised: true });
    const client = new gateway.Gateway(values.gateway ?? gateway.DEFAULT_GATEWAY, pair);
    const released = await gateway.retryWhileNotFinal(() => client.read(recordId, logged.blockHash, purpose));
    const verification = await records.verify(await api(), recordId, contentHash(hexToU8a(released.salt), released.body));
    if (verification.kind !== 'Match' && verification.kind !== 'Superseded') {
      throw new Error(`record ${recordId} as released does not match its anchor (${verification.kind}): not written`);
    }
    writeFileSync(out, released.body, { flag: 'wx' });
    return {
      recordId: recordId.toString(), out, bytes: released.body.length, contentType: released.contentType, status: released.status,
      ...(released.supersededBy === undefined ? {} : { supersededBy: released.supersededBy.toString() }), verification: verification.kind,
      block: logged.blockHash,
    };
  },
  'record verify': async ({ values, api }) => {
    const recordId = id(values, 'record-id');
    const bytes = readFile(need(values, 'file'));
    const saltHex = need(values, 'salt');
    if (!isHex(saltHex, 256)) throw new UsageError('--salt must be the record\'s 32-byte 0x-hex salt');
    const answer = await records.verify(await api(), recordId, contentHash(hexToU8a(saltHex), bytes));
    return { recordId: recordId.toString(), verification: answer.kind, ...('newerId' in answer ? { newerId: answer.newerId.toString() } : {}) };
  },
  'coverage register': async ({ values, send }) => {
    const patientId = id(values, 'patient-id');
    const planHash = hashOf(readFile(need(values, 'plan-file')));
    const validFrom = dayArg(values, 'valid-from');
    const validUntil = dayArg(values, 'valid-until');
    if (validFrom > validUntil) throw new UsageError('--valid-from is after --valid-until');
    const billingTag = billingTagArg(values, patientId);
    const done = await send((api) => claims.registerCoverage(api, { patientId, planHash, validFrom, validUntil, billingTag }));
    const event = done.event('claims', 'CoverageRegistered');
    return { coverageId: event.coverageId?.toString(), patientId, planHash, validFrom: claims.dayToDate(validFrom),
      validUntil: claims.dayToDate(validUntil), block: done.blockHash };
  },
  'coverage end': async ({ values, send }) => {
    const coverageId = id(values, 'coverage-id');
    const validUntil = dayArg(values, 'valid-until');
    const done = await send((api) => claims.endCoverage(api, coverageId, validUntil));
    return { ended: coverageId, validUntil: claims.dayToDate(validUntil), block: done.blockHash };
  },
  'claim submit': async ({ values, send }) => {
    const patientId = id(values, 'patient-id');
    const payer = await account(values, 'payer');
    const coverageId = id(values, 'coverage-id');
    const encounterId = id(values, 'encounter-id');
    const claimHash = hashOf(readFile(need(values, 'claim-file')));
    const currency = values.currency ?? 'EUR';
    let billed: claims.Money;
    try {
      billed = claims.money(need(values, 'amount'), currency);
    } catch (error) {
      throw new UsageError(`--amount/--currency: ${message(error)}`);
    }
    const serviceDate = dayArg(values, 'service-date');
    const codes = need(values, 'codes').split(',').map((code) => code.trim()).filter((code) => code.length > 0);
    if (codes.length === 0) throw new UsageError('--codes lists the claim\'s procedure codes, comma separated');
    const salt = need(values, 'key-salt');
    if (!isHex(salt, 256)) throw new UsageError('--key-salt must be the provider\'s 32-byte 0x-hex duplicate-key secret');
    const billingTag = billingTagArg(values, patientId);
    const pair = await signer(values.suri ?? '//Alice');
    const duplicateKey = claims.duplicateKey(hexToU8a(salt), patientId, pair.address, serviceDate, codes);
    const done = await send((api) => claims.submit(api, {
      patientId, payer, coverageId, encounterId, claimHash, billed, serviceDate, duplicateKey, billingTag,
    }));
    const event = done.event('claims', 'ClaimSubmitted');
    return { claimId: event.claimId?.toString(), claimHash, duplicateKey, billed: claims.formatMoney(billed.amount, currency), block: done.blockHash };
  },
  'claim adjudicate': async ({ values, send }) => {
    const claimId = id(values, 'claim-id');
    const outcome = oneOf(values, 'outcome', claims.OUTCOMES);
    const allowed = amountArg(values, 'allowed');
    const share = values['patient-share'] === undefined ? 0n : amountArg(values, 'patient-share');
    const reasons = (values.reasons ?? '').split(',').map((r) => r.trim()).filter((r) => r.length > 0);
    for (const reason of reasons) {
      if (!isOneOf(claims.REASON_CODES, reason)) throw new UsageError(`--reasons: "${reason}" is not one of ${claims.REASON_CODES.join(', ')}`);
    }
    const done = await send((api) => claims.adjudicate(api, claimId, outcome, allowed, share, reasons as claims.ReasonCode[]));
    done.event('claims', 'ClaimAdjudicated');
    return { adjudicated: claimId, outcome, allowed, patientResponsibility: share, reasons, block: done.blockHash };
  },
  'claim pay': async ({ values, send }) => {
    const claimId = id(values, 'claim-id');
    const amount = amountArg(values, 'amount');
    const remittanceHash = hashOf(readFile(need(values, 'remittance-file')));
    const done = await send((api) => claims.pay(api, claimId, amount, remittanceHash));
    done.event('claims', 'ClaimPaid');
    return { paid: claimId, amount, remittanceHash, block: done.blockHash };
  },
  'claim appeal': async ({ values, send }) => {
    const claimId = id(values, 'claim-id');
    const evidenceHash = hashOf(readFile(need(values, 'evidence-file')));
    const done = await send((api) => claims.appeal(api, claimId, evidenceHash));
    done.event('claims', 'ClaimAppealed');
    return { appealed: claimId, evidenceHash, block: done.blockHash };
  },
  'claim void': async ({ values, send }) => {
    const claimId = id(values, 'claim-id');
    const done = await send((api) => claims.voidClaim(api, claimId));
    done.event('claims', 'ClaimVoided');
    return { voided: claimId, block: done.blockHash };
  },
  'claim status': async ({ values, api }) => {
    const claimId = id(values, 'claim-id');
    const status = await claims.claimStatus(await api(), claimId);
    if (status === undefined) throw new Error(`no claim ${claimId} is stored (never submitted, or cleared once settled)`);
    return { claimId, status };
  },
  'claim list': async ({ values, api }) => {
    const patientId = id(values, 'patient-id');
    const chain = await api();
    const ids = await claims.allClaimsOf(chain, patientId);
    const list = await Promise.all(ids.map(async (claimId) => {
      const c = await claims.claim(chain, claimId);
      return c === undefined ? { claimId } : {
        claimId, payer: c.payer, serviceDate: claims.dayToDate(c.serviceDate), billed: claims.formatMoney(c.billed.amount, c.billed.currency),
        paid: claims.formatMoney(c.paid, c.billed.currency), status: c.status.kind,
      };
    }));
    return { patientId, claims: list };
  },
  'study register': async ({ values, send }) => {
    const kind = oneOf(values, 'kind', trials.STUDY_KINDS);
    const categories = categoriesArg(values);
    const target = countArg(values, 'target');
    const minCohort = values.k === undefined ? trials.MIN_COHORT_FLOOR : countArg(values, 'k');
    const saltHex = values['categories-salt'];
    if (saltHex !== undefined && !isHex(saltHex, 256)) throw new UsageError('--categories-salt must be 32 bytes of 0x-hex');
    const categoriesSalt = saltHex === undefined ? randomSalt() : hexToU8a(saltHex);
    const registration: trials.Registration = {
      kind,
      registryHash: hashOf(need(values, 'registry-id')),
      protocolHash: hashOf(readFile(need(values, 'protocol-file'))),
      analysisPlanHash: hashOf(readFile(need(values, 'plan-file'))),
      outcomesHash: hashOf(readFile(need(values, 'outcomes-file'))),
      categories, categoriesSalt, target, minCohort,
    };
    const done = await send((api) => {
      try {
        return trials.register(api, registration);
      } catch (error) {
        throw new UsageError(message(error));
      }
    });
    const event = done.event('trials', 'StudyRegistered');
    return { studyId: event.studyId?.toString(), ...registration, categoriesSalt: u8aToHex(categoriesSalt),
      categoriesHash: event.categoriesHash?.toString(), block: done.blockHash };
  },
  'study amend': async ({ values, send }) => {
    const studyId = id(values, 'study-id');
    const protocolHash = hashOf(readFile(need(values, 'protocol-file')));
    const planHash = hashOf(readFile(need(values, 'plan-file')));
    const outcomesHash = hashOf(readFile(need(values, 'outcomes-file')));
    const done = await send((api) => trials.amend(api, studyId, protocolHash, planHash, outcomesHash, values.reconsent === true));
    const event = done.event('trials', 'ProtocolAmended');
    return { studyId, version: event.version?.toString(), reconsentRequired: values.reconsent === true, block: done.blockHash };
  },
  'study investigator': async ({ values, send }) => {
    const studyId = id(values, 'study-id');
    const who = await account(values, 'who');
    const remove = values.remove === true;
    const done = await send((api) => (remove ? trials.removeInvestigator(api, studyId, who) : trials.addInvestigator(api, studyId, who)));
    done.event('trials', remove ? 'InvestigatorRemoved' : 'InvestigatorAdded');
    return { studyId, [remove ? 'removed' : 'added']: who, block: done.blockHash };
  },
  'study status': async ({ values, send }) => {
    const studyId = id(values, 'study-id');
    const status = oneOf(values, 'status', trials.STUDY_STATUSES);
    const done = await send((api) => trials.setStatus(api, studyId, status));
    const event = done.event('trials', 'StatusChanged');
    return { studyId, from: event.from?.toString(), to: status, block: done.blockHash };
  },
  'study consent': async ({ values, send }) => {
    const studyId = id(values, 'study-id');
    const patientId = id(values, 'patient-id');
    const consentId = id(values, 'consent-id');
    const done = await send((api) => trials.consent(api, studyId, patientId, consentId));
    const event = done.event('trials', 'ParticipantConsented');
    return { studyId, patientId, consentId, version: event.version?.toString(), block: done.blockHash };
  },
  'study withdraw': async ({ values, send }) => {
    const studyId = id(values, 'study-id');
    const patientId = id(values, 'patient-id');
    const done = await send((api) => trials.withdraw(api, studyId, patientId));
    const event = done.event('trials', 'ParticipantWithdrew');
    return { studyId, patientId, revokedConsent: event.consentId?.toString(), block: done.blockHash };
  },
  'study clear': async ({ values, send }) => {
    const studyId = id(values, 'study-id');
    const patientId = id(values, 'patient-id');
    const done = await send((api) => trials.clear(api, studyId, patientId));
    done.event('trials', 'ParticipationCleared');
    return { studyId, cleared: patientId, block: done.blockHash };
  },
  'study enrol': async ({ values, send }) => {
    const studyId = id(values, 'study-id');
    const patientId = id(values, 'patient-id');
    const done = await send((api) => trials.enrol(api, studyId, patientId));
    const event = done.event('trials', 'ParticipantEnrolled');
    return { studyId, enrolled: patientId, version: event.version?.toString(), block: done.blockHash };
  },
  'study decline': async ({ values, send }) => {
    const studyId = id(values, 'study-id');
    const patientId = id(values, 'patient-id');
    const done = await send((api) => trials.decline(api, studyId, patientId));
    done.event('trials', 'ParticipantDeclined');
    return { studyId, declined: patientId, block: done.blockHash };
  },
  'study release': async ({ values, api, send }) => {
    const studyId = id(values, 'study-id');
    const requestHash = hashOf(readFile(need(values, 'request-file')));
    const witness = await trials.witness(await api(), studyId);
    const done = await send((chain) => trials.release(chain, studyId, requestHash, witness));
    const event = done.event('trials', 'DataReleased');
    return { studyId, release: event.release?.toString(), cohortSize: event.cohortSize?.toString(), requestHash, block: done.blockHash };
  },
  'study results': async ({ values, send }) => {
    const studyId = id(values, 'study-id');
    const resultsHash = hashOf(readFile(need(values, 'results-file')));
    const reportedOutcomesHash = hashOf(readFile(need(values, 'outcomes-file')));
    const done = await send((api) => trials.commitResults(api, studyId, resultsHash, reportedOutcomesHash));
    const event = done.event('trials', 'ResultsCommitted');
    return { studyId, resultsHash, reportedOutcomesHash, outcomesSwitched: event.outcomesSwitched?.toString() === 'true',
      late: event.late?.toString() === 'true', block: done.blockHash };
  },
  'study show': async ({ values, api }) => {
    const studyId = id(values, 'study-id');
    const chain = await api();
    const summary = await trials.study(chain, studyId);
    if (summary === undefined) throw new Error(`no study ${studyId} is registered`);
    return { ...summary, versions: await trials.versions(chain, studyId), resultsOverdue: await trials.resultsOverdue(chain, studyId),
      outcomesSwitched: await trials.outcomesSwitched(chain, studyId) };
  },
  'study list': async ({ api }) => ({ studies: await trials.allStudies(await api()) }),
  'study mine': async ({ values, api }) => {
    const patientId = id(values, 'patient-id');
    return { patientId, studies: await trials.studiesOf(await api(), patientId) };
  },
  'audit reads': async ({ values }) => {
    const patientId = id(values, 'patient-id');
    const url = need(values, 'indexer');
    return await audit(values, 'reads', (page) => history.readsOfPatient(url, patientId, page));
  },
  'audit break-glass': async ({ values }) => {
    const url = need(values, 'indexer');
    const patientId = values['patient-id'] === undefined ? undefined : id(values, 'patient-id');
    return await audit(values, 'emergencyAccesses', (page) => history.emergencyAccesses(url, { ...page, patientId }));
  },
  'audit provider': async ({ values }) => {
    const url = need(values, 'indexer');
    const who = await account(values, 'who');
    return await audit(values, 'actions', (page) => history.actionsOf(url, who, page));
  },
  'product register': async ({ values, send }) => {
    const gtin = gtinArg(values);
    const metadataHash = values['metadata-hash'] === undefined ? hashOf(gtin) : hash(values, 'metadata-hash');
    const done = await send((api) => supplyChain.registerProduct(api, gtin, metadataHash));
    return { registered: gtin, block: done.blockHash };
  },
  'pack commission': async ({ values, send }) => {
    const gtin = gtinArg(values);
    const lot = need(values, 'lot');
    const expiresOn = moment(values, 'expires-on');
    const path = need(values, 'serials-file');
    const { list, root } = serials(path);
    const quantity = list.length;
    if (values.quantity !== undefined && id(values, 'quantity') !== BigInt(quantity)) {
      throw new UsageError(`--quantity ${values.quantity} differs from the ${quantity} serials in ${path}: a lot is commissioned with ` +
        'one unit per serial (leave --quantity out to use the count)');
    }
    const done = await send((api) => supplyChain.commissionBatch(api, { gtin, lot, expiresOn, quantity, serialsRoot: root }));
    return { batchId: done.event('supplyChain', 'BatchCommissioned').batchId?.toString(), serialsRoot: root, quantity, block: done.blockHash };
  },
  'pack verify': async ({ values, api }) => {
    const gtin = gtinArg(values);
    const lot = need(values, 'lot');
    const serial = need(values, 'serial');
    if (!isValidSerial(serial)) throw new UsageError(`--serial "${serial}" is not a GS1 serial number (1 to 20 characters of GS1 set 82)`);
    const { list } = serials(need(values, 'serials-file'));
    const index = list.indexOf(serial);
    if (index < 0) throw new UsageError(`serial ${serial} is not in the serials file`);
    const answer = await supplyChain.verifyUnit(await api(), gtin, lot, serial, serialProof(list, index));
    return {
      gtin, lot, serial, verification: answer.kind,
      ...(answer.kind === 'Authentic' ? { batchId: answer.batchId.toString(), expiresOn: answer.expiresOn.toString() } : {}),
    };
  },
  'pack return': async ({ values, send }) => {
    const shipmentId = id(values, 'shipment-id');
    const done = await send((api) => supplyChain.returnShipment(api, shipmentId));
    const event = done.event('supplyChain', 'ShipmentReturned');
    return {
      returned: shipmentId.toString(), batchId: event.batchId?.toString(), quantity: Number(event.quantity?.toString()),
      by: event.by?.toString(), block: done.blockHash,
    };
  },
  'council members': async ({ api }) => ({ members: await council.members(await api()) }),
  'council motions': async ({ api }) => ({ motions: await council.motions(await api()) }),
  'council propose': async ({ values, api, send }) => {
    const chain = await api();
    const { tx, power, action } = await proposal(values, chain);
    const threshold = values.threshold !== undefined ? Number(id(values, 'threshold')) : share((await council.members(chain)).length, power);
    const done = await send((c) => council.propose(c, threshold, tx));
    const outcome = council.outcome(chain, done);
    return { action, power, threshold, motion: outcome.proposed ?? { hash: tx.method.hash.toHex() }, executed: outcome.executed, block: done.blockHash };
  },
  'council vote': async ({ values, api, send }) => {
    const hash = motionHash(values);
    if (values.aye === values.nay) throw new UsageError('say --aye or --nay (one of them)');
    const open = await council.motion(await api(), hash);
    if (open === undefined) throw new UsageError(`no open motion ${hash} (see council motions)`);
    const done = await send((c) => council.vote(c, hash, open.index, values.aye === true));
    const voted = done.event('council', 'Voted');
    return { motion: hash, approve: values.aye === true, ayes: Number(voted.yes?.toString()), nays: Number(voted.no?.toString()), block: done.blockHash };
  },
  'council close': async ({ values, api, send }) => {
    const hash = motionHash(values);
    const chain = await api();
    const tx = await council.close(chain, hash);
    const done = await send(() => tx);
    const outcome = council.outcome(chain, done);
    return { motion: hash, executed: outcome.executed, disapproved: outcome.disapproved, block: done.blockHash };
  },
};

/** The governance actions `council propose` knows, the share of the Council each needs, and how to build it. */
const ACTIONS = ['issuer-add', 'issuer-remove', 'member-add', 'member-remove', 'pause', 'unpause', 'upgrade'] as const;

/** The smallest number of members that is more than half (`majority`) or at least two thirds. */
function share(members: number, power: 'majority' | 'supermajority'): number {
  return power === 'majority' ? Math.floor(members / 2) + 1 : Math.ceil((2 * members) / 3);
}

function palletCall(values: Values): [string, string] {
  const value = need(values, 'call');
  const match = /^([A-Za-z]+)\.([a-z_]+)$/.exec(value);
  if (match === null) throw new UsageError(`--call must be Pallet.call_name as in the metadata, e.g. Patients.register (got "${value}")`);
  return [match[1]!, match[2]!];
}

async function proposal(values: Values, chain: ApiPromise): Promise<{ tx: SubmittableExtrinsic<'promise'>; power: 'majority' | 'supermajority'; action: string }> {
  const action = oneOf(values, 'action', ACTIONS);
  switch (action) {
    case 'issuer-add': {
      const kinds = need(values, 'kinds').split(',').map((kind) => kind.trim());
      const bad = kinds.find((kind) => !isOneOf(CREDENTIAL_KINDS, kind));
      if (bad !== undefined) throw new UsageError(`--kinds: "${bad}" is not one of ${CREDENTIAL_KINDS.join(', ')}`);
      const metadataHash = values['metadata-hash'] !== undefined ? hash(values, 'metadata-hash') : hashOf(new Uint8Array());
      const who = await account(values, 'who');
      return { action, power: 'majority', tx: credentials.registerIssuer(chain, who, kinds as typeof CREDENTIAL_KINDS[number][], metadataHash) };
    }
    case 'issuer-remove':
      return { action, power: 'majority', tx: credentials.removeIssuer(chain, await account(values, 'who')) };
    case 'member-add':
      return { action, power: 'majority', tx: council.addMember(chain, await account(values, 'who')) };
    case 'member-remove':
      return { action, power: 'majority', tx: council.removeMember(chain, await account(values, 'who')) };
    case 'pause':
    case 'unpause': {
      const [pallet, method] = palletCall(values);
      return { action, power: 'majority', tx: (action === 'pause' ? council.pause : council.unpause)(chain, pallet, method) };
    }
    case 'upgrade': {
      const codeHash = u8aToHex(blake2AsU8a(readFile(need(values, 'code-file')), 256));
      return { action, power: 'supermajority', tx: council.asRoot(chain, chain.tx.system.authorizeUpgrade(codeHash)) };
    }
  }
}

function motionHash(values: Values): string {
  const value = need(values, 'motion');
  if (!isHex(value, 256)) throw new UsageError('--motion must be the motion\'s 32-byte 0x-hex hash (see council motions)');
  return value;
}

/** Runs one command line; returns the exit code. Exported for tests. */
export async function main(argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] };
  } catch (error) {
    err(`error: ${error instanceof Error ? error.message : String(error)}\n(see carechain --help)`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true || positionals.length === 0) {
    out(HELP);
    return positionals.length === 0 && values.help !== true ? 2 : 0;
  }
  const name = positionals.slice(0, 2).join(' ');
  const command = COMMANDS[name];
  if (command === undefined || positionals.length > 2) {
    err(`error: unknown command "${positionals.join(' ')}"\n(commands: ${Object.keys(COMMANDS).join('; ')})`);
    return 2;
  }
  let connected: ApiPromise | undefined;
  const api = async () => (connected ??= await connect(values.url ?? DEFAULT_URL));
  const progress = (step: Progress, detail?: string) => {
    if (values.quiet !== true) err(`… ${step}${detail === undefined ? '' : ` ${detail}`}`);
  };
  const ctx: Context = {
    values,
    api,
    send: async (build, options) => {
      const pair = await signer(values.suri ?? '//Alice');
      const chain = await api();
      return await submit(chain, build(chain), pair, { onProgress: progress, ...options });
    },
  };
  try {
    const answer = await command(ctx);
    if (answer instanceof Csv) out(answer.text.replace(/\r\n$/, ''));
    else out(JSON.stringify(answer, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`error: ${error.message}\n(see carechain --help)`);
      return 2;
    }
    if (error instanceof ChainError) {
      err(`error: the chain refused: ${error.message}`);
      return 1;
    }
    if (error instanceof gateway.GatewayError) {
      err(`error: the gateway refused (${error.status}): ${error.diagnostics}`);
      return 1;
    }
    err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await connected?.disconnect();
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(basename(process.argv[1]))) {
  const code = await main(process.argv.slice(2), (line) => console.log(line), (line) => console.error(line));
  process.exit(code);
}

