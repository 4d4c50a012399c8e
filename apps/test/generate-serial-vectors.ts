// Writes pallets/supply-chain/test-vectors/serials.json from the client's own tree (merkle.ts):
// the trees and every proof the Rust crate must build identically, and forgeries that
// `SupplyChainApi::verify_unit` must refuse. Run from apps/: `npx tsx test/generate-serial-vectors.ts`
// (`--check` compares instead of writing). `test/vectors.test.ts` checks the file is what this writes.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hexToU8a, stringToU8a, u8aConcat, u8aEq, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { serialProof, serialsRoot, serialTreeRows, type Hash, type SerialProof } from '../src/lib/index.js';

export const VECTOR_FILE = fileURLToPath(new URL('../../pallets/supply-chain/test-vectors/serials.json', import.meta.url));

export interface Case {
  serials: string[];
  root: Hash;
  proofs: SerialProof[];
}

export interface Forgery {
  root: Hash;
  /** The attacker's "serial" as raw bytes (it need not be text). */
  serialHex: Hash;
  proof: SerialProof;
  why: string;
}

export interface Vectors {
  about: string;
  cases: Case[];
  forgeries: Forgery[];
}

const ABOUT = 'Serial-number Merkle trees (pallet-supply-chain crate docs), as polkadot-sdk\'s binary-merkle-tree builds them ' +
  'with BLAKE2b-256: a leaf\'s value is the byte 0x00 followed by the serial\'s ASCII bytes, so a leaf hash is ' +
  'blake2_256(0x00 ‖ serial); an inner node is blake2_256(left ‖ right) of its two 32-byte children; a last odd node is ' +
  'promoted unchanged; a proof is the siblings from the leaf up. "cases": trees of 1 to 12 serials and every proof. ' +
  '"forgeries": inputs SupplyChainApi::verify_unit must answer InvalidProof to (a valid GS1 serial, numberOfLeaves ' +
  'equal to the lot\'s commissioned quantity, which is the serial count of the case with that root, exactly as many ' +
  'items as the tree gives that leaf, and a hash chain reaching the root). Written by apps/test/generate-serial-vectors.ts ' +
  '(npx tsx test/generate-serial-vectors.ts, in apps/); checked by this crate (src/tests/vectors.rs) and by ' +
  'apps/test/vectors.test.ts; never edit by hand.';

/** The serial lists of the cases: one to twelve leaves (every promotion pattern up to 12), and odd characters and lengths. */
export const SERIAL_LISTS: string[][] = [
  ...[1, 2, 3, 5, 7, 12].map((n) => Array.from({ length: n }, (_, i) => `SN${1000 + 37 * i}`)),
  ['A', 'Zz-09/.:', '12345678901234567890'],
];

/**
 * Whether `items` fold from `leafHash` up to `root` the way `binary_merkle_tree::verify_proof`
 * folds them, with no other check: what a forgery would need to fool a verifier that skips the
 * leaf prefix (given the raw hash of the forged bytes) or the length and quantity checks.
 */
export function hashChainReaches(root: Hash, leafHash: Uint8Array, proof: SerialProof): boolean {
  let position = proof.leafIndex;
  let width = proof.numberOfLeaves;
  let node = leafHash;
  for (const item of proof.items) {
    const sibling = hexToU8a(item);
    const left = position % 2 === 1 || position + 1 === width;
    node = blake2AsU8a(left ? u8aConcat(sibling, node) : u8aConcat(node, sibling), 256);
    position = Math.floor(position / 2);
    width = Math.floor((width - 1) / 2) + 1;
  }
  return proof.leafIndex < proof.numberOfLeaves && u8aEq(node, hexToU8a(root));
}

const raw = (bytes: Uint8Array) => blake2AsU8a(bytes, 256);

function caseOf(serials: string[]): Case {
  return { serials, root: serialsRoot(serials), proofs: serials.map((_, i) => serialProof(serials, i)) };
}

/** The 64-byte preimage of node `index` in row `row` (row 0 holds the leaves): its two children concatenated. */
function preimage(serials: string[], row: number, index: number): Uint8Array {
  const rows = serialTreeRows(serials);
  const below = rows[row - 1];
  const left = below?.[2 * index];
  const right = below?.[2 * index + 1];
  if (left === undefined || right === undefined) throw new Error(`node ${index} of row ${row} has no two children`);
  return u8aConcat(hexToU8a(left), hexToU8a(right));
}

