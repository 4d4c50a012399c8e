// The portal's connection to a node, its accounts (the development keyring on a dev chain, and
// the Polkadot{.js} extension when present), actions with progress, and event history.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { useState } from 'preact/hooks';
import { ChainError, connect, eventFields, signer, submit, type Account, type Included, type Progress } from '../../src/lib/index.js';

/** Someone the portal can sign as. */
export interface PortalAccount {
  name: string;
  address: string;
  source: 'development keyring' | string;
  account: Account;
}

/** The development accounts by name and secret URI: the six, and the stashes that hold roles in the dev genesis. */
const DEV_ACCOUNTS: [string, string][] = [
  ['Alice', '//Alice'], ['Bob', '//Bob'], ['Charlie', '//Charlie'], ['Dave', '//Dave'], ['Eve', '//Eve'], ['Ferdie', '//Ferdie'],
  ['Bob stash (hospital)', '//Bob//stash'], ['Charlie stash (insurer)', '//Charlie//stash'], ['Dave stash (researcher)', '//Dave//stash'],
];

/** The development accounts; offered only on a development chain. */
export async function devAccounts(): Promise<PortalAccount[]> {
  return await Promise.all(DEV_ACCOUNTS.map(async ([name, uri]) => {
    const pair = await signer(uri);
    return { name, address: pair.address, source: 'development keyring', account: pair };
  }));
}

/** Accounts of the Polkadot{.js} browser extension, if one is installed and the user allows it. */
export async function extensionAccounts(): Promise<PortalAccount[]> {
  const { web3Enable, web3Accounts, web3FromSource } = await import('@polkadot/extension-dapp');
  const extensions = await web3Enable('Carechain portal');
  if (extensions.length === 0) return [];
  const found = await web3Accounts();
  return await Promise.all(found.map(async (injected) => {
    const injector = await web3FromSource(injected.meta.source);
    return {
      name: injected.meta.name ?? injected.address.slice(0, 8),
      address: injected.address,
      source: injected.meta.source,
      account: { address: injected.address, signer: injector.signer },
    };
  }));
}

export interface Connection {
  api: ApiPromise;
  chain: string;
  development: boolean;
}

/** Connects and says whether this is a development chain (which gets the dev keyring). */
export async function open(url: string): Promise<Connection> {
  const api = await connect(url, 10_000);
  const [chain, type] = await Promise.all([api.rpc.system.chain(), api.rpc.system.chainType()]);
  return { api, chain: chain.toString(), development: type.isDevelopment || type.isLocal };
}

export interface ActionState {
  busy: boolean;
  steps: Progress[];
  error?: string;
  done?: string;
}

/**
 * One action button's life: signed → submitted → in block → finalised, then a result line, or a
 * readable error (a pallet error's name and its documentation).
 */
export function useAction(): [ActionState, (label: string, run: (track: Track) => Promise<string>) => Promise<void>] {
  const [state, setState] = useState<ActionState>({ busy: false, steps: [] });
  const run = async (label: string, body: (track: Track) => Promise<string>) => {
    setState({ busy: true, steps: [] });
    const steps: Progress[] = [];
    const track: Track = async (api, tx, account) => await submit(api, tx, account, {
      finalised: true,
      onProgress: (step) => {
        if (!steps.includes(step)) steps.push(step);
        setState({ busy: true, steps: [...steps] });
      },
    });
    try {
      const done = await body(track);
      setState({ busy: false, steps: [...steps], done });
    } catch (error) {
      setState({ busy: false, steps: [...steps], error: `${label} failed: ${readable(error)}` });
    }
  };
  return [state, run];
}

export type Track = (api: ApiPromise, tx: SubmittableExtrinsic<'promise'>, account: Account) => Promise<Included>;

/** A message a user can act on. */
export function readable(error: unknown): string {
  if (error instanceof ChainError) return `the chain refused (${error.section}.${error.name}): ${error.docs || 'no further detail'}`;
  return error instanceof Error ? error.message : String(error);
}

/** One event from the chain's history. */
export interface HistoryEvent {
  block: number;
  section: string;
  method: string;
  data: Record<string, unknown>;
}

/** The indexer's GraphQL endpoint, when the portal was given one (`?indexer=URL`). */
export const INDEXER: string | undefined =
  new URLSearchParams(globalThis.location?.search ?? '').get('indexer') ?? undefined;

/**
 * Events of the last `window` blocks that `keep` selects, newest first: the fallback when no
 * indexer is configured. It reads only blocks whose state the node still has (a node prunes all
 * but the last 256 by default): the scan walks back from the head and stops at the first block
 * the node has discarded, and `from`/`to` say which blocks it covered (`pruned` whether it
 * stopped early).
 */
export async function recentEvents(
  api: ApiPromise,
  keep: (section: string, method: string, data: Record<string, unknown>) => boolean,
  window = 1200,
): Promise<{ events: HistoryEvent[]; from: number; to: number; pruned: boolean }> {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const oldest = Math.max(1, head - window + 1);
  const numbers = Array.from({ length: head - oldest + 1 }, (_, i) => head - i);
  const events: HistoryEvent[] = [];
  let from = head + 1;
  for (let i = 0; i < numbers.length; i += 50) {
    const chunk = numbers.slice(i, i + 50);
    const records = await Promise.allSettled(chunk.map(async (number) => {
      const hash = await api.rpc.chain.getBlockHash(number);
      return [number, await api.query.system.events.at(hash)] as const;
    }));
    for (const record of records) {
      if (record.status === 'rejected') return { events, from, to: head, pruned: true };
      const [number, list] = record.value;
      from = number;
      for (const { event } of list) {
        const data = Object.fromEntries(Object.entries(eventFields(event)).map(([name, value]) => [name, value.toJSON()]));
        if (keep(event.section, event.method, data)) events.push({ block: number, section: event.section, method: event.method, data });
      }
    }
  }
  return { events, from, to: head, pruned: false };
}

/** Reads a file chosen in the browser; its bytes never leave the page. */
export async function fileBytes(input: HTMLInputElement | null): Promise<Uint8Array> {
  const file = input?.files?.[0];
  if (file === undefined) throw new Error('choose a file first');
  return new Uint8Array(await file.arrayBuffer());
}

/** A positive integer id typed by a user. */
export function parseId(value: string, what: string): bigint {
  if (!/^\d+$/.test(value.trim())) throw new Error(`${what} must be a number`);
  return BigInt(value.trim());
}
