// Where the indexer reads from: a Carechain node's JSON-RPC, nothing else (no archive gateway, no
// cloud). The node must keep the state of every block the indexer has not read yet: an archive
// node (`--state-pruning archive-canonical`) for a first sync from genesis; see docs/INDEXER.md.

import {
  SubstrateBatchProcessor,
  type BlockHeader,
  type DataHandlerContext,
  type Event as _Event,
  type Extrinsic as _Extrinsic,
} from '@subsquid/substrate-processor';
import * as events from './types/events';

/** Every event of the pallets the indexer keeps (the typegen's list, so a new event is not missed). */
export const EVENT_NAMES: string[] = Object.values(events).flatMap((pallet) =>
  Object.values(pallet as Record<string, { name: string }>).map((event) => event.name),
);

export const processor = new SubstrateBatchProcessor()
  .setRpcEndpoint({
    url: process.env.CARECHAIN_RPC ?? 'ws://127.0.0.1:9944',
    rateLimit: process.env.CARECHAIN_RPC_RATE_LIMIT ? Number(process.env.CARECHAIN_RPC_RATE_LIMIT) : undefined,
  })
  .setRpcDataIngestionSettings({ headPollInterval: Number(process.env.CARECHAIN_POLL_MS ?? 1000) })
  .addEvent({ name: EVENT_NAMES, extrinsic: true })
  // Genesis, for the issuers and credentials it seeds (Indexer.seedGenesis).
  .includeAllBlocks({ from: 0, to: 0 })
  .setFields({
    block: { timestamp: true },
    event: { args: true, phase: true },
    extrinsic: { hash: true, signature: true, success: true },
  });

export type Fields = typeof processor extends SubstrateBatchProcessor<infer F> ? F : never;
export type Block = BlockHeader<Fields>;
export type Event = _Event<Fields>;
export type Extrinsic = _Extrinsic<Fields>;
export type ProcessorContext<Store> = DataHandlerContext<Store, Fields>;
