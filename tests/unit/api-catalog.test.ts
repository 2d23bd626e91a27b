/**
 * The API catalog: every API of specs/apis.ts has each piece in every layer, under its own name,
 * so that adding a fifth API (docs/adding-an-api.md) cannot leave one out silently.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { MOCK_APIS, startMock } from '../../mock-server/registry.ts';
import { BENCH_ROUTES } from '../../scripts/lib/bench-routes.ts';
import { suitePathsOf } from '../../scripts/lib/api-run.ts';
import { API_CATALOG, API_NAMES, generatedTypesPath, loadSpec, specPath } from '../../specs/apis.ts';
import { SEEDED_ACCOUNTS } from '../../suites/accounts.ts';
import { BEARER_APIS } from '../../suites/cross/bearer-apis.ts';
import { FUZZ_TARGETS } from '../../suites/cross/fuzz-targets.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const sources = readFileSync(new URL('../../docs/sources.md', import.meta.url), 'utf8');

describe.each(API_NAMES.map((name, index) => ({ name, index, entry: API_CATALOG[name] })))('$name', ({ name, index, entry }) => {
  test('has a spec and its generated types', () => {
    expect(existsSync(specPath(name))).toBe(true);
    expect(Object.keys(loadSpec(name).paths).length).toBeGreaterThan(0);
    expect(existsSync(generatedTypesPath(name))).toBe(true);
  });

  test('has a mock under its name, on its place in the port order, with faults to prove its suite', () => {
    const mock = MOCK_APIS[index];
    expect(mock).toMatchObject({ name, title: entry.title, envPrefix: entry.envPrefix, defaultPort: entry.defaultPort });
    expect(entry.defaultPort).toBe(API_CATALOG[API_NAMES[0]].defaultPort + index);
    expect(mock?.faults.length).toBeGreaterThan(0);
  });

  test('seeds, in the mock, every account its suite logs in with', async () => {
    const started = await startMock(MOCK_APIS[index]!, { port: 0, logLevel: 'silent' });
    try {
      const seeded = started.seededAccounts.map((account) => `${account.login} ${account.password}`);
      for (const account of Object.values(SEEDED_ACCOUNTS[name])) expect(seeded).toContain(`${account.username} ${account.password}`);
    } finally {
      await started.close();
    }
  });

  test('has a suite folder with rules, and the cross-API battery, fuzz targets and bench routes for it', () => {
    const [folder] = suitePathsOf(name);
    expect(folder).toBe(`suites/${name}/`);
    const files = readdirSync(new URL(`../../${folder}`, import.meta.url));
    expect(files).toContain('suite.ts');
    expect(files.filter((file) => file.endsWith('.test.ts')).length).toBeGreaterThan(0);
    expect(BEARER_APIS.find((api) => api.name === name)?.title).toBe(entry.title);
    expect(FUZZ_TARGETS.map((target) => target.api)).toContain(name);
    expect(BENCH_ROUTES.filter((route) => route.api === name).map((route) => route.kind)).toContain('login');
  });

  test('is documented: its seeded users in the README and its sources in docs/sources.md', () => {
    expect(readme).toContain(`| ${entry.title} | ${Object.values(SEEDED_ACCOUNTS[name])[0]?.username} |`);
    expect(sources).toMatch(new RegExp(`^## ${entry.title}$`, 'm'));
  });
});
