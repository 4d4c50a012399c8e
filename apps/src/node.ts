// Starts a `carechain-node` on free loopback ports for tests and the load harness, and stops
// it again. Nothing here outlives the process that started it.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The workspace's build of the node: `$CARGO_TARGET_DIR/<profile>/carechain-node`. */
export function nodeBinary(profile: 'debug' | 'release'): string {
  const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'carechain', 'target');
  return resolve(target, profile, 'carechain-node');
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return await new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') ok(address.port);
        else fail(new Error('no port was assigned'));
      });
    });
  });
}

export interface NodeOptions {
  binary: string;
  chain: string;
  /** Extra command-line flags. */
  args?: string[];
  /** The development validator whose keys the node uses (`--alice` by default). */
  authority?: 'alice' | 'bob' | 'charlie' | 'dave';
  /** A full node that does not validate (no `--validator`, no dev keys) instead. */
  fullNode?: boolean;
  /** How long to wait for the RPC server, in milliseconds. */
  startupTimeoutMs?: number;
  /** Keep the node's database here (reused on the next start) instead of a throwaway one. */
  basePath?: string;
  /** A file to write the node's whole log to (replaced), besides the tail kept in memory. */
  logFile?: string;
}

export interface RunningNode {
  url: string;
  pid: number;
  /** Its libp2p address on loopback, for other nodes' `--bootnodes`. */
  multiaddr: string;
  /** The last lines the node logged, for error messages. */
  logTail(): string;
  /**
   * The resident set size now and its peak so far, in bytes (from /proc), and what of it is the
   * node's own memory (`anon`) and what mapped files (`file`: ParityDB maps its tables, pages the
   * kernel may drop under pressure).
   */
  memory(): { rss: number; peak: number; anon: number; file: number };
  stop(): Promise<void>;
}

/**
 * Keeps the last 200 lines `child` writes (stdout and stderr), and all of them in `logFile` if
 * given; the tail for error messages, and how to stop it.
 */
function watch(child: ChildProcess, binary: string, logFile?: string) {
  const lines: string[] = [];
  const log = logFile === undefined ? undefined : createWriteStream(logFile);
  log?.on('error', (error) => console.error(`log ${logFile}: ${error.message}`));
  const keep = (chunk: string) => {
    log?.write(chunk);
    lines.push(...chunk.split('\n').filter((line) => line.length > 0));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', keep);
  }
  const exited = new Promise<void>((ok) => child.once('exit', () => {
    log?.end();
    ok();
  }));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${binary}`);
  // SIGTERM, then SIGKILL if it has not exited within 10 s.
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return { lines, logTail: () => lines.slice(-30).join('\n'), stop, pid };
}

/** Starts a validator node (Alice unless told otherwise), with a throwaway database unless given `basePath`. */
export async function startNode(options: NodeOptions): Promise<RunningNode> {
  const [rpcPort, p2pPort] = [await freePort(), await freePort()];
  const args = [
    '--chain', options.chain,
    ...(options.fullNode === true ? [] : [`--${options.authority ?? 'alice'}`, '--validator']),
    ...(options.basePath === undefined ? ['--tmp'] : ['--base-path', options.basePath]),
    // Validators need a network key; a throwaway one for a throwaway node.
    '--node-key', randomBytes(32).toString('hex'),
    '--rpc-port', String(rpcPort),
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
    '--no-prometheus', '--no-telemetry', '--no-mdns',
    ...(options.args ?? []),
  ];
  // The log file's folder is made before the node starts, so that a bad path leaks no process.
  if (options.logFile !== undefined) mkdirSync(dirname(options.logFile), { recursive: true });
  const child: ChildProcess = spawn(options.binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const { lines, logTail, stop, pid } = watch(child, options.binary, options.logFile);

  const deadline = Date.now() + (options.startupTimeoutMs ?? 120_000);
  const url = `ws://127.0.0.1:${rpcPort}`;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the node exited with ${child.exitCode} before serving RPC:\n${logTail()}`);
    }
    if (lines.some((line) => line.includes('Running JSON-RPC server'))) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the node did not serve RPC within the startup timeout:\n${logTail()}`);
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }

  // The node logs its peer id ("Local node identity is: 12D3…") before it serves RPC.
  const identity = lines.map((line) => /Local node identity is: (\w+)/.exec(line)?.[1]).find((id) => id !== undefined);
  const multiaddr = `/ip4/127.0.0.1/tcp/${p2pPort}/p2p/${identity ?? 'unknown'}`;
  const memory = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024, anon: kb('RssAnon') * 1024, file: kb('RssFile') * 1024 };
    } catch {
      return { rss: 0, peak: 0, anon: 0, file: 0 };
    }
  };
  return { url, pid, multiaddr, logTail, memory, stop };
}

/** The workspace's build of the gateway: `$CARGO_TARGET_DIR/<profile>/carechain-gateway`. */
export function gatewayBinary(profile: 'debug' | 'release'): string {
  return resolve(nodeBinary(profile), '..', 'carechain-gateway');
}

export interface RunningGateway {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  logTail(): string;
  stop(): Promise<void>;
}

/** Starts `carechain-gateway` beside the node at `nodeUrl`, on a free port, with `masterKey`. */
export async function startGateway(options: {
  binary: string; nodeUrl: string; store: string; masterKey: string; args?: string[]; logFile?: string;
}): Promise<RunningGateway> {
  const args = ['--node', options.nodeUrl, '--listen', '127.0.0.1:0', '--store', options.store, ...(options.args ?? [])];
  const child: ChildProcess = spawn(options.binary, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CARECHAIN_GATEWAY_MASTER_KEY: options.masterKey },
  });
  const { lines, logTail, stop, pid } = watch(child, options.binary, options.logFile);
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (url === undefined) {
    if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}:\n${logTail()}`);
    url = lines.map((line) => /serving FHIR R4 on (http:\/\/[0-9.:]+)\/fhir/.exec(line)?.[1]).find((u) => u !== undefined);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the gateway did not start within a minute:\n${logTail()}`);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return { url, pid, logTail, stop };
}
