/**
 * `npm run variant-matrix`: the false-alarm twin of the kill matrix. Each row starts an API's mock
 * making one choice its document leaves open the other way (a variant), as a server of its own
 * on 127.0.0.1, and runs every rule about that API against it the way a team checks its staging
 * server: base URL, credentials and signing secret in the environment, mutation allowed, its mail
 * delivered over SMTP to the sink the run starts. A correct
 * implementation must fail no required rule, so every row must show zero. The variant without a
 * control plane runs twice against the same server: both runs must give the same verdicts.
 * Writes docs/variant-matrix.md and .json; exits 1 when a row fails.
 *
 *   npm run variant-matrix [-- --api vinmake] [--jobs 2] [--out docs]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORE_VARIANTS, type VariantDefinition } from '../mock-server/core/variants.ts';
import { MOCK_APIS, startMock } from '../mock-server/registry.ts';
import type { MockApiDefinition } from '../mock-server/core/mock-api.ts';
import { SEEDED_ACCOUNTS } from '../suites/accounts.ts';
import type { RuleResult } from '../suites/harness/results.ts';
import { runApiSuite, verdictsOf } from './lib/api-run.ts';
import { freePort } from '../suites/harness/free-port.ts';
import { inPool } from './lib/job-pool.ts';

interface Row {
  api: string;
  /** Null for the mock as it starts by default. */
  variant: string | null;
  description: string;
  basis: string;
  rules: number;
  failed: string[];
  warned: string[];
  skipped: number;
  /** For a row run twice: whether both runs gave every rule the same outcome. */
  repeatable?: boolean;
  seconds: number;
}

const { values } = parseArgs({ options: { api: { type: 'string', multiple: true }, jobs: { type: 'string' }, out: { type: 'string' } } });
const apis = MOCK_APIS.filter((api) => !values.api || values.api.includes(api.name));
const jobs = Math.max(1, Number(values.jobs ?? availableParallelism()));
const outDir = values.out ?? 'docs';

const plan: Array<{ api: MockApiDefinition; variant: VariantDefinition | null }> = apis.flatMap((api) => [
  { api, variant: null },
  ...api.variants.map((variant) => ({ api, variant })),
]);

/** What an operator hands the suite for its own server: URL, accounts, secret, mutation allowed. */
function operatorEnvironment(api: MockApiDefinition, url: string, secret: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { [`${api.envPrefix}_BASE_URL`]: url, [`${api.envPrefix}_ALLOW_MUTATION`]: '1' };
  for (const [role, account] of Object.entries(SEEDED_ACCOUNTS[api.name as keyof typeof SEEDED_ACCOUNTS])) {
    env[`${api.envPrefix}_${role.toUpperCase()}_USERNAME`] = account.username;
    env[`${api.envPrefix}_${role.toUpperCase()}_PASSWORD`] = account.password;
  }
  // The operator's signing secret or key (MACHHUB: its Ed25519 private JWK) lets rules re-sign tokens.
  env[api.signingKey.env] = secret;
  if (api.name === 'vntana') Object.assign(env, { VNTANA_OWNER_PAT: 'owner-pat-1', VNTANA_MEMBER_PAT: 'member-pat-1' });
  // Nothing else may point the run elsewhere.
  for (const other of MOCK_APIS) if (other !== api) env[`${other.envPrefix}_BASE_URL`] = undefined;
  return env;
}

const outcomes = (results: RuleResult[]) => new Map(results.filter((result) => result.source).map((result) => [result.id, result.outcome]));

function sameOutcomes(first: RuleResult[], second: RuleResult[]): boolean {
  const a = outcomes(first);
  const b = outcomes(second);
  return a.size === b.size && [...a].every(([id, outcome]) => b.get(id) === outcome);
}

