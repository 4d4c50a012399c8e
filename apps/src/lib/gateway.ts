// A client of `carechain-gateway` (docs/GATEWAY.md): every request signed by the caller's chain
// account (sr25519) over its method, path and query, body digest, time and a fresh nonce; the
// gateway never sees a key. Its refusals are FHIR OperationOutcomes, thrown as GatewayError.
// It runs in Node and in a browser (the portal): a key pair signs here, a browser wallet's
// account through its extension (which signs the message wrapped in `<Bytes>`, as the gateway
// accepts).

import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex, stringToU8a } from '@polkadot/util';
import { base64Encode, blake2AsU8a, randomAsHex } from '@polkadot/util-crypto';
import type { Account } from './client.js';
import type { Hash } from './types.js';

/** Where `scripts/dev` serves the gateway. */
export const DEFAULT_GATEWAY = 'http://127.0.0.1:8090';

/** A refusal of the gateway: its HTTP status and the OperationOutcome's diagnostics. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly diagnostics: string,
  ) {
    super(`gateway answered ${status} (${code}): ${diagnostics}`);
    this.name = 'GatewayError';
  }
}

/** The message a request's signature covers (the gateway's `auth::message`). */
export function requestMessage(method: string, pathAndQuery: string, body: Uint8Array, time: number, nonce: string): string {
  const digest = u8aToHex(blake2AsU8a(body, 256), undefined, false);
  return `carechain-gateway-v1\n${method.toUpperCase()}\n${pathAndQuery}\n${digest}\n${time}\n${nonce}`;
}

/** The four headers that carry a request's signature, as the gateway reads them. */
function signedHeaders(address: string, time: number, nonce: string, signature: string): Record<string, string> {
  return {
    'X-Carechain-Account': address,
    'X-Carechain-Time': String(time),
    'X-Carechain-Nonce': nonce,
    'X-Carechain-Signature': signature,
  };
}

/** The headers of a request signed by `pair` (time and nonce fresh unless given). */
export function signRequest(
  pair: KeyringPair, method: string, pathAndQuery: string, body: Uint8Array = new Uint8Array(),
  time = Date.now(), nonce = randomAsHex(16).slice(2),
): Record<string, string> {
  const signature = pair.sign(stringToU8a(requestMessage(method, pathAndQuery, body, time, nonce)));
  return signedHeaders(pair.address, time, nonce, u8aToHex(signature));
}

/** The same headers for any account: a key pair signs here, a wallet's account in its extension. */
export async function signRequestAs(
  account: Account, method: string, pathAndQuery: string, body: Uint8Array = new Uint8Array(),
  time = Date.now(), nonce = randomAsHex(16).slice(2),
): Promise<Record<string, string>> {
  if ('sign' in account) return signRequest(account, method, pathAndQuery, body, time, nonce);
  const message = stringToU8a(requestMessage(method, pathAndQuery, body, time, nonce));
  if (account.signer.signRaw === undefined) throw new Error('this account\'s wallet cannot sign raw messages, which the gateway needs');
  const { signature } = await account.signer.signRaw({ address: account.address, data: u8aToHex(message), type: 'bytes' });
  return signedHeaders(account.address, time, nonce, signature);
}

/** What an upload answers: what to anchor. */
export interface Uploaded {
  contentHash: Hash;
  storageRef: Hash;
}

/** A record version a reader may read, as the gateway lists it. */
export interface DocumentInfo {
  recordId: bigint;
  status: 'current' | 'superseded';
  version: number;
  contentHash: Hash;
  category: Hash;
  held: boolean;
}

/** A record's bytes as released, with what the gateway says of them. */
export interface Released {
  body: Uint8Array;
  contentType: string;
  contentHash: Hash;
  salt: Hash;
  status: 'current' | 'superseded';
  supersededBy?: bigint;
}

/** The FHIR `DocumentReference` the gateway takes for an upload. */
export function documentReference(patientId: bigint, category: Hash, body: Uint8Array, contentType = 'application/fhir+json'): unknown {
  return {
    resourceType: 'DocumentReference',
    status: 'current',
    subject: { reference: `Patient/${patientId}` },
    category: [{ coding: [{ system: 'urn:carechain:category-tag', code: category }] }],
    content: [{ attachment: { contentType, data: base64Encode(body) } }],
  };
}

interface Resource {
  resourceType?: string;
  issue?: { code?: string; diagnostics?: string }[];
  [field: string]: unknown;
}

/** A gateway at `baseUrl` (e.g. `http://127.0.0.1:8090`), spoken to as `account`. */
export class Gateway {
  constructor(readonly baseUrl: string, readonly account: Account) {}

  /** Sends a signed request; answers the response, or throws the OperationOutcome. */
  async request(method: string, pathAndQuery: string, body?: Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
    const bytes = body ?? new Uint8Array();
    const signed = await signRequestAs(this.account, method, pathAndQuery, bytes);
    let response: Response;
    try {
      response = await fetch(new URL(pathAndQuery, this.baseUrl), {
        method,
        headers: { ...signed, ...headers, ...(body ? { 'Content-Type': 'application/fhir+json' } : {}) },
        ...(body ? { body: new Uint8Array(bytes) } : {}),
      });
    } catch (error) {
      // A gateway that is down, or (in a browser) one that does not let this page's origin call it.
      throw new Error(`the gateway at ${this.baseUrl} did not answer (${error instanceof Error ? error.message : String(error)}): is it running${globalThis.location === undefined ? '' : `, and started with --allow-origin ${globalThis.location.origin}`}?`);
    }
    if (!response.ok) throw await gatewayError(response);
    return response;
  }

