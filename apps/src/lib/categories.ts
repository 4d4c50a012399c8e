// Blinded record categories (issue 31): no category goes on chain. Each patient keeps a random
// `CategoryKey` off chain, and every record, consent and access names a category by its
// `CategoryTag` under that key, exactly as `primitives/src/category.rs` gives the recipe:
//
//   tag = blake2_128("carechain/category-tag/v1" ‖ key ‖ category index)
//
// with `key` the patient's 32 bytes and the category index the one byte that SCALE-encodes the
// `RecordCategory` (its declaration order, `RECORD_CATEGORIES` here: Demographics 0 … Billing 12).
// Shared test vectors (`primitives/test-vectors/category-tags.json`) are checked by the Rust
// primitives and by `test/vectors.test.ts`.
//
// The patient never gives the key away: a grantee gets, off chain, a category card with the tags
// of exactly the categories consented to (`categoryCard`), with which it anchors records of those
// categories and recognises them. The key is kept by the patient's app, with an export the
// patient stores (`exportCategoryKey`); it is not the account key, so a key rotation leaves every
// tag as it was.

import { hexToU8a, isHex, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { RECORD_CATEGORIES, isOneOf, type Id, type RecordCategory } from './types.js';

/** A patient's secret key for category tags: 32 random bytes, kept off chain by the patient's app. */
export type CategoryKey = Uint8Array;

/** A category of one patient, blinded by the patient's key: 16 bytes as 0x-prefixed hex, what the chain holds. */
export type CategoryTag = `0x${string}`;

/** The domain separator that opens every tag's preimage (`CATEGORY_TAG_DOMAIN` in primitives/src/category.rs). */
export const CATEGORY_TAG_DOMAIN = 'carechain/category-tag/v1';

/** The `format` of a category card, the JSON a patient's app hands a grantee. */
export const CATEGORY_CARD_FORMAT = 'carechain-category-card/v1';

/** The `format` of a category key export, the file a patient keeps. */
export const CATEGORY_KEY_FORMAT = 'carechain-category-key/v1';

const DOMAIN = stringToU8a(CATEGORY_TAG_DOMAIN);

/** 32 fresh random bytes: a patient's new category key (Web Crypto, in Node and in browsers). */
export function newCategoryKey(): CategoryKey {
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}

function checkKey(key: CategoryKey): void {
  if (!(key instanceof Uint8Array)) throw new Error('a category key is 32 bytes (a Uint8Array)');
  if (key.length !== 32) throw new Error(`a category key is 32 bytes, not ${key.length}`);
}

function checkCategory(category: string): asserts category is RecordCategory {
  if (!isOneOf(RECORD_CATEGORIES, category)) {
    throw new Error(`"${category}" is not a record category (one of ${RECORD_CATEGORIES.join(', ')})`);
  }
}

/** `blake2_128(domain ‖ key ‖ index)`: the tag that names `category` of the key's patient on chain. */
export function categoryTag(key: CategoryKey, category: RecordCategory): CategoryTag {
  checkKey(key);
  checkCategory(category);
  const index = RECORD_CATEGORIES.indexOf(category);
  return u8aToHex(blake2AsU8a(u8aConcat(DOMAIN, key, new Uint8Array([index])), 128)) as CategoryTag;
}

/** Every category's tag under `key`, in `RECORD_CATEGORIES` order. */
export function categoryTags(key: CategoryKey): Record<RecordCategory, CategoryTag> {
  checkKey(key);
  return Object.fromEntries(RECORD_CATEGORIES.map((category) => [category, categoryTag(key, category)])) as Record<RecordCategory, CategoryTag>;
}

/** Whether `value` is a tag's form: 16 bytes of 0x-hex. */
export function isCategoryTag(value: unknown): value is CategoryTag {
  return typeof value === 'string' && isHex(value, 128);
}

/** The category `tag` names under `key`, or undefined (another patient's tag, or a random one). */
export function categoryOf(key: CategoryKey, tag: string): RecordCategory | undefined {
  const wanted = tag.toLowerCase();
  const tags = categoryTags(key);
  return RECORD_CATEGORIES.find((category) => tags[category] === wanted);
}

/**
 * A tag no key names: what a clinician under break-glass, who holds no card of the patient's,
 * anchors with (the emergency covers every tag). Apps show such a record as "category not known".
 */
export function randomCategoryTag(): CategoryTag {
  return u8aToHex(globalThis.crypto.getRandomValues(new Uint8Array(16))) as CategoryTag;
}

/**
 * What a patient's app hands a grantee, off chain, with a consent: the tags of exactly the
 * categories consented to (never the key). JSON:
 * `{ "format": "carechain-category-card/v1", "patientId": "7", "tags": { "LabResults": "0x…" } }`.
 */
export interface CategoryCard {
  format: typeof CATEGORY_CARD_FORMAT;
  /** The patient's id, in decimal (a u64 on chain). */
  patientId: string;
  tags: Partial<Record<RecordCategory, CategoryTag>>;
}

/** The file a patient keeps: `{ "format": "carechain-category-key/v1", "patientId": "7", "key": "0x…" }`. */
export interface CategoryKeyExport {
  format: typeof CATEGORY_KEY_FORMAT;
  /** The patient's id, in decimal. */
  patientId: string;
  /** The 32-byte key as 0x-hex. */
  key: `0x${string}`;
}

const U64_MAX = (1n << 64n) - 1n;

function patientIdText(patientId: Id | number | string, where: string): string {
  const text = typeof patientId === 'string' ? patientId.trim() : String(patientId);
  if (!/^\d+$/.test(text) || BigInt(text) > U64_MAX) {
    throw new Error(`${where}: the patient id must be a non-negative integer (got ${JSON.stringify(patientId)})`);
  }
  return BigInt(text).toString();
}

/** The card for `categories` of the key's patient (at least one, none twice), in the order given. */
export function categoryCard(key: CategoryKey, patientId: Id | number | string, categories: readonly RecordCategory[]): CategoryCard {
  checkKey(key);
  if (categories.length === 0) throw new Error('a category card names at least one category');
  const tags: Partial<Record<RecordCategory, CategoryTag>> = {};
  for (const category of categories) {
    checkCategory(category);
    if (tags[category] !== undefined) throw new Error(`a category card names each category once (${category} is given twice)`);
    tags[category] = categoryTag(key, category);
  }
  return { format: CATEGORY_CARD_FORMAT, patientId: patientIdText(patientId, 'category card'), tags };
}

/** The card's tag for `category`; throws, naming the category and the patient, if the card has none. */
export function tagFromCard(card: CategoryCard, category: RecordCategory): CategoryTag {
  const tag = card.tags[category];
  if (tag === undefined) {
    const held = Object.keys(card.tags);
    throw new Error(`the category card of patient ${card.patientId} has no tag for ${category} (it names ${held.length === 0 ? 'no category' : held.join(', ')}): ` +
      `only the patient can give one, with a consent that covers ${category}`);
  }
  return tag;
}

/** The category the card names `tag` by, or undefined (a category not on the card, another patient's tag, a random tag). */
export function categoryFromCard(card: CategoryCard, tag: string): RecordCategory | undefined {
  const wanted = tag.toLowerCase();
  return RECORD_CATEGORIES.find((category) => card.tags[category]?.toLowerCase() === wanted);
}

/** JSON text or an already parsed value, as an object; `what` names it in errors. */
function jsonObject(json: unknown, what: string): Record<string, unknown> {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      throw new Error(`${what} is not JSON`);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function checkFormat(object: Record<string, unknown>, format: string, what: string): void {
  if (object.format !== format) {
    const found = object.format === undefined ? 'none' : JSON.stringify(object.format);
    throw new Error(`${what}: the format must be "${format}" (found ${found})`);
  }
}

function storedPatientId(object: Record<string, unknown>, what: string): string {
  const id = object.patientId;
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isSafeInteger(id))) {
    throw new Error(`${what}: "patientId" must be the patient's id as a decimal string`);
  }
  return patientIdText(id, what);
}

