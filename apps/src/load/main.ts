// Carechain's load harness: throughput of healthcare calls against `Balances::transfer_keep_alive`
// on one release node (chain `benchmark`, one validator), every transaction signed before its
// measured window. `scripts/load --help` tells how to run it; issue #9 says what it measures.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { AugmentedEvent } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Event } from '@polkadot/types/interfaces';
import type { AnyTuple, IEvent } from '@polkadot/types/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { execSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { categoryTag, newCategoryKey } from '../lib/categories.js';
import { gtinFromBody } from '../lib/gs1.js';
import { anchorBatch } from '../lib/records.js';
import { commissionBatch, registerProduct } from '../lib/supplyChain.js';
import { register as registerStudy } from '../lib/trials.js';

import { nodeBinary, startNode, type RunningNode } from '../node.js';
import { startIndexer, type RunningIndexer } from '../indexer.js';
import { graphql, indexedHeight } from '../lib/history.js';
import { DEV_PHRASE, FinalityTracker, LagWatch, baseExtrinsicWeight, maxNormalWeight, Signer, Submitter, trieCacheArgs, type Signed } from './chain.js';

// Must match the runtime's `benchmark` preset (runtime/src/genesis_config_presets.rs).
const PHYSICIANS = { first: 0, count: 200 };
const MANUFACTURERS = { first: 200, count: 50 };
const DISTRIBUTORS = { first: 250, count: 50 };
const INSURERS = { first: 300, count: 50 };
const RECORD_PATIENTS = { first: 1_000, count: 200 };
const CONSENT_PATIENTS = { first: 2_000, count: 2_000 };
const SENDERS = { first: 10_000, count: 10_000 };
/**
 * Patients of the trials workloads (W9, W10): endowed accounts the other workloads leave alone,
 * registered and consenting to the sponsor for research in setup. Each joins a few studies a
 * repetition (a study holds at most 1,000 participations, a patient 16 studies, and its
 * fee-free calls are 20 an hour).
 */
const TRIAL_PATIENTS = { first: 4_000, count: 6_000 };
/** Studies registered in setup, each with four physicians as investigators: enough for 3 repetitions. */
const STUDIES = 48;
const STUDY_SIZE = 1_000;
/**
 * Patients who hold no token (issue 25): accounts beyond the preset's endowed ones, onboarded by
 * the development hospital (Bob's stash) with `Patients::register_for`. Each repetition of W6 has
 * its own `FREE_PER_REP` of them (three repetitions' worth, then they are reused), so that its
 * grants and revokes (about eight of each per patient for three blocks' worth) stay within each
 * patient's fee-free quota (20 calls an hour): with one set for every repetition, the second
 * repetition ran out of quota.
 */
const FREE_PER_REP = 2_000;
const FREE_PATIENTS = { first: 30_000, count: 3 * FREE_PER_REP };
/** One more token-less patient, who floods the pool with ten times its quota beside W1 (W6c). */
const FLOODER = 29_999;
const QUOTA = 20;
/**
 * Calls refunded after dispatch fill a block with more of them than their charged weight
 * suggests: a window of grants or shipments sized by charged weight alone would fit in one
 * block. The first repetition scales its window by these hints (charged ÷ used, from the
 * generated weights: a first grant to a physician, a shipment from a root batch); later ones by
 * what the previous window measured.
 */
const FILL_HINTS: Record<string, number> = { 'W4a consent grant': 4, 'W5a supply ship': 2, 'W6a fee-free grant': 4 };
const BATCH_SIZE = 100;
/**
 * The lab-results tag every load patient's records and consents carry (issue 31: categories go on
 * chain only as the patient's tags). One key for all of them: the chain only stores and compares
 * the 16 bytes, so the cost is that of real patients' distinct tags.
 */
const LOAD_KEY = newCategoryKey();
const LAB_RESULTS = categoryTag(LOAD_KEY, 'LabResults');
/** The load patients' billing tag, under which each consents to its insurer for payment (W7, W8). */
const BILLING = categoryTag(LOAD_KEY, 'Billing');