function forgeries(cases: Case[]): Forgery[] {
  const find = (n: number) => {
    const found = cases.find((c) => c.serials.length === n);
    if (found === undefined) throw new Error(`no case of ${n} serials`);
    return found;
  };
  const out: Forgery[] = [];

  // (a) The root's own preimage as a one-leaf "tree": without the leaf prefix its hash is the root.
  for (const n of [2, 12]) {
    const c = find(n);
    const top = serialTreeRows(c.serials).length - 1;
    out.push({
      root: c.root,
      serialHex: u8aToHex(preimage(c.serials, top, 0)) as Hash,
      proof: { leafIndex: 0, numberOfLeaves: 1, items: [] },
      why: `the 64 bytes of the root's two children (of the ${n}-serial lot) presented as a serial of a one-pack lot: ` +
        'their plain hash is the root, but 64 bytes are not a GS1 serial, a leaf hashes 0x00 ‖ serial so its hash ' +
        `is not the root, and the lot has ${n} serials, not 1`,
    });
  }

  // (b) An inner node (over serials 5 and 6 of 12) presented as a leaf, with the rest of a real proof.
  {
    const c = find(12);
    const real = c.proofs[4];
    if (real === undefined) throw new Error('no proof of serial 5');
    out.push({
      root: c.root,
      serialHex: u8aToHex(preimage(c.serials, 1, 2)) as Hash,
      proof: { leafIndex: 2, numberOfLeaves: 12, items: real.items.slice(1) },
      why: 'the inner node over serials 5 and 6 of the 12-serial lot presented as leaf 2 with the real proof minus its first ' +
        'item: its plain hash chains to the root, but 64 bytes are not a GS1 serial, leaf hashes are 0x00-prefixed, and ' +
        `leaf 2 of 12 has a proof of ${real.items.length} items, not ${real.items.length - 1}`,
    });
  }

  // (c) A real serial's real proof with numberOfLeaves changed: the hash chain still reaches the root.
  {
    const c = find(2);
    const real = c.proofs[0];
    if (real === undefined) throw new Error('no proof of serial 1');
    out.push({
      root: c.root,
      serialHex: u8aToHex(stringToU8a(c.serials[0] ?? '')) as Hash,
      proof: { ...real, numberOfLeaves: 3 },
      why: `${c.serials[0] ?? ''}'s own proof in the 2-serial lot with numberOfLeaves 3: the hashes still reach the root, but ` +
        'the lot has 2 serials, and leaf 0 of 3 has a proof of 2 items, not 1',
    });
  }
  {
    const c = find(5);
    const real = c.proofs[0];
    if (real === undefined) throw new Error('no proof of serial 1');
    out.push({
      root: c.root,
      serialHex: u8aToHex(stringToU8a(c.serials[0] ?? '')) as Hash,
      proof: { ...real, numberOfLeaves: 6 },
      why: `${c.serials[0] ?? ''}'s own proof in the 5-serial lot with numberOfLeaves 6: the hashes reach the root and leaf 0 ` +
        'of 6 has a proof of 3 items as given, so only the rule that numberOfLeaves equals the lot\'s commissioned ' +
        'quantity (5) refuses it',
    });
  }

  // Each forgery is a near miss: it fools a verifier that skips one of the rules.
  for (const f of out) {
    const bytes = hexToU8a(f.serialHex);
    const leaf = bytes.length === 64 ? raw(bytes) : raw(u8aConcat(new Uint8Array([0]), bytes));
    if (!hashChainReaches(f.root, leaf, f.proof)) throw new Error(`forgery is not a near miss: ${f.why}`);
  }
  return out;
}

/** The whole vector file, from merkle.ts. */
export function buildVectors(): Vectors {
  const cases = SERIAL_LISTS.map(caseOf);
  return { about: ABOUT, cases, forgeries: forgeries(cases) };
}

/** The file's exact text: two-space JSON and a final newline. */
export function vectorText(): string {
  return `${JSON.stringify(buildVectors(), null, 2)}\n`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const same = readFileSync(VECTOR_FILE, 'utf8') === vectorText();
    console.log(same ? `${VECTOR_FILE} is up to date` : `${VECTOR_FILE} differs from what merkle.ts builds: regenerate it`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(VECTOR_FILE, vectorText());
  console.log(`wrote ${VECTOR_FILE}`);
}
