/**
 * Starts Prism (mock or validation proxy) on one of our specs as a child process on 127.0.0.1 and
 * resolves once it listens. Shared by `npm run prism:*`, `--via-prism` runs and the benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specPath, type ApiName } from '../../specs/apis.ts';

const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface PrismOptions {
  mode: 'mock' | 'proxy';
  api: ApiName;
  /** The server a proxy forwards to. */
  upstream?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Prism's --errors: answer violations itself instead of only marking them. */
  errors?: boolean;
  /** Prism's CORS headers; a proxy passes the upstream's own through when off. */
  cors?: boolean;
  /** Prism's log level (default: info, which also names every violation). */
  verboseLevel?: string;
  /** Where Prism's log lines go (default: dropped). */
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
}

export interface PrismServer {
  url: string;
  port: number;
  pid: number;
  close(): Promise<void>;
}

export function prismBinary(): string {
  const local = join(PROJECT_ROOT, 'node_modules', '.bin', 'prism');
  return existsSync(local) ? local : 'prism';
}

/** A port nobody listens on right now, for a child process that needs a number up front. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function prismArguments(options: PrismOptions, port: number): string[] {
  if (options.mode === 'proxy' && !options.upstream) throw new Error('a Prism proxy needs an upstream URL');
  return [
    options.mode,
    specPath(options.api),
    ...(options.mode === 'proxy' ? [options.upstream as string] : []),
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    `--errors=${options.errors ?? false}`,
    `--cors=${options.cors ?? true}`,
    '--verboseLevel',
    options.verboseLevel ?? 'info',
  ];
}

export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const port = options.port || (await freePort());
  const child = spawn(prismBinary(), prismArguments(options, port), { stdio: ['ignore', 'pipe', 'pipe'] });
  let pending = '';
  // Always drained, or a chatty Prism would block on a full pipe.
  const onData = (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) options.onLog?.(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const started = Date.now();
  // Readiness is the port accepting connections: Prism's "listening" line depends on its log level.
  while (!(await accepts(port))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Prism ${options.mode} of ${options.api} exited (${child.exitCode ?? child.signalCode}) before listening`);
    }
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`Prism ${options.mode} of ${options.api} did not listen on port ${port} within ${timeoutMs} ms`);
    }
    await delay(100);
  }
  return { url: `http://127.0.0.1:${port}`, port, pid: child.pid ?? 0, close: () => stop(child) };
}

/** True when something accepts a TCP connection on 127.0.0.1:port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
