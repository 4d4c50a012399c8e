// The synthetic population of a benchmark genesis (issue #30), as the runtime builds it
// (`runtime/src/population.rs`, whose docs give the recipe): the same accounts, category keys
// and physicians, so that the harness can anchor records for those patients in blocks.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, encodeAddress } from '@polkadot/util-crypto';
import { categoryTag, type CategoryKey, type CategoryTag } from '../lib/categories.js';

/** Load accounts `//0 … //199` of the `benchmark` preset are its physicians. */
export const POPULATION_PHYSICIANS = 200;
/** The categories each synthetic patient consents to its physician for. */
export const CONSENTED = ['Encounters', 'Conditions', 'LabResults'] as const;
/** The category of the records anchored for a synthetic patient. */
export const ANCHORED = 'LabResults' as const;

function scaleU32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new Error(`${n} is not a u32`);
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, n, true);
  return bytes;
}

/** `blake2_256(domain ‖ SCALE(parts))`, each part a u32. */
function digest(domain: string, ...parts: number[]): Uint8Array {
  return blake2AsU8a(u8aConcat(stringToU8a(domain), ...parts.map(scaleU32)), 256);
}

/** Patient `i`'s account (SS58, generic prefix). No one holds its key. */
export function patientAccount(i: number): string {
  return encodeAddress(digest('carechain/population/patient', i), 42);
}

/** Patient `i`'s category key. */
export function patientCategoryKey(i: number): CategoryKey {
  return digest('carechain/population/category-key', i);
}

/** Patient `i`'s tag for the category its records are anchored under. */
export function anchoredTag(i: number): CategoryTag {
  return categoryTag(patientCategoryKey(i), ANCHORED);
}

/** The load physician (`//n`) patient `i` consents to. */
export function physicianOf(i: number): number {
  return i % POPULATION_PHYSICIANS;
}

/** The content hash and storage ref of patient `i`'s record `j`. */
export function recordHashes(i: number, j: number): [string, string] {
  return [u8aToHex(digest('carechain/population/content', i, j)), u8aToHex(digest('carechain/population/ref', i, j))];
}

/** Adds `population` to a chain spec made by `build-spec` from a preset (its genesis patch). */
export function withPopulation(spec: unknown, population: { patients: number; recordsPerPatient: number }): unknown {
  const patch = (spec as { genesis?: { runtimeGenesis?: { patch?: Record<string, unknown> } } })
    .genesis?.runtimeGenesis?.patch;
  if (patch === undefined) {
    throw new Error('the chain spec has no genesis.runtimeGenesis.patch: build it with `build-spec --chain benchmark` (not --raw)');
  }
  patch.population = population;
  return spec;
}

/**
 * The patients, in order, that physician `p` anchors for: `p`, `p + 200`, `p + 400`, … below
 * `patients`, grouped `perExtrinsic` to an extrinsic.
 */
export function groupsOf(p: number, patients: number, perExtrinsic: number): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  for (let i = p; i < patients; i += POPULATION_PHYSICIANS) {
    group.push(i);
    if (group.length === perExtrinsic) {
      groups.push(group);
      group = [];
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * One extrinsic's call: `Records::anchor_batch` of `records` records for each patient of
 * `group` (`Utility::batch_all`, so that the group is anchored whole or not at all), records
 * numbered from `from`.
 */
export function anchorGroup(
  api: ApiPromise, firstPatientId: bigint, group: number[], records: number, from: number,
): SubmittableExtrinsic<'promise'> {
  const calls = group.map((i) => {
    const hashes = Array.from({ length: records }, (_, j) => recordHashes(i, from + j));
    return api.tx.records.anchorBatch(firstPatientId + BigInt(i), anchoredTag(i), hashes);
  });
  return api.tx.utility.batchAll(calls);
}