/**
 * A category card from its JSON (text or parsed), checked: the format, a patient id, and at least
 * one tag, each a known category's name with 16 bytes of 0x-hex, no two alike. Tags come back in
 * lower-case hex.
 */
export function parseCategoryCard(json: unknown): CategoryCard {
  const what = 'category card';
  const object = jsonObject(json, 'the category card');
  checkFormat(object, CATEGORY_CARD_FORMAT, what);
  const patientId = storedPatientId(object, what);
  const raw = object.tags;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(`${what}: "tags" must be an object of category names to tags`);
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw new Error(`${what}: it names no category`);
  const tags: Partial<Record<RecordCategory, CategoryTag>> = {};
  const seen = new Map<string, string>();
  for (const [category, tag] of entries) {
    if (!isOneOf(RECORD_CATEGORIES, category)) {
      throw new Error(`${what}: "${category}" is not a record category (one of ${RECORD_CATEGORIES.join(', ')})`);
    }
    if (!isCategoryTag(tag)) throw new Error(`${what}: the tag of ${category} must be 16 bytes of 0x-hex (32 hex digits)`);
    const lower = tag.toLowerCase() as CategoryTag;
    const other = seen.get(lower);
    if (other !== undefined) throw new Error(`${what}: ${other} and ${category} have the same tag`);
    seen.set(lower, category);
    tags[category] = lower;
  }
  return { format: CATEGORY_CARD_FORMAT, patientId, tags };
}

/** The export of a patient's key, to keep (it is a secret: whoever holds it can name every category of the patient's records). */
export function exportCategoryKey(key: CategoryKey, patientId: Id | number | string): CategoryKeyExport {
  checkKey(key);
  return { format: CATEGORY_KEY_FORMAT, patientId: patientIdText(patientId, 'category key'), key: u8aToHex(key) };
}

/** A key export from its JSON (text or parsed), checked: the format, a patient id, a 32-byte 0x-hex key. */
export function parseCategoryKeyExport(json: unknown): { patientId: string; key: CategoryKey } {
  const what = 'category key';
  const object = jsonObject(json, 'the category key file');
  checkFormat(object, CATEGORY_KEY_FORMAT, what);
  const patientId = storedPatientId(object, what);
  if (typeof object.key !== 'string' || !isHex(object.key, 256)) {
    throw new Error(`${what}: "key" must be 32 bytes of 0x-hex (64 hex digits)`);
  }
  return { patientId, key: hexToU8a(object.key) };
}
