/**
 * `npm run kill-matrix`: starts each API's mock with one fault at a time, runs every rule about that
 * API against it, and records which rules failed. Every fault must be caught by a required rule and
 * the clean mock fail no rule at all. Writes docs/kill-matrix.md and docs/kill-matrix.json; exits 1 otherwise.
 *
 *   npm run kill-matrix [-- --api vinmake] [--fault enclaive:register-race] [--repeat 10] [--jobs 2] [--out docs]
 *
 * --fault and --repeat check some faults again and again (a fault must be caught every time, not by
 * luck); they write files only with an explicit --out, so docs/ keeps the full matrix.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MOCK_APIS } from '../mock-server/registry.ts';
import { runApiSuite, verdictsOf } from './lib/api-run.ts';
import { inPool } from './lib/job-pool.ts';

interface Run {
  api: string;
  /** Null for the clean mock. */
  fault: string | null;
  description: string;
  /** The inference the fault breaks, when it breaks no source: a warning is its catch. */
  breaksInference?: string;
  rules: number;
  /** Required rules that failed: what fails a default run. */
  failed: string[];
  /** Recommended rules that failed: what only --strict turns into a failure. */
  warned: string[];
  seconds: number;
}

const { values } = parseArgs({
  options: { api: { type: 'string', multiple: true }, fault: { type: 'string', multiple: true }, repeat: { type: 'string' }, jobs: { type: 'string' }, out: { type: 'string' } },
});
const repeat = Math.max(1, Number(values.repeat ?? 1));
if (!Number.isInteger(repeat)) throw new Error(`--repeat must be a whole number, got ${values.repeat}`);
const partial = values.fault !== undefined || repeat > 1;
const apis = MOCK_APIS.filter((api) => !values.api || values.api.includes(api.name));
const jobs = Math.max(1, Number(values.jobs ?? availableParallelism()));
const outDir = values.out ?? (partial ? undefined : 'docs');

const plan = apis.flatMap((api) => [
  { api: api.name, fault: null, description: 'no fault: the clean mock' },
  ...api.faults.map((fault) => ({ api: api.name, fault: fault.id, description: fault.description, breaksInference: fault.breaksInference })),
])
  .filter((item) => !values.fault || (item.fault !== null && values.fault.some((wanted) => wanted === item.fault || wanted === `${item.api}:${item.fault}`)))
  .flatMap((item) => Array.from({ length: repeat }, () => item));
if (plan.length === 0) throw new Error(`no fault matches ${values.fault?.join(', ')}; npm start -- --help lists them`);

/** One run of an API's rules against its mock with (at most) one fault. */
async function runSuite(item: (typeof plan)[number]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { MOCK_FAULTS: item.fault ? `${item.api}:${item.fault}` : '' };
  for (const api of MOCK_APIS) env[`${api.envPrefix}_BASE_URL`] = undefined;
  const run = await runApiSuite(item.api, env);
  return { ...item, ...verdictsOf(run.results.results), seconds: run.durationMs / 1000 };
}

/**
 * A fault that breaks what a source states must turn a default run red; one that breaks only our
 * inference can fairly be caught by recommended rules alone, so a red --strict run is its catch.
 */
function isCaught(run: Run): boolean {
  return run.failed.length > 0 || (run.breaksInference !== undefined && run.warned.length > 0);
}

function verdictOf(run: Run): string {
  if (run.fault === null) return run.failed.length + run.warned.length === 0 ? 'clean' : 'CLEAN MOCK FAILED';
  if (run.failed.length > 0) return 'caught';
  if (isCaught(run)) return 'caught with --strict (breaks an inference)';
  return run.warned.length > 0 ? 'CAUGHT ONLY WITH --strict' : 'NOT CAUGHT';
}

async function runAll(): Promise<Run[]> {
  return inPool(plan, jobs, async (item) => {
    const run = await runSuite(item);
    console.log(`${run.api.padEnd(9)} ${(run.fault ?? '(none)').padEnd(32)} ${String(run.failed.length).padStart(3)} required failed  ${verdictOf(run)}  ${run.seconds.toFixed(1)} s`);
    return run;
  });
}

