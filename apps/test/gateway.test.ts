// The gateway's story against a dev node and a gateway, both processes started here: a record is
// uploaded, anchored and released only to readers the chain permits and whose read is logged on
// chain; amended, revoked, read under break-glass, tampered with on disk, and erased until nothing
// of it is left in the store. Then the refusals: each bad request a clear OperationOutcome, and
// nothing stored.

import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { CarechainPrimitivesAccessDecision } from '@polkadot/types/lookup';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { gatewayBinary, nodeBinary, startGateway, startNode, type RunningGateway, type RunningNode } from '../src/node.js';
import {
  batchAll, big, categoryTag, connect, consent, contentHash, credentials, gateway, hashOf, newCategoryKey, patientCommitment, patients,
  randomSalt, records, signer, submit,
} from '../src/lib/index.js';
import { UNIT, accounts, cli } from './helpers.js';

const VALID_UNTIL_2100 = 4_102_444_800_000n;
const MAX_BODY = 64 * 1024;
/** The most uploads one account may leave waiting for their anchoring, low so the test reaches it. */
const MAX_PENDING = 3;

let node: RunningNode | undefined;
let gw: RunningGateway | undefined;
let api: ApiPromise;
let store: string;
const people = await accounts('Gateway', ['patient', 'doctor', 'nurse', 'stranger'] as const);

before(async () => {
  node = await startNode({ binary: nodeBinary('debug'), chain: 'dev' });
  api = await connect(node.url);
  store = mkdtempSync(join(tmpdir(), 'carechain-gateway-'));
  gw = await startGateway({
    binary: gatewayBinary('debug'), nodeUrl: node.url, store, masterKey: randomBytes(32).toString('hex'),
    args: ['--poll-ms', '200', '--max-body-bytes', String(MAX_BODY), '--max-pending-per-uploader', String(MAX_PENDING)],
  });
  const alice = await signer('//Alice');
  await submit(api, batchAll(api, [
    ...Object.values(people).map((pair) => api.tx.balances.transferKeepAlive(pair.address, 1_000n * UNIT)),
    credentials.issue(api, { subject: people.doctor.address, kind: 'Physician', licenseHash: hashOf('licence'), validUntil: VALID_UNTIL_2100 }),
    credentials.issue(api, { subject: people.nurse.address, kind: 'Nurse', licenseHash: hashOf('licence'), validUntil: VALID_UNTIL_2100 }),
  ]), alice);
});

after(async () => {
  await api?.disconnect();
  await gw?.stop();
  await node?.stop();
  if (store !== undefined) rmSync(store, { recursive: true, force: true });
});

const as = (pair: KeyringPair) => new gateway.Gateway(gw!.url, pair);
const finalised = { finalised: true };

/** Every file in the store, relative to it. */
function files(dir = store, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => statSync(join(dir, name)).isDirectory()
    ? files(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]);
}

/** The gateway's refusal of `request`, checked for its status and a phrase of its reason. */
async function refusal(request: Promise<unknown>, status: number, phrase: RegExp): Promise<gateway.GatewayError> {
  try {
    await request;
  } catch (error) {
    assert.ok(error instanceof gateway.GatewayError, `expected a GatewayError, got ${String(error)}`);
    assert.equal(error.status, status, error.message);
    assert.match(error.diagnostics, phrase);
    return error;
  }
  assert.fail(`expected the gateway to refuse with ${status}`);
}

/** Waits (up to 20 s) until `done` holds. */
async function until(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > deadline) assert.fail(`${what} did not happen within 20 s`);
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

