/** `auth-conformance test <api|all> [--base-url URL] [--reporter ...]`: run the conformance suites. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { API_NAMES } from '../../specs/apis.ts';
import { SEEDED_ACCOUNTS } from '../../suites/accounts.ts';
import { isApiOrAll, runConformance } from '../lib/run-conformance.ts';
import { CATCHER_KINDS, MAILBOX_KINDS } from '../../suites/harness/mailbox/mailbox.ts';
import { RULE_SELECTOR } from '../../suites/harness/run-policy.ts';
import { profileEnvironment, readProfile, type Profile } from './profile.ts';
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

const LEVELS = ['required', 'recommended'] as const;

export const testCommand: Command = {
  name: 'test',
  summary: 'run the conformance rules of an API (or all) against the mock, a base URL or a target profile',
  usage: `auth-conformance test [<${API_NAMES.join('|')}|all>] [options]
  --base-url URL      the server to check (default: <API>_BASE_URL, else the embedded mock)
  --config FILE       a target profile (YAML): servers, credentials by env reference, fixture facts,
                      rule selection, expected failures; without an API, every target in it
  --rule ID           only this rule; VM-LOGIN-* for a prefix (repeatable)
  --tag TAG           only rules with this tag: an API, an area (login, jwt, ...), fuzz, cross (repeatable)
  --level LEVEL       only required or only recommended rules
  --strict            recommended rules fail too, and so does an expected failure that now passes
  --reporter NAME     ${REPORTERS.join(', ')}; repeatable (default: default). Files go to --out
  --out DIR           where junit.xml, results.json and report.html go (default: reports)
  --via-prism         send every call through a Prism validation proxy and report what it saw
  --mailbox KIND      where mail rules read the target's mail: mock (its outbox, the default on a mock),
                      smtp (an SMTP sink this run starts; point the server's mail at it), or a mail
                      catcher the server already sends to: maildev or mailpit (with --mailbox-url)
  --smtp-port N       the sink's port on 127.0.0.1 (needed with --mailbox smtp against a server)
  --mailbox-url URL   the catcher's web address, e.g. http://127.0.0.1:8025 (with maildev or mailpit)
  --allow-missing-credentials   run against a server even with no <API>_<ROLE>_USERNAME/_PASSWORD set
A default run exits 1 only when a required rule fails; recommended failures are warnings.
Credentials for a server: <API>_<ROLE>_USERNAME and _PASSWORD, e.g. VINMAKE_ADMIN_USERNAME.
Rules that change state run against a server only with CONFORMANCE_ALLOW_MUTATION=1 (or allowMutation in the profile).`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        'base-url': { type: 'string' },
        config: { type: 'string' },
        rule: { type: 'string', multiple: true },
        tag: { type: 'string', multiple: true },
        level: { type: 'string' },
        strict: { type: 'boolean', default: false },
        reporter: { type: 'string', multiple: true },
        out: { type: 'string', default: 'reports' },
        'via-prism': { type: 'boolean', default: false },
        mailbox: { type: 'string' },
        'smtp-port': { type: 'string' },
        'mailbox-url': { type: 'string' },
        'allow-missing-credentials': { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
    const profile = values.config ? readProfile(values.config) : undefined;
    const api = selectApis(positionals, profile);
    const reporters = values.reporter ?? ['default'];
    const unknown = reporters.filter((reporter) => !(REPORTERS as readonly string[]).includes(reporter));
    if (unknown.length > 0) throw new UsageError(`unknown reporter ${unknown.join(', ')}; one of: ${REPORTERS.join(', ')}`);
    if (values.level !== undefined && !(LEVELS as readonly string[]).includes(values.level)) throw new UsageError(`--level must be ${LEVELS.join(' or ')}, got "${values.level}"`);
    const badRule = (values.rule ?? []).find((pattern) => !new RegExp(RULE_SELECTOR, 'i').test(pattern));
    if (badRule) throw new UsageError(`--rule "${badRule}" is no rule id; expected e.g. VM-LOGIN-003 or VM-LOGIN-*`);

    const env: NodeJS.ProcessEnv = profile ? profileEnvironment(profile, process.env) : {};
    if (values['base-url']) {
      if (api === 'all' || api.includes(',')) throw new UsageError('--base-url names one server: use it with one API, or set <API>_BASE_URL for each');
      env[`${api.toUpperCase()}_BASE_URL`] = checkBaseUrl(values['base-url']);
    }
    if (values.rule?.length) env.CONFORMANCE_RULES = values.rule.join(',');
    if (values.tag?.length) env.CONFORMANCE_TAGS = values.tag.join(',');
    if (values.level) env.CONFORMANCE_LEVEL = values.level;
    if (values.strict) env.CONFORMANCE_STRICT = '1';
    if (values.mailbox !== undefined) env.CONFORMANCE_MAILBOX = values.mailbox;
    if (values['smtp-port'] !== undefined) env.CONFORMANCE_SMTP_PORT = values['smtp-port'];
    if (values['mailbox-url'] !== undefined) env.CONFORMANCE_MAILBOX_URL = values['mailbox-url'];
    const merged = { ...process.env, ...env };
    checkMailbox(merged);
    for (const each of api === 'all' ? API_NAMES : (api.split(',') as (typeof API_NAMES)[number][])) {
      const baseUrl = merged[`${each.toUpperCase()}_BASE_URL`];
      if (!baseUrl) continue;
      checkBaseUrl(baseUrl);
      const { missing, configured } = credentialProblems(each, merged);
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

/** A mailbox the run can use: a known kind, and a fixed sink port wherever a real server must send to it. */
function checkMailbox(env: NodeJS.ProcessEnv): void {
  const kind = env.CONFORMANCE_MAILBOX;
  if (kind === undefined) return;
  if (!(MAILBOX_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--mailbox must be one of ${MAILBOX_KINDS.join(', ')}, got "${kind}"`);
  const port = env.CONFORMANCE_SMTP_PORT;
  if (port !== undefined && !(Number.isInteger(Number(port)) && Number(port) >= 0 && Number(port) <= 65535)) throw new UsageError(`--smtp-port must be a port number, got "${port}"`);
  const againstServer = API_NAMES.some((api) => env[`${api.toUpperCase()}_BASE_URL`]);
  if (kind === 'smtp' && againstServer && !Number(port)) throw new UsageError('--mailbox smtp against a server needs --smtp-port N: the port the server is configured to send its mail to');
  const url = env.CONFORMANCE_MAILBOX_URL;
  if ((CATCHER_KINDS as readonly string[]).includes(kind)) {
    if (!url) throw new UsageError(`--mailbox ${kind} needs --mailbox-url URL: the catcher's web address, e.g. http://127.0.0.1:8025`);
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--mailbox-url must be an http(s) URL, got "${url}"`);
  } else if (url !== undefined) {
    throw new UsageError(`--mailbox-url goes with --mailbox ${CATCHER_KINDS.join(' or ')}, not ${kind}`);
  }
}

/** The API (or comma-separated APIs, or all) a run covers: the positional, else the profile's targets. */
function selectApis(positionals: string[], profile: Profile | undefined): string {
  if (positionals.length > 1) throw new UsageError(`one API at a time (or all), got: ${positionals.join(' ')}`);
  const named = positionals[0]?.toLowerCase();
  const inProfile = profile ? (Object.keys(profile.targets) as string[]) : [];
  if (named === undefined) {
    if (inProfile.length === 0) throw new UsageError('name the API to test (or give a profile with --config)');
    return inProfile.length === API_NAMES.length ? 'all' : inProfile.join(',');
  }
  if (!isApiOrAll(named)) throw new UsageError(`unknown API "${named}"; one of: ${API_NAMES.join(', ')}, all`);
  if (profile && named !== 'all' && !inProfile.includes(named)) throw new UsageError(`the profile has no target for ${named}; it has: ${inProfile.join(', ')}`);
  return named;
}
