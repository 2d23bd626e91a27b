/**
 * `npm run kill-matrix`: starts each API's mock with one fault at a time, runs that API's suite
 * against it, and records which rules failed. Every fault must be caught by at least one rule and
 * the clean mock by none. Writes docs/kill-matrix.md and docs/kill-matrix.json; exits 1 otherwise.
 *
 *   npm run kill-matrix [-- --api vinmake] [--jobs 2] [--out docs]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MOCK_APIS } from '../mock-server/registry.ts';

interface Run {
  api: string;
  /** Null for the clean mock. */
  fault: string | null;
  description: string;
  rules: number;
  failed: string[];
  seconds: number;
}

const { values } = parseArgs({
  options: { api: { type: 'string', multiple: true }, jobs: { type: 'string' }, out: { type: 'string' } },
});
const apis = MOCK_APIS.filter((api) => !values.api || values.api.includes(api.name));
const jobs = Math.max(1, Number(values.jobs ?? availableParallelism()));
const outDir = values.out ?? 'docs';

const plan = apis.flatMap((api) => [
  { api: api.name, fault: null, description: 'no fault: the clean mock' },
  ...api.faults.map((fault) => ({ api: api.name, fault: fault.id, description: fault.description })),
]);

/** One suite run against a mock with (at most) one fault; the rule ids that failed. */
async function runSuite(item: (typeof plan)[number], workDir: string, index: number): Promise<Run> {
  const output = join(workDir, `run-${index}.json`);
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, MOCK_FAULTS: item.fault ? `${item.api}:${item.fault}` : '', LOG_LEVEL: 'silent', CI: 'true' };
  for (const api of MOCK_APIS) delete env[`${api.envPrefix}_BASE_URL`];
  await new Promise<void>((resolve) => {
    const child = spawn('vitest', ['run', '--project', 'conformance', `suites/${item.api}/`, '--reporter=json', `--outputFile=${output}`], {
      env,
      stdio: 'ignore',
    });
    child.on('close', () => resolve());
  });
  const report = JSON.parse(await readFile(output, 'utf8')) as {
    testResults: { assertionResults: { title: string; status: string }[] }[];
  };
  const results = report.testResults.flatMap((file) => file.assertionResults);
  const failed = results.filter((result) => result.status === 'failed').map((result) => result.title.split(' ')[0] ?? result.title);
  return { ...item, rules: results.length, failed: [...new Set(failed)].sort(), seconds: (Date.now() - started) / 1000 };
}

async function runAll(): Promise<Run[]> {
  const workDir = await mkdtemp(join(tmpdir(), 'kill-matrix-'));
  const runs: Run[] = new Array(plan.length);
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const index = next++;
      const item = plan[index] as (typeof plan)[number];
      const run = await runSuite(item, workDir, index);
      runs[index] = run;
      const verdict = run.fault === null ? (run.failed.length === 0 ? 'clean' : 'CLEAN MOCK FAILED') : run.failed.length > 0 ? 'caught' : 'NOT CAUGHT';
      console.log(`${run.api.padEnd(9)} ${(run.fault ?? '(none)').padEnd(32)} ${String(run.failed.length).padStart(3)} rules failed  ${verdict}  ${run.seconds.toFixed(1)} s`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, plan.length) }, worker));
  await rm(workDir, { recursive: true, force: true });
  return runs;
}

function markdown(runs: Run[]): string {
  const lines = [
    '# Kill matrix',
    '',
    'Each row starts the API\'s mock with one deliberate bug (`npm start -- --fault <api>:<fault>`) and runs',
    'that API\'s conformance suite against it. A fault is caught when at least one rule fails; the clean',
    'mock must fail none. Regenerate with `npm run kill-matrix`.',
    '',
    '| API | fault | what the bug does | rules failed | caught by (first ids) |',
    '|---|---|---|---:|---|',
  ];
  for (const run of runs) {
    const ids = run.failed.slice(0, 6).join(', ') + (run.failed.length > 6 ? ', ...' : '');
    lines.push(`| ${run.api} | ${run.fault ?? '*(none)*'} | ${run.description} | ${run.failed.length} of ${run.rules} | ${ids || '-'} |`);
  }
  const faults = runs.filter((run) => run.fault !== null);
  const caught = faults.filter((run) => run.failed.length > 0).length;
  lines.push('', `**${caught} of ${faults.length} faults caught; clean mocks failing: ${runs.filter((run) => run.fault === null && run.failed.length > 0).length}.**`, '');
  return lines.join('\n');
}

const runs = await runAll();
await writeFile(join(outDir, 'kill-matrix.md'), markdown(runs));
await writeFile(join(outDir, 'kill-matrix.json'), `${JSON.stringify(runs.map(({ seconds: _seconds, ...run }) => run), null, 2)}\n`);
const uncaught = runs.filter((run) => run.fault !== null && run.failed.length === 0);
const dirty = runs.filter((run) => run.fault === null && run.failed.length > 0);
console.log(`\nkill-matrix: ${runs.length - uncaught.length - dirty.length} passed, ${uncaught.length + dirty.length} failed`);
if (uncaught.length > 0 || dirty.length > 0) {
  for (const run of uncaught) console.error(`not caught: ${run.api}:${run.fault}`);
  for (const run of dirty) console.error(`clean ${run.api} mock failed: ${run.failed.join(', ')}`);
  process.exit(1);
}