describe('gateway', { concurrency: true }, () => {
  test('upload → anchor → only a logged, permitted read gets the bytes → amend → revoke → break-glass → tamper → erase leaves nothing', async () => {
    const { patient, doctor, nurse, stranger } = people;
    const patientId = big((await submit(api, patients.register(api, patientCommitment(randomSalt(), { resourceType: 'Patient' })), patient))
      .event('patients', 'PatientRegistered').patientId);
    const key = newCategoryKey();
    const labs = categoryTag(key, 'LabResults');
    const consentId = big((await submit(api, consent.grant(api, {
      patientId, grantee: doctor.address, purpose: 'Treatment', categories: [labs], access: 'ReadWrite',
    }), patient)).event('consent', 'ConsentGranted').consentId);

    // The consent as FHIR: the patient sees it, the doctor (its grantee) too, a stranger not.
    const [given] = await as(patient).consents(patientId);
    const provision = given?.['provision'] as Record<string, unknown>;
    assert.deepEqual([given?.['resourceType'], given?.['id'], given?.['status']], ['Consent', String(consentId), 'active']);
    assert.deepEqual(provision['actor'], [{
      role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
      reference: { identifier: { system: 'urn:carechain:account', value: doctor.address } },
    }]);
    assert.deepEqual((provision['purpose'] as { code: string }[]).map((p) => p.code), ['TREAT']);
    assert.deepEqual(provision['class'], [{ system: 'urn:carechain:category-tag', code: labs }]);
    assert.deepEqual((provision['action'] as { coding: { code: string }[] }[]).map((a) => a.coding[0]!.code), ['access', 'correct']);
    assert.deepEqual((await as(doctor).consents(patientId)).map((c) => c['id']), [String(consentId)]);
    assert.deepEqual(await as(stranger).consents(patientId), []);

    // The doctor uploads a lab result; the gateway answers what to anchor, and keeps it pending.
    const v1 = stringToU8a('{"resourceType":"Observation","code":{"text":"glucose"},"valueQuantity":{"value":5.4}}');
    const up1 = await as(doctor).upload(patientId, labs, v1);
    assert.notEqual(up1.contentHash, hashOf(v1), 'the content hash is salted');
    assert.deepEqual(files().filter((f) => f.startsWith('pending/')), [`pending/${up1.storageRef.slice(2)}`]);
    assert.ok(!readFileSync(join(store, 'pending', up1.storageRef.slice(2))).toString('latin1').includes('glucose'), 'stored encrypted');
    // A stranger may not upload for this patient.
    await refusal(as(stranger).upload(patientId, labs, v1), 403, /does not permit you to write patient \d+'s records.*Denied/);

    const r1 = big((await submit(api, records.anchor(api, { patientId, category: labs, ...up1 }), doctor, finalised))
      .event('records', 'RecordAnchored').recordId);
    await until('the anchored upload is bound', () => files().includes(`records/${up1.storageRef.slice(2)}`));
    assert.ok(files().includes(`by-record/${r1}`));

    // A stranger is refused with the chain's decision, log or not.
    await refusal(as(stranger).read(r1), 403, /does not permit you to read record \d+ for Treatment: its decision is Denied/);
    // The doctor, permitted, is refused until the read is on the chain's log.
    await refusal(as(doctor).read(r1), 403, /no logged read: call Records\.log_access/);
    const anchorBlock = (await submit(api, records.logAccess(api, r1, 'Payment'), doctor).catch(() => undefined));
    assert.equal(anchorBlock, undefined, 'a Payment read is not permitted by a Treatment consent');
    const log1 = await submit(api, records.logAccess(api, r1, 'Treatment'), doctor, finalised);
    const read1 = await gateway.retryWhileNotFinal(() => as(doctor).read(r1, log1.blockHash));
    assert.deepEqual(read1.body, v1, 'the exact bytes');
    assert.equal(contentHash(Buffer.from(read1.salt.slice(2), 'hex'), read1.body), up1.contentHash, 'which hash to the anchor');
    assert.equal((await records.record(api, r1))?.contentHash, up1.contentHash);
    assert.equal(read1.status, 'current');
    // The log is bound to its record, reader and purpose.
    await refusal(as(doctor).read(r1, log1.blockHash, 'Research'), 403, /does not permit you to read record \d+ for Research/);
    const other = await submit(api, api.tx.system.remark('not a read'), doctor, finalised);
    await refusal(as(doctor).read(r1, other.blockHash), 403, /holds no read of record \d+ by you for Treatment/);
    // Another anchor naming r1's storage reference and hash (both public on chain) opens nothing:
    // a body is bound to the one record version whose final anchoring matched its upload.
    const copy = big((await submit(api, records.anchor(api, { patientId, category: labs, ...up1 }), doctor)).event('records', 'RecordAnchored').recordId);
    const logCopy = await submit(api, records.logAccess(api, copy, 'Treatment'), doctor, finalised);
    await refusal(as(doctor).read(copy, logCopy.blockHash), 404, /does not hold record \d+'s body/);

    // Listing: the doctor sees the record; the stranger sees nothing of it.
    const listed = await as(doctor).documents(patientId);
    assert.deepEqual(listed.sort((a, b) => Number(a.recordId - b.recordId)).map((d) => [d.recordId, d.status, d.version, d.contentHash, d.category, d.held]),
      [[r1, 'current', 1, up1.contentHash, labs, true], [copy, 'current', 1, up1.contentHash, labs, false]]);
    assert.deepEqual(await as(stranger).documents(patientId), []);
    // A page at a time (the bundle's next link carries the cursor): the same list, in the same order.
    assert.deepEqual((await as(doctor).documents(patientId, 'Treatment', 1)).map((d) => d.recordId), (await as(doctor).documents(patientId)).map((d) => d.recordId));

    // The patient self-reports a record through the gateway (no consent needed), and the doctor,
    // permitted on its category, reads it once the read is logged.
    const own = stringToU8a('{"resourceType":"Observation","code":{"text":"home glucose"},"valueQuantity":{"value":6.1}}');
    const upOwn = await as(patient).upload(patientId, labs, own);
    const rOwn = big((await submit(api, records.anchor(api, { patientId, category: labs, ...upOwn }), patient, finalised))
      .event('records', 'RecordAnchored').recordId);
    assert.equal((await records.record(api, rOwn))?.selfReported, true);
    const logOwn = await submit(api, records.logAccess(api, rOwn, 'Treatment'), doctor, finalised);
    assert.deepEqual((await gateway.retryWhileNotFinal(() => as(doctor).read(rOwn, logOwn.blockHash))).body, own);
    // The patient reads its own records without any consent: its read is on the log all the
    // same (OwnRecordAccessed), and that log is its ticket, as the doctor's is the doctor's.
    await refusal(as(patient).read(r1), 403, /no logged read: call Records\.log_access/);
    await refusal(as(patient).read(r1, log1.blockHash), 403, /holds no read of your own record \d+ by you for Treatment/);
    const logMine = await submit(api, records.logAccess(api, r1, 'Treatment'), patient, finalised);
    assert.equal(big(logMine.event('records', 'OwnRecordAccessed').recordId), r1);
    assert.deepEqual((await gateway.retryWhileNotFinal(() => as(patient).read(r1, logMine.blockHash))).body, v1);
    await refusal(as(doctor).read(r1, logMine.blockHash), 403, /holds no read of record \d+ by you for Treatment/);
    // The patient's own list holds every one of its records, whatever the consents say.
    assert.deepEqual((await as(patient).documents(patientId, 'Research')).map((d) => d.recordId).sort(), [r1, copy, rOwn].sort());

    // An amendment: the old version is still served, with its status.
    const v2 = stringToU8a('{"resourceType":"Observation","code":{"text":"glucose"},"valueQuantity":{"value":5.6}}');
    const up2 = await as(doctor).upload(patientId, labs, v2);
    const r2 = big((await submit(api, records.amend(api, r1, up2.contentHash, up2.storageRef), doctor, finalised)).event('records', 'RecordAmended').recordId);
    const log1again = await submit(api, records.logAccess(api, r1, 'Treatment'), doctor, finalised);
    const old = await gateway.retryWhileNotFinal(() => as(doctor).read(r1, log1again.blockHash));
    assert.deepEqual([old.body, old.status, old.supersededBy], [v1, 'superseded', r2]);
    const log2 = await submit(api, records.logAccess(api, r2, 'Treatment'), doctor, finalised);
    assert.deepEqual((await gateway.retryWhileNotFinal(() => as(doctor).read(r2, log2.blockHash))).body, v2);

    // A body altered on disk is never served.
    const v3 = stringToU8a('{"resourceType":"Observation","code":{"text":"HbA1c"}}');
    const up3 = await as(doctor).upload(patientId, labs, v3);
    const r3 = big((await submit(api, records.anchor(api, { patientId, category: labs, ...up3 }), doctor, finalised)).event('records', 'RecordAnchored').recordId);
    const log3 = await submit(api, records.logAccess(api, r3, 'Treatment'), doctor, finalised);
    assert.deepEqual((await gateway.retryWhileNotFinal(() => as(doctor).read(r3, log3.blockHash))).body, v3);
    const path3 = join(store, 'records', up3.storageRef.slice(2));
    const bytes = readFileSync(path3);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    writeFileSync(path3, bytes);
    const log3again = await submit(api, records.logAccess(api, r3, 'Treatment'), doctor, finalised);
    await refusal(as(doctor).read(r3, log3again.blockHash), 500, /failed its integrity check and was not served/);

    // The CLI does the same: upload and anchor; log, fetch and check against the anchor.
    const file = join(store, '..', `${patientId}-panel.json`);
    writeFileSync(file, '{"resourceType":"Observation","code":{"text":"lipid panel"}}');
    const common = ['--url', node!.url, '--gateway', gw!.url, '--suri', '//Gateway/doctor', '--quiet'];
    const upload = await cli(['record', 'upload', '--patient-id', String(patientId), '--tag', labs, '--file', file, ...common]);
    assert.equal(upload.code, 0, upload.stderr);
    const r4 = BigInt(upload.json['recordId']!);
    assert.equal((await records.record(api, r4))?.contentHash, upload.json['contentHash']);
    const out = `${file}.read`;
    const read = await cli(['record', 'read', '--record-id', String(r4), '--out', out, ...common]);
    assert.equal(read.code, 0, read.stderr);
    assert.deepEqual([read.json['verification'], read.json['status']], ['Match', 'current']);
    assert.equal(readFileSync(out, 'utf8'), readFileSync(file, 'utf8'));
    const again = await cli(['record', 'read', '--record-id', String(r4), '--out', out, ...common]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);
    const strangers = await cli(['record', 'read', '--record-id', String(r4), '--out', `${out}2`, ...common.slice(0, 4), '--suri', '//Gateway/stranger']);
    assert.equal(strangers.code, 1);
    assert.match(strangers.stderr, /the chain refused: records\.NotPermittedToRead/);
    rmSync(file);
    rmSync(out);

    // The patient revokes: the doctor's logged read no longer opens anything.
    await submit(api, consent.revoke(api, consentId), patient, finalised);
    await refusal(as(doctor).read(r2, log2.blockHash), 403, /its decision is Denied/);
    assert.deepEqual(await as(patient).consents(patientId), [], 'a revoked consent leaves the chain\'s state, and the list');

    // A nurse breaks the glass, logs the read, and reads: the log names the emergency access.
    const accessId = big((await submit(api, consent.breakGlass(api, patientId, 'PatientUnconscious', hashOf('ER note')), nurse, finalised))
      .event('consent', 'EmergencyAccessOpened').accessId);
    await refusal(as(nurse).read(r2, log2.blockHash), 403, /holds no read of record \d+ by you/);
    const emergency = await submit(api, records.logAccess(api, r2, 'Treatment'), nurse, finalised);
    assert.deepEqual(consent.decodeDecision(emergency.event('records', 'RecordAccessed').decision as CarechainPrimitivesAccessDecision), { kind: 'Emergency', accessId });
    assert.deepEqual((await gateway.retryWhileNotFinal(() => as(nurse).read(r2, emergency.blockHash))).body, v2);

    // The patient erases the record: within a finalised block, nothing of it is left in the store.
    const kept = files();
    for (const ref of [up1.storageRef, up2.storageRef]) assert.ok(kept.includes(`records/${ref.slice(2)}`));
    await submit(api, records.erase(api, r2), patient, finalised);
    const gone = (f: string) => [up1.storageRef, up2.storageRef].some((ref) => f.includes(ref.slice(2))) || f === `by-record/${r1}` || f === `by-record/${r2}`;
    await until('the erased versions are shredded', () => !files().some(gone));
    for (const file of files()) {
      const content = readFileSync(join(store, file)).toString('latin1');
      for (const ref of [up1.storageRef, up2.storageRef]) assert.ok(!content.includes(ref.slice(2)), `${file} names no erased version`);
    }
    await refusal(as(nurse).read(r2, emergency.blockHash), 410, /was erased/);
    await refusal(as(nurse).read(r1, emergency.blockHash), 410, /was erased/);

    // Who read my records: only from an indexer, which this gateway has none of.
    await refusal(as(doctor).auditEvents(patientId), 403, /only patient \d+ \(its current key\) or a live delegate/);
    await refusal(as(patient).auditEvents(patientId), 503, /no indexer is configured/);

    // Uploads never anchored: the patient may leave at most MAX_PENDING waiting (its earlier
    // ones, anchored, no longer count), then is refused until some are anchored or expire.
    const waiting = files().filter((f) => f.startsWith('pending/')).length;
    for (let i = 0; i < MAX_PENDING; i++) await as(patient).upload(patientId, labs, stringToU8a(`{"n":${i}}`));
    await refusal(as(patient).upload(patientId, labs, stringToU8a('{"n":"more"}')), 429,
      new RegExp(`you have ${MAX_PENDING} uploads waiting for their anchoring`));
    assert.equal(files().filter((f) => f.startsWith('pending/')).length, waiting + MAX_PENDING, 'the refused one is not stored');
  });

  test('bad requests: each a clear OperationOutcome, and nothing stored', async () => {
    const { doctor, stranger } = people;
    const before = files().filter((f) => f.startsWith('pending/')).length;
    const post = (body: Uint8Array, headers?: Record<string, string>) => as(doctor).request('POST', '/fhir/DocumentReference', body, headers);
    const tag = u8aToHex(randomBytes(16));
    // Malformed FHIR.
    await refusal(post(stringToU8a('{"resourceType":')), 422, /not JSON/);
    await refusal(post(stringToU8a(JSON.stringify({ resourceType: 'Patient' }))), 422, /must be a FHIR DocumentReference/);
    const noCategory = { ...(gateway.documentReference(1n, tag as `0x${string}`, stringToU8a('x')) as object), category: [] };
    await refusal(post(stringToU8a(JSON.stringify(noCategory))), 422, /exactly one coding of system urn:carechain:category-tag/);
    // Oversized.
    const huge = gateway.documentReference(1n, tag as `0x${string}`, new Uint8Array(MAX_BODY));
    await refusal(post(stringToU8a(JSON.stringify(huge))), 413, new RegExp(`larger than this gateway's limit of ${MAX_BODY} bytes`));
    // Unsigned, signed by another key, stale, replayed.
    const url = new URL('/fhir/Binary/1', gw!.url);
    const unsigned = await fetch(url);
    assert.equal(unsigned.status, 401);
    assert.equal(unsigned.headers.get('content-type'), 'application/fhir+json');
    assert.match((await gateway.gatewayError(unsigned)).diagnostics, /not signed/);
    const forged = { ...gateway.signRequest(stranger, 'GET', '/fhir/Binary/1'), 'X-Carechain-Account': doctor.address };
    assert.match((await gateway.gatewayError(await fetch(url, { headers: forged }))).diagnostics, /signature does not match/);
    const stale = gateway.signRequest(doctor, 'GET', '/fhir/Binary/1', new Uint8Array(), Date.now() - 3_600_000);
    assert.match((await gateway.gatewayError(await fetch(url, { headers: stale }))).diagnostics, /signed 3600 s away/);
    const once = gateway.signRequest(doctor, 'GET', '/fhir/Binary/999999');
    assert.equal((await fetch(new URL('/fhir/Binary/999999', gw!.url), { headers: once })).status, 404, 'the first use of a nonce is answered');
    const replay = await fetch(new URL('/fhir/Binary/999999', gw!.url), { headers: once });
    assert.equal(replay.status, 401);
    assert.match((await gateway.gatewayError(replay)).diagnostics, /replay/);
    // Unknown records, bad ids and purposes, unknown endpoints.
    await refusal(as(doctor).read(999_999n), 404, /no record 999999 is anchored/);
    await refusal(as(doctor).request('GET', '/fhir/Binary/abc'), 422, /not a record id/);
    await refusal(as(doctor).read(1n, undefined, 'Gossip'), 422, /purpose must be one of/);
    await refusal(as(doctor).request('GET', '/fhir/DocumentReference'), 422, /search by patient/);
    await refusal(as(doctor).request('GET', '/fhir/Patient/1'), 404, /not an endpoint of this gateway/);
    await refusal(as(doctor).request('GET', '/unchecked/Binary/1'), 404, /not an endpoint of this gateway/); // a gateway built for use has no unchecked path
    await refusal(as(doctor).request('DELETE', '/fhir/Binary/1'), 405, /DELETE is not supported/);
    await refusal(as(doctor).request('GET', '/fhir/Consent'), 422, /search by patient/);
    await refusal(as(doctor).request('GET', '/fhir/AuditEvent?patient=0&date=yesterday'), 422, /date must be ge or le/);
    await refusal(as(doctor).request('GET', '/fhir/AuditEvent?patient=0&_offset=-1'), 422, /_offset must be a whole number/);
    assert.equal(files().filter((f) => f.startsWith('pending/')).length, before, 'no refused upload was stored');
  });
});
