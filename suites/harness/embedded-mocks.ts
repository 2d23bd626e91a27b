/**
 * vitest globalSetup: for every API whose `<API>_BASE_URL` is unset, start its mock on a free
 * 127.0.0.1 port and hand the URL to the suites. This is the only door from suites to the mock.
 */
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { faultsFor } from '../../mock-server/core/faults.ts';
import { MOCK_APIS, startMock, type StartedMock } from '../../mock-server/registry.ts';
import type { EmbeddedMock } from './target.ts';

export default async function startEmbeddedMocks(project: TestProject): Promise<() => Promise<void>> {
  const started: StartedMock[] = [];
  const embedded: Record<string, EmbeddedMock> = {};
  for (const api of MOCK_APIS) {
    if (process.env[`${api.envPrefix}_BASE_URL`]) continue;
    // A fresh secret per run, shared with the suite so it can check signatures as an operator would.
    const jwtSecret = randomBytes(32).toString('base64url');
    const mock = await startMock(api, {
      port: 0,
      logLevel: process.env.LOG_LEVEL ?? 'silent',
      env: { ...process.env, [`${api.envPrefix}_JWT_SECRET`]: jwtSecret },
      // The kill matrix starts the mock with one bug switched on.
      faults: faultsFor(api.name, process.env.MOCK_FAULTS),
    });
    started.push(mock);
    embedded[api.name] = { url: mock.url, jwtSecret };
  }
  project.provide('embeddedMocks', embedded);
  return async () => {
    await Promise.all(started.map((mock) => mock.close()));
  };
}