  /** Uploads a document of `patientId` in the category tagged `category`: what to anchor. */
  async upload(patientId: bigint, category: Hash, body: Uint8Array, contentType = 'application/fhir+json'): Promise<Uploaded> {
    const json = stringToU8a(JSON.stringify(documentReference(patientId, category, body, contentType)));
    const answer = (await (await this.request('POST', '/fhir/DocumentReference', json)).json()) as Resource;
    const identifiers = (answer['identifier'] as { system: string; value: string }[] | undefined) ?? [];
    const value = (system: string) => identifiers.find((i) => i.system === system)?.value as Hash;
    return { contentHash: value('urn:carechain:content-hash'), storageRef: value('urn:carechain:storage-ref') };
  }

  /**
   * The patient's record versions this caller may read for `purpose`: every page of the search,
   * following the gateway's `next` links (`pageSize` entries a page; the gateway's default if not given).
   */
  async documents(patientId: bigint, purpose = 'Treatment', pageSize?: number): Promise<DocumentInfo[]> {
    const entries: { resource: Resource }[] = [];
    let next: string | undefined = `/fhir/DocumentReference?patient=${patientId}&purpose=${purpose}${pageSize === undefined ? '' : `&_count=${pageSize}`}`;
    while (next !== undefined) {
      const bundle = (await (await this.request('GET', next)).json()) as Resource;
      entries.push(...((bundle['entry'] as { resource: Resource }[] | undefined) ?? []));
      next = (bundle['link'] as { relation: string; url: string }[] | undefined)?.find((link) => link.relation === 'next')?.url;
    }
    return entries.map(({ resource }) => {
      const identifiers = resource['identifier'] as { system: string; value: string }[];
      const extensions = resource['extension'] as { url: string; valueInteger?: number; valueBoolean?: boolean }[];
      const coding = (resource['category'] as { coding: { code: string }[] }[])[0]!.coding[0]!;
      return {
        recordId: BigInt(resource['id'] as string),
        status: resource['status'] as 'current' | 'superseded',
        version: extensions.find((e) => e.url === 'urn:carechain:record:version')?.valueInteger ?? 0,
        contentHash: identifiers.find((i) => i.system === 'urn:carechain:content-hash')!.value as Hash,
        category: coding.code as Hash,
        held: extensions.find((e) => e.url === 'urn:carechain:gateway:held')?.valueBoolean ?? false,
      };
    });
  }

  /**
   * Who read the patient's records, as FHIR `AuditEvent`s (IHE BALP), newest first, from the
   * gateway's indexer: every page, or only reads between `from` and `to` (dates or RFC 3339
   * times). Only the patient or a live delegate may ask.
   */
  async auditEvents(patientId: bigint, range: { from?: string; to?: string; pageSize?: number } = {}): Promise<Record<string, unknown>[]> {
    const dates = `${range.from === undefined ? '' : `&date=ge${range.from}`}${range.to === undefined ? '' : `&date=le${range.to}`}`;
    const events: Record<string, unknown>[] = [];
    let next: string | undefined = `/fhir/AuditEvent?patient=${patientId}${dates}${range.pageSize === undefined ? '' : `&_count=${range.pageSize}`}`;
    while (next !== undefined) {
      const bundle = (await (await this.request('GET', next)).json()) as Resource;
      events.push(...((bundle['entry'] as { resource: Record<string, unknown> }[] | undefined) ?? []).map((entry) => entry.resource));
      next = (bundle['link'] as { relation: string; url: string }[] | undefined)?.find((link) => link.relation === 'next')?.url;
    }
    return events;
  }

  /** The patient's consents as FHIR `Consent` resources (all of them for the patient or a delegate; else those granted to the caller). */
  async consents(patientId: bigint): Promise<Record<string, unknown>[]> {
    const bundle = (await (await this.request('GET', `/fhir/Consent?patient=${patientId}`)).json()) as Resource;
    return ((bundle['entry'] as { resource: Record<string, unknown> }[] | undefined) ?? []).map((entry) => entry.resource);
  }

  /** Record `recordId`'s bytes, for a read logged on chain in finalised block `log`. */
  async read(recordId: bigint, log?: string, purpose = 'Treatment'): Promise<Released> {
    const query = `purpose=${purpose}${log === undefined ? '' : `&log=${log}`}`;
    const response = await this.request('GET', `/fhir/Binary/${recordId}?${query}`);
    const header = (name: string) => response.headers.get(name) ?? '';
    const newer = response.headers.get('x-carechain-superseded-by');
    return {
      body: new Uint8Array(await response.arrayBuffer()),
      contentType: header('content-type'),
      contentHash: header('x-carechain-content-hash') as Hash,
      salt: header('x-carechain-salt') as Hash,
      status: header('x-carechain-record-status') as 'current' | 'superseded',
      ...(newer === null ? {} : { supersededBy: BigInt(newer) }),
    };
  }
}

/** The OperationOutcome of a refused request, as a GatewayError. */
export async function gatewayError(response: Response): Promise<GatewayError> {
  const text = await response.text();
  try {
    const outcome = JSON.parse(text) as Resource;
    const issue = outcome.issue?.[0];
    return new GatewayError(response.status, issue?.code ?? 'unknown', issue?.diagnostics ?? text);
  } catch {
    return new GatewayError(response.status, 'unknown', text);
  }
}

/**
 * Runs `read` again while the gateway answers 409 (the anchoring, or the block of the logged read,
 * is not final yet at the gateway), for up to `timeoutMs`.
 */
export async function retryWhileNotFinal<T>(read: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof GatewayError) || error.status !== 409 || Date.now() > deadline) throw error;
      await new Promise((ok) => setTimeout(ok, 250));
    }
  }
}
