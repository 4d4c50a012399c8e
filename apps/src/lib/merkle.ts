// The serial-number Merkle tree of pallet-supply-chain, byte for byte as polkadot-sdk's
// `binary-merkle-tree` builds it with BLAKE2b-256: leaves are the serials' ASCII bytes hashed,
// inner nodes hash two children concatenated, a last odd node is promoted unchanged, and a proof
// is the siblings from the leaf up. `pallets/supply-chain/test-vectors/serials.json` is checked
// by the Rust crate and by `test/vectors.test.ts`.

import { stringToU8a, u8aConcat, u8aToHex, hexToU8a, u8aEq } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { Hash } from './types.js';

/** `SerialProof` as `SupplyChainApi::verify_unit` takes it. */
export interface SerialProof {
  leafIndex: number;
  numberOfLeaves: number;
  items: Hash[];
}

const hash = (data: Uint8Array) => blake2AsU8a(data, 256);

function leafHashes(serials: readonly string[]): Uint8Array[] {
  return serials.map((serial) => hash(stringToU8a(serial)));
}

/** The next row up, and (if `position` is given) the sibling that goes into a proof. */
function row(nodes: Uint8Array[], position: number): { up: Uint8Array[]; sibling: Uint8Array | undefined } {
  const up: Uint8Array[] = [];
  for (let i = 0; i < nodes.length; i += 2) {
    const left = nodes[i] as Uint8Array;
    const right = nodes[i + 1];
    up.push(right === undefined ? left : hash(u8aConcat(left, right)));
  }
  const siblingIndex = position % 2 === 0 ? position + 1 : position - 1;
  return { up, sibling: nodes[siblingIndex] };
}

/** The root over `serials` in their order (32 zero bytes for none, as the crate does). */
export function serialsRoot(serials: readonly string[]): Hash {
  if (serials.length === 0) return u8aToHex(new Uint8Array(32)) as Hash;
  let nodes = leafHashes(serials);
  while (nodes.length > 1) nodes = row(nodes, 0).up;
  return u8aToHex(nodes[0]) as Hash;
}

/** The proof that `serials[index]` is in the tree. */
export function serialProof(serials: readonly string[], index: number): SerialProof {
  if (!Number.isInteger(index) || index < 0 || index >= serials.length) {
    throw new Error(`serial index ${index} is outside the lot's ${serials.length} serials`);
  }
  let nodes = leafHashes(serials);
  let position = index;
  const items: Hash[] = [];
  while (nodes.length > 1) {
    const { up, sibling } = row(nodes, position);
    if (sibling !== undefined) items.push(u8aToHex(sibling) as Hash);
    nodes = up;
    position = Math.floor(position / 2);
  }
  return { leafIndex: index, numberOfLeaves: serials.length, items };
}

/** Checks a proof the way the runtime does (`binary_merkle_tree::verify_proof`). */
export function verifySerialProof(root: Hash, serial: string, proof: SerialProof): boolean {
  if (proof.leafIndex >= proof.numberOfLeaves) return false;
  let position = proof.leafIndex;
  let width = proof.numberOfLeaves;
  let node = hash(stringToU8a(serial));
  for (const item of proof.items) {
    const sibling = hexToU8a(item);
    const leftIsSibling = position % 2 === 1 || position + 1 === width;
    node = hash(leftIsSibling ? u8aConcat(sibling, node) : u8aConcat(node, sibling));
    position = Math.floor(position / 2);
    width = Math.floor((width - 1) / 2) + 1;
  }
  return u8aEq(node, hexToU8a(root));
}
