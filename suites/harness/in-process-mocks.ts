/**
 * Setup file for mutation testing: runs every mock inside the test worker (where Stryker switches
 * mutants on) and points the suites at them, instead of the usual globalSetup in the main process.
 * The mock code is imported only in beforeAll, after Stryker's own setup has run, so its mutant
 * switches and per-test coverage reach the code that serves the requests.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';

const APIS = [
  ['vinmake', 'VINMAKE'],
  ['machhub', 'MACHHUB'],
  ['vntana', 'VNTANA'],
  ['enclaive', 'ENCLAIVE'],
] as const;
// One block of ports per Stryker worker process, so parallel workers never collide.
const portBase = 4500 + 10 * Number(process.env.STRYKER_MUTATOR_WORKER ?? 0);

// The suites read their targets when imported, so the URLs are set before the mocks exist.
for (const [index, [, prefix]] of APIS.entries()) {
  process.env[`${prefix}_BASE_URL`] = `http://127.0.0.1:${portBase + index}`;
  process.env[`${prefix}_JWT_SECRET`] = randomBytes(32).toString('base64url');
}

let closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const { findMockApi, startMock } = await import('../../mock-server/registry.ts');
  closers = await Promise.all(
    APIS.map(async ([name], index) => {
      const api = findMockApi(name);
      if (!api) throw new Error(`no mock ${name}`);
      const mock = await startMock(api, { port: portBase + index, logLevel: 'silent', env: { ...process.env } });
      return () => mock.close();
    }),
  );
});

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});
