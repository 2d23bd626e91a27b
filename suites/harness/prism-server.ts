/**
 * Starts Prism (mock or validation proxy) on one of our specs as a child process on 127.0.0.1 and
 * resolves once it listens. Shared by `npm run prism:*`, `--via-prism` runs and the benchmarks.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specPath, type ApiName } from '../../specs/apis.ts';
import { freePort } from './free-port.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

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
  /** When it counts as started: its port takes connections (default), or its first HTTP answer. */
  probe?: 'tcp' | 'http';
  startTimeoutMs?: number;
}

export interface PrismServer extends ServerProcess {
  url: string;
  port: number;
}

export function prismBinary(): string {
  const local = join(PROJECT_ROOT, 'node_modules', '.bin', 'prism');
  return existsSync(local) ? local : 'prism';
}

/** A port nobody listens on right now, for a child process that needs a number up front. */
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

/** Prism as a process of its own (stopped with its group), ready once its port takes connections. */
export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const port = options.port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const server = await startServerProcess({
    name: `Prism ${options.mode} of ${options.api}`,
    command: prismBinary(),
    args: prismArguments(options, port),
    probeUrl: `${url}/`,
    // A proxy would forward an HTTP probe to the server under test; the port is enough.
    probe: options.probe ?? 'tcp',
    timeoutMs: options.startTimeoutMs,
  });
  return { ...server, url, port };
}
