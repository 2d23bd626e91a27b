/** Runs conformance suites in a child vitest and reads back the results file its reporter writes. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultsFile } from '../../suites/harness/results.ts';

export interface SuiteRun {
  exitCode: number;
  durationMs: number;
  results: ResultsFile;
}

/** `env` is laid over this process's environment; `resultsPath` keeps the results file; by default it goes to a temporary folder that is removed. */
export async function runSuites(paths: string[], env: NodeJS.ProcessEnv, options: { quiet?: boolean; resultsPath?: string } = {}): Promise<SuiteRun> {
  const directory = mkdtempSync(join(tmpdir(), 'conformance-run-'));
  const resultsPath = options.resultsPath ?? join(directory, 'results.json');
  const started = performance.now();
  try {
    const exitCode = await new Promise<number>((resolve, reject) => {
      // A variable given as undefined is removed from the child's environment.
      const childEnv = Object.fromEntries(Object.entries({ ...process.env, ...env, CONFORMANCE_RESULTS: resultsPath }).filter(([, value]) => value !== undefined));
      const child = spawn('npx', ['vitest', 'run', '--project', 'conformance', ...paths], {
        env: childEnv,
        stdio: options.quiet ? 'ignore' : 'inherit',
      });
      child.once('error', reject);
      child.once('exit', (code) => resolve(code ?? 1));
    });
    const durationMs = performance.now() - started;
    const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsFile;
    return { exitCode, durationMs, results };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
