// Brings a release node's chain to a large state (issue #30): a benchmark genesis with a
// synthetic population of patients, each onboarded by a hospital and consenting to a physician
// (built by the runtime at genesis, through the pallets' own calls), then records anchored for
// them by their physicians in ordinary blocks, at the chain's full speed. `scripts/scale --help`
// tells how to run it; the chain stays in --dir for the measurements that follow.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { compactFromU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, xxhashAsU8a } from '@polkadot/util-crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { nodeBinary, startNode, type RunningNode } from '../node.js';
import { DEV_PHRASE, Signer, Submitter, trieCacheArgs, type Signed } from './chain.js';
import { anchorGroup, groupsOf, patientAccount, POPULATION_PHYSICIANS, withPopulation } from './population.js';

/** How many random keys `benchmark storage` reads and rewrites. */
const STORAGE_KEYS = 100_000;
/**
 * Warp sync starts only once a node has three peers (polkadot-sdk's MIN_PEERS_TO_START_WARP_SYNC,
 * against a single peer feeding it a false chain): the source node and this many copies of it,
 * as a consortium's network has several members' nodes.
 */
const WARP_SEEDS = 2;
/** How many of the fill's last blocks `benchmark block` imports again. */
const IMPORTED_BLOCKS = 20;

const { values: options } = parseArgs({
  options: {
    node: { type: 'string', default: nodeBinary('release') },
    dir: { type: 'string', default: join(os.homedir(), '.cache', 'carechain', 'scale') },
    patients: { type: 'string', default: '1000000' },
    records: { type: 'string', default: '10000000' },
    'per-extrinsic': { type: 'string', default: '10' },
    fresh: { type: 'boolean', default: false },
    sync: { type: 'string', default: '' },
    measure: { type: 'boolean', default: false },
    'trie-cache-mib': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log(`usage: scripts/scale [--patients N] [--records N] [--dir DIR] [--fresh] [--per-extrinsic N] [--sync warp,full] [--measure] [--trie-cache-mib N] [--node PATH]

Makes DIR/spec.json from the benchmark preset plus a population of --patients patients (default
1,000,000), each onboarded by the development hospital and consenting to one of the preset's 200
load physicians (built at genesis by the runtime, runtime/src/population.rs), starts the release
node on it with its database in DIR/db, and has the physicians anchor --records records (default
10,000,000, the same number for every patient) in blocks: Utility::batch_all of
Records::anchor_batch, one patient's records each, --per-extrinsic patients to an extrinsic.

Run again, it resumes: the chain in DIR is kept, and the records already anchored are skipped
(a physician's extrinsics are anchored whole, in nonce order). --fresh deletes DIR first. The
summary (genesis and fill times, blocks, disk, memory) goes to stdout and DIR/fill.json.

--sync warp,full then measures a new member's node: for each mode, a fresh node (its database in
DIR/sync-MODE, deleted afterwards) syncs from the filled one over loopback with --sync MODE (for
warp, also from ${WARP_SEEDS} copies of it, DIR/seed-N: warp sync starts only with three peers); the
time until it serves RPC (it builds the same genesis from spec.json first), until it has the
head the filled node had finalised, its disk and its peak memory go to DIR/sync.json. The full
sync's node keeps every block's state (--state-pruning archive-canonical), and the last
${IMPORTED_BLOCKS} full blocks of the chain are then imported again on its database (\`benchmark
block\`): the import of a full block at this state, which the filled node has pruned.

--measure then, with the node stopped, times the import of the last full blocks of the fill
(\`benchmark block\`: each block's import against the weight it was charged) and measures a
ParityDB read and write on this state (\`benchmark storage\` over ${STORAGE_KEYS} random keys,
the p75, as scripts/bench measures the runtime's DbWeight on a fresh chain), into DIR/measure.json
(DIR/measure-trie-N.json with --trie-cache-mib N).

--trie-cache-mib N gives the node and the benchmarks a trie cache of N MiB instead of the node's
default (64 MiB).`);
  process.exit(0);
}

function count(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, not ${value}`);
  return n;
}

const patients = count('patients', options.patients, 1);
const records = count('records', options.records, 0);
const perExtrinsic = count('per-extrinsic', options['per-extrinsic'], 1);
if (records % patients !== 0) {
  throw new Error(`--records (${records}) must be a multiple of --patients (${patients}): every patient gets as many`);
}
const perPatient = records / patients;
const dir = resolve(options.dir);
const trieMib = options['trie-cache-mib'];
const trieCache = trieCacheArgs(trieMib);
const syncModes = options.sync === '' ? [] : options.sync.split(',');
for (const mode of syncModes) {
  if (mode !== 'warp' && mode !== 'full') throw new Error(`--sync takes warp and/or full, not ${mode}`);
}

/** Bytes under `path` (`du`), or 0 if it is not there. */
function diskUsage(path: string): number {
  if (!existsSync(path)) return 0;
  return Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
}

/** DIR/spec.json for this population, made once; a DIR made for another population is refused. */
function prepareSpec(): string {
  const specPath = join(dir, 'spec.json');
  const askedFor = JSON.stringify({ patients, recordsPerPatient: 0 });
  const marker = join(dir, 'population.json');
  if (existsSync(marker)) {
    const made = readFileSync(marker, 'utf8');
    if (made !== askedFor) {
      throw new Error(`${dir} holds a chain with population ${made}, not ${askedFor}: pass --fresh or another --dir`);
    }
    return specPath;
  }
  mkdirSync(dir, { recursive: true });
  const spec = JSON.parse(execFileSync(options.node, ['build-spec', '--chain', 'benchmark'],
    { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] })) as unknown;
  writeFileSync(specPath, JSON.stringify(withPopulation(spec, { patients, recordsPerPatient: 0 })));
  writeFileSync(marker, askedFor);
  return specPath;
}

async function nextRecordId(api: ApiPromise, at?: string): Promise<bigint> {
  const id = at === undefined ? await api.query.records.nextRecordId() : await (await api.at(at)).query.records.nextRecordId();
  return id.toBigInt();
}

/**
 * The bytes (keys and values) the pallets store for patient 0 of the population (its account,
 * patient entry and index, consent and its index and counter, record counter) and for one of its
 * records (the record and its index entry), read at block `at`: the raw size of the state the
 * database holds, without the trie's nodes.
 */
async function rawBytes(api: ApiPromise, at: string, patientId: bigint, physician: string) {
  const sizeOf = async (key: string) => (key.length - 2) / 2 + (await api.rpc.state.getStorageSize(key, at)).toNumber();
  const query = api.query;
  const account = patientAccount(0);
  const consents = await query.consent.consentsOf(patientId, physician);
  const consentId = consents[0]?.consentId.toBigInt();
  if (consentId === undefined) throw new Error('patient 0 has no consent to physician //0');
  const recordId = (await query.records.recordsOf.keys(patientId))[0]?.args[1];
  if (recordId === undefined) throw new Error('patient 0 has no record');
  const patientKeys = [query.system.account.key(account), query.patients.patients.key(patientId), query.patients.patientIdOf.key(account),
    query.consent.consents.key(consentId), query.consent.consentsOf.key(patientId, physician), query.consent.consentCount.key(patientId),
    query.records.recordCount.key(patientId)];
  const recordKeys = [query.records.records.key(recordId), query.records.recordsOf.key(patientId, recordId)];
  const sum = async (keys: string[]) => (await Promise.all(keys.map(sizeOf))).reduce((a, b) => a + b, 0);
  return { perPatient: await sum(patientKeys), perRecord: await sum(recordKeys) };
}

/** How many of physician `p`'s groups are anchored already (a prefix: its nonces are in order). */
async function groupsDone(api: ApiPromise, firstPatientId: bigint, groups: number[][]): Promise<number> {
  const done = async (g: number) => {
    const last = groups[g]?.at(-1);
    if (last === undefined) return false;
    const count = await api.query.records.recordCount(firstPatientId + BigInt(last));
    return count.isSome && count.unwrap().toNumber() >= perPatient;
  };
  let [low, high] = [0, groups.length]; // the first group not done is in [low, high]
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (await done(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A fresh node syncing the chain from `source` with `--sync mode` until it has block `target`
 * (finalised on the source) as its best and nothing left to sync: how long, what disk, what memory.
 */
async function sourceProvider(source: RunningNode): Promise<WsProvider> {
  const provider = new WsProvider(source.url, 1000, {}, 120_000);
  await provider.isReady;
  return provider;
}

async function measureSync(source: RunningNode, spec: string, mode: string, target: number, seeds: RunningNode[]) {
  const basePath = join(dir, `sync-${mode}`);
  rmSync(basePath, { recursive: true, force: true });
  console.log(`scale: a fresh node syncs to #${target} with --sync ${mode}`);
  const started = Date.now();
  const node = await startNode({
    binary: options.node, chain: spec, basePath, fullNode: true,
    // A full sync keeps every block's state (as an indexer's node does), so that the fill's full
    // blocks can be imported again on it afterwards: the source has long pruned their state.
    args: ['--sync', mode, ...(mode === 'full' ? ['--state-pruning', 'archive-canonical'] : []),
      '--bootnodes', source.multiaddr, ...seeds.flatMap((seed) => ['--bootnodes', seed.multiaddr]), ...trieCache],
    startupTimeoutMs: 4 * 3600_000, logFile: join(dir, `sync-${mode}.log`),
  });
  const servedAfter = (Date.now() - started) / 1000;
  const provider = new WsProvider(node.url, 1000, {}, 120_000);
  try {
    await provider.isReady;
    let lastBest = -1;
    let lastState = -1;
    let progressAt = Date.now();
    let peakAnon = 0;
    /** When the warp proofs were in (the state download begins), and when the state was. */
    let warpedAfter: number | undefined;
    let stateBytes = 0;
    for (;;) {
      peakAnon = Math.max(peakAnon, node.memory().anon);
      const health = (await provider.send('system_health', [])) as { isSyncing: boolean; peers: number };
      const state = (await provider.send('system_syncState', [])) as { currentBlock: number; highestBlock?: number };
      if (state.currentBlock >= target && !health.isSyncing) break;
      // Progress is blocks, or (warp) the state downloaded so far, which the node only logs.
      const tail = node.logTail();
      const downloaded = [...tail.matchAll(/Downloading state, \d+%, ([\d.]+) Mib/g)].at(-1)?.[1];
      if (downloaded !== undefined) stateBytes = Math.max(stateBytes, Number(downloaded) * 2 ** 20);
      if (warpedAfter === undefined && /Warp sync is complete/.test(tail)) {
        warpedAfter = (Date.now() - started) / 1000;
        // The other peers were needed to start; on one machine their copies of the chain only
        // crowd the page cache the source serves the state from.
        for (const seed of seeds) await seed.stop();
      }
      if (state.currentBlock > lastBest || stateBytes > lastState) [lastBest, lastState, progressAt] = [state.currentBlock, stateBytes, Date.now()];
      if (Date.now() - progressAt > 600_000) throw new Error(`--sync ${mode} made no progress for 10 minutes at #${lastBest}:\n${node.logTail()}`);
      await new Promise((ok) => setTimeout(ok, 1000));
    }
    const syncedAfter = (Date.now() - started) / 1000;
    // The synced node has the state at its head, as the source has it there.
    const head = (await provider.send('chain_getBlockHash', [target])) as string;
    const key = u8aToHex(u8aConcat(xxhashAsU8a('Records', 128), xxhashAsU8a('NextRecordId', 128)));
    const [mine, theirs] = await Promise.all([provider.send('state_getStorage', [key, head]),
      sourceProvider(source).then(async (p) => { try { return await p.send('state_getStorage', [key, head]); } finally { await p.disconnect(); } })]);
    if (mine !== theirs) throw new Error(`after --sync ${mode}, Records::NextRecordId at #${target} is ${String(mine)}, not ${String(theirs)}`);
    const memory = node.memory();
    const result = { mode, target, servedAfterSeconds: servedAfter, warpedAfterSeconds: warpedAfter, stateBytes, syncedAfterSeconds: syncedAfter,
      syncSeconds: syncedAfter - servedAfter, dbBytes: diskUsage(basePath), peakRss: memory.peak,
      peakAnonWhileSyncing: Math.max(peakAnon, memory.anon), sourceRssAnon: source.memory().anon };
    console.log(`scale: --sync ${mode}: RPC after ${servedAfter.toFixed(0)} s, synced after ${syncedAfter.toFixed(0)} s`);
    if (mode !== 'full') return result;
    const heaviest = await heaviestBlocks(provider, target);
    await provider.disconnect();
    await node.stop();
    return { ...result, fullBlockImport: importBlocks(spec, basePath, heaviest) };
  } finally {
    await provider.disconnect();
    await node.stop();
    rmSync(basePath, { recursive: true, force: true });
  }
}

/**
 * The last IMPORTED_BLOCKS of the chain's full blocks (by the normal-class weight each block
 * recorded in `System::BlockWeight`), read from an archive node: the fill's blocks, whose
 * import at ten million records is what a syncing node pays.
 */
async function heaviestBlocks(provider: WsProvider, head: number): Promise<number[]> {
  const key = u8aToHex(u8aConcat(xxhashAsU8a('System', 128), xxhashAsU8a('BlockWeight', 128)));
  const weights: { block: number; normal: bigint }[] = [];
  for (let block = 1; block <= head; block++) {
    const hash = (await provider.send('chain_getBlockHash', [block])) as string;
    const raw = (await provider.send('state_getStorage', [key, hash])) as string | null;
    // PerDispatchClass<Weight>: normal first, its ref_time a compact u64.
    weights.push({ block, normal: raw === null ? 0n : compactU64(hexToU8a(raw)) });
  }
  const max = weights.reduce((m, w) => (w.normal > m ? w.normal : m), 0n);
  const full = weights.filter((w) => w.normal * 10n >= max * 9n).map((w) => w.block);
  if (full.length === 0) throw new Error(`no block up to #${head} carries weight`);
  return full.slice(-IMPORTED_BLOCKS);
}

/** The value of a SCALE compact integer at the start of `bytes`. */
function compactU64(bytes: Uint8Array): bigint {
  const [, value] = compactFromU8a(bytes);
  return BigInt(value.toString());
}

async function main(): Promise<void> {
  await cryptoWaitReady();
  if (options.fresh) rmSync(dir, { recursive: true, force: true });
  const fresh = !existsSync(join(dir, 'db'));
  const spec = prepareSpec();
  console.log(`scale: starting ${options.node} on ${spec}${fresh ? ` (genesis: ${patients} patients)` : ''}`);
  // The warp sync's other peers: copies of the chain made while no node runs on it.
  const seedDirs = syncModes.includes('warp') ? Array.from({ length: WARP_SEEDS }, (_, i) => join(dir, `seed-${i + 1}`)) : [];
  for (const seed of seedDirs) {
    rmSync(seed, { recursive: true, force: true });
    if (!fresh) {
      console.log(`scale: copying the chain to ${seed} (a peer for the warp sync)`);
      cpSync(join(dir, 'db'), seed, { recursive: true });
    }
  }
  const started = Date.now();
  const node: RunningNode = await startNode({
    binary: options.node,
    chain: spec,
    basePath: join(dir, 'db'),
    args: ['--pool-limit', '400000', '--pool-kbytes', '2000000', '--rpc-max-connections', '1000',
      '--rpc-max-request-size', '64', ...trieCache],
    startupTimeoutMs: 4 * 3600_000,
    logFile: join(dir, 'node.log'),
  });
  const startSeconds = (Date.now() - started) / 1000;
  const genesisPeak = node.memory().peak;
  console.log(`scale: the node serves RPC after ${startSeconds.toFixed(0)} s (peak RSS ${(genesisPeak / 2 ** 30).toFixed(2)} GiB)`);
  let api: ApiPromise | undefined;
  let submitter: Submitter | undefined;
  let filledTo = 0;
  try {
    api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true,
      signedExtensions: { CheckPatientQuota: { extrinsic: {}, payload: {} } } });
    submitter = await Submitter.connect(node.url);
    const firstId = await api.query.patients.patientIdOf(patientAccount(0));
    if (firstId.isNone) throw new Error('the chain has no population: patient 0 is not registered');
    const firstPatientId = firstId.unwrap().toBigInt();
    const lastId = await api.query.patients.patientIdOf(patientAccount(patients - 1));
    if (lastId.isNone) throw new Error(`the chain's population is smaller than ${patients} patients`);

    const keyring = new Keyring({ type: 'sr25519' });
    const physicians: KeyringPair[] = Array.from({ length: POPULATION_PHYSICIANS },
      (_, p) => keyring.addFromUri(`${DEV_PHRASE}//${p}`));
    const signer = new Signer(api);
    await signer.load(physicians);
    const queues = await Promise.all(physicians.map(async (_, p) => {
      const groups = groupsOf(p, patients, perExtrinsic);
      return groups.slice(perPatient === 0 ? groups.length : await groupsDone(api!, firstPatientId, groups));
    }));
    const toAnchor = queues.reduce((sum, q) => sum + q.reduce((s, g) => s + g.length, 0), 0) * perPatient;
    const base = await nextRecordId(api);
    const firstBlock = (await api.rpc.chain.getHeader()).number.toNumber();
    console.log(`scale: ${toAnchor} records to anchor (${records - toAnchor} already), from block #${firstBlock}`);

    // Rounds of one extrinsic per physician, kept about four rounds ahead of the chain.
    const fillStarted = Date.now();
    let submitted = 0;
    let lastProgress = { anchored: 0n, at: Date.now() };
    let lastLog = Date.now();
    const roundRecords = POPULATION_PHYSICIANS * perExtrinsic * perPatient;
    const anchored = async () => (await nextRecordId(api!)) - base;
    for (let round = 0; queues.some((q) => round < q.length); round++) {
      for (;;) {
        const now = await anchored();
        if (now > lastProgress.anchored) lastProgress = { anchored: now, at: Date.now() };
        if (Date.now() - lastProgress.at > 180_000) {
          throw new Error(`no record anchored for 3 minutes (${now} of ${toAnchor}); node log tail:\n${node.logTail()}`);
        }
        if (Date.now() - lastLog > 30_000) {
          const seconds = (Date.now() - fillStarted) / 1000;
          const rate = Number(now) / seconds;
          console.log(`scale: ${now} of ${toAnchor} records in ${seconds.toFixed(0)} s (${rate.toFixed(0)}/s; ` +
            `about ${((toAnchor - Number(now)) / Math.max(rate, 1) / 60).toFixed(0)} min to go)`);
          lastLog = Date.now();
        }
        if (submitted - Number(now) <= 4 * roundRecords) break;
        await new Promise((ok) => setTimeout(ok, 1000));
      }
      const batch: Signed[] = [];
      queues.forEach((queue, p) => {
        const group = queue[round];
        if (group === undefined) return;
        batch.push(signer.sign(anchorGroup(api!, firstPatientId, group, perPatient, 0), physicians[p]!));
        submitted += group.length * perPatient;
      });
      const { refused } = await submitter.submit(batch, 64);
      if (refused.size > 0) {
        throw new Error(`the pool refused ${refused.size} extrinsics: ${[...refused.values()][0]}`);
      }
    }
    // Everything finalised, and every patient's records there.
    for (;;) {
      const head = (await api.rpc.chain.getFinalizedHead()).toHex();
      const done = (await nextRecordId(api, head)) - base;
      if (done >= BigInt(toAnchor)) break;
      if (Date.now() - lastProgress.at > 180_000) {
        throw new Error(`only ${done} of ${toAnchor} records were anchored: some extrinsics failed; node log tail:\n${node.logTail()}`);
      }
      const now = await anchored();
      if (now > lastProgress.anchored) lastProgress = { anchored: now, at: Date.now() };
      await new Promise((ok) => setTimeout(ok, 2000));
    }
    const fillSeconds = (Date.now() - fillStarted) / 1000;
    const head = (await api.rpc.chain.getFinalizedHead()).toHex();
    const at = await api.at(head);
    const lastBlock = (await api.rpc.chain.getHeader(head)).number.toNumber();
    filledTo = lastBlock;
    for (const i of [0, Math.floor(patients / 2), patients - 1]) {
      const count = await at.query.records.recordCount(firstPatientId + BigInt(i));
      if (perPatient > 0 && (count.isNone || count.unwrap().toNumber() !== perPatient)) {
        throw new Error(`patient ${i} has ${count.toString()} records, not ${perPatient}`);
      }
    }
    const raw = await rawBytes(api, head, firstPatientId, physicians[0]!.address);
    const memory = node.memory();
    const summary = {
      patients,
      records,
      startSeconds,
      genesisBuilt: fresh,
      genesisPeakRss: genesisPeak,
      fillSeconds,
      recordsAnchored: toAnchor,
      recordsPerSecond: toAnchor / Math.max(fillSeconds, 1e-9),
      blocks: toAnchor > 0 ? lastBlock - firstBlock : 0,
      finalisedHead: lastBlock,
      nextRecordId: (await at.query.records.nextRecordId()).toString(),
      dbBytes: diskUsage(join(dir, 'db')),
      rawBytesPerPatient: raw.perPatient,
      rawBytesPerRecord: raw.perRecord,
      rss: memory.rss,
      peakRss: memory.peak,
      rssAnon: memory.anon,
      rssFile: memory.file,
    };
    // A run that only resumed a finished fill keeps the fill's own figures.
    if (toAnchor > 0 || !existsSync(join(dir, 'fill.json'))) writeFileSync(join(dir, 'fill.json'), JSON.stringify(summary, null, 2));
    console.log(JSON.stringify(summary, null, 2));
    const syncs = [];
    const seeds: RunningNode[] = [];
    try {
      for (const seed of seedDirs) {
        if (!existsSync(seed)) throw new Error('--sync warp copies the chain before its node starts: run it again on the filled chain');
        seeds.push(await startNode({ binary: options.node, chain: spec, basePath: seed, fullNode: true,
          args: ['--bootnodes', node.multiaddr, ...trieCache], startupTimeoutMs: 600_000, logFile: `${seed}.log` }));
      }
      for (const mode of syncModes) syncs.push(await measureSync(node, spec, mode, lastBlock, mode === 'warp' ? seeds : []));
    } finally {
      for (const seed of seeds) await seed.stop();
      for (const seed of seedDirs) rmSync(seed, { recursive: true, force: true });
    }
    if (syncs.length > 0) {
      writeFileSync(join(dir, 'sync.json'), JSON.stringify(syncs, null, 2));
      console.log(JSON.stringify(syncs, null, 2));
    }
  } catch (error) {
    console.error(`scale: the node's last log lines:\n${node.logTail()}`);
    throw error;
  } finally {
    await submitter?.disconnect();
    await api?.disconnect();
    await node.stop();
  }
  if (options.measure) {
    const measured = measure(spec, filledTo);
    writeFileSync(join(dir, trieMib === undefined ? 'measure.json' : `measure-trie-${trieMib}.json`), JSON.stringify(measured, null, 2));
    console.log(JSON.stringify(measured, null, 2));
  }
}

