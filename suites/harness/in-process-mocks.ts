/**
 * Setup file for mutation testing: starts every mock inside the test worker (where Stryker switches
 * mutants on) and points the suites at them, instead of the usual globalSetup in the main process.
 */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { MOCK_APIS, startMock } from '../../mock-server/registry.ts';

const started = await Promise.all(
  MOCK_APIS.map(async (api) => {
    const jwtSecret = randomBytes(32).toString('base64url');
    const mock = await startMock(api, { port: 0, logLevel: 'silent', env: { ...process.env, [`${api.envPrefix}_JWT_SECRET`]: jwtSecret } });
    process.env[`${api.envPrefix}_BASE_URL`] = mock.url;
    process.env[`${api.envPrefix}_JWT_SECRET`] = jwtSecret;
    return mock;
  }),
);

afterAll(async () => {
  await Promise.all(started.map((mock) => mock.close()));
});
