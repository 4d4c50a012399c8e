// The patient's category key in this browser (issue 31): 32 random bytes that never go on chain,
// kept in localStorage under `carechain.categoryKey.<patientId>` as the key export
// (`{ "format": "carechain-category-key/v1", "patientId": "7", "key": "0x…" }`), made the first
// time the patient needs one (a consent to grant, an export), and replaced by an import. It is
// not the account key: the same key serves the patient after a key rotation, on any account.

import {
  exportCategoryKey, newCategoryKey, parseCategoryKeyExport, type CategoryKey, type Id,
} from '../../src/lib/index.js';

/** The localStorage entry of a patient's key. */
export const storageName = (patientId: Id): string => `carechain.categoryKey.${patientId}`;

/** The key this browser holds for the patient, if any (an entry that does not parse counts as none). */
export function storedCategoryKey(patientId: Id): CategoryKey | undefined {
  const text = localStorage.getItem(storageName(patientId));
  if (text === null) return undefined;
  try {
    const parsed = parseCategoryKeyExport(text);
    return BigInt(parsed.patientId) === patientId ? parsed.key : undefined;
  } catch {
    return undefined;
  }
}

/** The patient's key, made and stored now if this browser holds none. */
export function ensureCategoryKey(patientId: Id): CategoryKey {
  const held = storedCategoryKey(patientId);
  if (held !== undefined) return held;
  const key = newCategoryKey();
  localStorage.setItem(storageName(patientId), JSON.stringify(exportCategoryKey(key, patientId)));
  return key;
}

/** Stores an imported key export (JSON text), checked to be this patient's; returns the key. */
export function importCategoryKey(patientId: Id, json: string): CategoryKey {
  const parsed = parseCategoryKeyExport(json);
  if (BigInt(parsed.patientId) !== patientId) {
    throw new Error(`this is the category key of patient #${parsed.patientId}, not yours (#${patientId})`);
  }
  localStorage.setItem(storageName(patientId), JSON.stringify(exportCategoryKey(parsed.key, patientId)));
  return parsed.key;
}
