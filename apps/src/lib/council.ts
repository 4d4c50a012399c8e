// Consortium governance (`Council`, `CouncilMembership`, `Consortium`, `TxPause`): there is no
// sudo key. A member proposes a motion, the members vote, anyone closes it; the passed motion
// runs with the share of the Council that voted for it. More than half registers licensing
// boards, admits members and pauses calls; two thirds act as Root through `Consortium::as_root`
// (a runtime upgrade's `System::authorize_upgrade`). A consortium of one (the dev chain) passes
// a motion of threshold 1 as it is proposed.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Null, Result } from '@polkadot/types-codec';
import type { SpRuntimeDispatchError } from '@polkadot/types/lookup';
import { u8aToString } from '@polkadot/util';
import { decodeDispatchError, type Included } from './client.js';

type Tx = SubmittableExtrinsic<'promise'>;

/** `Consortium::as_root(call)`: what a motion of two thirds proposes to act as Root. */
export const asRoot = (api: ApiPromise, inner: Tx): Tx => api.tx.consortium.asRoot(inner);

/**
 * `Council::propose(threshold, proposal, length_bound)`. Proposing is not voting: the proposer
 * votes like any member. A threshold of 1 executes the proposal at once.
 */
export const propose = (api: ApiPromise, threshold: number, proposal: Tx): Tx =>
  api.tx.council.propose(threshold, proposal, proposal.method.encodedLength);

/** `Council::vote(proposal, index, approve)`. */
export const vote = (api: ApiPromise, hash: string, index: number, approve: boolean): Tx =>
  api.tx.council.vote(hash, index, approve);

/** A motion as it stands. */
export interface Motion {
  hash: string;
  index: number;
  /** `section.method` of the proposed call (`consortium.asRoot`, `credentials.registerIssuer`). */
  call: string;
  /** The proposed call's arguments, as JSON. */
  args: unknown;
  threshold: number;
  ayes: string[];
  nays: string[];
  /** The block after which anyone may close it whatever the votes. */
  end: number;
}

/** The open motions, oldest first. */
export async function motions(api: ApiPromise): Promise<Motion[]> {
  const hashes = (await api.query.council.proposals()).map((hash) => hash.toHex());
  const found = await Promise.all(hashes.map((hash) => motion(api, hash)));
  return found.filter((m): m is Motion => m !== undefined).sort((a, b) => a.index - b.index);
}

/** The stored proposal (decoded) and votes of an open motion, read once for both readers below. */
async function stored(api: ApiPromise, hash: string) {
  const [proposal, voting] = await Promise.all([api.query.council.proposalOf(hash), api.query.council.voting(hash)]);
  if (proposal.isNone || voting.isNone) return undefined;
  const inner = proposal.unwrap();
  const v = voting.unwrap();
  const votes = {
    index: v.index.toNumber(),
    threshold: v.threshold.toNumber(),
    ayes: v.ayes.map((who) => who.toString()),
    nays: v.nays.map((who) => who.toString()),
    end: v.end.toNumber(),
  };
  return { inner, votes };
}

/** One open motion by hash, or `undefined` if it is not open (never proposed, or closed). */
export async function motion(api: ApiPromise, hash: string): Promise<Motion | undefined> {
  const open = await stored(api, hash);
  if (open === undefined) return undefined;
  const { inner, votes } = open;
  return {
    hash,
    index: votes.index,
    call: `${inner.section}.${inner.method}`,
    args: inner.toHuman(),
    threshold: votes.threshold,
    ayes: votes.ayes,
    nays: votes.nays,
    end: votes.end,
  };
}

/**
 * `Council::close` of an open motion: the weight and length bounds are read from the stored
 * proposal, so the caller needs only its hash.
 */
export async function close(api: ApiPromise, hash: string): Promise<Tx> {
  const open = await stored(api, hash);
  if (open === undefined) throw new Error(`no open motion ${hash}`);
  const { inner, votes } = open;
  // The runtime's own answer for the call's weight (`TransactionPaymentCallApi`).
  const info = await api.call.transactionPaymentCallApi.queryCallInfo(inner, inner.encodedLength);
  return api.tx.council.close(hash, votes.index, info.weight, inner.encodedLength);
}

/** What the motion's events say happened, once it was proposed, voted or closed. */
export interface Outcome {
  /** The motion's hash and index when this extrinsic opened it. */
  proposed?: { hash: string; index: number };
  /** Whether the motion was executed (passed) in this extrinsic. */
  executed: boolean;
  /** Whether it was closed without passing. */
  disapproved: boolean;
}

/**
 * Reads a governance extrinsic's events. A passed motion whose call failed (the wrong share of
 * the Council for that power, or the call's own error), or a Root dispatch that failed inside,
 * is thrown as the chain's error, decoded: `system.BadOrigin` for a share too small.
 */
export function outcome(api: ApiPromise, done: Included): Outcome {
  const result: Outcome = { executed: false, disapproved: false };
  const failed = (r: Result<Null, SpRuntimeDispatchError>) => {
    if (r.isErr) throw decodeDispatchError(api, r.asErr);
  };
  for (const { event } of done.events) {
    if (api.events.council.Proposed.is(event)) {
      result.proposed = { hash: event.data.proposalHash.toHex(), index: event.data.proposalIndex.toNumber() };
    }
    if (api.events.council.Disapproved.is(event)) result.disapproved = true;
    if (api.events.council.Executed.is(event)) {
      result.executed = true;
      failed(event.data.result);
    }
    if (api.events.consortium.DispatchedAsRoot.is(event)) failed(event.data.result);
  }
  return result;
}

/** The Council's members (addresses). */
export async function members(api: ApiPromise): Promise<string[]> {
  return (await api.query.council.members()).map((who) => who.toString());
}

/** The paused calls, as `Pallet.call`. */
export async function pausedCalls(api: ApiPromise): Promise<string[]> {
  const entries = await api.query.txPause.pausedCalls.entries();
  return entries.map(([key]) => {
    const [pallet, method] = key.args[0];
    return `${u8aToString(pallet)}.${u8aToString(method)}`;
  }).sort();
}

/** `TxPause::pause((pallet, call))`: for a majority motion. */
export const pause = (api: ApiPromise, pallet: string, method: string): Tx => api.tx.txPause.pause([pallet, method]);
/** `TxPause::unpause((pallet, call))`: for a majority motion. */
export const unpause = (api: ApiPromise, pallet: string, method: string): Tx => api.tx.txPause.unpause([pallet, method]);
/** `CouncilMembership::add_member(who)`: for a majority motion. */
export const addMember = (api: ApiPromise, who: string): Tx => api.tx.councilMembership.addMember(who);
/** `CouncilMembership::remove_member(who)`: for a majority motion. */
export const removeMember = (api: ApiPromise, who: string): Tx => api.tx.councilMembership.removeMember(who);
