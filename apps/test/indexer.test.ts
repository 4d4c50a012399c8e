// The indexer against a pruned node: the clinical, supply and trials stories run (the e2e file's own,
// against this node), the processor is killed mid-story and restarted, more than the pruning
// window passes, and then the indexer must still answer every event of the stories, exact,
// while the node itself can no longer read the first story block's events.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import type { ApiPromise } from '@polkadot/api';
import { Enum, Null, Option, Struct, bool } from '@polkadot/types';
import { GenericAccountId } from '@polkadot/types/generic';
import { AbstractArray, AbstractInt } from '@polkadot/types-codec/abstract';
import { Raw } from '@polkadot/types-codec';
import type { Codec } from '@polkadot/types/types';
import { stringCamelCase, u8aToHex } from '@polkadot/util';
import { startIndexer, type RunningIndexer } from '../src/indexer.js';
import {
  big, categoryTag, connect, consent, council, hashOf, newCategoryKey, patientCommitment, patients, randomSalt, records, signer, submit,
} from '../src/lib/index.js';
import { graphql } from '../src/lib/history.js';
import * as gateway from '../src/lib/gateway.js';
import { gatewayBinary, nodeBinary, startGateway, startNode, type RunningNode } from '../src/node.js';
import { startPortal } from './browser.js';
import { cli } from './helpers.js';

const APPS = join(dirname(fileURLToPath(import.meta.url)), '..');
const PRUNING = 32;
/** The runtime's pallets whose events the indexer keeps (apps/indexer/typegen.mjs). */
const SECTIONS = new Set(['credentials', 'patients', 'consent', 'records', 'supplyChain', 'claims', 'trials',
  'council', 'councilMembership', 'consortium', 'validatorManager']);

interface Seen { block: number; index: number; pallet: string; name: string; args: unknown }

let node: RunningNode;
let api: ApiPromise;
let indexer: RunningIndexer;
/** A read of a record of Ferdie's (a dev account the portal offers), made before the stories. */
let ferdiesRead: { patientId: bigint; recordId: bigint; block: number } | undefined;

/** A codec as the indexer's JSON has it: ints as decimal strings, bytes and accounts as hex, enums as `{__kind, value}`. */
function canonical(value: Codec): unknown {
  if (value instanceof GenericAccountId) return u8aToHex(value.toU8a());
  if (value instanceof Option) return value.isSome ? canonical(value.unwrap()) : null;
  if (value instanceof Enum) return value.inner instanceof Null ? { __kind: value.type } : { __kind: value.type, value: canonical(value.inner) };
  if (value instanceof Struct) return Object.fromEntries([...value.entries()].map(([key, field]) => [stringCamelCase(String(key)), canonical(field)]));
  if (value instanceof AbstractArray) return [...value].map(canonical);
  if (value instanceof bool) return value.isTrue;
  if (value instanceof AbstractInt) return value.toString();
  if (value instanceof Raw) return value.toHex();
  if (value instanceof Null) return null;
  throw new Error(`no canonical form for ${value.toRawType()}`);
}

/** The same for the indexer's JSON: every number becomes a decimal string. */
function normalised(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(normalised);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalised(v)]));
  }
  return value;
}

/** The events of our pallets in one block, read from the node while it still has the block's state. */
async function eventsAt(height: number): Promise<Seen[]> {
  const hash = await api.rpc.chain.getBlockHash(height);
  const records = await (await api.at(hash)).query.system.events();
  return records.flatMap((record, index) => {
    const { event } = record;
    if (!SECTIONS.has(event.section)) return [];
    const names = event.data.names ?? [];
    const args = Object.fromEntries(names.map((name, i) => [stringCamelCase(name), canonical(event.data[i]!)]));
    return [{ block: height, index, pallet: stringCamelCase(event.section).replace(/^./, (c) => c.toUpperCase()), name: event.method, args }];
  });
}

/** The e2e run's environment: this node, and not the test runner's child protocol we run under. */
function storiesEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CARECHAIN_E2E_NODE: node.url };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

before(async () => {
  node = await startNode({ binary: nodeBinary('debug'), chain: 'dev', args: ['--state-pruning', String(PRUNING)] });
  api = await connect(node.url);
  indexer = await startIndexer({ rpc: node.url });
});

after(async () => {
  await api?.disconnect();
  await indexer?.stop();
  await node?.stop();
});

