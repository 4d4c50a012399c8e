// The off-chain halves of what the pallets anchor: salts, salted hashes and the patient
// commitment, exactly as the pallets' crate docs give the recipes. Shared test vectors
// (`pallets/records/test-vectors/`) are checked by the Rust pallets and by `test/vectors.test.ts`.

import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { Hash } from './types.js';

/** 32 fresh random bytes: one salt per record version or commitment, kept off chain. */
export function randomSalt(): Uint8Array {
  // Web Crypto: the same call in Node (≥ 20) and in browsers (the portal).
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}

/** `blake2_256(salt ‖ bytes)`: a record's `content_hash` (pallet-records docs). */
export function contentHash(salt: Uint8Array, bytes: Uint8Array): Hash {
  if (salt.length !== 32) throw new Error(`a salt is 32 bytes, not ${salt.length}`);
  return u8aToHex(blake2AsU8a(u8aConcat(salt, bytes), 256)) as Hash;
}

/** `blake2_256(bytes)`: a `storage_ref` from an object key or CID bytes, a document hash. */
export function hashOf(bytes: Uint8Array | string): Hash {
  const data = typeof bytes === 'string' ? stringToU8a(bytes) : bytes;
  return u8aToHex(blake2AsU8a(data, 256)) as Hash;
}

/**
 * RFC 8785 JSON Canonicalization Scheme: object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript serialises them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new Error(`cannot canonicalise a ${typeof value}`);
}

/** `blake2_256(salt ‖ canonical_json(FHIR Patient))`: the patient commitment (pallet-patients docs). */
export function patientCommitment(salt: Uint8Array, fhirPatient: unknown): Hash {
  const resource = fhirPatient as { resourceType?: unknown } | null;
  if (resource === null || typeof resource !== 'object' || resource.resourceType !== 'Patient') {
    throw new Error('the commitment is made over a FHIR R4 Patient resource (resourceType "Patient")');
  }
  return contentHash(salt, stringToU8a(canonicalJson(fhirPatient)));
}
