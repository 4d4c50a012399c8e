// The gateway's benchmark (issue 29): on this machine, 10 KiB documents and 64 concurrent
// readers, reads/s with every check on against the same process serving the same bytes with the
// checks off (the `/unchecked/` endpoints of a gateway built with `unchecked-benchmark`), uploads
// likewise, and `ConsentApi::check_access` calls/s over the node's RPC, all in one run. Every
// request is signed before its measured window, so the client's signing is not measured.
// `scripts/gateway-bench --help` tells how to run it.

import { randomBytes } from 'node:crypto';
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringToU8a } from '@polkadot/util';
import { startGateway, startNode } from '../node.js';
import {
  batchAll, big, categoryTag, connect, consent, credentials, eventFields, gateway, hashOf, newCategoryKey, patientCommitment, patients, randomSalt,
  records, signer, submit,
} from '../lib/index.js';

const HELP = `usage: scripts/gateway-bench [--readers 64] [--reads 12000] [--uploads 2000] [--rpc-calls 6000] [--size 10240] [--reps 3] [--out FILE]

Starts a release node (--dev) and a release gateway built with unchecked-benchmark, uploads and
anchors 64 documents of --size bytes, logs a read of each, then per repetition measures:
  reads    GET /fhir/Binary (signature, decision, logged read, binding, seal and hash checks)
           against GET /unchecked/Binary (the same bytes opened and hash-checked, nothing else);
  uploads  POST /fhir/DocumentReference against POST /unchecked/DocumentReference;
  rpc      ConsentApi::check_access over the node's WebSocket RPC.`;

const { values } = parseArgs({
  options: {
    node: { type: 'string' }, gateway: { type: 'string' }, readers: { type: 'string', default: '64' },
    reads: { type: 'string', default: '12000' }, uploads: { type: 'string', default: '2000' },
    'rpc-calls': { type: 'string', default: '6000' }, size: { type: 'string', default: '10240' },
    reps: { type: 'string', default: '3' }, out: { type: 'string' }, help: { type: 'boolean', default: false },
  },
});
if (values.help || values.node === undefined || values.gateway === undefined) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
const READERS = Number(values.readers);
const READS = Number(values.reads);
const UPLOADS = Number(values.uploads);
const RPC_CALLS = Number(values['rpc-calls']);
const SIZE = Number(values.size);
const REPS = Number(values.reps);
const DOCS = 64;
const UNIT = 1_000_000_000_000n;

const say = (line: string) => console.error(`gateway-bench: ${line}`);

/** A measured window: jobs per second, how many failed, and the gateway's CPU per job (µs). */
interface Rate {
  rate: number;
  failed: number;
  cpu: number;
}

/** CPU time the process `pid` has used so far, in µs (user and system, from /proc). */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command's name.
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / TICKS;
}
const TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
let measured = 0;

/** Runs `jobs` with `width` at a time; the rate (jobs/s) and how many failed. */
async function pool(width: number, jobs: (() => Promise<boolean>)[]): Promise<Rate> {
  let next = 0;
  let failed = 0;
  const cpu0 = cpuOf(measured);
  const start = performance.now();
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      if (!(await job())) failed += 1;
    }
  }));
  const rate = jobs.length / ((performance.now() - start) / 1000);
  return { rate, failed, cpu: (cpuOf(measured) - cpu0) / jobs.length };
}