async function runRow({ api, variant }: (typeof plan)[number]): Promise<Row> {
  const secret = await api.signingKey.generate();
  // Mail goes over SMTP to the sink the run starts, as a staging server's would.
  const smtpPort = await freePort();
  const mock = await startMock(api, {
    port: 0,
    logLevel: 'silent',
    env: { ...process.env, [api.signingKey.env]: secret },
    variants: variant ? [variant.id] : [],
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
  });
  const started = Date.now();
  try {
    const env = { ...operatorEnvironment(api, mock.url, secret), CONFORMANCE_MAILBOX: 'smtp', CONFORMANCE_SMTP_PORT: String(smtpPort) };
    const first = await runApiSuite(api.name, env);
    const row: Row = {
      api: api.name,
      variant: variant?.id ?? null,
      description: variant?.description ?? 'the mock as it starts by default',
      basis: variant?.basis ?? '-',
      ...verdictsOf(first.results.results),
      skipped: first.results.results.filter((result) => result.source && result.outcome === 'skipped').length,
      seconds: 0,
    };
    // Without a control plane nothing resets the server between runs: the second run must agree.
    if (variant?.id === CORE_VARIANTS.noControlPlane.id) row.repeatable = sameOutcomes(first.results.results, (await runApiSuite(api.name, env)).results.results);
    row.seconds = (Date.now() - started) / 1000;
    return row;
  } finally {
    await mock.close();
  }
}

const rowPasses = (row: Row) => row.failed.length === 0 && row.repeatable !== false;

function markdown(rows: Row[]): string {
  const lines = [
    '# Variant matrix',
    '',
    'Each row starts an API\'s mock making one choice that the vendor document leaves open the other way',
    '(`npm start -- --variant <api>:<variant>`), serves it on 127.0.0.1 and runs every rule about that API',
    'against it as a team checks its own server: base URL, credentials and signing secret in the',
    'environment, mutation allowed, its mail delivered over SMTP to the sink the run starts',
    '(`--mailbox smtp`). Such a server is still correct, so no required rule may fail.',
    'Warnings are recommended rules that failed (they fail only a `--strict` run). The variant without a',
    'control plane runs twice against one server, and both runs must give every rule the same outcome.',
    'The kill matrix measures misses; this one measures false alarms. Regenerate with `npm run variant-matrix`.',
    '',
    '| API | variant | what it does differently | basis in the document | required failed | warned | skipped | verdict |',
    '|---|---|---|---|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    const verdict = rowPasses(row) ? (row.repeatable ? 'passes, two runs identical' : 'passes') : row.repeatable === false ? 'RUNS DIFFER' : `FAILS: ${row.failed.join(', ')}`;
    const escape = (text: string) => text.replace(/\|/g, '\\|');
    lines.push(`| ${row.api} | ${row.variant ?? '*(default)*'} | ${escape(row.description)} | ${escape(row.basis)} | ${row.failed.length} of ${row.rules} | ${row.warned.length} | ${row.skipped} | ${verdict} |`);
  }
  const variants = rows.filter((row) => row.variant !== null);
  lines.push('', `**${rows.filter(rowPasses).length} of ${rows.length} rows pass (${variants.length} variants across ${new Set(rows.map((row) => row.api)).size} APIs).**`, '');
  const warned = rows.filter((row) => row.warned.length > 0);
  if (warned.length > 0) {
    lines.push('Warnings by row:', '', ...warned.map((row) => `- ${row.api} ${row.variant ?? '(default)'}: ${row.warned.join(', ')}`), '');
  }
  return lines.join('\n');
}

const rows = await inPool(plan, jobs, async (item) => {
  const row = await runRow(item);
  console.log(`${row.api.padEnd(9)} ${(row.variant ?? '(default)').padEnd(28)} ${String(row.failed.length).padStart(3)} required failed  ${String(row.warned.length).padStart(3)} warned  ${rowPasses(row) ? 'ok' : 'FAILS'}  ${row.seconds.toFixed(1)} s`);
  return row;
});
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'variant-matrix.md'), markdown(rows));
await writeFile(join(outDir, 'variant-matrix.json'), `${JSON.stringify(rows.map(({ seconds: _seconds, ...row }) => row), null, 2)}\n`);
const failing = rows.filter((row) => !rowPasses(row));
console.log(`\nvariant-matrix: ${rows.length - failing.length} passed, ${failing.length} failed`);
for (const row of failing) console.error(`${row.api}:${row.variant ?? '(default)'}: ${row.repeatable === false ? 'two runs gave different verdicts' : `required rules failed: ${row.failed.join(', ')}`}`);
if (failing.length > 0) process.exit(1);
