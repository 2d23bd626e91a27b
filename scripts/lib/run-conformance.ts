/**
 * Runs conformance suites in vitest for one API or all, optionally through a Prism validation
 * proxy, optionally writing the results file the reports are made from. Shared by
 * `npm run conformance` and `auth-conformance test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { API_NAMES } from '../../specs/apis.ts';
import { newRunId } from '../../suites/harness/run-id.ts';
import { suitePathsOf } from './api-run.ts';
import { conformanceCommand } from './vitest-run.ts';

export interface ConformanceRun {
  /** An API name, a comma-separated list of them, or "all". */
  api: string;
  viaPrism?: boolean;
  /** Where the results file goes (reports are built from it). */
  resultsPath?: string;
  /** Extra vitest arguments. */
  vitestArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

export function isApiOrAll(name: string | undefined): name is string {
  return name === 'all' || (API_NAMES as readonly string[]).includes(name ?? '');
}

/** Returns the exit status: vitest's, or 1 when Prism saw an answer that breaks the spec. */
export function runConformance(run: ConformanceRun): number {
  const name = run.api.toLowerCase();
  const env: NodeJS.ProcessEnv = { ...process.env, ...run.env };
  const apis = name === 'all' ? [...API_NAMES] : name.split(',');
  for (const each of apis) {
    console.log(`${each} conformance against ${env[`${each.toUpperCase()}_BASE_URL`] ?? 'the embedded mock'}${run.viaPrism ? ' through a Prism validation proxy' : ''}`);
  }
  const prismReport = join('reports', `prism-${name.replace(/,/g, '-')}.json`);
  if (run.viaPrism) {
    rmSync(prismReport, { force: true });
    Object.assign(env, { CONFORMANCE_VIA_PRISM: '1', CONFORMANCE_PRISM_REPORT: prismReport });
  }
  if (name !== 'all') env.CONFORMANCE_APIS = name;
  // One id for every test worker, so all that the run creates carries it.
  env.CONFORMANCE_RUN_ID ||= newRunId();
  if (run.resultsPath) env.CONFORMANCE_RESULTS = run.resultsPath;
  const result = spawnSync(...conformanceCommand(suitePathsOf(name), run.vitestArgs), { stdio: 'inherit', env });
  let status = result.status ?? 1;
  if (run.viaPrism) status = Math.max(status, checkPrismReport(prismReport));
  return status;
}

function checkPrismReport(path: string): number {
  if (!existsSync(path)) {
    console.error(`no Prism report at ${path}: the run did not finish`);
    return 1;
  }
  const report = JSON.parse(readFileSync(path, 'utf8')) as { responseViolations: unknown[]; requestViolations: unknown[] };
  const responses = report.responseViolations.length;
  console.log(`Prism report: ${path} (${responses} in answers, ${report.requestViolations.length} in requests)`);
  if (responses === 0) return 0;
  console.error(`${responses} answers break the spec according to Prism`);
  return 1;
}
