/**
 * `npm run mail-matrix`: every mail rule (tag `mail`) of the APIs that send mail, run the way a team
 * checks a staging server that sends real mail. Each row starts the API's mock as a server of its
 * own that delivers its mail over SMTP, and reads the mail back through one mailbox adapter:
 *
 *   smtp     the run's own SMTP sink (`--mailbox smtp --smtp-port N`)
 *   maildev  a real MailDev (npm `maildev`) the mock sends to (`--mailbox maildev --mailbox-url URL`)
 *
 * once with the mock's control plane switched off (so no outbox: mail only over SMTP; rules that
 * need to move the server's clock skip) and once with it on (every rule runs, mail still read
 * through the adapter). A row passes when every mail rule passed, none skipped for want of a
 * mailbox, the only skips are those that need a control plane, and the run's output and results
 * hold no mailed token. Writes docs/mail-matrix.md; exits 1 when a row fails.
 *
 *   npm run mail-matrix [-- --api vinmake] [--jobs 2] [--out docs]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORE_VARIANTS } from '../mock-server/core/variants.ts';
import { MOCK_APIS, startMock } from '../mock-server/registry.ts';
import type { MockApiDefinition } from '../mock-server/core/mock-api.ts';
import { SEEDED_ACCOUNTS } from '../suites/accounts.ts';
import { suitePathsOf } from './lib/api-run.ts';
import { freePort } from '../suites/harness/free-port.ts';
import { inPool } from './lib/job-pool.ts';
import { startMailDev } from './lib/maildev-server.ts';
import { runSuites } from './lib/vitest-run.ts';

const MAIL_APIS = ['vinmake', 'enclaive'];
const ADAPTERS = ['smtp', 'maildev'] as const;

interface Row {
  api: string;
  adapter: (typeof ADAPTERS)[number];
  controlPlane: boolean;
  passed: string[];
  failed: string[];
  /** Rules skipped, with their skip codes. */
  skipped: Array<{ id: string; code: string | undefined }>;
  /** Mailed tokens found unmasked in the run's output or results. */
  leaks: number;
  /** Mails the run left in MailDev (those it never read). */
  leftInCatcher?: number;
  seconds: number;
}

const { values } = parseArgs({ options: { api: { type: 'string', multiple: true }, jobs: { type: 'string' }, out: { type: 'string' } } });
const apis = MOCK_APIS.filter((api) => MAIL_APIS.includes(api.name) && (!values.api || values.api.includes(api.name)));
const jobs = Math.max(1, Number(values.jobs ?? Math.min(4, availableParallelism())));
const outDir = values.out ?? 'docs';

const plan = apis.flatMap((api) => ADAPTERS.flatMap((adapter) => [false, true].map((controlPlane) => ({ api, adapter, controlPlane }))));

/** The operator's view of the server: URL, seeded accounts as configured ones, its secret, mutation allowed. */
function operatorEnvironment(api: MockApiDefinition, url: string, secret: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { [`${api.envPrefix}_BASE_URL`]: url, [`${api.envPrefix}_ALLOW_MUTATION`]: '1', [api.signingKey.env]: secret };
  for (const [role, account] of Object.entries(SEEDED_ACCOUNTS[api.name as keyof typeof SEEDED_ACCOUNTS])) {
    env[`${api.envPrefix}_${role.toUpperCase()}_USERNAME`] = account.username;
    env[`${api.envPrefix}_${role.toUpperCase()}_PASSWORD`] = account.password;
  }
  for (const other of MOCK_APIS) if (other !== api) env[`${other.envPrefix}_BASE_URL`] = undefined;
  return env;
}

