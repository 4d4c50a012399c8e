// Starts Carechain's history layer beside a node: a throwaway PostgreSQL (scripts/postgres), the
// indexer's schema (its migrations), the processor that follows the node (apps/indexer) and the
// GraphQL server over its tables. For tests and development; production runs each as a service
// (docs/INDEXER.md).
//
//   tsx src/indexer.ts --rpc ws://127.0.0.1:9944 [--dir DIR] [--graphql-port 4350]
//
// keeps the stack running until Ctrl-C; tests import `startIndexer`.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from './node.js';

const APPS = join(dirname(fileURLToPath(import.meta.url)), '..');
const INDEXER = join(APPS, 'indexer');
const ROOT = join(APPS, '..');

export interface IndexerOptions {
  /** The node's RPC URL; it must keep the state of every block not yet indexed. */
  rpc: string;
  /** Where PostgreSQL's data and the logs go (a fresh temporary folder by default). */
  dir?: string;
  graphqlPort?: number;
  /** Whether the processor follows the node (default true; false serves the database only). */
  follow?: boolean;
}

export interface RunningIndexer {
  /** The GraphQL endpoint (`http://127.0.0.1:<port>/graphql`). */
  graphql: string;
  dir: string;
  /** Stops the processor abruptly (SIGKILL), as a crash would. */
  killProcessor(): Promise<void>;
  startProcessor(): void;
  /** Runs SQL on the indexer's database (psql), answering its output. */
  sql(query: string): string;
  stop(): Promise<void>;
}

/** Compiles the indexer when its output is missing or older than a source file. */
export function buildIndexer(): void {
  const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true })
    .map((entry) => entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs)
    .reduce((a, b) => Math.max(a, b), 0);
  const main = join(INDEXER, 'lib', 'main.js');
  if (existsSync(main) && statSync(main).mtimeMs >= newest(join(INDEXER, 'src'))) return;
  execFileSync(process.execPath, [join(INDEXER, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', INDEXER], { stdio: 'inherit' });
}

function child(program: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = createWriteStream(log, { flags: 'a' });
  const started: ChildProcess = spawn(program, args, { cwd: INDEXER, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.stdout?.pipe(out);
  started.stderr?.pipe(out);
  return started;
}

async function stopChild(process_: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!process_ || process_.exitCode !== null || process_.signalCode !== null) return;
  const exited = new Promise((ok) => process_.once('exit', ok));
  process_.kill(signal);
  const timer = setTimeout(() => process_.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startIndexer(options: IndexerOptions): Promise<RunningIndexer> {
  buildIndexer();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'carechain-indexer-'));
  mkdirSync(dir, { recursive: true });
  // PostgreSQL runs as its own user when we are root (scripts/postgres): it must reach the folder.
  chmodSync(dir, 0o755);
  const pgData = join(dir, 'postgres');
  const pgPort = await freePort();
  const settings = execFileSync(join(ROOT, 'scripts', 'postgres'), ['start', pgData, String(pgPort)], { encoding: 'utf8' });
  const db = Object.fromEntries(settings.trim().split(/\s+/).map((pair) => pair.split('=') as [string, string]));
  const graphqlPort = options.graphqlPort ?? await freePort();
  const env = { ...process.env, ...db, CARECHAIN_RPC: options.rpc, GQL_PORT: String(graphqlPort) };
  const bin = (name: string) => join(INDEXER, 'node_modules', '.bin', name);
  let processor: ChildProcess | undefined;
  let server: ChildProcess | undefined;
  const stop = async () => {
    await stopChild(processor, 'SIGTERM');
    await stopChild(server, 'SIGTERM');
    execFileSync(join(ROOT, 'scripts', 'postgres'), ['stop', pgData]);
  };
  try {
    execFileSync(bin('squid-typeorm-migration'), ['apply'], { cwd: INDEXER, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const startProcessor = () => {
      processor = child(process.execPath, [join(INDEXER, 'lib', 'main.js')], env, join(dir, 'processor.log'));
    };
    if (options.follow !== false) startProcessor();
    server = child(bin('squid-graphql-server'), [], env, join(dir, 'graphql.log'));
    const graphql = `http://127.0.0.1:${graphqlPort}/graphql`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const answer = await fetch(graphql, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ squidStatus { height } }' }),
        });
        if (answer.ok) break;
      } catch {
        // not listening yet
      }
      if (server.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the indexer's GraphQL server did not start: see ${join(dir, 'graphql.log')}`);
      }
      await new Promise((ok) => setTimeout(ok, 250));
    }
    const sql = (query: string) => execFileSync('psql', ['-h', db.DB_HOST ?? '127.0.0.1', '-p', db.DB_PORT ?? '', '-U', db.DB_USER ?? 'postgres',
      '-d', db.DB_NAME ?? 'carechain', '-v', 'ON_ERROR_STOP=1', '-Atqc', query], { encoding: 'utf8', maxBuffer: 64 << 20 });
    return {
      graphql, dir, startProcessor, stop, sql,
      killProcessor: async () => stopChild(processor, 'SIGKILL'),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i < 0 ? undefined : process.argv[i + 1];
  };
  const rpc = arg('--rpc') ?? 'ws://127.0.0.1:9944';
  const indexer = await startIndexer({
    rpc, dir: arg('--dir'), graphqlPort: arg('--graphql-port') ? Number(arg('--graphql-port')) : 4350,
  });
  console.log(`indexer: following ${rpc}\nindexer: GraphQL at ${indexer.graphql}\nindexer: data and logs in ${indexer.dir}`);
  const shutdown = async () => {
    await indexer.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
