// What the load harness needs from a node: pre-signing, fast submission, and a record of every
// finalised block (its extrinsics, their outcome, its weight and timestamp).

import type { ApiPromise } from '@polkadot/api';
import { WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Event } from '@polkadot/types/interfaces';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

/** The normal-class ref-time budget of a block, in picoseconds, from the metadata. */
export function maxNormalWeight(api: ApiPromise): bigint {
  return api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
}

/**
 * The weight every normal extrinsic is charged on top of its call and extensions (the
 * runtime's `ExtrinsicBaseWeight`), in picoseconds of ref time.
 */
export function baseExtrinsicWeight(api: ApiPromise): bigint {
  return api.consts.system.blockWeights.perClass.normal.baseExtrinsic.refTime.toBigInt();
}

/** A signed extrinsic ready to submit, and who signed it. */
export interface Signed {
  hex: string;
  hash: string;
  signer: string;
}

/** Signs offline: immortal era, the nonce given, no RPC round trip. */
export class Signer {
  private readonly nonces = new Map<string, number>();
  constructor(private readonly api: ApiPromise) {}

  /** Sets where `pair`'s nonces start (its next index on chain). */
  async load(pairs: KeyringPair[]): Promise<void> {
    const chunk = 500;
    for (let i = 0; i < pairs.length; i += chunk) {
      const slice = pairs.slice(i, i + chunk);
      const next = await Promise.all(slice.map((pair) => this.api.rpc.system.accountNextIndex(pair.address)));
      slice.forEach((pair, j) => this.nonces.set(pair.address, next[j]?.toNumber() ?? 0));
    }
  }

  sign(extrinsic: SubmittableExtrinsic<'promise'>, pair: KeyringPair): Signed {
    const address = pair.address; // computed on every read: once
    const nonce = this.nonces.get(address);
    if (nonce === undefined) throw new Error(`no nonce loaded for ${address}`);
    this.nonces.set(address, nonce + 1);
    const genesisHash = this.api.genesisHash;
    extrinsic.sign(pair, {
      blockHash: genesisHash,
      genesisHash,
      nonce,
      runtimeVersion: this.api.runtimeVersion,
      signedExtensions: this.api.registry.signedExtensions,
    });
    const bytes = extrinsic.toU8a();
    return { hex: u8aToHex(bytes), hash: u8aToHex(blake2AsU8a(bytes)), signer: address };
  }
}

/** Submits over several WebSocket connections, `inFlight` requests at a time. */
export class Submitter {
  private constructor(private readonly providers: WsProvider[]) {}

  static async connect(url: string, connections = 4): Promise<Submitter> {
    const providers = Array.from({ length: connections }, () => new WsProvider(url, 1000, {}, 120_000));
    await Promise.all(providers.map((provider) => provider.isReady));
    return new Submitter(providers);
  }

  /** Submits everything; returns when each was accepted or refused, with the wall time each was sent. */
  async submit(batch: Signed[], inFlight = 512): Promise<{ sentAt: Map<string, number>; refused: Map<string, string> }> {
    const sentAt = new Map<string, number>();
    const refused = new Map<string, string>();
    let next = 0;
    const worker = async (index: number) => {
      const provider = this.providers[index % this.providers.length];
      if (provider === undefined) return;
      for (;;) {
        const item = batch[next++];
        if (item === undefined) return;
        sentAt.set(item.hash, Date.now());
        const reason = await submitOne(provider, item.hex);
        if (reason !== undefined) refused.set(item.hash, reason);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, (_, i) => worker(i)));
    return { sentAt, refused };
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.providers.map((provider) => provider.disconnect()));
  }
}

/** Substrate's development mnemonic: the benchmark chain's accounts are derived from it. */
export const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';

/** How a submission's error is taken: see [`submitOne`]. */
export type SubmitOutcome = 'accepted' | 'retry' | 'refused';

/**
 * What an `author_submitExtrinsic` error means for the harness. The pool already holding the
 * transaction (1013, "already imported": a resubmission after a lost answer) means it was
 * accepted. A lost connection (the socket closed, or no answer within the timeout, as a node
 * busy authoring can be for a while) or a full pool (1016, "immediately dropped") is worth
 * another try once the provider is back. Anything else (an invalid transaction, a stale nonce)
 * is the pool's refusal.
 */
