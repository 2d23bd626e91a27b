/** The mocks this project serves, in port order. */
import { enclaive } from './apis/enclaive/index.ts';
import { machhub } from './apis/machhub/index.ts';
import { vinmake } from './apis/vinmake/index.ts';
import { vntana } from './apis/vntana/index.ts';
import type { MockApiDefinition } from './core/mock-api.ts';
import { createLogger } from './core/logging.ts';
import { listen, type RunningServer } from './core/server.ts';
import type { SeededAccount } from './core/mock-api.ts';

export const MOCK_APIS: MockApiDefinition[] = [vinmake, machhub, vntana, enclaive];

export function findMockApi(name: string): MockApiDefinition | undefined {
  return MOCK_APIS.find((api) => api.name === name.toLowerCase());
}

export interface StartedMock extends RunningServer {
  api: MockApiDefinition;
  seededAccounts: SeededAccount[];
}

/** Builds one API's mock and serves it; port 0 picks a free port. */
export async function startMock(
  api: MockApiDefinition,
  options: { host?: string; port?: number; logLevel?: string; env?: NodeJS.ProcessEnv; faults?: string[] } = {},
): Promise<StartedMock> {
  const logger = createLogger({ name: api.name, level: options.logLevel });
  const { app, seededAccounts } = await api.create({ logger, env: options.env, faults: options.faults });
  const server = await listen(app, { host: options.host, port: options.port });
  return { ...server, api, seededAccounts };
}