/** Runs a `benchmark` subcommand of the node on DIR's database; its whole output (it logs to stderr). */
function benchmark(spec: string, args: string[], basePath = join(dir, 'db')): string {
  const run = spawnSync(options.node, ['benchmark', ...args, '--chain', spec, '--base-path', basePath, '--database', 'paritydb', ...trieCache],
    { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`benchmark ${args[0]} failed (${run.status ?? run.signal}):\n${output.slice(-2000)}`);
  return output;
}

/**
 * `benchmark block` on the blocks `from`–`to` of the database at `basePath` (whose state for
 * their parents it must still hold): each block's import time against the weight it was charged.
 */
function blockImports(spec: string, basePath: string, from: number, to: number) {
  console.log(`scale: importing blocks #${from}–#${to} again (benchmark block)`);
  const output = benchmark(spec, ['block', '--from', String(from), '--to', String(to), '--repeat', '3'], basePath);
  const blocks = [...output.matchAll(/Block (\d+) with\s+(\d+) tx used\s+([\d.]+)% of its weight \(\s*([\d,]+) of\s+([\d,]+) ns\)/g)]
    .map((m) => ({ block: Number(m[1]), extrinsics: Number(m[2]), tookNs: Number(m[4]!.replace(/,/g, '')), weightNs: Number(m[5]!.replace(/,/g, '')) }));
  if (blocks.length === 0) throw new Error(`benchmark block measured no block:\n${output.slice(-2000)}`);
  return blocks;
}

/** Import times of the full blocks among `blocks`: each against its weight, and the medians. */
function fullBlockFigures(blocks: ReturnType<typeof blockImports>) {
  const full = blocks.filter((b) => b.weightNs >= 0.9 * Math.max(...blocks.map((x) => x.weightNs)));
  const ratios = full.map((b) => b.tookNs / b.weightNs).sort((a, b) => a - b);
  return {
    importedBlocks: blocks,
    fullBlocks: full.length,
    importOverWeightMedian: ratios[Math.floor(ratios.length / 2)] ?? NaN,
    importMsMedian: (full.map((b) => b.tookNs).sort((a, b) => a - b)[Math.floor(full.length / 2)] ?? NaN) / 1e6,
  };
}

/** The fill's full blocks `blocks` imported again on the synced archive node's database. */
function importBlocks(spec: string, basePath: string, blocks: number[]) {
  const imported = blockImports(spec, basePath, blocks[0]!, blocks.at(-1)!);
  return fullBlockFigures(imported.filter((b) => blocks.includes(b.block)));
}

/** Block import against weight, and a database read and write, on the stopped node's state. */
function measure(spec: string, head: number) {
  const blocks = blockImports(spec, join(dir, 'db'), Math.max(1, head - IMPORTED_BLOCKS), head);
  console.log(`scale: ParityDB read and write on ${STORAGE_KEYS} random keys (benchmark storage)`);
  const weights = join(dir, 'storage');
  mkdirSync(weights, { recursive: true });
  benchmark(spec, ['storage', '--state-version', '1', '--batch-size', '1000', '--metric', 'p75',
    '--keys-limit', String(STORAGE_KEYS), '--random-seed', '30', '--weight-path', weights]);
  const file = readFileSync(join(weights, 'paritydb_weights.rs'), 'utf8');
  const nanos = (what: string) => Number(new RegExp(`${what}: ([\\d_]+) \\* constants::WEIGHT_REF_TIME_PER_NANOS`).exec(file)?.[1]?.replace(/_/g, '') ?? NaN);
  // The heaviest blocks are the full ones: the import time of those against their weight.
  return {
    ...fullBlockFigures(blocks),
    readNs: nanos('read'),
    writeNs: nanos('write'),
  };
}

main().catch((error: unknown) => {
  console.error('scale: failed:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
