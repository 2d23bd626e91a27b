/**
 * Serves a set of mocks until SIGINT/SIGTERM: starts each on its port, prints its URL, dashboard and
 * seeded users, and (with a state file) saves the state once more on the way out. Used by
 * `npm start` and `auth-conformance mock`.
 */
import { StatePersistence } from './core/persistence.ts';
import { faultsFor } from './core/faults.ts';
import { MOCK_APIS, startMock, type StartedMock } from './registry.ts';
import type { MockApiDefinition } from './core/mock-api.ts';

export interface ServeOptions {
  apis: MockApiDefinition[];
  host: string;
  portOf(api: MockApiDefinition): number;
  /** Comma-separated `<api>:<fault>` list. */
  faults: string;
  /** Comma-separated `<api>:<variant>` list: open choices made the other way. */
  variants?: string;
  /** `smtp://host:port`: every mail is also delivered there. */
  smtpUrl?: string;
  logLevel?: string;
  statePath?: string;
}

/** Fails with a message meant for the person at the terminal: 2 for bad usage, 1 when a port is taken. */
export class ServeError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function findApis(names: string[] | undefined): MockApiDefinition[] {
  if (!names || names.length === 0) return MOCK_APIS;
  const wanted = names.map((name) => name.toLowerCase());
  const unknown = wanted.filter((name) => !MOCK_APIS.some((api) => api.name === name));
  if (unknown.length > 0) throw new ServeError(`unknown API ${unknown.join(', ')}; known: ${MOCK_APIS.map((api) => api.name).join(', ')}`);
  return MOCK_APIS.filter((api) => wanted.includes(api.name));
}

export function parsePort(value: unknown, label: string): number {
  const port = Number(value);
  if (value === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new ServeError(`${label} must be a port number (0-65535), got "${String(value)}"`);
  return port;
}

/** A mail relay URL, checked: smtp:// or smtps:// with a host. */
export function smtpUrlOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ServeError(`--smtp "${value}" is not a URL; expected e.g. smtp://127.0.0.1:1025`);
  }
  if (!['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname) throw new ServeError(`--smtp must be smtp://host:port or smtps://host:port, got ${value}`);
  return value;
}

export async function serveMocks(options: ServeOptions): Promise<StartedMock[]> {
  let persistence: StatePersistence | undefined;
  try {
    persistence = options.statePath ? StatePersistence.open(options.statePath) : undefined;
  } catch (error) {
    throw new ServeError((error as Error).message);
  }
  const started: StartedMock[] = [];
  for (const api of options.apis) {
    const port = options.portOf(api);
    try {
      started.push(await startMock(api, { host: options.host, port, logLevel: options.logLevel, faults: faultsFor(api.name, options.faults), variants: faultsFor(api.name, options.variants), smtpUrl: options.smtpUrl, persistence }));
    } catch (error) {
      await Promise.all(started.map((mock) => mock.close()));
      const code = (error as { code?: string }).code;
      throw new ServeError(code ? `${api.title}: cannot listen on ${options.host}:${port} (${code})` : `${api.title}: ${(error as Error).message}`, 1);
    }
  }
  persistence?.saveNow();

  for (const mock of started) {
    console.log(`\n${mock.api.title} mock  ${mock.url}   dashboard: ${mock.url}/__mock/   docs: ${mock.url}/docs/`);
    const faults = faultsFor(mock.api.name, options.faults);
    if (faults.length > 0) console.log(`  FAULTS ON: ${faults.join(', ')}`);
    const variants = faultsFor(mock.api.name, options.variants);
    if (variants.length > 0) console.log(`  variants: ${variants.join(', ')}`);
    for (const account of mock.seededAccounts) {
      console.log(`  ${account.role.padEnd(8)} ${account.login.padEnd(24)} ${account.password}${account.note ? `   ${account.note}` : ''}`);
    }
  }
  if (options.smtpUrl) console.log(`\nMail also goes over SMTP to ${new URL(options.smtpUrl).host}`);
  if (persistence) console.log(`\nState ${persistence.restored ? 'continued from' : 'kept in'} ${persistence.path}`);
  console.log('\nCtrl-C stops the mocks.');

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void Promise.all(started.map((mock) => mock.close())).then(() => {
        persistence?.saveNow();
        process.exit(0);
      });
    });
  }
  return started;
}
