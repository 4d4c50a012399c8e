// Regenerates src/types (the typed event decoders, Subsquid's way) from the runtime's metadata
// at version 14 (hex, in the file given). `npm run typegen` in apps/ runs it with the metadata of
// the node it starts, beside the client's own typegen:
//
//   node typegen.mjs <metadata-v14.hex>
//
// The spec version comes from runtime/src/lib.rs. Only the current runtime is listed: no live
// chain has run an older one, so every decoder is named after the current spec (`v111` for spec 111); a chain
// that upgrades in place will append its older versions here instead.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
if (!process.argv[2]) throw new Error('usage: node typegen.mjs <metadata-v14.hex> (or `npm run typegen` in apps/)');
const metadata = readFileSync(process.argv[2], 'utf8').trim();
const runtime = readFileSync(join(HERE, '..', '..', 'runtime', 'src', 'lib.rs'), 'utf8');
// The runtime's `spec_version` is the first `declare_version!(N)` (the second is the next
// version that the test build compiles for the live upgrade test).
const specVersion = Number(/declare_version!\((\d+)\)/.exec(runtime)?.[1]);
if (!Number.isInteger(specVersion)) throw new Error('declare_version!(spec_version) not found in runtime/src/lib.rs');

const dir = mkdtempSync(join(tmpdir(), 'carechain-typegen-'));
try {
  const specVersions = join(dir, 'specVersions.jsonl');
  const record = { specName: 'carechain', specVersion, blockNumber: 0, blockHash: '0x' + '00'.repeat(32), metadata };
  writeFileSync(specVersions, JSON.stringify(record) + '\n');
  const config = join(dir, 'typegen.json');
  const pallets = ['Credentials', 'Patients', 'Consent', 'Records', 'SupplyChain', 'Claims', 'Trials',
    'Council', 'CouncilMembership', 'Consortium', 'ValidatorManager'];
  writeFileSync(config, JSON.stringify({
    outDir: join(HERE, 'src', 'types'),
    specVersions,
    pallets: Object.fromEntries(pallets.map((p) => [p, p === 'Credentials'
      // Genesis seeds issuers and credentials with no event: the indexer reads them at block 0.
      ? { events: true, storage: ['Issuers', 'Credentials'] }
      : { events: true }])),
  }));
  rmSync(join(HERE, 'src', 'types'), { recursive: true, force: true });
  execFileSync(join(HERE, 'node_modules', '.bin', 'squid-substrate-typegen'), [config], { stdio: 'inherit' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