function markdown(runs: Run[]): string {
  const lines = [
    '# Kill matrix',
    '',
    'Each row starts the API\'s mock with one deliberate bug (`npm start -- --fault <api>:<fault>`) and runs',
    'every rule about that API (its suite and the cross-API rules) against it, as `auth-conformance test <api>`',
    'does. A fault is caught when a required rule fails, so a default run goes red. A few faults break',
    'only an inference of ours, not what a vendor source states (a lifetime enclaive never publishes, a',
    'link that should work once): only recommended rules can fairly catch those, so for them a warning,',
    'a red `--strict` run, is the catch, and the table says which inference. The clean mock must fail no',
    'rule at all. Regenerate with `npm run kill-matrix`.',
    '',
    '| API | fault | what the bug does | required rules failed | caught by (first ids) | recommended rules warned | verdict |',
    '|---|---|---|---:|---|---|---|',
  ];
  for (const run of runs) {
    const list = (ids: string[]) => ids.slice(0, 6).join(', ') + (ids.length > 6 ? ', ...' : '');
    const verdict = run.breaksInference && run.failed.length === 0 ? `${verdictOf(run)}: ${run.breaksInference}` : verdictOf(run);
    lines.push(`| ${run.api} | ${run.fault ?? '*(none)*'} | ${run.description} | ${run.failed.length} of ${run.rules} | ${list(run.failed) || '-'} | ${list(run.warned) || '-'} | ${verdict.replace(/\|/g, '\\|')} |`);
  }
  const faults = runs.filter((run) => run.fault !== null);
  const caught = faults.filter((run) => run.failed.length > 0).length;
  const strictOnly = faults.filter((run) => run.failed.length === 0 && run.warned.length > 0);
  lines.push('', `**${caught} of ${faults.length} faults caught by a required rule, ${faults.filter(isCaught).length - caught} more (breaking an inference) by recommended rules; clean mocks failing: ${runs.filter((run) => run.fault === null && run.failed.length + run.warned.length > 0).length}.**`);
  lines.push('', strictOnly.length > 0 ? `Caught only with --strict: ${strictOnly.map((run) => `${run.api}:${run.fault}`).join(', ')}.` : 'No fault needs --strict to be caught.', '');
  return lines.join('\n');
}

const runs = await runAll();
if (outDir) {
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'kill-matrix.md'), markdown(runs));
  await writeFile(join(outDir, 'kill-matrix.json'), `${JSON.stringify(runs.map(({ seconds: _seconds, ...run }) => run), null, 2)}\n`);
}
if (repeat > 1) {
  for (const key of new Set(runs.map((run) => `${run.api}:${run.fault ?? '(none)'}`))) {
    const rows = runs.filter((run) => `${run.api}:${run.fault ?? '(none)'}` === key);
    const good = rows.filter((run) => (run.fault === null ? run.failed.length + run.warned.length === 0 : isCaught(run))).length;
    console.log(`${key}: ${rows[0]?.fault === null ? 'clean' : 'caught'} in ${good} of ${rows.length} runs`);
  }
}
const uncaught = runs.filter((run) => run.fault !== null && !isCaught(run));
const dirty = runs.filter((run) => run.fault === null && run.failed.length + run.warned.length > 0);
console.log(`\nkill-matrix: ${runs.length - uncaught.length - dirty.length} passed, ${uncaught.length + dirty.length} failed`);
if (uncaught.length > 0 || dirty.length > 0) {
  for (const run of uncaught) console.error(`not caught by a required rule: ${run.api}:${run.fault}${run.warned.length > 0 ? ` (only warned: ${run.warned.join(', ')}; mark the fault breaksInference if no source states what it breaks)` : ''}`);
  for (const run of dirty) console.error(`clean ${run.api} mock failed: ${[...run.failed, ...run.warned].join(', ')}`);
  process.exit(1);
}