const { values: options } = parseArgs({
  options: {
    node: { type: 'string', default: nodeBinary('release') },
    reps: { type: 'string', default: '3' },
    blocks: { type: 'string', default: '5' },
    out: { type: 'string' },
    'node-log': { type: 'string', default: join(os.homedir(), '.cache', 'carechain', 'load-node.log') },
    workloads: { type: 'string', default: 'W1,W2,W3,W4,W5,W6,W7' },
    indexer: { type: 'boolean', default: false },
    state: { type: 'string' },
    validators: { type: 'string', default: '1' },
    'trie-cache-mib': { type: 'string' },
    'network-backend': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log(`usage: scripts/load [--node PATH] [--reps N] [--blocks N] [--workloads W1,...] [--out report.md] [--node-log FILE] [--indexer] [--state DIR] [--validators 1|4] [--trie-cache-mib N] [--network-backend libp2p|litep2p]

Starts PATH (default: the release build) with --chain benchmark, and for each of --reps
repetitions measures W1 transfer_keep_alive, W2 Records::anchor, W3 anchor x${BATCH_SIZE} in
Utility::batch_all (and W3b: Records::anchor_batch of ${BATCH_SIZE}), W4 Consent::grant then revoke, W5 SupplyChain::ship then receive,
W6 Consent::grant then revoke by patients who hold no token (fee-free), and W6c W1 again beside one
such patient submitting ten times its quota, W7 Claims::submit then (W8) Claims::adjudicate of the
claims submitted, W9 Trials::consent by patients joining studies (fee-free) then (W10) Trials::enrol
of them, each
with enough pre-signed transactions to fill about --blocks blocks. --workloads W2,W4 runs a
subset (without W1 there are no ratios). The node's whole log goes to --node-log (default
~/.cache/carechain/load-node.log, replaced each run): each block it authored, with its
extrinsic count and how long proposing took.

--state DIR starts the node on a copy of the large chain that \`scripts/scale\` keeps in DIR
(its spec.json and db/; the copy is deleted afterwards, so DIR stays as it was) instead of a
fresh --chain benchmark: the same workloads, measured on a chain of a million patients.

--validators 4 runs a consortium network instead of one node: four release validators (Alice,
Bob, Charlie, Dave; --chain benchmark-testnet) on loopback, the harness submitting to Alice's.
The report then adds, per window, how far finality trailed the best block (P50/P95/P99 in
blocks, sampled at each new best block) and the slots each author missed.

--network-backend libp2p|litep2p runs every node on that networking stack instead of the node's
default (litep2p).

--trie-cache-mib N gives the node (every node) a trie cache of N MiB instead of its default
(64 MiB): how much of a large state's trie stays in memory between blocks.

--indexer runs the node with archive state and the indexer (apps/indexer, PostgreSQL) following
it through the workloads: how far it fell behind the finalised head, how long it took to catch
up after the last window, and then how fast a fresh indexer reads the whole chain from genesis
(blocks/s, events/s).`);
  process.exit(0);
}
const reps = Number(options.reps);
const targetBlocks = Number(options.blocks);

/** The per-window figures. */
interface Window {
  workload: string;
  rep: number;
  submitted: number;
  included: number;
  succeeded: number;
  /** Units per successful extrinsic (records per batch for W3). */
  unitsPerExtrinsic: number;
  blocks: number;
  innerBlocks: number;
  /** Blocks between the window's first and last that carried none of its extrinsics. */
  empty: number;
  perSecond: number;
  weightShare: number;
  latencyP50: number;
  latencyP95: number;
  peakRss: number;
  refused: number;
  lost: number;
  weightPerExtrinsic: bigint;
  /** Mean ref time the successful extrinsics were charged after dispatch (refunds applied). */
  usedPerExtrinsic: bigint;
  /** Best block minus finalised, at each new best block during the window: P50, P95, P99. */
  lag: [number, number, number];
  /** Slots with no block between the window's first and last, by author (Aura's order). */
  missed: number[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

function randomHash(): `0x${string}` {
  return u8aToHex(crypto.getRandomValues(new Uint8Array(32)));
}

class Harness {
  readonly windows: Window[] = [];
  /** Charged ÷ used weight each workload's last window measured. */
  private readonly fills = new Map<string, number>();
  private readonly pairs = new Map<number, KeyringPair>();
  private maxNormal = 0n;
  private readonly patientIds = new Map<number, number>();
  private readonly batchIds = new Map<number, number>();
  private pendingRevokes: { patient: number; consentId: number }[] = [];
  private pendingReceives: { distributor: string; shipmentId: number }[] = [];
  private pendingDecisions: { insurer: number; claimId: number }[] = [];
  private readonly studyIds: number[] = [];
  /** The first study each repetition of W9 fills. */
  private nextStudy = 0;
  /** Per record patient (by account index): its coverage and the encounter its physician wrote. */
  private readonly coverages = new Map<number, number>();
  private readonly encounters = new Map<number, number>();
  private serviceDay = 0;
  private readonly freePatientIds = new Map<number, number>();
  private readonly byAddress = new Map<string, KeyringPair>();
  private readonly indexByAddress = new Map<string, number>();

  constructor(
    private readonly api: ApiPromise,
    private readonly node: RunningNode,
    private readonly signer: Signer,
    private readonly submitter: Submitter,
    private readonly tracker: FinalityTracker,
    private readonly root: KeyringPair,
    private readonly raw: WsProvider,
    private readonly lagWatch: LagWatch,
    private readonly authorities: number,
  ) {
    this.maxNormal = maxNormalWeight(api);
  }

  account(index: number): KeyringPair {
    let pair = this.pairs.get(index);
    if (pair === undefined) {
      pair = this.root.derive(`//${index}`);
      this.pairs.set(index, pair);
      // `pair.address` is computed on every read (SS58 and a hash): read it once.
      const address = pair.address;
      this.byAddress.set(address, pair);
      this.indexByAddress.set(address, index);
    }
    return pair;
  }

  range(r: { first: number; count: number }): KeyringPair[] {
    return Array.from({ length: r.count }, (_, i) => this.account(r.first + i));
  }

  /** Submits and waits for finality; fails on any refusal or failure (setup must not fail). */
  async setup(label: string, batch: Signed[]): Promise<void> {
    const { refused } = await this.submitter.submit(batch);
    if (refused.size > 0) throw new Error(`${label}: ${refused.size} refused, e.g. ${[...refused.values()][0]}`);
    await this.tracker.waitFor(batch.map((s) => s.hash));
    const failed = batch.filter((s) => {
      const at = this.tracker.seen.get(s.hash);
      return at !== undefined && this.tracker.blocks[at[0]]?.failed.has(at[1]);
    });
    if (failed.length > 0) throw new Error(`${label}: ${failed.length} extrinsics failed`);
    console.log(`load: setup ${label}: ${batch.length} extrinsics`);
  }

  /** The first `kind` event (`api.events.patients.PatientRegistered`) that the extrinsic `hash` emitted, if any. */
  eventOf<T extends AnyTuple, N>(hash: string, kind: AugmentedEvent<'promise', T, N>): IEvent<T, N> | undefined {
    for (const event of this.eventsOf(hash)) if (kind.is(event)) return event;
    return undefined;
  }

  eventsOf(hash: string): Event[] {
    const at = this.tracker.seen.get(hash);
    if (at === undefined) return [];
    return this.tracker.blocks[at[0]]?.events.get(at[1]) ?? [];
  }

  async prepare(): Promise<void> {
    const everyone = [
      ...this.range(PHYSICIANS), ...this.range(MANUFACTURERS), ...this.range(DISTRIBUTORS),
      ...this.range(RECORD_PATIENTS), ...this.range(CONSENT_PATIENTS), ...this.range(SENDERS), ...this.range(INSURERS),
    ];
    const check = new Keyring({ type: 'sr25519' }).addFromUri(`${DEV_PHRASE}//${PHYSICIANS.first}`);
    if (check.address !== this.account(PHYSICIANS.first).address) throw new Error('key derivation differs from the preset');
    await this.signer.load(everyone);

    const registrations = [...this.range(RECORD_PATIENTS), ...this.range(CONSENT_PATIENTS)].map((pair) =>
      this.signer.sign(this.api.tx.patients.register(randomHash()), pair));
    await this.setup('patients register', registrations);
    for (const [i, signed] of registrations.entries()) {
      const event = this.eventOf(signed.hash, this.api.events.patients.PatientRegistered);
      if (event === undefined) throw new Error('a registration has no PatientRegistered event');
      const account = i < RECORD_PATIENTS.count ? RECORD_PATIENTS.first + i : CONSENT_PATIENTS.first + i - RECORD_PATIENTS.count;
      this.patientIds.set(account, event.data.patientId.toNumber());
    }

    // Each record patient consents to its own physician writing lab results.
    const grants = this.range(RECORD_PATIENTS).map((pair, i) =>
      this.signer.sign(this.api.tx.consent.grant(this.patientId(RECORD_PATIENTS.first + i),
        this.account(PHYSICIANS.first + i).address, 'Treatment', [LAB_RESULTS], 'ReadWrite', null), pair));
    await this.setup('consent to physicians', grants);

    // Claims (W7, W8): each record patient consents to its insurer for payment; the insurer
    // covers it; its physician anchors the encounter the claims bill.
    const insurerOf = (p: number) => INSURERS.first + (p % INSURERS.count);
    const payments = this.range(RECORD_PATIENTS).map((pair, p) =>
      this.signer.sign(this.api.tx.consent.grant(this.patientId(RECORD_PATIENTS.first + p),
        this.account(insurerOf(p)).address, 'Payment', [BILLING], 'Read', null), pair));
    await this.setup('consent to insurers', payments);
    this.serviceDay = Math.floor((await this.api.query.timestamp.now()).toNumber() / 86_400_000);
    const coverages = this.range(RECORD_PATIENTS).map((_, p) =>
      this.signer.sign(this.api.tx.claims.registerCoverage(this.patientId(RECORD_PATIENTS.first + p), randomHash(),
        this.serviceDay - 365, this.serviceDay + 365, BILLING), this.account(insurerOf(p))));
    await this.setup('register coverages', coverages);
    const encounters = this.range(RECORD_PATIENTS).map((_, p) =>
      this.signer.sign(this.api.tx.records.anchor(this.patientId(RECORD_PATIENTS.first + p), LAB_RESULTS, randomHash(), randomHash()),
        this.account(PHYSICIANS.first + p)));
    await this.setup('anchor encounters', encounters);
    for (let p = 0; p < RECORD_PATIENTS.count; p++) {
      const coverage = this.eventOf(coverages[p]!.hash, this.api.events.claims.CoverageRegistered);
      const encounter = this.eventOf(encounters[p]!.hash, this.api.events.records.RecordAnchored);
      if (coverage === undefined || encounter === undefined) throw new Error('a coverage or encounter has no event');
      this.coverages.set(RECORD_PATIENTS.first + p, coverage.data.coverageId.toNumber());
      this.encounters.set(RECORD_PATIENTS.first + p, encounter.data.recordId.toNumber());
    }

    // Each manufacturer registers a product and commissions a batch large enough for every shipment.
    // Its serials root is random, not a tree over 4 billion serials: W5 only moves custody, and no
    // pack of these lots is ever verified (a real lot's quantity is its serial count, as
    // `supplyChain.commissionLot` builds it).
    const products = this.range(MANUFACTURERS).map((pair, i) =>
      this.signer.sign(registerProduct(this.api, gtinFromBody(String(4_006_381_000_000 + i)), randomHash()), pair));
    await this.setup('register products', products);
    const batches = this.range(MANUFACTURERS).map((pair, i) =>
      this.signer.sign(commissionBatch(this.api, { gtin: gtinFromBody(String(4_006_381_000_000 + i)), lot: 'LOAD1',
        expiresOn: 4_102_444_800_000, quantity: 4_000_000_000, serialsRoot: randomHash() }), pair));
    await this.setup('commission batches', batches);
    for (const [i, signed] of batches.entries()) {
      const event = this.eventOf(signed.hash, this.api.events.supplyChain.BatchCommissioned);
      if (event === undefined) throw new Error('a batch has no BatchCommissioned event');
      this.batchIds.set(MANUFACTURERS.first + i, event.data.batchId.toNumber());
    }
  }

  /** Builds how many extrinsics fill about `targetBlocks` blocks, given one's weight. */
  async count(sample: Signed, floor = 50): Promise<{ count: number; weight: bigint }> {
    // `api.call.transactionPaymentApi.queryInfo` fails on this runtime (its extrinsic argument
    // does not decode), so ask the `payment_queryInfo` RPC and read its JSON.
    const info = (await this.raw.send('payment_queryInfo', [sample.hex])) as {
      weight: { ref_time?: number | string; refTime?: number | string };
    };
    const callWeight = BigInt(info.weight.ref_time ?? info.weight.refTime ?? 0);
    if (callWeight === 0n) throw new Error(`no weight for ${sample.hash}: ${JSON.stringify(info)}`);
    // The RPC answers the call and its extensions; the block also charges the extrinsic base,
    // and the `ExtrinsicSuccess` event's weight (what the report calls "used") includes it.
    const weight = callWeight + baseExtrinsicWeight(this.api);
    const perBlock = Number(this.maxNormal / weight);
    return { count: Math.max(floor, Math.ceil(perBlock * (targetBlocks + 1))), weight };
  }

  /** Submits one pre-signed window and measures it. */
  async measure(workload: string, rep: number, batch: Signed[], weight: bigint, unitsPerExtrinsic = 1): Promise<void> {
    let peak = 0;
    const windowStarted = Date.now();
    const sampler = setInterval(() => { peak = Math.max(peak, this.node.memory().rss); }, 250);
    const beside = this.alongside;
    this.alongside = [];
    const [{ sentAt, refused }, besideResult] = await Promise.all([this.submitter.submit(batch), this.submitter.submit(beside, 8)]);
    this.alongsideRefused = besideResult.refused;
    if (beside.length > 0) await this.tracker.waitFor(beside.filter((s) => !besideResult.refused.has(s.hash)).map((s) => s.hash), 30_000).catch(() => undefined);
    try {
      await this.tracker.waitFor(batch.filter((s) => !refused.has(s.hash)).map((s) => s.hash), 90_000);
    } catch (error) {
      console.error(`load: ${workload}: ${(error as Error).message}`);
    }
    clearInterval(sampler);
    peak = Math.max(peak, this.node.memory().rss);

    const perBlock = new Map<number, number>();
    const latencies: number[] = [];
    let included = 0;
    let succeeded = 0;
    let used = 0n;
    for (const signed of batch) {
      const at = this.tracker.seen.get(signed.hash);
      if (at === undefined) continue;
      const block = this.tracker.blocks[at[0]];
      if (block === undefined) continue;
      included++;
      const sent = sentAt.get(signed.hash) ?? block.finalisedAt;
      latencies.push(block.finalisedAt - sent);
      if (!block.failed.has(at[1])) {
        succeeded++;
        used += block.used.get(at[1]) ?? 0n;
        perBlock.set(at[0], (perBlock.get(at[0]) ?? 0) + 1);
      }
    }
    const positions = [...perBlock.keys()].sort((a, b) => a - b);
    const inner = positions.slice(1, -1);
    // Each inner block is timed by the slot it filled (since the block before it). A block
    // between them that carried none of the workload (the pool handed its author nothing, as
    // happens once after a burst of submissions) is counted apart, as `empty`: counted in the
    // rate, it lowered whichever workload's window it fell inside, by a third of a 3-block
    // window, and left the others alone.
    const seconds = inner.reduce((sum, p) => {
      const block = this.tracker.blocks[p];
      const before = this.tracker.blocks[p - 1];
      return sum + (block !== undefined && before !== undefined ? (block.timestamp - before.timestamp) / 1000 : 0);
    }, 0);
    const empty = positions.length === 0 ? 0 : positions[positions.length - 1]! - positions[0]! + 1 - positions.length;
    const innerCount = inner.reduce((sum, p) => sum + (perBlock.get(p) ?? 0), 0);
    const share = inner.length === 0 ? 0 : inner.reduce((sum, p) => {
      const block = this.tracker.blocks[p];
      return sum + (block === undefined ? 0 : Number((block.normalWeight * 10_000n) / this.maxNormal) / 10_000);
    }, 0) / inner.length;
    latencies.sort((a, b) => a - b);
    const lags = this.lagWatch.between(windowStarted, Date.now());
    // A slot between two consecutive blocks of the window that has no block was its author's to fill.
    const missed = Array.from({ length: this.authorities }, () => 0);
    for (let p = (positions[0] ?? 0) + 1; p <= (positions.at(-1) ?? -1); p++) {
      const [before, block] = [this.tracker.blocks[p - 1], this.tracker.blocks[p]];
      if (before === undefined || block === undefined || before.slot < 0n || block.slot < 0n) continue;
      for (let slot = before.slot + 1n; slot < block.slot; slot++) missed[Number(slot % BigInt(this.authorities))]! += 1;
    }
    const window: Window = {
      workload, rep, submitted: batch.length, included, succeeded, unitsPerExtrinsic,
      blocks: positions.length, innerBlocks: inner.length, empty,
      perSecond: seconds > 0 ? (innerCount * unitsPerExtrinsic) / seconds : 0,
      weightShare: share,
      latencyP50: percentile(latencies, 50), latencyP95: percentile(latencies, 95),
      peakRss: peak, refused: refused.size, lost: batch.length - refused.size - included,
      weightPerExtrinsic: weight,
      usedPerExtrinsic: succeeded > 0 ? used / BigInt(succeeded) : 0n,
      lag: [percentile(lags, 50), percentile(lags, 95), percentile(lags, 99)],
      missed,
    };
    this.windows.push(window);
    console.log(`load: ${workload} rep ${rep}: ${window.perSecond.toFixed(1)}/s over ${inner.length} full blocks (${empty} empty among them), ` +
      `weight ${(share * 100).toFixed(1)} %, ${succeeded}/${batch.length} ok, ${window.refused} refused, ${window.lost} lost, ` +
      `P50 ${window.latencyP50} ms, P95 ${window.latencyP95} ms, RSS ${(peak / 2 ** 20).toFixed(0)} MiB, ` +
      `finality lag P50/P95/P99 ${window.lag.join('/')} blocks, missed slots ${missed.join('/')}`);
    if (refused.size > 0) console.log(`load: e.g. refused: ${[...refused.values()][0]}`);
  }

  async w1(rep: number): Promise<void> {
    const senders = this.range(SENDERS);
    const make = (i: number) => {
      const from = senders[i % senders.length]!;
      const to = senders[(i + 1) % senders.length]!;
      return this.signer.sign(this.api.tx.balances.transferKeepAlive(to.address, 1_000_000_000), from);
    };
    await this.run('W1 transfer_keep_alive', rep, make);
  }

  async w2(rep: number): Promise<void> {
    const make = (i: number) => {
      const p = i % PHYSICIANS.count;
      return this.signer.sign(this.api.tx.records.anchor(this.patientId(RECORD_PATIENTS.first + p),
        LAB_RESULTS, randomHash(), randomHash()), this.account(PHYSICIANS.first + p));
    };
    await this.run('W2 anchor', rep, make);
  }

  async w3(rep: number): Promise<void> {
    const make = (i: number) => {
      const p = i % PHYSICIANS.count;
      const patient = this.patientId(RECORD_PATIENTS.first + p);
      const calls = Array.from({ length: BATCH_SIZE }, () =>
        this.api.tx.records.anchor(patient, LAB_RESULTS, randomHash(), randomHash()));
      return this.signer.sign(this.api.tx.utility.batchAll(calls), this.account(PHYSICIANS.first + p));
    };
    await this.run(`W3 anchor x${BATCH_SIZE} batch_all`, rep, make, BATCH_SIZE, 5);
    // W3b: the same records through `Records::anchor_batch`, which checks the rules once per
    // extrinsic instead of once per record.
    const makeBatch = (i: number) => {
      const p = i % PHYSICIANS.count;
      const records = Array.from({ length: BATCH_SIZE }, () => ({ contentHash: randomHash(), storageRef: randomHash() }));
      const patientId = this.patientIds.get(RECORD_PATIENTS.first + p);
      if (patientId === undefined) throw new Error(`record patient ${p} is not registered`);
      return this.signer.sign(anchorBatch(this.api, BigInt(patientId), LAB_RESULTS, records),
        this.account(PHYSICIANS.first + p));
    };
    await this.run(`W3b anchor_batch x${BATCH_SIZE}`, rep, makeBatch, BATCH_SIZE, 5);
  }

  async w4(rep: number): Promise<void> {
    const make = (i: number) => {
      const patient = CONSENT_PATIENTS.first + (i % CONSENT_PATIENTS.count);
      const grantee = this.account(PHYSICIANS.first + (Math.floor(i / CONSENT_PATIENTS.count) % PHYSICIANS.count));
      return this.signer.sign(this.api.tx.consent.grant(this.patientId(patient), grantee.address,
        'Treatment', [LAB_RESULTS], 'Read', null), this.account(patient));
    };
    // A first grant to a physician walks no earlier consents and checks one credential kind: it
    // is refunded to a fraction of the worst case it is charged for (see `FILL_HINTS`).
    const grants = await this.run('W4a consent grant', rep, make);
    console.log(`load: W4a: reading ${grants.length} ConsentGranted events`);
    this.pendingRevokes = [];
    for (const signed of grants) {
      const event = this.eventOf(signed.hash, this.api.events.consent.ConsentGranted);
      const patient = this.byAddress.get(signed.signer);
      if (event === undefined || patient === undefined) continue;
      this.pendingRevokes.push({ patient: this.indexOf(patient), consentId: event.data.consentId.toNumber() });
    }
    if (this.pendingRevokes.length === 0) throw new Error('W4a granted nothing to revoke');
    await this.run('W4b consent revoke', rep, (i) => {
      const item = this.pendingRevokes[i]!;
      return this.signer.sign(this.api.tx.consent.revoke(item.consentId), this.account(item.patient));
    }, 1, 1, this.pendingRevokes.length);
  }

  async w5(rep: number): Promise<void> {
    const make = (i: number) => {
      const m = MANUFACTURERS.first + (i % MANUFACTURERS.count);
      const to = this.account(DISTRIBUTORS.first + (i % DISTRIBUTORS.count));
      return this.signer.sign(this.api.tx.supplyChain.ship(this.batchId(m), to.address, 1), this.account(m));
    };
    const ships = await this.run('W5a supply ship', rep, make);
    this.pendingReceives = [];
    for (const signed of ships) {
      const event = this.eventOf(signed.hash, this.api.events.supplyChain.Shipped);
      if (event === undefined) continue;
      this.pendingReceives.push({ distributor: event.data.to.toString(), shipmentId: event.data.shipmentId.toNumber() });
    }
    if (this.pendingReceives.length === 0) throw new Error('W5a shipped nothing to receive');
    await this.run('W5b supply receive', rep, (i) => {
      const item = this.pendingReceives[i]!;
      const pair = this.byAddress.get(item.distributor);
      if (pair === undefined) throw new Error(`no key for distributor ${item.distributor}`);
      return this.signer.sign(this.api.tx.supplyChain.receive(item.shipmentId), pair);
    }, 1, 1, this.pendingReceives.length);
  }

  /** Onboards the token-less patients (once): Bob's stash, the dev hospital, registers each. */
  private async onboardFreePatients(): Promise<void> {
    if (this.freePatientIds.size > 0) return;
    const hospital = new Keyring({ type: 'sr25519' }).addFromUri(`${DEV_PHRASE}//Bob//stash`);
    const patients = [...this.range(FREE_PATIENTS), this.account(FLOODER)];
    await this.signer.load([hospital, ...patients]);
    const onboarded = patients.map((pair) => this.signer.sign(this.api.tx.patients.registerFor(pair.address, randomHash()), hospital));
    await this.setup('onboard token-less patients', onboarded);
    for (const [i, signed] of onboarded.entries()) {
      const event = this.eventOf(signed.hash, this.api.events.patients.PatientRegistered);
      if (event === undefined) throw new Error('an onboarding has no PatientRegistered event');
      this.freePatientIds.set(i < FREE_PATIENTS.count ? FREE_PATIENTS.first + i : FLOODER, event.data.patientId.toNumber());
    }
  }

  async w6(rep: number): Promise<void> {
    await this.onboardFreePatients();
    const grant = (patient: number, i: number) => this.api.tx.consent.grant(this.known(this.freePatientIds, patient),
      this.account(PHYSICIANS.first + (i % PHYSICIANS.count)).address, 'Treatment', [LAB_RESULTS], 'Read', null);
    const firstOfRep = FREE_PATIENTS.first + ((rep - 1) % (FREE_PATIENTS.count / FREE_PER_REP)) * FREE_PER_REP;
    const granted = await this.run('W6a fee-free grant', rep, (i) => {
      const patient = firstOfRep + (i % FREE_PER_REP);
      return this.signer.sign(grant(patient, Math.floor(i / FREE_PER_REP)), this.account(patient));
    });
    const revokes: { patient: number; consentId: number }[] = [];
    for (const signed of granted) {
      const event = this.eventOf(signed.hash, this.api.events.consent.ConsentGranted);
      const patient = this.byAddress.get(signed.signer);
      if (event !== undefined && patient !== undefined) revokes.push({ patient: this.indexOf(patient), consentId: event.data.consentId.toNumber() });
    }
    if (revokes.length === 0) throw new Error('W6a granted nothing to revoke');
    await this.run('W6b fee-free revoke', rep, (i) => {
      const item = revokes[i]!;
      return this.signer.sign(this.api.tx.consent.revoke(item.consentId), this.account(item.patient));
    }, 1, 1, revokes.length);

    // W6c: W1's transfers again, while one token-less patient submits ten times its quota of
    // fee-free grants. The pool must keep all but the quota out of blocks, and W1 its pace.
    const flood = Array.from({ length: 10 * QUOTA }, (_, i) => this.signer.sign(grant(FLOODER, i), this.account(FLOODER)));
    const senders = this.range(SENDERS);
    const transfers = (i: number) => this.signer.sign(this.api.tx.balances.transferKeepAlive(
      senders[(i + 1) % senders.length]!.address, 1_000_000_000), senders[i % senders.length]!);
    this.alongside = flood;
    await this.run('W6c W1 beside a 10x-quota flood', rep, transfers);
    const refused = this.alongsideRefused;
    const included = flood.filter((s) => this.tracker.seen.has(s.hash));
    const succeeded = included.filter((s) => {
      const at = this.tracker.seen.get(s.hash);
      return at !== undefined && !this.tracker.blocks[at[0]]?.failed.has(at[1]);
    });
    console.log(`load: W6c rep ${rep}: the flooder's ${flood.length} grants: ${refused.size} refused by the pool, ` +
      `${included.length} included (${succeeded.length} succeeded; its quota is ${QUOTA} an hour), ${flood.length - refused.size - included.length} dropped unincluded`);
    this.floods.push({ rep, submitted: flood.length, refused: refused.size, included: included.length, succeeded: succeeded.length });
  }

  readonly floods: { rep: number; submitted: number; refused: number; included: number; succeeded: number }[] = [];
  /** Submitted beside the next measured window, a few at a time, as it starts (W6c's flood). */
  private alongside: Signed[] = [];
  private alongsideRefused = new Map<string, string>();

  async w7(rep: number): Promise<void> {
    const make = (i: number) => {
      const p = i % RECORD_PATIENTS.count;
      const patient = RECORD_PATIENTS.first + p;
      const billed = { amount: 10_000n, currency: stringToU8a('EUR') };
      return this.signer.sign(this.api.tx.claims.submit(this.patientId(patient), this.account(INSURERS.first + (p % INSURERS.count)).address,
        this.known(this.coverages, patient), this.known(this.encounters, patient), randomHash(), billed, this.serviceDay, randomHash(), BILLING),
      this.account(PHYSICIANS.first + p));
    };
    const submitted = await this.run('W7 claims submit', rep, make);
    this.pendingDecisions = [];
    for (const signed of submitted) {
      const event = this.eventOf(signed.hash, this.api.events.claims.ClaimSubmitted);
      if (event === undefined) continue;
      const insurer = this.indexByAddress.get(event.data.payer.toString());
      if (insurer === undefined) continue;
      this.pendingDecisions.push({ insurer, claimId: event.data.claimId.toNumber() });
    }
    if (this.pendingDecisions.length === 0) throw new Error('W7 submitted no claim to decide');
    await this.run('W8 claims adjudicate', rep, (i) => {
      const item = this.pendingDecisions[i]!;
      return this.signer.sign(this.api.tx.claims.adjudicate(item.claimId, 'Approved', 10_000n, 0n, []), this.account(item.insurer));
    }, 1, 1, this.pendingDecisions.length);
  }

  /**
   * The trials workloads' setup, once: the trial patients register and consent to the sponsor
   * (Dave's stash, the development researcher) for research on their lab results; the sponsor
   * registers the studies, names four physicians investigators of each, and opens them.
   */
  private async prepareTrials(): Promise<void> {
    if (this.studyIds.length > 0) return;
    const sponsor = this.root.derive('//Dave//stash');
    await this.signer.load([sponsor, ...this.range(TRIAL_PATIENTS)]);
    const registrations = this.range(TRIAL_PATIENTS).map((pair) => this.signer.sign(this.api.tx.patients.register(randomHash()), pair));
    await this.setup('trial patients register', registrations);
    for (const [i, signed] of registrations.entries()) {
      const event = this.eventOf(signed.hash, this.api.events.patients.PatientRegistered);
      if (event === undefined) throw new Error('a registration has no PatientRegistered event');
      this.patientIds.set(TRIAL_PATIENTS.first + i, event.data.patientId.toNumber());
    }
    const consents = this.range(TRIAL_PATIENTS).map((pair, i) =>
      this.signer.sign(this.api.tx.consent.grant(this.patientId(TRIAL_PATIENTS.first + i), sponsor.address, 'Research', [LAB_RESULTS], 'Read', null), pair));
    await this.setup('research consents', consents);
    for (const [i, signed] of consents.entries()) {
      const event = this.eventOf(signed.hash, this.api.events.consent.ConsentGranted);
      if (event === undefined) throw new Error('a research consent has no ConsentGranted event');
      this.researchConsents.set(TRIAL_PATIENTS.first + i, event.data.consentId.toNumber());
    }
    const studies = Array.from({ length: STUDIES }, () => this.signer.sign(registerStudy(this.api, {
      kind: 'Observational', registryHash: randomHash(), protocolHash: randomHash(), analysisPlanHash: randomHash(), outcomesHash: randomHash(),
      categories: ['LabResults'], categoriesSalt: crypto.getRandomValues(new Uint8Array(32)), target: STUDY_SIZE, minCohort: 11,
    }), sponsor));
    await this.setup('register studies', studies);
    for (const signed of studies) {
      const event = this.eventOf(signed.hash, this.api.events.trials.StudyRegistered);
      if (event === undefined) throw new Error('a study has no StudyRegistered event');
      this.studyIds.push(event.data.studyId.toNumber());
    }
    const investigators = this.studyIds.flatMap((studyId, s) => Array.from({ length: 4 }, (_, k) =>
      this.signer.sign(this.api.tx.trials.addInvestigator(studyId, this.account(this.investigatorOf(s, k)).address), sponsor)));
    await this.setup('name investigators', investigators);
    await this.setup('open studies', this.studyIds.map((studyId) => this.signer.sign(this.api.tx.trials.setStatus(studyId, 'Recruiting'), sponsor)));
  }

  private readonly researchConsents = new Map<number, number>();

  /** Physician `k` (of four) of study number `s`. */
  private investigatorOf(s: number, k: number): number {
    return PHYSICIANS.first + ((s * 4 + k) % PHYSICIANS.count);
  }

  /** W9 `Trials::consent` (fee-free, by patients joining studies), then W10 `Trials::enrol` of them. */
  async w9(rep: number): Promise<void> {
    await this.prepareTrials();
    const first = this.nextStudy;
    let used = first;
    const make = (i: number) => {
      const s = first + Math.floor(i / STUDY_SIZE);
      if (s >= this.studyIds.length) throw new Error(`W9 needs more than ${STUDIES} studies: run fewer repetitions or blocks`);
      used = Math.max(used, s + 1);
      const patient = TRIAL_PATIENTS.first + ((i + rep * 2_000) % TRIAL_PATIENTS.count);
      const consentId = this.researchConsents.get(patient);
      if (consentId === undefined) throw new Error(`trial patient ${patient} has no research consent`);
      return this.signer.sign(this.api.tx.trials.consent(this.studyIds[s]!, this.patientId(patient), consentId), this.account(patient));
    };
    const joined = await this.run('W9 trials consent', rep, make);
    this.nextStudy = used;
    const pending: { studyIndex: number; patientId: number }[] = [];
    for (const signed of joined) {
      const event = this.eventOf(signed.hash, this.api.events.trials.ParticipantConsented);
      if (event === undefined) continue;
      const studyIndex = this.studyIds.indexOf(event.data.studyId.toNumber());
      pending.push({ studyIndex, patientId: event.data.patientId.toNumber() });
    }
    if (pending.length === 0) throw new Error('W9 enrolled no one to consent');
    await this.run('W10 trials enrol', rep, (i) => {
      const item = pending[i]!;
      return this.signer.sign(this.api.tx.trials.enrol(this.studyIds[item.studyIndex]!, item.patientId),
        this.account(this.investigatorOf(item.studyIndex, i % 4)));
    }, 1, 1, pending.length);
  }

  /** What `prepare` stored for account `index` in `map`. */
  private known(map: Map<number, number>, index: number): number {
    const value = map.get(index);
    if (value === undefined) throw new Error(`account ${index} has no coverage or encounter from setup`);
    return value;
  }

  /** The patient id that account `index` registered in `prepare`. */
  private patientId(index: number): number {
    const id = this.patientIds.get(index);
    if (id === undefined) throw new Error(`account ${index} registered no patient`);
    return id;
  }

  /** The batch that manufacturer `index` commissioned in `prepare`. */
  private batchId(index: number): number {
    const id = this.batchIds.get(index);
    if (id === undefined) throw new Error(`manufacturer ${index} commissioned no batch`);
    return id;
  }

  private indexOf(pair: KeyringPair): number {
    const index = this.indexByAddress.get(pair.address);
    if (index === undefined) throw new Error('unknown account');
    return index;
  }

  /**
   * Sizes, pre-signs and measures one window; returns what it signed. A window is sized by the
   * weight its calls are charged, scaled for calls refunded after dispatch (see `FILL_HINTS`).
   */
  private async run(workload: string, rep: number, make: (i: number) => Signed, units = 1, floor = 50, fixed?: number): Promise<Signed[]> {
    const sample = make(0);
    const sized = await this.count(sample, floor);
    const fill = this.fills.get(workload) ?? FILL_HINTS[workload] ?? 1;
    const total = fixed ?? Math.ceil(sized.count * fill);
    const started = Date.now();
    const batch = [sample];
    for (let i = 1; i < total; i++) batch.push(make(i));
    const seconds = (Date.now() - started) / 1000;
    console.log(`load: ${workload} rep ${rep}: signed ${batch.length} in ${seconds.toFixed(1)} s (weight ${sized.weight} ps each)`);
    await this.measure(workload, rep, batch, sized.weight, units);
    const used = this.windows[this.windows.length - 1]?.usedPerExtrinsic ?? 0n;
    // Most calls are refunded something (credential kinds not read, a shallower batch): every
    // workload's later windows are scaled by what its last one used.
    if (used > 0n) this.fills.set(workload, Math.max(1, Number(sized.weight) / Number(used)));
    return batch;
  }
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function report(windows: Window[], command: string, binary: string, chain: string, authors: string[], maxNormal: string,
  floods: { rep: number; submitted: number; refused: number; included: number; succeeded: number }[]): string {
  const workloads = [...new Set(windows.map((w) => w.workload))];
  const w1 = (rep: number) => windows.find((w) => w.workload.startsWith('W1') && w.rep === rep)?.perSecond ?? 0;
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let commit = 'unknown';
  try { commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(); } catch { /* not a checkout */ }
  const lines = [
    '# Carechain load report',
    '',
    `- date: ${new Date().toISOString()}; commit ${commit}`,
    `- machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
    `- node: \`${binary}\` (release), ${chain}, ${authors.length === 1 ? 'one validator' : `${authors.length} validators (${authors.join(', ')}) on loopback, the harness submitting to the first`}, ParityDB, transaction pool raised to hold the load`,
    `- normal-class block budget: ${maxNormal} ps of ref time per block; 6 s blocks`,
    `- command: \`${command}\``,
    '',
    'Every transaction was signed before its window; throughput counts successful extrinsics',
    '(records for W3 and W3b) in finalised blocks, first and last partial blocks excluded, each block',
    'timed by its slot; a block inside a window that carried none of its extrinsics (the pool gave',
    'the author nothing) is counted apart, below, not in the rate; the ratio is',
    'against W1 of the same repetition. Latency runs from submission to the harness seeing the',
    'block finalised. "Weight each" is what an extrinsic is charged before dispatch and what it',
    'used after its refund (grants: to the consents walked and credential kinds checked;',
    'shipments, receipts: to the batch\'s depth), both with the extrinsic base weight; windows of',
    'refunded calls are sized by the weight used.',
    '',
    '| workload | per second (each repetition) | mean | × W1 | full-block weight | P50 / P95 latency | peak RSS | ok / submitted | refused, lost | weight each: charged / used |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const name of workloads) {
    const runs = windows.filter((w) => w.workload === name);
    // A window whose extrinsics filled no block between its first and last measured nothing (a
    // fixed window, such as W8's decisions of W7's claims, can be that small): shown as "—" and
    // left out of the means.
    const measured = runs.filter((w) => w.innerBlocks > 0);
    const ratio = mean(measured.map((w) => (w1(w.rep) > 0 ? w.perSecond / w1(w.rep) : 0)));
    lines.push(`| ${name} | ${runs.map((w) => (w.innerBlocks > 0 ? w.perSecond.toFixed(0) : '—')).join(', ')} | ${mean(measured.map((w) => w.perSecond)).toFixed(0)} | ` +
      `${ratio.toFixed(2)} | ${(mean(runs.map((w) => w.weightShare)) * 100).toFixed(1)} % | ` +
      `${mean(runs.map((w) => w.latencyP50)).toFixed(0)} / ${mean(runs.map((w) => w.latencyP95)).toFixed(0)} ms | ` +
      `${mib(Math.max(...runs.map((w) => w.peakRss)))} | ${runs.reduce((s, w) => s + w.succeeded, 0)} / ${runs.reduce((s, w) => s + w.submitted, 0)} | ` +
      `${runs.reduce((s, w) => s + w.refused, 0)}, ${runs.reduce((s, w) => s + w.lost, 0)} | ${(Number(runs[0]?.weightPerExtrinsic ?? 0n) / 1e6).toFixed(1)} / ${(Number(runs[0]?.usedPerExtrinsic ?? 0n) / 1e6).toFixed(1)} µs |`);
  }
  lines.push('', `Full blocks measured per window: ${windows.map((w) => w.innerBlocks).join(', ')}; blocks inside each window that carried none of it: ${windows.map((w) => w.empty).join(', ')}.`, '');
  if (authors.length > 1) {
    lines.push(`Finality and authorship on the network: finality lag is the best block's number minus the last finalised one's, sampled at each new best block of the window; a missed slot is one between two of the window's blocks in which its author (Aura: slot mod ${authors.length}) produced no block.`, '');
    lines.push(`| workload | rep | finality lag P50 / P95 / P99 (blocks) | samples | missed slots: ${authors.join(' / ')} |`, '| --- | --- | --- | --- | --- |');
    for (const w of windows) lines.push(`| ${w.workload} | ${w.rep} | ${w.lag.join(' / ')} | ${w.innerBlocks + 2} blocks | ${w.missed.join(' / ')} |`);
    lines.push('');
  }
  if (floods.length > 0) {
    lines.push(`W6c: one patient who holds no token submitted ${floods[0]?.submitted} fee-free grants (ten times its quota of ${QUOTA} an hour) beside W1's transfers, in each repetition:`, '');
    lines.push('| repetition | refused by the pool | included | of which succeeded |', '| --- | --- | --- | --- |');
    for (const f of floods) lines.push(`| ${f.rep} | ${f.refused} | ${f.included} | ${f.succeeded} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** How far the indexer is behind the node's finalised head, every five seconds. */
class LagSampler {
  readonly samples: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly api: ApiPromise, readonly graphql: string) {
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 5_000);
  }

  async behind(): Promise<{ head: number; behind: number }> {
    const head = (await this.api.rpc.chain.getHeader(await this.api.rpc.chain.getFinalizedHead())).number.toNumber();
    return { head, behind: Math.max(0, head - await indexedHeight(this.graphql)) };
  }

  private async sample(): Promise<void> {
    this.samples.push((await this.behind()).behind);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** How long the following indexer may take to catch up after the workloads, and a fresh one to read the chain. */
const CATCH_UP_LIMIT_MS = 600_000;
const FRESH_READ_LIMIT_MS = 1_800_000;

/** The indexer's figures: lag through the workloads, catch-up after them, and a full read from genesis. */
async function indexerReport(api: ApiPromise, url: string, lag: LagSampler): Promise<string> {
  lag.stop();
  const sorted = [...lag.samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const end = await lag.behind();
  const t0 = Date.now();
  let behind = end.behind;
  while (behind > 0 && Date.now() - t0 < CATCH_UP_LIMIT_MS) {
    await new Promise((ok) => setTimeout(ok, 500));
    behind = (await lag.behind()).behind;
  }
  const caughtUp = behind > 0
    ? `not caught up after ${CATCH_UP_LIMIT_MS / 1000} s (${behind} blocks behind)`
    : `${((Date.now() - t0) / 1000).toFixed(1)} s`;

  // A fresh indexer reads the whole chain, as a new deployment (or a rebuild) would.
  const head = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  const fresh = await startIndexer({ rpc: url });
  try {
    const start = Date.now();
    let height = 0;
    while ((height = await indexedHeight(fresh.graphql)) < head) {
      if (Date.now() - start > FRESH_READ_LIMIT_MS) {
        throw new Error(`a fresh indexer reached #${height} of #${head} in ${FRESH_READ_LIMIT_MS / 1000} s and was given up; its logs are in ${fresh.dir}`);
      }
      await new Promise((ok) => setTimeout(ok, 250));
    }
    const seconds = (Date.now() - start) / 1000;
    const { chainEventsConnection } = await graphql<{ chainEventsConnection: { totalCount: number } }>(fresh.graphql,
      `{ chainEventsConnection(orderBy: id_ASC, where: { block_lte: ${head} }) { totalCount } }`);
    const events = chainEventsConnection.totalCount;
    return ['', '## The indexer', '',
      'The indexer (apps/indexer, PostgreSQL 15 on this machine) followed the node through every window above, sharing its two cores.', '',
      '| figure | value |', '| --- | --- |',
      `| blocks behind the finalised head, sampled every 5 s through the workloads (${sorted.length} samples): P50 / P95 / max | ${at(0.5)} / ${at(0.95)} / ${sorted.at(-1) ?? 0} |`,
      `| behind when the last window ended | ${end.behind} blocks (head #${end.head}) |`,
      `| time to catch up from there | ${caughtUp} |`,
      `| a fresh indexer reading the chain from genesis: blocks | ${head} blocks, ${events} events |`,
      `| … in | ${seconds.toFixed(1)} s: ${(head / seconds).toFixed(1)} blocks/s, ${(events / seconds).toFixed(0)} events/s |`,
      ''].join('\n');
  } finally {
    await fresh.stop();
  }
}

/** Aura's authorities in its order (that of slots), named as the dev keys they are. */
async function auraAuthors(api: ApiPromise): Promise<string[]> {
  const keyring = new Keyring({ type: 'sr25519' });
  const names = new Map(['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']
    .map((name) => [u8aToHex(keyring.addFromUri(`//${name}`).publicKey), name]));
  const authorities = await api.query.aura.authorities();
  return authorities.map((key) => names.get(key.toHex()) ?? key.toHex());
}

async function main(): Promise<void> {
  await cryptoWaitReady();
  const binary = options.node;
  // On a large chain (--state): a throwaway copy of its database, which the workloads then add to.
  let chain = '`--chain benchmark`';
  let copy: string | undefined;
  if (options.state !== undefined) {
    const fill = JSON.parse(readFileSync(join(options.state, 'fill.json'), 'utf8')) as { patients: number; nextRecordId: string };
    copy = mkdtempSync(join(options.state, 'load-'));
    console.log(`load: copying the chain in ${options.state} to ${copy}`);
    cpSync(join(options.state, 'db'), copy, { recursive: true });
    chain = `a copy of the chain \`scripts/scale\` made in ${options.state} (${fill.patients} patients, ${fill.nextRecordId} records)`;
  }
  const validators = Number(options.validators);
  function networkBackendArgs(backend: string | undefined): string[] {
    if (backend === undefined) return [];
    if (backend !== 'libp2p' && backend !== 'litep2p') throw new Error(`--network-backend must be libp2p or litep2p, not ${backend}`);
    return ['--network-backend', backend];
  }
  if (validators !== 1 && validators !== 4) throw new Error(`--validators must be 1 or 4, not ${options.validators}`);
  if (validators === 4 && options.state !== undefined) throw new Error('--state runs one validator: leave out --validators 4');
  const authorNames = (['alice', 'bob', 'charlie', 'dave'] as const).slice(0, validators);
  if (validators === 4) chain = '`--chain benchmark-testnet`';
  console.log(`load: starting ${binary} on ${chain}`);
  const nodeArgs = ['--pool-limit', '400000', '--pool-kbytes', '2000000', '--rpc-max-connections', '1000',
    '--rpc-message-buffer-capacity-per-connection', '4096', '--rpc-max-request-size', '64',
    ...(options.indexer ? ['--state-pruning', 'archive-canonical'] : []),
    ...trieCacheArgs(options['trie-cache-mib']),
    ...networkBackendArgs(options['network-backend'])];
  const node = await startNode({
    binary,
    chain: options.state !== undefined ? join(options.state, 'spec.json') : validators === 4 ? 'benchmark-testnet' : 'benchmark',
    basePath: copy,
    args: nodeArgs,
    startupTimeoutMs: 300_000,
    logFile: options['node-log'],
  });
  // The other validators of the network, each with its own log beside the first's.
  const peers: RunningNode[] = [];
  if (validators > 1 && node.multiaddr.endsWith('/unknown')) {
    await node.stop();
    throw new Error(`the first validator logged no peer id, so the others cannot find it:\n${node.logTail()}`);
  }
  for (const authority of authorNames.slice(1)) {
    peers.push(await startNode({ binary, chain: 'benchmark-testnet', authority,
      args: [...nodeArgs, '--bootnodes', node.multiaddr], startupTimeoutMs: 300_000,
      logFile: options['node-log'].replace(/(\.log)?$/, `-${authority}.log`) }).catch(async (error: unknown) => {
      await Promise.all([node, ...peers].map((n) => n.stop()));
      throw error;
    }));
  }
  let api: ApiPromise | undefined;
  let submitter: Submitter | undefined;
  let tracker: FinalityTracker | undefined;
  let lagWatch: LagWatch | undefined;
  let raw: WsProvider | undefined;
  let following: RunningIndexer | undefined;
  let lag: LagSampler | undefined;
  try {
    if (options.indexer) {
      following = await startIndexer({ rpc: node.url });
      console.log(`load: the indexer follows the node (GraphQL ${following.graphql}, logs in ${following.dir})`);
    }
    // As the client's `connect`: the runtime's own extension carries nothing in a transaction.
    api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true,
      signedExtensions: { CheckPatientQuota: { extrinsic: {}, payload: {} } } });
    submitter = await Submitter.connect(node.url);
    raw = new WsProvider(node.url);
    await raw.isReady;
    tracker = new FinalityTracker(api, raw, new Set(['patients', 'consent', 'supplyChain', 'claims', 'records', 'trials']));
    await tracker.start();
    lagWatch = new LagWatch(api);
    await lagWatch.start();
    const root = new Keyring({ type: 'sr25519' }).addFromUri(DEV_PHRASE);
    const harness = new Harness(api, node, new Signer(api), submitter, tracker, root, raw, lagWatch, validators);
    await harness.prepare();
    if (following) lag = new LagSampler(api, following.graphql);
    const selected = new Set(options.workloads.split(','));
    for (let rep = 1; rep <= reps; rep++) {
      if (selected.has('W1')) await harness.w1(rep);
      if (selected.has('W2')) await harness.w2(rep);
      if (selected.has('W3')) await harness.w3(rep);
      if (selected.has('W4')) await harness.w4(rep);
      if (selected.has('W5')) await harness.w5(rep);
      if (selected.has('W6')) await harness.w6(rep);
      if (selected.has('W7')) await harness.w7(rep);
      if (selected.has('W9')) await harness.w9(rep);
    }
    let text = report(harness.windows, `scripts/load ${process.argv.slice(2).join(' ')}`.trim(), binary, chain,
      await auraAuthors(api), maxNormalWeight(api).toString(), harness.floods);
    if (following && lag) text += await indexerReport(api, node.url, lag);
    console.log(text);
    if (options.out !== undefined) writeFileSync(options.out, text);
  } catch (error) {
    console.error('load: failed:', error instanceof Error ? error.stack : error);
    console.error(`load: the node's last log lines:\n${node.logTail()}`);
    throw error;
  } finally {
    tracker?.stop();
    lagWatch?.stop();
    lag?.stop();
    await following?.stop();
    await submitter?.disconnect();
    await raw?.disconnect();
    await api?.disconnect();
    await Promise.all([node, ...peers].map((n) => n.stop()));
    if (copy !== undefined) rmSync(copy, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('load: failed:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
