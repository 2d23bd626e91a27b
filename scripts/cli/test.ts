/** `auth-conformance test <api|all> [--base-url URL] [--reporter ...]`: run the conformance suites. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { API_NAMES } from '../../specs/apis.ts';
import { SEEDED_ACCOUNTS } from '../../suites/accounts.ts';
import { isApiOrAll, runConformance } from '../lib/run-conformance.ts';
import { REPORT_FORMATS, writeReports, type ReportFormat } from '../report/write.ts';
import { UsageError, type Command } from './usage.ts';

const REPORTERS = ['default', ...REPORT_FORMATS] as const;

export function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url "${value}" is not a URL; expected e.g. https://staging.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--base-url must be http:// or https://, got ${url.protocol}`);
  return url.toString().replace(/\/+$/, '');
}

/**
 * Against a server that is not our mock, the suites log in with accounts from the environment.
 * None at all is an error (nothing useful could run); a missing role only warns, its rules skip.
 */
export function credentialProblems(api: keyof typeof SEEDED_ACCOUNTS, env: NodeJS.ProcessEnv): { missing: string[]; configured: number } {
  const roles = Object.keys(SEEDED_ACCOUNTS[api]);
  const missing = roles
    .map((role) => `${api.toUpperCase()}_${role.toUpperCase()}`)
    .filter((prefix) => !env[`${prefix}_USERNAME`] || !env[`${prefix}_PASSWORD`])
    .map((prefix) => `${prefix}_USERNAME and ${prefix}_PASSWORD`);
  return { missing, configured: roles.length - missing.length };
}

export const testCommand: Command = {
  name: 'test',
  summary: 'run the conformance suite of an API (or all) against the mock or a base URL',
  usage: `auth-conformance test <${API_NAMES.join('|')}|all> [options]
  --base-url URL      the server to check (default: <API>_BASE_URL, else the embedded mock)
  --reporter NAME     ${REPORTERS.join(', ')}; repeatable (default: default). Files go to --out
  --out DIR           where junit.xml, results.json and report.html go (default: reports)
  --via-prism         send every call through a Prism validation proxy and report what it saw
  --allow-missing-credentials   run against a server even with no <API>_<ROLE>_USERNAME/_PASSWORD set
Credentials for a server: <API>_<ROLE>_USERNAME and _PASSWORD, e.g. VINMAKE_ADMIN_USERNAME.
Rules that change state run against a server only with CONFORMANCE_ALLOW_MUTATION=1.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        'base-url': { type: 'string' },
        reporter: { type: 'string', multiple: true },
        out: { type: 'string', default: 'reports' },
        'via-prism': { type: 'boolean', default: false },
        'allow-missing-credentials': { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
    const api = positionals[0]?.toLowerCase();
    if (!isApiOrAll(api)) throw new UsageError(api ? `unknown API "${api}"; one of: ${API_NAMES.join(', ')}, all` : 'name the API to test');
    if (positionals.length > 1) throw new UsageError(`one API at a time (or all), got: ${positionals.join(' ')}`);
    const reporters = values.reporter ?? ['default'];
    const unknown = reporters.filter((reporter) => !(REPORTERS as readonly string[]).includes(reporter));
    if (unknown.length > 0) throw new UsageError(`unknown reporter ${unknown.join(', ')}; one of: ${REPORTERS.join(', ')}`);

    const env: NodeJS.ProcessEnv = {};
    if (values['base-url']) {
      if (api === 'all') throw new UsageError('--base-url names one server: use it with one API, or set <API>_BASE_URL for each');
      env[`${api.toUpperCase()}_BASE_URL`] = checkBaseUrl(values['base-url']);
    }
    for (const each of api === 'all' ? API_NAMES : [api as (typeof API_NAMES)[number]]) {
      const baseUrl = env[`${each.toUpperCase()}_BASE_URL`] ?? process.env[`${each.toUpperCase()}_BASE_URL`];
      if (!baseUrl) continue;
      checkBaseUrl(baseUrl);
      const { missing, configured } = credentialProblems(each, process.env);
      if (configured === 0 && !values['allow-missing-credentials']) {
        throw new UsageError(`no ${each} credentials for ${baseUrl}: set ${missing.join('; ')} (or pass --allow-missing-credentials to run only what needs none)`);
      }
      for (const pair of missing) console.warn(`warning: ${pair} not set: rules that need that role will be skipped`);
    }

    const formats = reporters.filter((reporter): reporter is ReportFormat => reporter !== 'default');
    const resultsPath = join(values.out, 'results.json');
    if (formats.length > 0) rmSync(resultsPath, { force: true });
    const status = runConformance({ api, viaPrism: values['via-prism'], resultsPath: formats.length > 0 ? resultsPath : undefined, env });
    if (formats.length > 0) {
      for (const path of writeReports(resultsPath, values.out, formats)) console.log(`written: ${path}`);
    }
    return status;
  },
};
