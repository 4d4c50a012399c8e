// The shared test vectors that the Rust pallets and primitives check too: the client hashes,
// derives category tags and builds pack proofs byte for byte as the chain's crates do. No node
// needed.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import {
  CATEGORY_CARD_FORMAT, CATEGORY_KEY_FORMAT, RECORD_CATEGORIES, canonicalJson, categoryCard, categoryFromCard, categoryOf,
  categoryTag, categoryTags, contentHash, exportCategoryKey, newCategoryKey, parseCategoryCard, parseCategoryKeyExport,
  randomCategoryTag, tagFromCard, type CategoryTag, type RecordCategory, gtinFromBody, isValidGtin, isValidLot, isValidSerial, isValidSerialBytes, patientCommitment,
  proofLength, serialLeafHash, serialProof, serialProofProblem, serialsRoot, serialTreeRows, verifySerialProof, type Hash,
  claims, trials,
} from '../src/lib/index.js';
import { VECTOR_FILE, hashChainReaches, vectorText, type Vectors } from './generate-serial-vectors.js';

const vector = <T>(path: string): T => JSON.parse(readFileSync(new URL(`../../pallets/${path}`, import.meta.url), 'utf8')) as T;
const primitivesVector = <T>(path: string): T => JSON.parse(readFileSync(new URL(`../../primitives/${path}`, import.meta.url), 'utf8')) as T;

