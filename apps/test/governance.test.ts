// Governance against its own dev node (the workspace's debug build, on free loopback ports),
// so that it runs beside the other test files: on the dev chain Alice is the whole consortium,
// and her motions here never race the other stories' extrinsics for her nonce.

import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { nodeBinary, startNode, type RunningNode } from '../src/node.js';
import {
  batchAll, big, connect, council, credentials, hashOf, patientCommitment, patients, randomSalt, signer, submit,
} from '../src/lib/index.js';
import { UNIT, accounts, assertTryState, cli, refused } from './helpers.js';

const VALID_UNTIL_2100 = 4_102_444_800_000n;

let node: RunningNode;
let api: ApiPromise;
let alice: KeyringPair;
const gov = await accounts('Gov', ['board', 'lab', 'patient'] as const);

before(async () => {
  node = await startNode({ binary: nodeBinary('debug'), chain: 'dev' });
  api = await connect(node.url);
  alice = await signer('//Alice');
  await submit(api, batchAll(api, Object.values(gov).map((pair) => api.tx.balances.transferKeepAlive(pair.address, 1_000n * UNIT))), alice);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

test('governance: a motion admits a licensing board and pauses a call; no one acts alone; a motion cannot sign as a patient', async () => {
  const { board, lab, patient } = gov;
  // The dev chain's consortium is Alice alone: a motion of threshold 1 passes as it is proposed.
  assert.deepEqual(await council.members(api), [alice.address]);
  const admitted = await submit(api, council.propose(api, 1,
    credentials.registerIssuer(api, board.address, ['Laboratory'], hashOf('the lab board'))), alice);
  assert.equal(council.outcome(api, admitted).executed, true);
  await submit(api, credentials.issue(api, {
    subject: lab.address, kind: 'Laboratory', licenseHash: hashOf('lab licence'), validUntil: VALID_UNTIL_2100,
  }), board);
  assert.equal(await credentials.credentialStatus(api, lab.address, 'Laboratory'), 'Valid');

  // No one acts alone: the call itself needs a motion, and only members propose.
  await refused(api, credentials.removeIssuer(api, board.address), alice, 'system.BadOrigin');
  await refused(api, council.propose(api, 1, credentials.removeIssuer(api, board.address)), board, 'council.NotMember');

  // Incident response: a paused call is refused for everyone until the consortium resumes it.
  const patientId = big((await submit(api, patients.register(api, patientCommitment(randomSalt(), { resourceType: 'Patient', id: 'g' })), patient))
    .event('patients', 'PatientRegistered').patientId);
  await submit(api, council.propose(api, 1, council.pause(api, 'Patients', 'update_commitment')), alice);
  assert.deepEqual(await council.pausedCalls(api), ['Patients.update_commitment']);
  const update = () => patients.updateCommitment(api, patientCommitment(randomSalt(), { resourceType: 'Patient', id: 'g2' }));
  await refused(api, update(), patient, 'system.CallFiltered');
  await submit(api, council.propose(api, 1, council.unpause(api, 'Patients', 'update_commitment')), alice);
  assert.deepEqual(await council.pausedCalls(api), []);
  await submit(api, update(), patient);

  // Refused attack: the whole consortium, acting as Root, cannot sign as the patient.
  const takeOver = api.tx.utility.dispatchAs({ system: { Signed: patient.address } },
    patients.proposeKeyRotation(api, alice.address));
  await refused(api, council.propose(api, 1, council.asRoot(api, takeOver)), alice, 'system.CallFiltered');
  assert.equal(await patients.patientIdOf(api, patient.address), patientId);
  assert.deepEqual(await council.motions(api), []);

  // Polkadot.js Apps' Council pages read the standard derives of the `council` collective: an
  // open motion (one no consortium of one can pass) shows there with its call and votes.
  const opened = council.outcome(api, await submit(api, council.propose(api, 2, credentials.removeIssuer(api, board.address)), alice)).proposed;
  assert.ok(opened !== undefined, 'the motion opened');
  const listed = await api.derive.council.proposals();
  assert.equal(listed.length, 1);
  assert.equal(listed[0]?.hash.toHex(), opened.hash);
  assert.equal(`${listed[0]?.proposal?.section}.${listed[0]?.proposal?.method}`, 'credentials.removeIssuer');
  assert.equal(listed[0]?.votes?.threshold.toNumber(), 2);
  assert.deepEqual((await api.derive.council.members()).map(String), [alice.address]);
  assert.equal((await api.derive.council.proposalCount())?.toNumber(), opened.index + 1);
  // Its one member votes against; then anyone may close it, and it is gone from Apps too.
  await submit(api, council.vote(api, opened.hash, opened.index, false), alice);
  assert.equal(council.outcome(api, await submit(api, await council.close(api, opened.hash), board)).disapproved, true);
  assert.deepEqual(await api.derive.council.proposals(), []);
  assert.equal(await credentials.credentialStatus(api, lab.address, 'Laboratory'), 'Valid');

  // The CLI: the default threshold is the share the action needs of today's members (one).
  const url = ['--url', node.url, '--quiet'];
  const removed = await cli(['council', 'propose', '--action', 'issuer-remove', '--who', board.address, ...url]);
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(String(removed.json.executed), 'true');
  assert.equal(await credentials.credentialStatus(api, lab.address, 'Laboratory'), 'IssuerRemoved');
  const notMember = await cli(['council', 'propose', '--action', 'member-add', '--who', '//Gov/lab', ...url, '--suri', '//Gov/board']);
  assert.equal(notMember.code, 1);
  assert.match(notMember.stderr, /council\.NotMember: /);
  const badAction = await cli(['council', 'propose', '--action', 'sudo', ...url]);
  assert.equal(badAction.code, 2, 'an unknown action is a usage mistake');
});

test('after the motions, the whole state decodes and every pallet\'s invariants hold (TryRuntime API)', async () => {
  await assertTryState(api);
});
