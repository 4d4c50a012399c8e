// The serial-number Merkle tree of pallet-supply-chain, byte for byte as polkadot-sdk's
// `binary-merkle-tree` builds it with BLAKE2b-256. A leaf's value is the byte 0x00 followed by
// the serial's ASCII bytes, so a leaf hash is blake2_256(0x00 ‖ serial); inner nodes hash their
// two 32-byte children concatenated, a last odd node is promoted unchanged, and a proof is the
// siblings from the leaf up. A leaf preimage (at most 21 bytes, starting 0x00) can never equal an
// inner node's 64-byte preimage, so an inner node cannot pass for a pack.
// `pallets/supply-chain/test-vectors/serials.json` (written by `test/generate-serial-vectors.ts`)
// is checked by the Rust crate and by `test/vectors.test.ts`.

import { hexToU8a, isHex, stringToU8a, u8aConcat, u8aEq, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { isValidSerial, isValidSerialBytes } from './gs1.js';
import type { Hash } from './types.js';

/** `SerialProof` as `SupplyChainApi::verify_unit` takes it. */
export interface SerialProof {
  leafIndex: number;
  numberOfLeaves: number;
  items: Hash[];
}

/** The byte before a serial in its leaf value: domain separation from inner nodes. */
export const SERIAL_LEAF_PREFIX = 0x00;

const hash = (data: Uint8Array) => blake2AsU8a(data, 256);
const bytesOf = (serial: string | Uint8Array) => (typeof serial === 'string' ? stringToU8a(serial) : serial);

/** The leaf value the tree hashes for `serial`: 0x00 ‖ its ASCII bytes. */
export function serialLeaf(serial: string | Uint8Array): Uint8Array {
  return u8aConcat(new Uint8Array([SERIAL_LEAF_PREFIX]), bytesOf(serial));
}

/** blake2_256(0x00 ‖ serial): the serial's leaf hash. */
export function serialLeafHash(serial: string | Uint8Array): Hash {
  return u8aToHex(hash(serialLeaf(serial))) as Hash;
}

/** Throws unless `serials` is a non-empty list of distinct GS1 AI 21 serials, naming the first problem. */
function checkSerials(serials: readonly string[]): void {
  if (serials.length === 0) throw new Error('a lot has at least one serial number; the list is empty');
  const seen = new Map<string, number>();
  serials.forEach((serial, i) => {
    if (!isValidSerial(serial)) {
      throw new Error(`serial ${i + 1} of ${serials.length} (${JSON.stringify(serial)}) is not a GS1 serial number ` +
        '(1 to 20 characters of GS1 set 82: letters, digits and ! " % & \' ( ) * + , - . / : ; < = > ? _)');
    }
    const earlier = seen.get(serial);
    if (earlier !== undefined) {
      throw new Error(`serial ${JSON.stringify(serial)} is listed twice (serials ${earlier + 1} and ${i + 1} of ${serials.length}); each pack's serial is unique in its lot`);
    }
    seen.set(serial, i);
  });
}

/** The row above `nodes`: pairs hashed, a last odd node promoted unchanged. */
function rowAbove(nodes: readonly Uint8Array[]): Uint8Array[] {
  const up: Uint8Array[] = [];
  for (let i = 0; i < nodes.length; i += 2) {
    const left = nodes[i] as Uint8Array;
    const right = nodes[i + 1];
    up.push(right === undefined ? left : hash(u8aConcat(left, right)));
  }
  return up;
}

function rows(serials: readonly string[]): Uint8Array[][] {
  checkSerials(serials);
  const all = [serials.map((serial) => hash(serialLeaf(serial)))];
  for (let nodes = all[0] as Uint8Array[]; nodes.length > 1;) {
    nodes = rowAbove(nodes);
    all.push(nodes);
  }
  return all;
}

/** Every node of the tree over `serials`, row by row: the leaf hashes first, the root last. */
export function serialTreeRows(serials: readonly string[]): Hash[][] {
  return rows(serials).map((row) => row.map((node) => u8aToHex(node) as Hash));
}

/** The root over `serials` in their order. Throws on an empty list, an invalid or a repeated serial. */
export function serialsRoot(serials: readonly string[]): Hash {
  const all = rows(serials);
  return u8aToHex(all[all.length - 1]?.[0]) as Hash;
}

/** The proof that `serials[index]` is in the tree (the list is checked as by `serialsRoot`). */
export function serialProof(serials: readonly string[], index: number): SerialProof {
  const all = rows(serials);
  if (!Number.isInteger(index) || index < 0 || index >= serials.length) {
    throw new Error(`serial index ${index} is outside the lot's ${serials.length} serials`);
  }
  const items: Hash[] = [];
  let position = index;
  for (const row of all.slice(0, -1)) {
    const sibling = row[position % 2 === 0 ? position + 1 : position - 1];
    if (sibling !== undefined) items.push(u8aToHex(sibling) as Hash);
    position = Math.floor(position / 2);
  }
  return { leafIndex: index, numberOfLeaves: serials.length, items };
}

/**
 * How many items `binary-merkle-tree` puts in the proof of leaf `leafIndex` among
 * `numberOfLeaves`: one per level where the node on the leaf's path has a sibling.
 */
export function proofLength(leafIndex: number, numberOfLeaves: number): number {
  let count = 0;
  for (let position = leafIndex, width = numberOfLeaves; width > 1;) {
    if (!(position % 2 === 0 && position + 1 === width)) count++;
    position = Math.floor(position / 2);
    width = Math.ceil(width / 2);
  }
  return count;
}

const U32_MAX = 0xffff_ffff;
const isU32 = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= U32_MAX;

/**
 * Why `proof` does not tie `serial` to `root` under the runtime's rules, or undefined if it does:
 * the serial must be a GS1 serial, `leafIndex < numberOfLeaves`, `numberOfLeaves` the lot's
 * commissioned quantity (when `expectedLeaves` is given), the item count exactly what the tree
 * produces for that leaf, and the hashes must reach the root.
 */
export function serialProofProblem(root: Hash, serial: string | Uint8Array, proof: SerialProof, expectedLeaves?: number): string | undefined {
  const bytes = bytesOf(serial);
  if (!isValidSerialBytes(bytes)) return 'not a GS1 serial number (1 to 20 characters of GS1 set 82)';
  const { leafIndex, numberOfLeaves, items } = proof;
  if (!isU32(leafIndex) || !isU32(numberOfLeaves)) return 'leafIndex and numberOfLeaves are integers from 0 to 2^32 - 1';
  if (leafIndex >= numberOfLeaves) return `leaf ${leafIndex} is not among ${numberOfLeaves} leaves`;
  if (expectedLeaves !== undefined && numberOfLeaves !== expectedLeaves) {
    return `the proof claims ${numberOfLeaves} leaves; the lot has ${expectedLeaves} serials`;
  }
  if (!Array.isArray(items) || !items.every((item) => isHex(item, 256))) return 'every proof item is a 32-byte 0x-hex hash';
  const expectedItems = proofLength(leafIndex, numberOfLeaves);
  if (items.length !== expectedItems) {
    return `leaf ${leafIndex} of ${numberOfLeaves} has a proof of ${expectedItems} items, not ${items.length}`;
  }
  // The hash chain exactly as `binary_merkle_tree::verify_proof` folds it.
  let position = leafIndex;
  let width = numberOfLeaves;
  let node = hash(serialLeaf(bytes));
  for (const item of items) {
    const sibling = hexToU8a(item);
    const siblingOnTheLeft = position % 2 === 1 || position + 1 === width;
    node = hash(siblingOnTheLeft ? u8aConcat(sibling, node) : u8aConcat(node, sibling));
    position = Math.floor(position / 2);
    width = Math.floor((width - 1) / 2) + 1;
  }
  if (!isHex(root, 256) || !u8aEq(node, hexToU8a(root))) return 'the proof does not lead to the lot\'s root';
  return undefined;
}

/** Checks a proof the way `SupplyChainApi::verify_unit` does (see `serialProofProblem`). */
export function verifySerialProof(root: Hash, serial: string | Uint8Array, proof: SerialProof, expectedLeaves?: number): boolean {
  return serialProofProblem(root, serial, proof, expectedLeaves) === undefined;
}