const node = await startNode({ binary: values.node, chain: 'dev' });
const store = mkdtempSync(join(os.tmpdir(), 'carechain-gateway-bench-'));
const gw = await startGateway({
  binary: values.gateway, nodeUrl: node.url, store, masterKey: randomBytes(32).toString('hex'), args: ['--poll-ms', '200'],
});
measured = gw.pid;
try {
  const api = await connect(node.url);
  const alice = await signer('//Alice');
  const [patient, doctor] = await Promise.all([signer('//GatewayBench/patient'), signer('//GatewayBench/doctor')]);
  await submit(api, batchAll(api, [
    api.tx.balances.transferKeepAlive(patient.address, 1_000n * UNIT), api.tx.balances.transferKeepAlive(doctor.address, 1_000n * UNIT),
    credentials.issue(api, { subject: doctor.address, kind: 'Physician', licenseHash: hashOf('licence'), validUntil: 4_102_444_800_000n }),
  ]), alice);
  const patientId = big((await submit(api, patients.register(api, patientCommitment(randomSalt(), { resourceType: 'Patient' })), patient))
    .event('patients', 'PatientRegistered').patientId);
  const tag = categoryTag(newCategoryKey(), 'LabResults');
  await submit(api, consent.grant(api, { patientId, grantee: doctor.address, purpose: 'Treatment', categories: [tag], access: 'ReadWrite' }), patient);

  // 64 documents of SIZE bytes, uploaded, anchored in one batch, each read logged in one batch.
  const document = (i: number) => stringToU8a(JSON.stringify({ resourceType: 'Observation', id: String(i), note: 'x'.repeat(SIZE - 60) }).slice(0, SIZE));
  const doctorGateway = new gateway.Gateway(gw.url, doctor);
  const uploaded = [];
  for (let i = 0; i < DOCS; i++) uploaded.push(await doctorGateway.upload(patientId, tag, document(i)));
  const anchored = await submit(api, records.anchorBatch(api, patientId, tag, uploaded), doctor, { finalised: true });
  const ids = anchored.events.filter(({ event }) => event.method === 'RecordAnchored').map(({ event }) => big(eventFields(event).recordId));
  const logged = await submit(api, batchAll(api, ids.map((id) => records.logAccess(api, id, 'Treatment'))), doctor, { finalised: true });
  say(`${ids.length} documents of ${SIZE} bytes anchored and their reads logged in block ${logged.blockHash}`);
  for (const id of ids) await gateway.retryWhileNotFinal(() => doctorGateway.read(id, logged.blockHash));

  // The read path's latency, step by step: one reader, one read every 25 ms for about two blocks,
  // each step's time from the gateway's Server-Timing header. Most reads find the best block's
  // answers cached; the first after each new block asks the node (the slowest reads).
  const STEPS = ['signature', 'record', 'decision', 'log', 'store', 'open'] as const;
  const spent = new Map<string, number[]>(['total', ...STEPS].map((step) => [step, []]));
  for (let i = 0; i < 480; i++) {
    const id = ids[i % ids.length]!;
    const path = `/fhir/Binary/${id}?purpose=Treatment&log=${logged.blockHash}`;
    const headers = gateway.signRequest(doctor, 'GET', path);
    const start = performance.now();
    const response = await fetch(`${gw.url}${path}`, { headers });
    await response.arrayBuffer();
    spent.get('total')!.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`latency read ${i}: ${response.status}`);
    for (const part of (response.headers.get('server-timing') ?? '').split(',')) {
      const [, name, ms] = /\s*(\w+);dur=([0-9.]+)/.exec(part) ?? [];
      if (name !== undefined) spent.get(name)?.push(Number(ms));
    }
    await new Promise((ok) => setTimeout(ok, 25));
  }
  const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
  const latency = [...spent].map(([step, values]) =>
    `| ${step} | ${quantile(values, 0.5).toFixed(3)} | ${quantile(values, 0.9).toFixed(3)} | ${quantile(values, 0.99).toFixed(3)} | ${Math.max(...values).toFixed(3)} |`);
  say(`latency: ${latency.join(' ')}`);

  const rows: string[][] = [];
  const fetchOk = async (url: string, init: RequestInit, expected: number) => {
    const response = await fetch(url, init);
    await response.arrayBuffer();
    return response.status === expected;
  };
  for (let rep = 1; rep <= REPS; rep++) {
    // Pre-signed: each request its own nonce; the unchecked requests carry the same headers.
    const reads = Array.from({ length: READS }, (_, i) => {
      const id = ids[i % ids.length]!;
      const path = `/fhir/Binary/${id}?purpose=Treatment&log=${logged.blockHash}`;
      return { id, path, headers: gateway.signRequest(doctor, 'GET', path) };
    });
    // The client's ceiling on these cores: the cheapest answer the gateway has, as many times.
    const ceiling = await pool(READERS, reads.map((r) => () => fetchOk(`${gw.url}/fhir/metadata`, { headers: r.headers }, 200)));
    // Checked and unchecked alternate which goes first, so that a drift in the machine does not
    // favour one of them.
    const checkedReads = () => pool(READERS, reads.map((r) => () => fetchOk(`${gw.url}${r.path}`, { headers: r.headers }, 200)));
    const uncheckedReads = () => pool(READERS, reads.map((r) => () => fetchOk(`${gw.url}/unchecked/Binary/${r.id}`, { headers: r.headers }, 200)));
    const [checked, unchecked]: [Rate, Rate] = rep % 2 === 1
      ? [await checkedReads(), await uncheckedReads()]
      : await uncheckedReads().then(async (u): Promise<[Rate, Rate]> => [await checkedReads(), u]);

    const bodies = Array.from({ length: UPLOADS }, (_, i) => {
      const body = stringToU8a(JSON.stringify(gateway.documentReference(patientId, tag, document(i))));
      return { body, headers: { ...gateway.signRequest(doctor, 'POST', '/fhir/DocumentReference', body), 'Content-Type': 'application/fhir+json' } };
    });
    const checkedUploads = () => pool(READERS, bodies.map((b) => () =>
      fetchOk(`${gw.url}/fhir/DocumentReference`, { method: 'POST', headers: b.headers, body: Buffer.from(b.body) }, 201)));
    const uncheckedUploads = () => pool(READERS, bodies.map((b) => () =>
      fetchOk(`${gw.url}/unchecked/DocumentReference`, { method: 'POST', headers: b.headers, body: Buffer.from(b.body) }, 201)));
    const [uploadsChecked, uploadsUnchecked]: [Rate, Rate] = rep % 2 === 1
      ? [await checkedUploads(), await uncheckedUploads()]
      : await uncheckedUploads().then(async (u): Promise<[Rate, Rate]> => [await checkedUploads(), u]);

    const rpc = await pool(READERS, Array.from({ length: RPC_CALLS }, () => async () =>
      (await consent.checkAccess(api, patientId, doctor.address, tag, 'Read')).kind === 'Permitted'));

    const failed = checked.failed + unchecked.failed + uploadsChecked.failed + uploadsUnchecked.failed + rpc.failed;
    if (failed > 0) throw new Error(`repetition ${rep}: ${failed} requests failed`);
    rows.push([String(rep), ceiling.rate.toFixed(0), checked.rate.toFixed(0), unchecked.rate.toFixed(0), (checked.rate / unchecked.rate).toFixed(2),
      checked.cpu.toFixed(0), unchecked.cpu.toFixed(0), (unchecked.cpu / checked.cpu).toFixed(2),
      uploadsChecked.rate.toFixed(0), uploadsUnchecked.rate.toFixed(0), (uploadsChecked.rate / uploadsUnchecked.rate).toFixed(2),
      uploadsChecked.cpu.toFixed(0), uploadsUnchecked.cpu.toFixed(0), (uploadsUnchecked.cpu / uploadsChecked.cpu).toFixed(2), rpc.rate.toFixed(0)]);
    say(`repetition ${rep}: ${rows.at(-1)!.join(' | ')}`);
  }
  const median = (column: number) => {
    const sorted = rows.map((row) => Number(row[column])).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!.toFixed([4, 7, 10, 13].includes(column) ? 2 : 0);
  };
  const report = [
    `# The gateway's read and upload throughput`,
    '',
    `Measured by \`scripts/gateway-bench\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${new Date().toISOString().slice(0, 10)}:`,
    `a release node (\`--dev\`, one validator) and a release gateway (built with \`unchecked-benchmark\`) on loopback,`,
    `the client (Node.js fetch, ${READERS} requests in flight, each signed before its window) on the same two cores.`,
    `${DOCS} documents of ${SIZE} bytes; per repetition ${READS} reads, ${UPLOADS} uploads and ${RPC_CALLS} \`ConsentApi::check_access\` calls.`,
    '',
    '| rep | client ceiling (metadata/s) | reads/s, checked | reads/s, unchecked | ratio | gateway CPU µs/read, checked | unchecked | ratio (unchecked ÷ checked) | uploads/s, checked | uploads/s, unchecked | ratio | gateway CPU µs/upload, checked | unchecked | ratio | check_access/s over RPC |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    `| median | ${Array.from({ length: 14 }, (_, i) => median(i + 1)).join(' | ')} |`,
    '',
    'A checked read verifies the sr25519 signature and the nonce, asks the chain (through the',
    'gateway\'s per-best-block cache, docs/GATEWAY.md) for the record and the decision, checks the',
    'logged read in its finalised block, the binding, the seal and the content hash. An unchecked',
    'read opens the same envelope and checks its hash. A checked upload verifies the signature and',
    'asks the chain\'s decision; both seal and store the envelope. The client ceiling is the rate at',
    'which the same client gets the gateway\'s cheapest answer (its CapabilityStatement): the client',
    'shares the two cores, so a rate near it is bounded by the client, not by the gateway, and the',
    'ratio of two such rates understates what the checks cost. The gateway\'s CPU time per request',
    '(from /proc, over the same window) does not depend on the client: its ratio is the throughput',
    'ratio the gateway would reach with cores of its own (the node\'s CPU, asked on a cache miss, is',
    'not in it). Checked and unchecked alternate which runs first in each repetition.',
    '',
    '## The read path, step by step',
    '',
    'One reader, one checked read every 25 ms, 480 reads (about two blocks), before the repetitions:',
    'milliseconds per step from the gateway\'s `Server-Timing` header, and the whole read as the',
    'client saw it (loopback HTTP included). Most reads find the best block\'s answers cached; the',
    'first after each new block asks the node for the record and the decision (the slowest reads).',
    '',
    '| step | median | p90 | p99 | max |',
    '| --- | --- | --- | --- | --- |',
    ...latency,
    '',
    'signature: the body read, the sr25519 signature and the nonce; record: the best block (asked of',
    'the node at most every 250 ms) and the record version at it; decision:',
    '`ConsentApi::check_access_for` at it; log: the logged read in its finalised block; store: the',
    'binding and the envelope from the store; open: decryption and the content hash.',
    '',
  ].join('\n');
  console.log(report);
  if (values.out !== undefined) writeFileSync(values.out, report);
  await api.disconnect();
} finally {
  await gw.stop();
  await node.stop();
  rmSync(store, { recursive: true, force: true });
}
process.exit(0);
