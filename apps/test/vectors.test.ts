// The shared test vectors that the Rust pallets check too: the client hashes and builds pack
// proofs byte for byte as the chain does. No node needed.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { hexToU8a } from '@polkadot/util';
import {
  canonicalJson, contentHash, gtinFromBody, isValidGtin, isValidLot, patientCommitment, serialProof,
  serialsRoot, verifySerialProof, type Hash, type SerialProof,
} from '../src/lib/index.js';

const vector = <T>(path: string): T => JSON.parse(readFileSync(new URL(`../../pallets/${path}`, import.meta.url), 'utf8')) as T;

test('serial-number trees and proofs match pallet-supply-chain', () => {
  const { cases } = vector<{ cases: { serials: string[]; root: Hash; proofs: SerialProof[] }[] }>('supply-chain/test-vectors/serials.json');
  assert.ok(cases.length >= 5);
  for (const { serials, root, proofs } of cases) {
    assert.equal(serialsRoot(serials), root, `root of ${serials.join(',')}`);
    serials.forEach((serial, i) => {
      assert.deepEqual(serialProof(serials, i), proofs[i]);
      assert.ok(verifySerialProof(root, serial, serialProof(serials, i)));
      assert.ok(!verifySerialProof(root, `${serial}X`, serialProof(serials, i)), 'another serial fails');
    });
  }
  assert.throws(() => serialProof(['A'], 1), /outside the lot/);
});

test('content hashes match pallet-records', () => {
  const { cases } = vector<{ cases: { salt: Hash; bytes: Hash; contentHash: Hash }[] }>('records/test-vectors/content-hash.json');
  for (const c of cases) assert.equal(contentHash(hexToU8a(c.salt), hexToU8a(c.bytes)), c.contentHash);
  assert.throws(() => contentHash(new Uint8Array(31), new Uint8Array()), /32 bytes/);
});

test('patient commitments match pallet-patients, over RFC 8785 JSON', () => {
  const { cases } = vector<{ cases: { salt: Hash; resource: unknown; canonical: string; commitment: Hash }[] }>(
    'patients/test-vectors/commitment.json');
  for (const c of cases) {
    assert.equal(canonicalJson(c.resource), c.canonical);
    assert.equal(patientCommitment(hexToU8a(c.salt), c.resource), c.commitment);
  }
  // RFC 8785's own examples: key order by UTF-16 code units, ECMAScript numbers.
  assert.equal(canonicalJson({ b: 1, a: [1e21, 0.000001, -0], c: 'é' }), '{"a":[1e+21,0.000001,0],"b":1,"c":"é"}');
  assert.throws(() => patientCommitment(new Uint8Array(32), { resourceType: 'Observation' }), /Patient resource/);
});

test('GS1 identifiers are checked as the chain checks them', () => {
  assert.ok(isValidGtin('00012345678905'));
  assert.ok(isValidGtin('10614141000415'));
  assert.ok(!isValidGtin('00012345678904'));
  assert.ok(!isValidGtin('0001234567890A'));
  assert.equal(gtinFromBody('1061414100041'), '10614141000415');
  assert.ok(isValidLot('LOT-2026/A.1'));
  assert.ok(!isValidLot('LOT 1'));
  assert.ok(!isValidLot(''));
  assert.ok(!isValidLot('LOT#1'));
});