// What the mocks mail: VinMake's `?token=` links and enclaive's `/api/verify-email/` and `?token=` ones.
const MAILED_TOKEN = /(?:token=|\/verify-email\/)(?!\[redacted)[\w%.~-]{16,}/g;

async function runRow({ api, adapter, controlPlane }: (typeof plan)[number]): Promise<Row> {
  const started = Date.now();
  const secret = await api.signingKey.generate();
  const maildev = adapter === 'maildev' ? await startMailDev() : undefined;
  const smtpPort = maildev?.smtpPort ?? (await freePort());
  const mock = await startMock(api, {
    port: 0,
    logLevel: 'silent',
    env: { ...process.env, [api.signingKey.env]: secret },
    variants: controlPlane ? [] : [CORE_VARIANTS.noControlPlane.id],
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
  });
  try {
    const mailbox: NodeJS.ProcessEnv = maildev
      ? { CONFORMANCE_MAILBOX: 'maildev', CONFORMANCE_MAILBOX_URL: maildev.url }
      : { CONFORMANCE_MAILBOX: 'smtp', CONFORMANCE_SMTP_PORT: String(smtpPort) };
    const run = await runSuites(
      suitePathsOf(api.name),
      { ...operatorEnvironment(api, mock.url, secret), ...mailbox, CONFORMANCE_APIS: api.name, CONFORMANCE_TAGS: 'mail', LOG_LEVEL: 'silent', CI: 'true' },
      { capture: true },
    );
    const rules = run.results.results.filter((result) => result.source);
    const ids = (outcome: string) => rules.filter((rule) => rule.outcome === outcome).map((rule) => rule.id).sort();
    const resultsText = JSON.stringify(run.results);
    return {
      api: api.name,
      adapter,
      controlPlane,
      passed: ids('passed'),
      failed: [...ids('failed'), ...ids('warned')],
      skipped: rules.filter((rule) => rule.outcome === 'skipped').map((rule) => ({ id: rule.id, code: rule.skipCode })),
      leaks: (run.output.match(MAILED_TOKEN)?.length ?? 0) + (resultsText.match(MAILED_TOKEN)?.length ?? 0),
      leftInCatcher: maildev && (await maildev.count()),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await mock.close();
    await maildev?.stop();
  }
}

/** Without a control plane only rules that must move the server's clock may skip. */
const rowPasses = (row: Row) =>
  row.passed.length > 0 && row.failed.length === 0 && row.leaks === 0 && row.skipped.every((skip) => !row.controlPlane && skip.code === 'needs-control-plane');

function markdown(rows: Row[]): string {
  const lines = [
    '# Mail matrix',
    '',
    'Every mail rule (tag `mail`) of VinMake and enclaive, run against the API\'s mock started as a server',
    'of its own that delivers its mail over SMTP, and read back through a mailbox adapter: `smtp` (the',
    'run\'s own SMTP sink) or `maildev` (a real MailDev from npm, read through its HTTP API). Each runs',
    'with the mock\'s control plane off (no outbox, mail only over SMTP; rules that move the server clock',
    'skip) and on (every rule runs; mail is still read through the adapter). "Leaks" counts mailed tokens',
    'found unmasked in the run\'s output and results. Regenerate with `npm run mail-matrix`.',
    '',
    '| API | adapter | control plane | passed | failed | skipped (code) | leaks | left in MailDev | verdict |',
    '|---|---|---|---:|---:|---|---:|---:|---|',
  ];
  for (const row of rows) {
    const skipped = row.skipped.length === 0 ? '0' : `${row.skipped.length} (${row.skipped.map((skip) => `${skip.id}: ${skip.code}`).join(', ')})`;
    const verdict = rowPasses(row) ? 'passes' : `FAILS${row.failed.length ? `: ${row.failed.join(', ')}` : ''}`;
    lines.push(`| ${row.api} | ${row.adapter} | ${row.controlPlane ? 'on' : 'off'} | ${row.passed.length} | ${row.failed.length} | ${skipped} | ${row.leaks} | ${row.leftInCatcher ?? '-'} | ${verdict} |`);
  }
  lines.push('', `**${rows.filter(rowPasses).length} of ${rows.length} rows pass.**`, '');
  return lines.join('\n');
}

const rows = await inPool(plan, jobs, async (item) => {
  const row = await runRow(item);
  console.log(`${row.api.padEnd(9)} ${row.adapter.padEnd(8)} control plane ${row.controlPlane ? 'on ' : 'off'}  ${String(row.passed.length).padStart(3)} passed  ${String(row.failed.length).padStart(2)} failed  ${String(row.skipped.length).padStart(2)} skipped  ${row.leaks} leaks  ${rowPasses(row) ? 'ok' : 'FAILS'}  ${row.seconds.toFixed(1)} s`);
  return row;
});
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'mail-matrix.md'), markdown(rows));
const failing = rows.filter((row) => !rowPasses(row));
console.log(`\nmail-matrix: ${rows.length - failing.length} passed, ${failing.length} failed`);
for (const row of failing) {
  console.error(`${row.api} ${row.adapter} control plane ${row.controlPlane ? 'on' : 'off'}: failed ${row.failed.join(', ') || 'none'}; skipped ${row.skipped.map((skip) => `${skip.id} (${skip.code})`).join(', ') || 'none'}; leaks ${row.leaks}`);
}
if (failing.length > 0) process.exit(1);
