// What the end-to-end tests share: a dev node from the workspace build on free loopback ports,
// funded throwaway accounts, and assertions on decoded chain errors.

import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import { ChainError, signer, submit } from '../src/lib/index.js';

export const UNIT = 1_000_000_000_000n;

/** Submits and expects the chain to refuse with `section.name`. */
export async function refused(api: ApiPromise, tx: SubmittableExtrinsic<'promise'>, pair: KeyringPair, id: string): Promise<ChainError> {
  try {
    await submit(api, tx, pair);
  } catch (error) {
    assert.ok(error instanceof ChainError, `expected ${id}, got ${String(error)}`);
    assert.equal(error.id, id);
    assert.ok(error.docs.length > 0, `${id} has documentation to show users`);
    return error;
  }
  assert.fail(`expected the chain to refuse with ${id}, but it accepted`);
}

/**
 * Every pallet's invariants (`try_state`), every migration's own checks and the decoding of the
 * whole state, run on the chain's best block through the runtime's `TryRuntime` API (the test
 * build compiles it in: `--features try-runtime`, scripts/test). The node answers with an error,
 * the runtime's panic naming what did not hold, if anything fails; nothing is written.
 */
export async function assertTryState(api: ApiPromise): Promise<void> {
  const best = await api.rpc.chain.getBlockHash();
  let answer;
  try {
    // UpgradeCheckSelect::All: the migrations' pre- and post-checks, the decoding, try_state.
    answer = await api.rpc.state.call('TryRuntime_on_runtime_upgrade', '0x01', best);
  } catch (error) {
    if (/TryRuntime_on_runtime_upgrade.*not found/.test(String(error))) {
      assert.fail("the node's runtime has no TryRuntime API: build it with --features try-runtime, as scripts/test does");
    }
    assert.fail(`the chain's invariants do not hold at ${best.toHex()}: ${String(error)}`);
  }
  const [used] = api.createType('(Weight, Weight)', answer);
  assert.ok(used.refTime.toBigInt() > 0n, 'the upgrade checks report the weight they would use');
}

/** Named throwaway accounts (`//Story/Name`). */
export async function accounts<N extends string>(story: string, names: readonly N[]): Promise<Record<N, KeyringPair>> {
  const pairs = await Promise.all(names.map((name) => signer(`//${story}/${name}`)));
  return Object.fromEntries(names.map((name, i) => [name, pairs[i]])) as Record<N, KeyringPair>;
}

/** The chain's current time (ms), from the last block's timestamp. */
export async function chainNow(api: ApiPromise): Promise<bigint> {
  return (await api.query.timestamp.now()).toBigInt();
}

/** Waits until the chain's time passes `moment` (ms). */
export async function waitForChainTime(api: ApiPromise, moment: bigint, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await chainNow(api)) <= moment) {
    if (Date.now() > deadline) assert.fail(`chain time did not pass ${moment} within ${timeoutMs} ms`);
    await new Promise((ok) => setTimeout(ok, 1000));
  }
}

const CLI = fileURLToPath(new URL('../bin/carechain', import.meta.url));

/** Runs the `carechain` tool as a user would; resolves with its exit code and output. */
export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string; json: Record<string, string> }> {
  return await new Promise((resolve, reject) => {
    const child = spawn(CLI, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      let json: Record<string, string> = {};
      try {
        json = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, string>;
      } catch {
        // not JSON (help text, or an error): the test looks at stdout/stderr
      }
      resolve({ code: code ?? -1, stdout, stderr, json });
    });
  });
}
