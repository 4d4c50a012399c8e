// Connecting, signing and submitting: what every pallet module shares. Calls, storage, runtime
// APIs and events are the typed `api.tx`, `api.query`, `api.call` and `api.events`, augmented by
// the interfaces generated from the runtime metadata (src/interfaces, `npm run typegen`): a call's
// arguments and a storage item's or runtime API's answer are type-checked against the runtime.

import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import type { Signer, SubmittableExtrinsic } from '@polkadot/api/types';
import type { ISubmittableResult } from '@polkadot/types/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import type { SpRuntimeDispatchError } from '@polkadot/types/lookup';
import type { Codec } from '@polkadot/types/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** The local dev node's RPC endpoint (`scripts/dev`). */
export const DEFAULT_URL = 'ws://127.0.0.1:9944';

/** Connects to a node and waits until its metadata is loaded; fails fast if nothing answers. */
export async function connect(url: string = DEFAULT_URL, timeoutMs = 30_000): Promise<ApiPromise> {
  const provider = new WsProvider(url, false);
  const reached = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    provider.on('connected', () => {
      clearTimeout(timer);
      resolve();
    });
    provider.on('error', (error: unknown) => {
      clearTimeout(timer);
      reject(error instanceof Error ? error : new Error('connection refused'));
    });
  });
  try {
    await provider.connect();
    await reached;
  } catch (error) {
    await provider.disconnect().catch(() => undefined);
    const reason = error instanceof Error && error.message.length > 0 ? error.message : 'connection refused';
    throw new Error(`cannot reach a Carechain node at ${url}: ${reason}`);
  }
  return await ApiPromise.create({
    provider, noInitWarn: true, throwOnConnect: true,
    // The runtime's own transaction extension: it carries nothing in a transaction.
    signedExtensions: { CheckPatientQuota: { extrinsic: {}, payload: {} } },
  });
}

