/** The mocks this project serves, in port order. */
import { enclaive } from './apis/enclaive/index.ts';
import { machhub } from './apis/machhub/index.ts';
import { vinmake } from './apis/vinmake/index.ts';
import { vntana } from './apis/vntana/index.ts';
import { API_NAMES, type ApiName } from '../specs/apis.ts';
import type { MockApiDefinition } from './core/mock-api.ts';
import { createLogger } from './core/logging.ts';
import { restoreTables, snapshotTables, type StatePersistence } from './core/persistence.ts';
import { listen, type RunningServer } from './core/server.ts';
import { createSmtpRelay } from './core/smtp-relay.ts';
import type { SeededAccount } from './core/mock-api.ts';

const MOCK_DEFINITIONS = { vinmake, machhub, vntana, enclaive } satisfies Record<ApiName, MockApiDefinition>;

/** The mocks, in the catalog's (port) order. */
export const MOCK_APIS: MockApiDefinition[] = API_NAMES.map((name) => MOCK_DEFINITIONS[name]);

export function findMockApi(name: string): MockApiDefinition | undefined {
  return MOCK_APIS.find((api) => api.name === name.toLowerCase());
}

export interface StartedMock extends RunningServer {
  api: MockApiDefinition;
  seededAccounts: SeededAccount[];
}

export interface StartMockOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  logLevel?: string;
  env?: NodeJS.ProcessEnv;
  faults?: string[];
  variants?: string[];
  /** `smtp://host:port`: every mail is also delivered there. */
  smtpUrl?: string;
  /** Continue from, and keep saving to, a state file. */
  persistence?: StatePersistence;
}

/** Builds one API's mock and serves it. */
export async function startMock(api: MockApiDefinition, options: StartMockOptions = {}): Promise<StartedMock> {
  const logger = createLogger({ name: api.name, level: options.logLevel });
  const { persistence } = options;
  const saved = persistence?.snapshotOf(api.name);
  let env = options.env ?? process.env;
  // Tokens survive a restart only if the key does: keep it in the state file, unless the
  // environment supplies one (a secret that is given is never written to disk).
  let keptKey: string | undefined;
  if (persistence && !env[api.signingKey.env]) {
    keptKey = saved?.signingKey ?? (await api.signingKey.generate());
    env = { ...env, [api.signingKey.env]: keptKey };
  }
  const mailRelay = options.smtpUrl ? createSmtpRelay(options.smtpUrl, logger) : undefined;
  const instance = await api.create({ logger, env, faults: options.faults, variants: options.variants, mailRelay, onStateChange: persistence && (() => persistence.changed()) });
  if (saved) restoreTables(instance.state(), saved.tables);
  persistence?.register(api.name, () => ({ ...(keptKey ? { signingKey: keptKey } : {}), tables: snapshotTables(instance.state()) }));
  const server = await listen(instance.app, { host: options.host, port: options.port });
  const close = async () => {
    await server.close();
    mailRelay?.close();
  };
  return { ...server, close, api, seededAccounts: instance.seededAccounts };
}