export function classifySubmitError(message: string): SubmitOutcome {
  if (/^1013\b|already imported/i.test(message)) return 'accepted';
  if (/^1016\b|immediately dropped|not connected|disconnected from|no response received/i.test(message)) return 'retry';
  return 'refused';
}

/** The most tries of one submission, and the wait before the first retry (doubling after). */
export const SUBMIT_TRIES = 6;
const RETRY_DELAY_MS = 500;

/**
 * Submits one transaction, trying again while the connection is down or the pool full (up to
 * [`SUBMIT_TRIES`] times, waiting for the provider to reconnect); undefined once the pool has it,
 * else the last reason it gave.
 */
export async function submitOne(provider: WsProvider, hex: string, delayMs = RETRY_DELAY_MS): Promise<string | undefined> {
  let reason = '';
  for (let attempt = 0; attempt < SUBMIT_TRIES; attempt++) {
    if (attempt > 0) {
      await new Promise((ok) => setTimeout(ok, delayMs * 2 ** (attempt - 1)));
      if (!provider.isConnected) await Promise.race([provider.isReady, new Promise((ok) => setTimeout(ok, 10_000))]);
    }
    try {
      await provider.send('author_submitExtrinsic', [hex]);
      return undefined;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
      const outcome = classifySubmitError(reason);
      if (outcome === 'accepted') return undefined;
      if (outcome === 'refused') return reason;
    }
  }
  return `${reason} (after ${SUBMIT_TRIES} tries)`;
}

/** What happened in one finalised block. */
export interface BlockRecord {
  number: number;
  hash: string;
  /** Wall time the harness learnt that the block was finalised. */
  finalisedAt: number;
  /** The block's timestamp (ms). */
  timestamp: number;
  /** Its Aura slot (from the header's pre-runtime digest), whose author is `slot mod n` of n authorities. */
  slot: bigint;
  /** Normal-class ref time used, in picoseconds. */
  normalWeight: bigint;
  /** Hash of every extrinsic, in order. */
  extrinsics: string[];
  /** Indexes of extrinsics that failed. */
  failed: Set<number>;
  /** Ref time each extrinsic was finally charged (after any refund), by index, in picoseconds. */
  used: Map<number, bigint>;
  /** Events by extrinsic index, for the sections the harness asked about. */
  events: Map<number, Event[]>;
}

/**
 * The Aura slot a header's digest names: its `PreRuntime` item (0x06) of engine `aura`, whose
 * payload is the SCALE `Vec<u8>` of a little-endian u64 (`0x20` then eight bytes); -1 if none.
 */
export function auraSlot(logs: string[]): bigint {
  const prefix = '0x066175726120';
  const log = logs.find((l) => l.startsWith(prefix) && l.length === prefix.length + 16);
  if (log === undefined) return -1n;
  return hexToU8a(`0x${log.slice(prefix.length)}`).reduceRight((slot, byte) => (slot << 8n) | BigInt(byte), 0n);
}

/**
 * Samples how far finality trails the best block: at every new best block, its number minus
 * the last finalised one's, with the wall time.
 */
export class LagWatch {
  readonly samples: { at: number; lag: number }[] = [];
  private finalised = 0;
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly api: ApiPromise) {}

  async start(): Promise<void> {
    this.unsubscribe.push(await this.api.rpc.chain.subscribeFinalizedHeads((header) => {
      this.finalised = Math.max(this.finalised, header.number.toNumber());
    }));
    this.unsubscribe.push(await this.api.rpc.chain.subscribeNewHeads((header) => {
      this.samples.push({ at: Date.now(), lag: Math.max(0, header.number.toNumber() - this.finalised) });
    }));
  }

  /** The samples taken from `from` to `to` (ms), sorted by lag. */
  between(from: number, to: number): number[] {
    return this.samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.lag).sort((a, b) => a - b);
  }

  stop(): void {
    this.unsubscribe.forEach((unsubscribe) => unsubscribe());
  }
}