test('claim duplicate keys match carechain-primitives', () => {
  const { about, cases } = primitivesVector<{
    about: string;
    cases: { salt: Hash; patient_id: number; provider: Hash; service_date: number; codes: string[]; duplicate_key: Hash }[];
  }>('test-vectors/duplicate-keys.json');
  assert.match(about, /blake2_256\("carechain\/claims\/duplicate-key\/v1"/, 'the file states the recipe');
  assert.ok(cases.length >= 4);
  for (const c of cases) {
    assert.equal(claims.duplicateKey(hexToU8a(c.salt), BigInt(c.patient_id), hexToU8a(c.provider), c.service_date, c.codes),
      c.duplicate_key, `codes ${c.codes.join(',')}`);
  }
  const salt = new Uint8Array(32).fill(7);
  const provider = new Uint8Array(32).fill(1);
  assert.equal(claims.duplicateKey(salt, 17n, provider, 20_000, ['99213', 'J1100']),
    claims.duplicateKey(salt, 17n, provider, 20_000, ['j1100', '99213', '99213']), 'order, case and repeats do not matter');
  assert.throws(() => claims.duplicateKey(new Uint8Array(31), 1n, provider, 1, ['1']), /salt is 32 bytes/);
  // Days and money, as the pallet counts them.
  assert.equal(claims.dateToDay('2026-12-06'), 20_793);
  assert.equal(claims.dayToDate(20_793), '2026-12-06');
  assert.throws(() => claims.dateToDay('06/12/2026'), /YYYY-MM-DD/);
  assert.deepEqual(claims.money('125.5', 'EUR'), { amount: 12_550n, currency: 'EUR' });
  assert.throws(() => claims.money('0.00', 'EUR'), /more than zero/);
  assert.throws(() => claims.money('1', 'eur'), /ISO 4217/);
  assert.equal(claims.formatMoney(12_550n, 'EUR'), '125.50 EUR');
});

test('study category commitments match carechain-primitives', () => {
  const { about, cases } = primitivesVector<{ about: string; cases: { salt: Hash; categories: string[]; categories_hash: Hash }[] }>(
    'test-vectors/study-categories.json');
  assert.match(about, /blake2_256\("carechain\/study-categories\/v1"/, 'the file states the recipe');
  assert.ok(cases.length >= 3);
  for (const c of cases) {
    assert.equal(trials.studyCategoriesHash(hexToU8a(c.salt), c.categories as RecordCategory[]), c.categories_hash, c.categories.join());
  }
  const salt = new Uint8Array(32).fill(9);
  assert.equal(trials.studyCategoriesHash(salt, ['Genomics', 'LabResults']), trials.studyCategoriesHash(salt, ['LabResults', 'Genomics', 'LabResults']),
    'order and repeats do not matter');
  assert.throws(() => trials.studyCategoriesHash(new Uint8Array(31), ['Genomics']), /32 bytes, not 31/);
  assert.throws(() => trials.studyCategoriesHash(salt, ['Dentistry' as RecordCategory]), /"Dentistry" is not a record category/);
  assert.ok(trials.mayBecome('NotYetRecruiting', 'Recruiting') && !trials.mayBecome('Completed', 'Recruiting'));
});

test('category tags match carechain-primitives', () => {
  const { about, cases } = primitivesVector<{ about: string; cases: { key: Hash; category: string; tag: CategoryTag }[] }>(
    'test-vectors/category-tags.json');
  assert.match(about, /blake2_128\("carechain\/category-tag\/v1" ‖ key ‖ category index\)/, 'the file states the recipe');
  assert.ok(cases.length >= RECORD_CATEGORIES.length);
  const named = new Set<string>();
  for (const c of cases) {
    assert.ok((RECORD_CATEGORIES as readonly string[]).includes(c.category), `${c.category} is a category`);
    const category = c.category as RecordCategory;
    const key = hexToU8a(c.key);
    assert.equal(categoryTag(key, category), c.tag, `${c.key} ${category}`);
    assert.equal(categoryTags(key)[category], c.tag);
    assert.equal(categoryOf(key, c.tag), category);
    assert.equal(categoryOf(key, c.tag.toUpperCase().replace('0X', '0x')), category, 'hex case does not matter');
    named.add(category);
  }
  assert.equal(named.size, RECORD_CATEGORIES.length, 'every category has a vector');
  // The recipe, spelled out: the category's index is its declaration order.
  const key = newCategoryKey();
  assert.equal(key.length, 32);
  assert.equal(categoryTag(key, 'Billing'),
    u8aToHex(blake2AsU8a(u8aConcat(stringToU8a('carechain/category-tag/v1'), key, new Uint8Array([12])), 128)));
  assert.throws(() => categoryTag(new Uint8Array(31), 'LabResults'), /a category key is 32 bytes, not 31/);
  assert.throws(() => categoryTag(key, 'Dentistry' as RecordCategory), /"Dentistry" is not a record category/);
  // Another patient's key names none of this one's tags; nor does any key name a random tag.
  const other = newCategoryKey();
  for (const tag of Object.values(categoryTags(key))) assert.equal(categoryOf(other, tag), undefined);
  const random = randomCategoryTag();
  assert.match(random, /^0x[0-9a-f]{32}$/);
  assert.equal(categoryOf(key, random), undefined);
});

test('category cards name exactly the categories given, and malformed cards and key files are refused', () => {
  const key = newCategoryKey();
  const card = categoryCard(key, 7n, ['LabResults', 'ClinicalNotes']);
  assert.deepEqual(card, {
    format: CATEGORY_CARD_FORMAT, patientId: '7', tags: { LabResults: categoryTag(key, 'LabResults'), ClinicalNotes: categoryTag(key, 'ClinicalNotes') },
  });
  assert.deepEqual(parseCategoryCard(JSON.stringify(card)), card, 'a card survives JSON');
  assert.equal(tagFromCard(card, 'LabResults'), categoryTag(key, 'LabResults'));
  assert.throws(() => tagFromCard(card, 'MentalHealth'), /category card of patient 7 has no tag for MentalHealth \(it names LabResults, ClinicalNotes\)/);
  assert.equal(categoryFromCard(card, categoryTag(key, 'ClinicalNotes')), 'ClinicalNotes');
  assert.equal(categoryFromCard(card, categoryTag(key, 'MentalHealth')), undefined, 'the card names nothing it was not given');
  assert.equal(categoryFromCard(card, categoryTag(newCategoryKey(), 'LabResults')), undefined, 'nor another patient\'s tag');
  assert.throws(() => categoryCard(key, 7, []), /at least one category/);
  assert.throws(() => categoryCard(key, 7, ['LabResults', 'LabResults']), /LabResults is given twice/);
  assert.throws(() => categoryCard(key, -1, ['LabResults']), /patient id must be a non-negative integer/);

  const tag = categoryTag(key, 'LabResults');
  const cardJson = (change: Record<string, unknown>) => JSON.stringify({ ...card, ...change });
  assert.throws(() => parseCategoryCard('{not json'), /category card is not JSON/);
  assert.throws(() => parseCategoryCard('[1]'), /not a JSON object/);
  assert.throws(() => parseCategoryCard(cardJson({ format: 'carechain-category-key/v1' })),
    /the format must be "carechain-category-card\/v1" \(found "carechain-category-key\/v1"\)/);
  assert.throws(() => parseCategoryCard(cardJson({ format: undefined })), /found none/);
  assert.throws(() => parseCategoryCard(cardJson({ patientId: 'seven' })), /patient id must be a non-negative integer/);
  assert.throws(() => parseCategoryCard(cardJson({ patientId: '18446744073709551616' })), /non-negative integer/, 'beyond u64');
  assert.throws(() => parseCategoryCard(cardJson({ patientId: null })), /"patientId" must be the patient's id/);
  assert.equal(parseCategoryCard(cardJson({ patientId: 7 })).patientId, '7', 'a number is read as the id');
  assert.throws(() => parseCategoryCard(cardJson({ tags: [] })), /"tags" must be an object/);
  assert.throws(() => parseCategoryCard(cardJson({ tags: {} })), /names no category/);
  assert.throws(() => parseCategoryCard(cardJson({ tags: { Dentistry: tag } })), /"Dentistry" is not a record category/);
  assert.throws(() => parseCategoryCard(cardJson({ tags: { LabResults: tag.slice(0, 32) } })), /tag of LabResults must be 16 bytes of 0x-hex/);
  assert.throws(() => parseCategoryCard(cardJson({ tags: { LabResults: `${tag}00` } })), /16 bytes/);
  assert.throws(() => parseCategoryCard(cardJson({ tags: { LabResults: 5 } })), /16 bytes/);
  assert.throws(() => parseCategoryCard(cardJson({ tags: { LabResults: tag, Imaging: tag.toUpperCase().replace('0X', '0x') } })),
    /LabResults and Imaging have the same tag/);
  assert.equal(parseCategoryCard(cardJson({ tags: { LabResults: tag.toUpperCase().replace('0X', '0x') } })).tags.LabResults, tag, 'tags are read in lower case');

  const exported = exportCategoryKey(key, 7n);
  assert.deepEqual(exported, { format: CATEGORY_KEY_FORMAT, patientId: '7', key: u8aToHex(key) });
  assert.deepEqual(parseCategoryKeyExport(JSON.stringify(exported)), { patientId: '7', key });
  const keyJson = (change: Record<string, unknown>) => JSON.stringify({ ...exported, ...change });
  assert.throws(() => parseCategoryKeyExport('nope'), /category key file is not JSON/);
  assert.throws(() => parseCategoryKeyExport(JSON.stringify(card)), /the format must be "carechain-category-key\/v1" \(found "carechain-category-card\/v1"\)/);
  assert.throws(() => parseCategoryKeyExport(keyJson({ patientId: '' })), /patient id must be a non-negative integer/);
  assert.throws(() => parseCategoryKeyExport(keyJson({ key: u8aToHex(key.subarray(0, 16)) })), /"key" must be 32 bytes of 0x-hex/);
  assert.throws(() => parseCategoryKeyExport(keyJson({ key: undefined })), /"key" must be 32 bytes/);
  assert.throws(() => exportCategoryKey(new Uint8Array(16), 7), /32 bytes, not 16/);
});

test('serial-number trees and proofs match pallet-supply-chain', () => {
  const { about, cases } = vector<Vectors>('supply-chain/test-vectors/serials.json');
  assert.match(about, /0x00 ‖ serial/, 'the file states the leaf recipe');
  assert.ok(cases.length >= 5);
  for (const { serials, root, proofs } of cases) {
    assert.equal(serialsRoot(serials), root, `root of ${serials.join(',')}`);
    assert.equal(proofs.length, serials.length);
    serials.forEach((serial, i) => {
      const proof = serialProof(serials, i);
      assert.deepEqual(proof, proofs[i]);
      assert.equal(proof.items.length, proofLength(i, serials.length));
      assert.ok(verifySerialProof(root, serial, proof, serials.length));
      assert.ok(verifySerialProof(root, stringToU8a(serial), proof), 'the same serial as bytes');
      assert.ok(!verifySerialProof(root, `${serial.slice(0, 19)}X`, proof), 'another serial fails');
      // A leaf hashes 0x00 ‖ serial, not the serial alone.
      assert.equal(serialTreeRows(serials)[0]?.[i], u8aToHex(blake2AsU8a(u8aConcat(new Uint8Array([0]), stringToU8a(serial)), 256)));
    });
  }
});

test('the shared forgeries do not verify', () => {
  const { cases, forgeries } = vector<Vectors>('supply-chain/test-vectors/serials.json');
  assert.ok(forgeries.length >= 3);
  const kinds = { preimage: 0, numberOfLeaves: 0 };
  for (const { root, serialHex, proof, why } of forgeries) {
    assert.ok(why.length > 0);
    const bytes = hexToU8a(serialHex);
    // The lot the forgery targets, and its commissioned quantity (one unit per serial).
    const lot = cases.find((c) => c.root === root);
    assert.ok(lot !== undefined, `a forgery targets one of the cases: ${why}`);
    assert.equal(serialProofProblem(root, bytes, proof, lot.serials.length) === undefined, false, why);
    assert.ok(!verifySerialProof(root, bytes, proof, lot.serials.length), why);
    if (bytes.length === 64) {
      // An inner node's 64-byte preimage: not a serial, and the 0x00 prefix alone defeats it.
      kinds.preimage++;
      assert.ok(!isValidSerialBytes(bytes), why);
      assert.ok(!verifySerialProof(root, bytes, proof), why);
      assert.ok(hashChainReaches(root, blake2AsU8a(bytes, 256), proof), `without the leaf prefix it would verify: ${why}`);
      assert.ok(!hashChainReaches(root, hexToU8a(serialLeafHash(bytes)), proof), why);
    } else {
      // A real serial's real proof with numberOfLeaves changed: only the counts refuse it.
      kinds.numberOfLeaves++;
      assert.ok(isValidSerialBytes(bytes), why);
      assert.notEqual(proof.numberOfLeaves, lot.serials.length, why);
      assert.ok(hashChainReaches(root, hexToU8a(serialLeafHash(bytes)), proof), why);
      assert.ok(verifySerialProof(root, bytes, { ...proof, numberOfLeaves: lot.serials.length }), `honest, it verifies: ${why}`);
    }
  }
  assert.ok(kinds.preimage >= 2 && kinds.numberOfLeaves >= 1, 'inner-node and leaf-count forgeries are both covered');
  // (a): the root's preimage as a one-pack lot is not even a valid serial.
  const [first] = forgeries;
  assert.ok(first !== undefined && first.proof.numberOfLeaves === 1 && first.proof.items.length === 0);
  assert.match(serialProofProblem(first.root, hexToU8a(first.serialHex), first.proof) ?? '', /not a GS1 serial/);
});

test('serials.json is exactly what generate-serial-vectors.ts writes', () => {
  assert.equal(readFileSync(VECTOR_FILE, 'utf8'), vectorText(), 'regenerate it: npx tsx test/generate-serial-vectors.ts');
});

test('serial trees refuse what a lot cannot hold, and proofs are checked as the runtime does', () => {
  assert.throws(() => serialsRoot([]), /at least one serial number/);
  assert.throws(() => serialProof([], 0), /at least one serial number/);
  assert.throws(() => serialsRoot(['A1', 'A 2']), /serial 2 of 2 \("A 2"\) is not a GS1 serial/);
  assert.throws(() => serialsRoot(['A1', 'x'.repeat(21)]), /is not a GS1 serial/);
  assert.throws(() => serialProof(['A1', 'A2', 'A1'], 0), /"A1" is listed twice \(serials 1 and 3 of 3\)/);
  assert.throws(() => serialProof(['A'], 1), /outside the lot/);
  const serials = ['S1', 'S2', 'S3', 'S4', 'S5'];
  const root = serialsRoot(serials);
  const proof = serialProof(serials, 4);
  assert.ok(verifySerialProof(root, 'S5', proof, 5));
  assert.match(serialProofProblem(root, 'S5', proof, 6) ?? '', /the lot has 6 serials/);
  assert.match(serialProofProblem(root, 'S5', { ...proof, leafIndex: 5 }) ?? '', /not among 5 leaves/);
  assert.match(serialProofProblem(root, 'S5', { ...proof, items: [...proof.items, proof.items[0]!] }) ?? '', /proof of 1 items, not 2/);
  assert.match(serialProofProblem(root, 'S 5', proof) ?? '', /not a GS1 serial/);
  assert.match(serialProofProblem(root, 'S4', proof) ?? '', /does not lead to the lot's root/);
  // binary-merkle-tree's proof lengths: a promoted node adds no item at its level.
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => proofLength(i, 5)), [3, 3, 3, 3, 1]);
  assert.deepEqual([0, 1, 2].map((i) => proofLength(i, 3)), [2, 2, 1]);
  assert.equal(proofLength(0, 1), 0);
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
  assert.ok(isValidSerial('SN-0001'));
  assert.ok(isValidSerial('Zz-09/.:!"%&\'()*+,;<=>?_'.slice(0, 20)));
  assert.ok(isValidSerial('12345678901234567890'));
  assert.ok(!isValidSerial('123456789012345678901'), 'at most 20 characters');
  assert.ok(!isValidSerial(''));
  assert.ok(!isValidSerial('SN 1'));
  assert.ok(!isValidSerial('SN#1'));
  assert.ok(!isValidSerial('SNé'));
  assert.ok(isValidSerialBytes(stringToU8a('SN-0001')));
  assert.ok(!isValidSerialBytes(new Uint8Array([0x53, 0x00])), 'a NUL byte is not in set 82');
  assert.ok(!isValidSerialBytes(new Uint8Array(64).fill(0x41)), '64 bytes are too long');
});

test('the load harness derives the synthetic population as the runtime builds it', async () => {
  const { anchoredTag, groupsOf, patientAccount, patientCategoryKey, physicianOf, recordHashes, withPopulation } =
    await import('../src/load/population.js');
  const { decodeAddress } = await import('@polkadot/util-crypto');
  const vectors = JSON.parse(readFileSync(new URL('../../runtime/test-vectors/population.json', import.meta.url), 'utf8')) as {
    patients: { i: number; account: string; physician: number; category_key?: string; lab_results_tag?: string }[];
    records: { i: number; j: number; content_hash: string; storage_ref: string }[];
  };
  assert.equal(vectors.patients.length, 3);
  for (const p of vectors.patients) {
    assert.equal(u8aToHex(decodeAddress(patientAccount(p.i))), p.account, `patient ${p.i}`);
    assert.equal(physicianOf(p.i), p.physician);
    if (p.category_key !== undefined) {
      assert.equal(u8aToHex(patientCategoryKey(p.i)), p.category_key);
      assert.equal(anchoredTag(p.i), p.lab_results_tag);
    }
  }
  for (const r of vectors.records) assert.deepEqual(recordHashes(r.i, r.j), [r.content_hash, r.storage_ref]);
  assert.throws(() => recordHashes(-1, 0), /not a u32/);
  // Physician 7's patients, ten to an extrinsic: 7, 207, … and a short last group.
  const groups = groupsOf(7, 2_500, 10);
  assert.deepEqual(groups.map((g) => g.length), [10, 3]);
  assert.deepEqual(groups[1], [2_007, 2_207, 2_407]);
  assert.throws(() => withPopulation({ genesis: { raw: {} } }, { patients: 1, recordsPerPatient: 0 }), /not --raw/);
  const spec = withPopulation({ genesis: { runtimeGenesis: { patch: { balances: {} } } } }, { patients: 5, recordsPerPatient: 0 });
  assert.deepEqual(spec, { genesis: { runtimeGenesis: { patch: { balances: {}, population: { patients: 5, recordsPerPatient: 0 } } } } });
});

test('the load harness takes a resubmission the pool holds as accepted and tries again over a lost connection', async () => {
  const { classifySubmitError, submitOne, SUBMIT_TRIES } = await import('../src/load/chain.js');
  assert.equal(classifySubmitError('1013: Transaction Already Imported'), 'accepted');
  assert.equal(classifySubmitError('disconnected from ws://127.0.0.1:9944: 1006:: Abnormal Closure'), 'retry');
  assert.equal(classifySubmitError('No response received from RPC endpoint in 60s'), 'retry');
  assert.equal(classifySubmitError('1016: Immediately Dropped: The transaction couldn\'t enter the pool'), 'retry');
  assert.equal(classifySubmitError('1010: Invalid Transaction: Transaction is outdated'), 'refused');
  // A provider whose answers are scripted: a lost connection, then the pool already has it.
  const fake = (answers: (string | undefined)[]) => {
    const provider = { calls: 0, isConnected: true, isReady: Promise.resolve(),
      send: async () => {
        const answer = answers[provider.calls++];
        if (answer !== undefined) throw new Error(answer);
        return '0x00';
      } };
    return provider;
  };
  type Provider = Parameters<typeof submitOne>[0];
  const lost = fake(['disconnected from ws://127.0.0.1:9944: 1006:: Abnormal Closure', '1013: Transaction Already Imported']);
  assert.equal(await submitOne(lost as unknown as Provider, '0x00', 1), undefined);
  assert.equal(lost.calls, 2);
  const invalid = fake(['1010: Invalid Transaction: Transaction is outdated']);
  assert.equal(await submitOne(invalid as unknown as Provider, '0x00', 1), '1010: Invalid Transaction: Transaction is outdated');
  assert.equal(invalid.calls, 1);
  const down = fake(Array.from({ length: SUBMIT_TRIES }, () => 'WebSocket is not connected'));
  assert.match(await submitOne(down as unknown as Provider, '0x00', 1) ?? '', /not connected \(after 6 tries\)/);
  assert.equal(down.calls, SUBMIT_TRIES);
});