/** A signing key from a secret URI (`//Alice`, a mnemonic, a mnemonic with a derivation path). */
export async function signer(suri: string): Promise<KeyringPair> {
  await cryptoWaitReady();
  try {
    return new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(suri);
  } catch (error) {
    throw new Error(`not a valid secret URI (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** A pallet error raised by the chain, decoded from the metadata: `records.NotPermittedToRead`. */
export class ChainError extends Error {
  constructor(
    /** The pallet's name in `api.tx` (`records`), or `system` / `token` / ... for non-module errors. */
    readonly section: string,
    /** The error variant (`NotPermittedToRead`). */
    override readonly name: string,
    /** The pallet's documentation of the error. */
    readonly docs: string,
  ) {
    super(docs.length > 0 ? `${section}.${name}: ${docs}` : `${section}.${name}`);
  }

  /** `section.name`, for assertions. */
  get id(): string {
    return `${this.section}.${this.name}`;
  }
}

/** Decodes a `DispatchError` into a readable `ChainError`. */
export function decodeDispatchError(api: ApiPromise, error: DispatchError | SpRuntimeDispatchError): ChainError {
  if (error.isModule) {
    const meta = api.registry.findMetaError(error.asModule);
    return new ChainError(meta.section, meta.name, meta.docs.join(' ').trim());
  }
  if (error.isToken) return new ChainError('token', error.asToken.type, 'the account cannot pay or hold this amount');
  if (error.isArithmetic) return new ChainError('arithmetic', error.asArithmetic.type, 'arithmetic overflow or underflow');
  if (error.isBadOrigin) return new ChainError('system', 'BadOrigin', 'this call needs another origin: a signed account, or a Council motion of a large enough share of the consortium');
  return new ChainError('system', error.type, '');
}

/** An account whose key lives elsewhere (a browser extension): its address and its signer. */
export interface ExternalAccount {
  address: string;
  signer: Signer;
}

/** Who signs: a local key pair, or an account of a browser extension. */
export type Account = KeyringPair | ExternalAccount;

/** Where a submitted extrinsic is. */
export type Progress = 'signed' | 'submitted' | 'in block' | 'finalised';

export interface SubmitOptions {
  /** Wait for finality instead of inclusion (default: inclusion in a best block). */
  finalised?: boolean;
  /** Told of every step, for progress displays. */
  onProgress?: (progress: Progress, detail?: string) => void;
}

/** The outcome of a successful extrinsic. */
export interface Included {
  blockHash: string;
  /** Every event the extrinsic emitted, in order. */
  events: EventRecord[];
  /** The first `section.method` event's data, as a record of named fields. */
  event(section: string, method: string): Record<string, Codec>;
}

/**
 * Signs `extrinsic` as `account`, submits it and waits until it is in a block (or finalised).
 * Rejects with a `ChainError` when the call fails in the block, and with an `Error` carrying the
 * node's reason when the pool refuses it.
 */
export async function submit(
  api: ApiPromise,
  extrinsic: SubmittableExtrinsic<'promise'>,
  account: Account,
  options: SubmitOptions = {},
): Promise<Included> {
  const progress = options.onProgress ?? (() => undefined);
  return await new Promise<Included>((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    const done = (finish: () => void) => {
      unsubscribe?.();
      finish();
    };
    progress('signed');
    const onStatus = (result: ISubmittableResult) => {
      const { status, dispatchError, events } = result;
      if (status.isReady || status.isBroadcast) progress('submitted');
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        done(() => reject(new Error(`the transaction pool dropped the extrinsic (${status.type})`)));
        return;
      }
      const landed = status.isInBlock || status.isFinalized;
      if (!landed) return;
      const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
      if (status.isInBlock) progress('in block', blockHash);
      if (status.isFinalized) progress('finalised', blockHash);
      if (dispatchError !== undefined) {
        done(() => reject(decodeDispatchError(api, dispatchError)));
        return;
      }
      // A batch_all that failed inside reports through the extrinsic's failure above; a
      // `batch` that stopped early emits BatchInterrupted, which is a failure here too.
      const interrupted = events.map(({ event }) => event).find((event) => api.events.utility.BatchInterrupted.is(event));
      if (interrupted !== undefined) {
        done(() => reject(decodeDispatchError(api, interrupted.data.error)));
        return;
      }
      if (options.finalised === true && !status.isFinalized) return;
      done(() => resolve(included(blockHash, events)));
    };
    const [who, signOptions] = 'sign' in account
      ? [account, { nonce: -1 }]
      : [account.address, { nonce: -1, signer: account.signer }];
    extrinsic
      .signAndSend(who, signOptions, onStatus)
      .then((unsub) => {
        unsubscribe = unsub;
      })
      .catch((error: unknown) => {
        // Refused before it reached the pool: bad signature, nonce, fees, the patient quota, or
        // a pool error.
        const reason = error instanceof Error ? error.message : String(error);
        reject(new Error(`the node refused the extrinsic: ${explainRefusal(reason)}`));
      });
  });
}

function included(blockHash: string, events: EventRecord[]): Included {
  return {
    blockHash,
    events,
    event(section: string, method: string) {
      const found = events.find(({ event }) => event.section === section && event.method === method);
      if (found === undefined) {
        const seen = events.map(({ event }) => `${event.section}.${event.method}`).join(', ');
        throw new Error(`expected a ${section}.${method} event; the extrinsic emitted: ${seen}`);
      }
      return eventFields(found.event);
    },
  };
}

/** An event's fields by their camel-cased names (`record_id` → `recordId`), from its metadata. */
export function eventFields(event: EventRecord['event']): Record<string, Codec> {
  const names = event.meta.fields.map((field) => field.name.unwrapOr(undefined)?.toString() ?? '');
  const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return Object.fromEntries(event.data.map((value, i) => [camel(names[i] ?? String(i)), value]));
}

/** A codec holding an unsigned integer, as a bigint. */
export function big(value: Codec | undefined): bigint {
  if (value === undefined) throw new Error('expected a number, found nothing');
  return BigInt(value.toString());
}

/**
 * The pool's refusals that Carechain's own transaction extension gives (`InvalidTransaction::Custom`
 * codes of `pallet-patient-quota`), in words; any other reason as the node gave it.
 */
export function explainRefusal(reason: string): string {
  const code = /Custom error: (\d+)/.exec(reason)?.[1];
  const words: Record<string, string> = {
    '1': "the patient's fee-free calls for this period are used up (PatientQuotaApi::quota says when they renew)",
    '2': 'a patient-side call from an account that is neither the patient nor a live delegate, with nothing to pay a fee',
    '3': 'a fee-free call that names no patient to count it against',
  };
  return code !== undefined && words[code] !== undefined ? `${words[code]} (${reason})` : reason;
}