/** Follows finality and records every finalised block, in order. */
export class FinalityTracker {
  readonly blocks: BlockRecord[] = [];
  /** extrinsic hash → [block index in `blocks`, extrinsic index]. */
  readonly seen = new Map<string, [number, number]>();
  private last = 0;
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private listeners: (() => void)[] = [];

  constructor(
    private readonly api: ApiPromise,
    private readonly raw: WsProvider,
    private readonly sections: Set<string>,
  ) {}

  async start(): Promise<void> {
    const head = await this.api.rpc.chain.getFinalizedHead();
    this.last = (await this.api.rpc.chain.getHeader(head)).number.toNumber();
    this.unsubscribe = await this.api.rpc.chain.subscribeFinalizedHeads((header) => {
      const at = Date.now();
      const upTo = header.number.toNumber();
      this.queue = this.queue.then(() => this.catchUp(upTo, at)).catch((error: unknown) => {
        console.error('load: could not read a finalised block:', error);
      });
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** Resolves once `hashes` are all in finalised blocks, or rejects after `idleMs` without progress. */
  async waitFor(hashes: Iterable<string>, idleMs = 60_000): Promise<void> {
    const wanted = [...hashes];
    let found = -1;
    let progressAt = Date.now();
    for (;;) {
      const now = wanted.filter((hash) => this.seen.has(hash)).length;
      if (now === wanted.length) return;
      if (now > found) {
        found = now;
        progressAt = Date.now();
      }
      if (Date.now() - progressAt > idleMs) {
        throw new Error(`${wanted.length - now} of ${wanted.length} extrinsics never reached a finalised block`);
      }
      await new Promise<void>((ok) => {
        const timer = setTimeout(ok, 1000);
        this.listeners.push(() => {
          clearTimeout(timer);
          ok();
        });
      });
    }
  }

  private async catchUp(upTo: number, finalisedAt: number): Promise<void> {
    for (let number = this.last + 1; number <= upTo; number++) {
      const hash = (await this.api.rpc.chain.getBlockHash(number)).toHex();
      const block = (await this.raw.send('chain_getBlock', [hash])) as {
        block: { extrinsics: string[]; header: { digest: { logs: string[] } } };
      };
      const at = await this.api.at(hash);
      const [events, timestamp, weight] = await Promise.all([
        at.query.system.events(),
        at.query.timestamp.now(),
        at.query.system.blockWeight(),
      ]);
      const record: BlockRecord = {
        number,
        hash,
        finalisedAt,
        timestamp: timestamp.toNumber(),
        slot: auraSlot(block.block.header.digest.logs),
        normalWeight: weight.normal.refTime.toBigInt(),
        extrinsics: block.block.extrinsics.map((xt) => u8aToHex(blake2AsU8a(hexToU8a(xt)))),
        failed: new Set(),
        used: new Map(),
        events: new Map(),
      };
      const { ExtrinsicSuccess, ExtrinsicFailed } = this.api.events.system;
      for (const { phase, event } of events) {
        if (!phase.isApplyExtrinsic) continue;
        const index = phase.asApplyExtrinsic.toNumber();
        if (ExtrinsicFailed.is(event)) record.failed.add(index);
        // `dispatchInfo.weight` is the weight after the call's refund, extensions included.
        const info = ExtrinsicSuccess.is(event) || ExtrinsicFailed.is(event) ? event.data.dispatchInfo : undefined;
        if (info !== undefined) record.used.set(index, info.weight.refTime.toBigInt());
        if (this.sections.has(event.section)) {
          const list = record.events.get(index) ?? [];
          list.push(event);
          record.events.set(index, list);
        }
      }
      const position = this.blocks.length;
      this.blocks.push(record);
      record.extrinsics.forEach((xt, index) => this.seen.set(xt, [position, index]));
      this.last = number;
      const listeners = this.listeners;
      this.listeners = [];
      listeners.forEach((notify) => notify());
    }
  }
}

/** The node's `--trie-cache-size` for a harness's `--trie-cache-mib`, or nothing for its default. */
export function trieCacheArgs(mib: string | undefined): string[] {
  if (mib === undefined) return [];
  if (!/^\d+$/.test(mib)) throw new Error(`--trie-cache-mib must be a whole number of MiB, not ${mib}`);
  return ['--trie-cache-size', String(Number(mib) * 1024 * 1024)];
}
