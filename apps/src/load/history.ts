// How fast the indexer answers the history apps ask for: a patient's access log (a page of 20,
// newest first, and the same within a 30-day range) with 100,000 reads indexed, against the
// GraphQL server's own round trip (`__typename`, no database) and a primary-key read of one read
// (`recordReadById`), measured in the same run. The rows are
// synthetic, written straight into PostgreSQL (1,000 patients with 10 records and 100 reads each,
// over about a year), so the figure is the query's, whatever chain made the rows.
//
//   npx tsx src/load/history.ts [--reads 100000] [--queries 300] [--out ../benchmarks/indexer-queries.md]

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startIndexer } from '../indexer.js';
import { graphql, readsOfPatient } from '../lib/history.js';

const { values: options } = parseArgs({
  options: {
    reads: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    out: { type: 'string' },
  },
});
const reads = Number(options.reads);
const queries = Number(options.queries);
const PATIENTS = 1000;

async function timed(times: number, run: (i: number) => Promise<void>): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length * 0.5)] ?? 0, p95: ms[Math.floor(ms.length * 0.95)] ?? 0 };
}

const indexer = await startIndexer({ rpc: 'ws://127.0.0.1:1', follow: false });
try {
  const perPatient = reads / PATIENTS;
  indexer.sql(`
    INSERT INTO record (id, patient_id, category, author, self_reported, anchored_block, anchored_at)
      SELECT r::text, r / 10, '0x00', 'synthetic', false, r, now() - interval '400 days' FROM generate_series(0, ${PATIENTS * 10 - 1}) r;
    INSERT INTO consent (id, patient_id, grantee, purpose, categories, access, granted_by, granted_block, granted_at)
      SELECT p::text, p, 'reader-' || (p % 500), 'Treatment', ARRAY['0x00'], 'Read', 'synthetic', p, now() - interval '400 days'
      FROM generate_series(0, ${PATIENTS - 1}) p;
    INSERT INTO record_read (id, patient_id, reader, purpose, decision, block, timestamp, record_id, consent_id)
      SELECT lpad(i::text, 10, '0'), i % ${PATIENTS}, 'reader-' || (i % 500), 'Treatment', 'Permitted', i,
             now() - make_interval(mins => 5 * i), ((i % ${PATIENTS}) * 10 + (i / ${PATIENTS}) % 10)::text, (i % ${PATIENTS})::text
      FROM generate_series(0, ${reads - 1}) i;
    ANALYZE;`);
  const count = Number(indexer.sql('select count(*) from record_read').trim());
  if (count !== reads) throw new Error(`expected ${reads} reads, found ${count}`);
  const patient = (i: number) => (i * 7919) % PATIENTS;
  // Warm up the server's and the database's caches, as a serving indexer's would be.
  for (let i = 0; i < 20; i++) await readsOfPatient(indexer.graphql, patient(i), { limit: 20 });
  const roundTrip = await timed(queries, async () => {
    await graphql(indexer.graphql, '{ __typename }');
  });
  const baseline = await timed(queries, async (i) => {
    await graphql(indexer.graphql, 'query ($id: String!) { recordReadById(id: $id) { id reader } }', { id: String(i * 331 % reads).padStart(10, '0') });
  });
  const page = await timed(queries, async (i) => {
    const got = await readsOfPatient(indexer.graphql, patient(i), { limit: 20 });
    if (got.length !== Math.min(20, perPatient)) throw new Error(`a page of ${got.length} reads`);
  });
  const month = 30 * 86_400_000;
  const ranged = await timed(queries, async (i) => {
    const to = new Date(Date.now() - (i % 12) * month);
    await readsOfPatient(indexer.graphql, patient(i), { from: new Date(to.getTime() - month), to, limit: 20 });
  });
  const row = (name: string, t: { p50: number; p95: number }) =>
    `| ${name} | ${t.p50.toFixed(1)} ms | ${t.p95.toFixed(1)} ms | ${(t.p95 / baseline.p95).toFixed(2)} |`;
  const text = ['# The indexer: query latency', '',
    `\`npx tsx src/load/history.ts --reads ${reads} --queries ${queries}\` on this machine (two cores, PostgreSQL 15,`,
    `@subsquid/graphql-server 4.11), ${count} reads of ${PATIENTS} patients' records indexed, ${queries} queries each, one at a time.`, '',
    '| query | P50 | P95 | P95 × baseline |', '| --- | --- | --- | --- |',
    row('the GraphQL round trip alone (`{ __typename }`)', roundTrip),
    row('baseline: one read by its id (`recordReadById`)', baseline),
    row('a patient\'s access log, newest 20 (`history.readsOfPatient`)', page),
    row('the same within a 30-day range', ranged), ''].join('\n');
  console.log(text);
  if (options.out !== undefined) writeFileSync(options.out, text);
} finally {
  await indexer.stop();
}
