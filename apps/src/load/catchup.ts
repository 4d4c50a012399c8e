// How fast a fresh indexer reads a long history: a development chain of `--blocks` finalised
// blocks (10,000 by default: 16.7 hours of 6-second slots), then a new indexer from genesis.
//
// Ten thousand slots cannot pass in a session, so the chain is made under libfaketime (the Debian
// `faketime` package), whose clock runs `--speed` times faster for the node alone: Aura's slots
// and GRANDPA's rounds come that much sooner, the runtime is the same. The node is then
// restarted on the real clock as a non-validator (it authors nothing more: its chain's clock is
// ahead of the real one) with archive state, and the indexer reads the whole chain from it, on
// this machine's two cores, with nothing else running. The blocks are nearly empty (the
// timestamp, and GRANDPA's and the session's bookkeeping): the figure is the indexer's cost per
// block of an idle chain; the load harness (`scripts/load --indexer`) gives it on full blocks.
//
//   npx tsx src/load/catchup.ts [--blocks 10000] [--speed 100] [--out ../benchmarks/indexer-catchup.md]

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { startIndexer } from '../indexer.js';
import { graphql, indexedHeight } from '../lib/history.js';
import { freePort, nodeBinary } from '../node.js';

const { values: options } = parseArgs({
  options: {
    blocks: { type: 'string', default: '10000' },
    speed: { type: 'string', default: '100' },
    node: { type: 'string', default: nodeBinary('release') },
    out: { type: 'string' },
  },
});
const blocks = Number(options.blocks);
const speed = Number(options.speed);
if (!Number.isInteger(blocks) || blocks < 1) throw new Error(`--blocks must be a positive whole number, not ${options.blocks}`);
if (!(speed >= 1)) throw new Error(`--speed must be at least 1, not ${options.speed}`);
try {
  execFileSync('faketime', ['--version'], { stdio: 'ignore' });
} catch {
  throw new Error('faketime is missing: apt-get install faketime (Debian\'s libfaketime)');
}

const base = mkdtempSync(join(tmpdir(), 'carechain-catchup-'));
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** The node on `base`, with archive state; a validator under the fast clock, or a plain node on the real one. */
async function node(fast: boolean): Promise<{ child: ChildProcess; url: string }> {
  const [rpc, p2p] = [await freePort(), await freePort()];
  const args = ['--chain', 'dev', '--base-path', base, '--state-pruning', 'archive-canonical',
    '--rpc-port', String(rpc), '--listen-addr', `/ip4/127.0.0.1/tcp/${p2p}`, '--node-key', randomBytes(32).toString('hex'),
    '--no-prometheus', '--no-telemetry', '--no-mdns',
    ...(fast ? ['--alice', '--validator'] : [])];
  const child = fast
    ? spawn('faketime', ['-f', `+0 x${speed}`, options.node, ...args], { stdio: ['ignore', 'ignore', 'ignore'] })
    : spawn(options.node, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  return { child, url: `ws://127.0.0.1:${rpc}` };
}

async function finalised(url: string): Promise<{ api: ApiPromise; head: () => Promise<number> }> {
  for (let tries = 0; ; tries++) {
    try {
      const api = await ApiPromise.create({ provider: new WsProvider(url, false), noInitWarn: true, throwOnConnect: true });
      return { api, head: async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() };
    } catch (error) {
      if (tries > 120) throw error;
      await sleep(500);
    }
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGINT');
  await exited;
}

try {
  // The history, made under the fast clock.
  const fast = await node(true);
  const made = Date.now();
  let chain = await finalised(fast.url);
  for (let last = -1, still = 0; ;) {
    const head = await chain.head();
    if (head >= blocks) break;
    still = head === last ? still + 1 : 0;
    if (still > 60) throw new Error(`the fast chain stopped finalising at #${head}`);
    last = head;
    await sleep(1_000);
  }
  await chain.api.disconnect();
  await stop(fast.child);
  const making = (Date.now() - made) / 1000;

  // The same chain on the real clock: nothing more is authored.
  const slow = await node(false);
  chain = await finalised(slow.url);
  const head = await chain.head();
  const indexer = await startIndexer({ rpc: slow.url });
  try {
    const start = Date.now();
    while (await indexedHeight(indexer.graphql) < head) await sleep(250);
    const seconds = (Date.now() - start) / 1000;
    const { chainEventsConnection } = await graphql<{ chainEventsConnection: { totalCount: number } }>(indexer.graphql,
      `{ chainEventsConnection(orderBy: id_ASC, where: { block_lte: ${head} }) { totalCount } }`);
    const text = ['# The indexer: catch-up on a long history', '',
      `\`npx tsx src/load/catchup.ts --blocks ${blocks} --speed ${speed}\` on this machine (two cores, PostgreSQL 15):`,
      `a development chain of ${head} finalised blocks, made in ${making.toFixed(0)} s under a clock ${speed} times fast`,
      '(libfaketime), then read from genesis by a fresh indexer from the same node on the real clock, authoring',
      'nothing, with archive state. The blocks are nearly empty: this is the cost per block of an idle chain; the',
      'load report (`load-report-indexer.md`) gives the rate on full blocks.', '',
      '| figure | value |', '| --- | --- |',
      `| blocks read | ${head} (${chainEventsConnection.totalCount} events of Carechain's and the consortium's pallets) |`,
      `| time | ${seconds.toFixed(1)} s |`,
      `| rate | ${(head / seconds).toFixed(1)} blocks/s |`, ''].join('\n');
    console.log(text);
    if (options.out !== undefined) writeFileSync(options.out, text);
  } finally {
    await indexer.stop();
    await chain.api.disconnect();
    await stop(slow.child);
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
