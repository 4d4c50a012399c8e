// A reorg under the indexer: two validators of the `local` chain (Alice and Bob) start apart, so
// each authors a branch of its own and neither finalises (GRANDPA needs both). Bob starts first,
// so his branch is the longer. A patient registers on Alice's branch, the indexer (following
// Alice's node) records it as a hot block; then the two nodes meet, Alice's node moves to Bob's
// branch, and the indexer must drop what it had from Alice's: every event it keeps is in a block
// of the canonical chain.

import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import type { ApiPromise } from '@polkadot/api';
import { connect, patientCommitment, patients, randomSalt, signer, submit } from '../src/lib/index.js';
import { graphql } from '../src/lib/history.js';
import { startIndexer, type RunningIndexer } from '../src/indexer.js';
import { nodeBinary, startNode, type RunningNode } from '../src/node.js';

let alice: RunningNode | undefined;
let bob: RunningNode | undefined;
let api: ApiPromise | undefined;
let bobApi: ApiPromise | undefined;
let indexer: RunningIndexer | undefined;

after(async () => {
  await api?.disconnect();
  await bobApi?.disconnect();
  await indexer?.stop();
  await alice?.stop();
  await bob?.stop();
});

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(1_000);
  }
}

interface Indexed { block: number; blockHash: string; name: string }

test('after a reorg the indexer keeps only the canonical branch\'s events', async () => {
  bob = await startNode({ binary: nodeBinary('debug'), chain: 'local', authority: 'bob', args: ['--rpc-methods', 'unsafe', '--force-authoring'] });
  bobApi = await connect(bob.url);
  await sleep(36_000);
  alice = await startNode({ binary: nodeBinary('debug'), chain: 'local', authority: 'alice', args: ['--rpc-methods', 'unsafe', '--force-authoring'] });
  api = await connect(alice.url);
  indexer = await startIndexer({ rpc: alice.url });
  const chain = api;

  // On Alice's branch only: Ferdie registers as a patient, and the indexer sees it, unfinalised.
  const included = await submit(chain, patients.register(chain, patientCommitment(randomSalt(), { resourceType: 'Patient' })), await signer('//Ferdie'));
  const height = (await chain.rpc.chain.getHeader(included.blockHash)).number.toNumber();
  assert.equal((await chain.rpc.chain.getFinalizedHead()).toHex(), chain.genesisHash.toHex(), 'nothing is final while the two are apart');
  const hot = await until('the indexer has the registration', async () => {
    const { chainEvents } = await graphql<{ chainEvents: Indexed[] }>(indexer!.graphql,
      '{ chainEvents(where: { name_eq: "PatientRegistered" }) { block blockHash name } }');
    return chainEvents.find((event) => event.blockHash === included.blockHash);
  });
  assert.equal(hot.block, height);
  const bobsHead = (await bobApi.rpc.chain.getHeader()).number.toNumber();
  const alicesHead = (await chain.rpc.chain.getHeader()).number.toNumber();
  assert.ok(bobsHead > alicesHead, `Bob's branch (#${bobsHead}) is longer than Alice's (#${alicesHead})`);

  // The two meet: Alice's node takes Bob's longer branch, and both finalise again.
  const [address] = (await bobApi.rpc.system.localListenAddresses()).map(String).filter((a) => a.includes('127.0.0.1'));
  assert.ok(address, 'Bob listens on loopback');
  await chain.rpc.system.addReservedPeer(address);
  await until('Alice\'s node leaves her branch', async () =>
    (await chain.rpc.chain.getBlockHash(height)).toHex() !== included.blockHash ? true : undefined);
  const finalised = await until('blocks past the fork are final', async () => {
    const number = (await chain.rpc.chain.getHeader(await chain.rpc.chain.getFinalizedHead())).number.toNumber();
    return number > height + 2 ? number : undefined;
  });
  await until('the indexer has read the final blocks', async () => {
    const { squidStatus } = await graphql<{ squidStatus: { height: number } }>(indexer!.graphql, '{ squidStatus { height } }');
    return squidStatus.height >= finalised ? true : undefined;
  });

  // Every event it keeps is in a canonical block; none in Alice's abandoned one.
  const { chainEvents } = await graphql<{ chainEvents: Indexed[] }>(indexer.graphql,
    `{ chainEvents(where: { block_lte: ${finalised} }, limit: 100000) { block blockHash name } }`);
  assert.ok(chainEvents.every((event) => event.blockHash !== included.blockHash), 'the abandoned block\'s events are gone');
  for (const event of chainEvents) {
    assert.equal(event.blockHash, (await chain.rpc.chain.getBlockHash(event.block)).toHex(), `${event.name} in block #${event.block} is canonical`);
  }
  const { patients: registered } = await graphql<{ patients: { registeredBlock: number }[] }>(indexer.graphql,
    `{ patients(where: { registeredBlock_lte: ${finalised} }) { registeredBlock } }`);
  const canonical = chainEvents.filter((event) => event.name === 'PatientRegistered');
  assert.equal(registered.length, canonical.length, 'the folded patients follow the canonical events (the registration again, if the pool re-included it)');
});