test('the indexer keeps every event of the clinical, supply and trials stories after the node pruned their state, across a processor crash', async () => {
  // Ferdie, a patient, consents to Bob, who anchors a record and logs a read: the portal test below
  // looks for this read once the node has pruned its block.
  // Through a connection of its own, closed once done: with it open, the node kept block 2's state
  // past the pruning window (seen twice here; the stories' own connections close when they end).
  const setup = await connect(node.url);
  try {
    const [ferdie, bob] = [await signer('//Ferdie'), await signer('//Bob')];
    const tag = categoryTag(newCategoryKey(), 'Encounters');
    const patientId = big((await submit(setup, patients.register(setup, patientCommitment(randomSalt(), { resourceType: 'Patient' })), ferdie))
      .event('patients', 'PatientRegistered').patientId);
    await submit(setup, consent.grant(setup, { patientId, grantee: bob.address, purpose: 'Treatment', categories: [tag], access: 'ReadWrite' }), ferdie);
    const recordId = big((await submit(setup, records.anchor(setup, { patientId, category: tag, contentHash: hashOf('visit'), storageRef: hashOf('ehr/visit') }), bob))
      .event('records', 'RecordAnchored').recordId);
    const read = await submit(setup, records.logAccess(setup, recordId, 'Treatment'), bob);
    // The consortium (Alice alone on dev) pauses a call, resumes it, and does both again: four
    // motions, two pairs on the same calls.
    const alice = await signer('//Alice');
    for (let i = 0; i < 2; i++) {
      await submit(setup, council.propose(setup, 1, council.pause(setup, 'Patients', 'update_commitment')), alice);
      await submit(setup, council.propose(setup, 1, council.unpause(setup, 'Patients', 'update_commitment')), alice);
    }
    ferdiesRead = { patientId, recordId, block: (await setup.rpc.chain.getHeader(read.blockHash)).number.toNumber() };
  } finally {
    await setup.disconnect();
  }

  // Record the truth as the stories happen: each finalised block's events, while its state exists.
  const seen: Seen[] = [];
  let recorded = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  const first = recorded + 1;
  let recording = Promise.resolve();
  const unsubscribe = await api.rpc.chain.subscribeFinalizedHeads((header) => {
    const head = header.number.toNumber();
    recording = recording.then(async () => {
      for (; recorded < head; recorded++) seen.push(...await eventsAt(recorded + 1));
    });
  });

  // The stories, from the e2e file, against this node; the processor is killed while they run.
  const stories = promisify(execFile)(process.execPath, [
    '--import', 'tsx', '--test', '--test-name-pattern=^(clinical|supply|trials):', 'test/e2e.test.ts',
  ], { cwd: APPS, env: storiesEnv(), maxBuffer: 16 << 20 });
  await new Promise((ok) => setTimeout(ok, 30_000));
  await indexer.killProcessor();
  await new Promise((ok) => setTimeout(ok, 12_000));
  indexer.startProcessor();
  const { stdout } = await stories;
  for (const story of ['clinical', 'supply', 'trials']) {
    assert.match(stdout, new RegExp(`^ *ok \\d+ - ${story}:`, 'm'), `the ${story} story passed:\n${stdout.slice(-2000)}`);
  }
  assert.match(stdout, /# fail 0\b/);

  // Let the pruning window pass the stories' first block, then stop recording.
  const finalised = async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  // The stories' last blocks: the best head, since a story's last transaction may not be final yet.
  const last = (await api.rpc.chain.getHeader()).number.toNumber();
  while ((await finalised()) < last + PRUNING + 2) await new Promise((ok) => setTimeout(ok, 3_000));
  unsubscribe();
  await recording;
  const stories_ = seen.filter((event) => event.block <= last);
  assert.ok(stories_.some((event) => event.name === 'RecordAccessed'), 'the clinical story logged reads');
  assert.ok(stories_.some((event) => event.name === 'Recalled'), 'the supply story recalled a batch');

  // The node has forgotten the first story block's events (it prunes as blocks become final)...
  const storyStart = stories_[0]!.block;
  const eventsOfStoryStart = async () => (await api.at(await api.rpc.chain.getBlockHash(storyStart))).query.system.events();
  for (let tries = 0; ; tries++) {
    const failure = await eventsOfStoryStart().then(() => undefined, (error: unknown) => error);
    if (failure !== undefined) {
      assert.match(String(failure), /State already discarded/);
      break;
    }
    assert.ok(tries < 40, `block ${storyStart} still has its state ${tries * 3} s after ${PRUNING} more blocks were final`);
    await new Promise((ok) => setTimeout(ok, 3_000));
  }

  // ...the indexer has every one, with the same fields, once.
  for (;;) {
    const { squidStatus } = await graphql<{ squidStatus: { height: number } }>(indexer.graphql, '{ squidStatus { height } }');
    if (squidStatus.height >= last) break;
    await new Promise((ok) => setTimeout(ok, 1_000));
  }
  const { chainEvents } = await graphql<{ chainEvents: Seen[] }>(indexer.graphql,
    `query ($from: Int!, $to: Int!) { chainEvents(where: { block_gte: $from, block_lte: $to }, orderBy: [block_ASC, index_ASC], limit: 100000) {
      block index pallet name args } }`, { from: first, to: last });
  const count = (name: string, of?: Set<string>) => stories_.filter((event) => event.name === name
    && (of === undefined || of.has((event.args as { recordId: string }).recordId))).length;
  // An erased record's anchoring events keep no author and no category tag (docs/INDEXER.md).
  const erased = new Set(stories_.filter((event) => event.name === 'RecordErased')
    .flatMap((event) => (event.args as { recordIds: string[] }).recordIds));
  assert.ok(erased.size >= 2, 'the clinical story erased a version chain');
  const anchoring = (event: Seen) => ['RecordAnchored', 'RecordAmended'].includes(event.name)
    && erased.has((event.args as { recordId: string }).recordId);
  const forgotten = (event: Seen): Seen => (!anchoring(event) ? event
    : { ...event, args: { ...(event.args as object), author: null, ...(event.name === 'RecordAnchored' ? { category: null } : {}) } });
  assert.equal(chainEvents.length, stories_.length, 'as many events as the chain emitted');
  assert.deepEqual(chainEvents.map((event) => ({ ...event, args: normalised(event.args) })), stories_.map(forgotten));
  const { erasedRecords, anchoringEvents } = await graphql<{
    erasedRecords: { id: string; category: string | null; author: string | null; erasedBlock: number | null; reads: { reader: string }[] }[];
    anchoringEvents: { signer: string | null; args: { recordId: string } }[];
  }>(indexer.graphql, `query ($ids: [String!]) {
      erasedRecords: records(where: { id_in: $ids }) { id category author erasedBlock reads { reader } }
      anchoringEvents: chainEvents(where: { pallet_eq: "Records", name_in: ["RecordAnchored", "RecordAmended"] }, limit: 100000) { signer args } }`,
  { ids: [...erased] });
  assert.equal(erasedRecords.length, erased.size);
  assert.ok(erasedRecords.every((r) => r.category === null && r.author === null && r.erasedBlock !== null), 'erased rows keep no tag or author');
  assert.ok(erasedRecords.some((r) => r.reads.length > 0), 'the reads of an erased record stay: they are the patient\'s access log');
  const signers = anchoringEvents.filter((event) => erased.has(String(event.args.recordId))).map((event) => event.signer);
  assert.equal(signers.length, count('RecordAnchored', erased) + count('RecordAmended', erased));
  assert.ok(signers.every((signer) => signer === null), 'nor do the events that anchored them name their signer');

  // The folded entities agree with the events they came from.
  const { recordReads, consents, batchActions } = await graphql<{ recordReads: { id: string; decision: string; consent: { id: string } | null; emergencyAccess: { reason: string } | null }[];
    consents: { id: string; revokedBlock: number | null }[]; batchActions: { action: string }[] }>(indexer.graphql,
    `query ($from: Int!, $to: Int!) {
       recordReads(where: { block_gte: $from, block_lte: $to }, limit: 1000) { id decision consent { id } emergencyAccess { reason } }
       consents(where: { grantedBlock_gte: $from, grantedBlock_lte: $to }, limit: 1000) { id revokedBlock }
       batchActions(where: { block_gte: $from, block_lte: $to }, limit: 1000) { action } }`, { from: first, to: last });
  assert.equal(recordReads.length, count('RecordAccessed'));
  assert.ok(recordReads.every((read) => (read.decision === 'Permitted') === !!read.consent && (read.decision === 'Emergency') === !!read.emergencyAccess),
    'each read names the consent or emergency access that allowed it');
  assert.ok(recordReads.some((read) => read.emergencyAccess), 'the break-glass read is there');
  assert.equal(consents.length, count('ConsentGranted'));
  assert.equal(consents.filter((consent) => consent.revokedBlock !== null && consent.revokedBlock <= last).length, count('ConsentRevoked'));
  assert.equal(batchActions.filter((action) => action.action === 'Recalled').length, count('Recalled'));
  // The trials story's screen failure: declined by the investigator, the participation says so.
  const declined = stories_.filter((event) => event.name === 'ParticipantDeclined');
  assert.equal(declined.length, 1, 'the trials story declined one participant');
  const { participations } = await graphql<{ participations: { status: string; declinedBy: string | null; declinedBlock: number | null }[] }>(
    indexer.graphql, '{ participations(where: { status_eq: "Declined" }) { status declinedBy declinedBlock } }');
  assert.deepEqual(participations, [{ status: 'Declined', declinedBy: (await signer('//Research/investigator')).address, declinedBlock: declined[0]!.block }]);

  // The consortium's motions: a call proposed again after its motion ended is a motion of its own.
  const { motions } = await graphql<{ motions: { proposalHash: string; status: string; succeeded: boolean }[] }>(indexer.graphql,
    '{ motions(orderBy: proposedBlock_ASC) { proposalHash status succeeded } }');
  assert.equal(motions.length, 4, 'four motions');
  assert.ok(motions.every((m) => m.status === 'Executed' && m.succeeded), 'each executed, and its call succeeded');
  assert.equal(motions[0]!.proposalHash, motions[2]!.proposalHash, 'the two pauses are one call');
  assert.notEqual(motions[0]!.proposalHash, motions[1]!.proposalHash);

  // Genesis seeded credentials without events: the indexer read them from block 0's state.
  const bobsKey = `${(await signer('//Bob')).address}-Physician`;
  const { credentialById } = await graphql<{ credentialById: { status: string; issuedBlock: number } | null }>(indexer.graphql,
    'query ($id: String!) { credentialById(id: $id) { status issuedBlock } }', { id: bobsKey });
  assert.deepEqual(credentialById, { status: 'Active', issuedBlock: 0 }, 'Bob\'s genesis credential');
});

test('the portal shows a patient a read older than the node\'s pruning window from the indexer, and without one says what it could scan', async () => {
  assert.ok(ferdiesRead, 'the first test made Ferdie\'s read');
  const { patientId, recordId, block } = ferdiesRead;
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.ok(block < head - PRUNING, `the read (block ${block}) is older than the pruning window (head ${head})`);
  const ferdie = (await signer('//Ferdie')).address;
  const portal = await startPortal();
  try {
    const { page } = portal;
    const asFerdie = async () => {
      await page.select('select[name=account]', ferdie);
      await page.click('[data-testid=tab-patient]');
      await page.waitForSelector(`[data-testid=patient-page][data-account="${ferdie}"]`, { timeout: 30_000 });
    };
    // With the indexer: the read is listed, with its block and the consent that allowed it.
    await portal.open({ rpc: node.url, indexer: indexer.graphql });
    await asFerdie();
    await page.waitForSelector('[data-testid=log-RecordAccessed]', { timeout: 60_000 });
    const row = await page.$eval('[data-testid=log-RecordAccessed]', (el) => el.textContent ?? '');
    assert.match(row, new RegExp(`^${block}.*#${recordId}.*consent #\\d+`), `the read of record #${recordId} (patient ${patientId}) in block ${block}`);
    assert.match(await page.$eval('[data-testid=log-source]', (el) => el.textContent ?? ''), /From the indexer/);
    await page.waitForSelector('[data-testid^=consent-history-]', { timeout: 30_000 });
    assert.match(await page.$eval('[data-testid^=consent-history-]', (el) => el.textContent ?? ''), /Treatment, ReadWrite.*—$/,
      'Ferdie\'s consent to Bob, never revoked, in the consent history');

    // A pharmacist's custody view of the supply story's recalled lot, commissioned long before the
    // pruning window: every step and the split tree, from the indexer.
    const { batches } = await graphql<{ batches: { id: string; createdBlock: number }[] }>(indexer.graphql,
      '{ batches(where: { recalled_eq: true }, orderBy: id_ASC, limit: 1) { id createdBlock } }');
    const lot = batches[0];
    assert.ok(lot, 'the supply story recalled a batch');
    const dave = (await signer('//Dave')).address;
    await page.select('select[name=account]', dave);
    await page.click('[data-testid=tab-pharmacy]');
    await page.waitForSelector(`[data-testid=pharmacy-page][data-account="${dave}"]`, { timeout: 30_000 });
    await page.type('input[name=batch-id]', lot.id);
    await page.click('[data-testid=load-batch]');
    await page.waitForSelector('[data-testid=custody-source]', { timeout: 60_000 });
    const commissioned = await page.$eval('[data-testid=custody-Commissioned]', (el) => el.textContent ?? '');
    const at = Number(/^\d+/.exec(commissioned)?.[0]);
    assert.ok(at < head - PRUNING, `the lot was commissioned in block ${at}, older than the pruning window (head ${head})`);
    assert.ok(await page.$('[data-testid=custody-Recalled]'), 'the recall is among the steps');
    assert.match(await page.$eval('[data-testid=split-tree]', (el) => el.textContent ?? ''), new RegExp(`#${lot.id}: \\d+ units, recalled`));

    // Bob's own actions (his anchor and read of Ferdie's record), and the consortium's break-glass audit.
    const bobAddress = (await signer('//Bob')).address;
    await page.select('select[name=account]', bobAddress);
    await page.click('[data-testid=tab-provider]');
    await page.waitForSelector(`[data-testid=provider-page][data-account="${bobAddress}"]`, { timeout: 30_000 });
    await page.waitForSelector('[data-testid=action-RecordAccessed]', { timeout: 30_000 });
    assert.match(await page.$eval('[data-testid=action-RecordAccessed]', (el) => el.textContent ?? ''), new RegExp(`^${block}.*Records\\.RecordAccessed${patientId}$`));
    assert.ok(await page.$('[data-testid=action-RecordAnchored]'), 'his anchor too');
    const alice = (await signer('//Alice')).address;
    await page.select('select[name=account]', alice);
    await page.click('[data-testid=tab-consortium]');
    await page.waitForSelector(`[data-testid=consortium-page][data-account="${alice}"]`, { timeout: 30_000 });
    await page.waitForSelector('[data-testid=break-glass-row]', { timeout: 30_000 });
    const { emergencyAccesses } = await graphql<{ emergencyAccesses: { reason: string }[] }>(indexer.graphql, '{ emergencyAccesses { reason } }');
    assert.equal((await page.$$('[data-testid=break-glass-row]')).length, emergencyAccesses.length, 'every break-glass access');
    assert.match(await page.$eval('[data-testid=break-glass-row]', (el) => el.textContent ?? ''), new RegExp(emergencyAccesses[0]!.reason));

    // Without: the scan covers the blocks the node still has, says so, and shows no error.
    await portal.open({ rpc: node.url });
    await asFerdie();
    await page.waitForFunction(() => document.querySelector('[data-testid=log-source]')?.textContent?.includes('discarded'), { timeout: 120_000 });
    const note = await page.$eval('[data-testid=log-source]', (el) => el.textContent ?? '');
    const from = Number(/Blocks (\d+)–/.exec(note)?.[1]);
    assert.ok(from > block, `the scan starts after the pruned read (${note})`);
    assert.equal(await page.$('[data-testid=access-log-card] [role=alert]'), null, 'no error is shown');
    assert.equal(await page.$('[data-testid=log-RecordAccessed]'), null, 'the pruned read is not claimed to be visible');
  } finally {
    await portal.close();
  }
});

test('the gateway answers a patient who read its records as FHIR AuditEvents from the indexer, and no one else', async () => {
  assert.ok(ferdiesRead, 'the first test made Ferdie\'s read');
  const { patientId, recordId, block } = ferdiesRead;
  const store = mkdtempSync(join(tmpdir(), 'carechain-gateway-'));
  const gw = await startGateway({ binary: gatewayBinary('debug'), nodeUrl: node.url, store, masterKey: randomBytes(32).toString('hex'),
    args: ['--indexer', indexer.graphql] });
  try {
    const [ferdie, bob] = [await signer('//Ferdie'), await signer('//Bob')];
    const events = await new gateway.Gateway(gw.url, ferdie).auditEvents(patientId);
    assert.equal(events.length, 1, 'Ferdie\'s one read, older than the node\'s pruning window');
    const event = events[0] as { action: string; subtype: { code: string }[]; purposeOfEvent: { coding: { code: string }[] }[];
      agent: { who: { identifier: { value: string } }; policy: string[] }[]; entity: { what: { identifier?: { value: string }; reference?: string } }[];
      source: { observer: { display: string } } };
    assert.deepEqual([event.action, event.subtype[0]!.code, event.purposeOfEvent[0]!.coding[0]!.code], ['R', 'read', 'TREAT']);
    assert.equal(event.agent[0]!.who.identifier.value, bob.address);
    assert.match(event.agent[0]!.policy[0]!, /^urn:carechain:consent:\d+$/);
    assert.deepEqual([event.entity[0]!.what.identifier?.value, event.entity[1]!.what.reference], [String(recordId), `Patient/${patientId}`]);
    assert.equal(event.source.observer.display, `Carechain chain, block ${block}`);
    // A period, and pages of one.
    assert.deepEqual(await new gateway.Gateway(gw.url, ferdie).auditEvents(patientId, { to: '2000-01-01' }), []);
    assert.equal((await new gateway.Gateway(gw.url, ferdie).auditEvents(patientId, { from: '2000-01-01', pageSize: 1 })).length, 1);
    // The reader is not the patient: it does not see who else read.
    await assert.rejects(new gateway.Gateway(gw.url, bob).auditEvents(patientId), /only patient \d+/);
  } finally {
    await gw.stop();
    rmSync(store, { recursive: true, force: true });
  }
});

test('a privacy officer\'s audits: reads of one patient and break-glass use as CSV and JSON, and readable refusals', async () => {
  assert.ok(ferdiesRead, 'the first test made Ferdie\'s read');
  const at = ['--indexer', indexer.graphql];
  const reads = await cli(['audit', 'reads', '--patient-id', String(ferdiesRead.patientId), '--format', 'csv', ...at]);
  assert.equal(reads.code, 0, reads.stderr);
  const [header, ...rows] = reads.stdout.trim().split(/\r?\n/);
  assert.equal(header, 'id,block,timestamp,recordId,patientId,reader,purpose,decision,consentId,emergencyAccessId,emergencyReason');
  assert.equal(rows.length, 1, 'Ferdie\'s one read');
  assert.match(rows[0]!, new RegExp(`^[^,]+,${ferdiesRead.block},[^,]+,${ferdiesRead.recordId},${ferdiesRead.patientId},5[^,]+,Treatment,Permitted,\\d+,,$`));

  const glass = await cli(['audit', 'break-glass', '--from', '2000-01-01', '--format', 'json', ...at]);
  assert.equal(glass.code, 0, glass.stderr);
  const answer = JSON.parse(glass.stdout) as { rows: number; emergencyAccesses: { reason: string; clinician: string }[] };
  assert.ok(answer.rows >= 1 && answer.emergencyAccesses.every((e) => e.reason && e.clinician), 'the clinical story\'s break-glass, with its reason');
  const none = await cli(['audit', 'break-glass', '--to', '2000-01-01', '--format', 'csv', ...at]);
  assert.equal(none.code, 0, none.stderr);
  assert.equal(none.stdout.trim(), '', 'nothing before 2000');

  const bob = await cli(['audit', 'provider', '--who', '//Bob', '--format', 'json', ...at]);
  assert.equal(bob.code, 0, bob.stderr);
  const actions = JSON.parse(bob.stdout) as { actions: { name: string }[] };
  assert.ok(actions.actions.some((a) => a.name === 'RecordAccessed') && actions.actions.some((a) => a.name === 'RecordAnchored'), 'Bob\'s anchor and read');

  const usage = await cli(['audit', 'reads', ...at]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--patient-id is required/);
  const badDate = await cli(['audit', 'break-glass', '--from', 'last tuesday', ...at]);
  assert.equal(badDate.code, 2);
  assert.match(badDate.stderr, /--from must be a date/);
  const badFormat = await cli(['audit', 'break-glass', '--format', 'xml', ...at]);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /--format must be one of json, csv/);
  const away = await cli(['audit', 'break-glass', '--indexer', 'http://127.0.0.1:9/graphql']);
  assert.equal(away.code, 1);
  assert.match(away.stderr, /the indexer at http:\/\/127\.0\.0\.1:9\/graphql is not reachable/);
});
