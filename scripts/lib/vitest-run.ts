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
  /** What the run printed, when asked to capture it. */
  output: string;
}

/** The one command every run of the conformance suites is: `npx vitest run --project conformance <paths> <extra>`. */
export function conformanceCommand(paths: string[], extra: string[] = []): [string, string[]] {
  return ['npx', ['vitest', 'run', '--project', 'conformance', ...paths, ...extra]];
}

/**
 * `env` is laid over this process's environment; `resultsPath` keeps the results file; by default it
 * goes to a temporary folder that is removed. `quiet` drops what the run prints, `capture` keeps it.
 */
export async function runSuites(paths: string[], env: NodeJS.ProcessEnv, options: { quiet?: boolean; capture?: boolean; resultsPath?: string } = {}): Promise<SuiteRun> {
  const directory = mkdtempSync(join(tmpdir(), 'conformance-run-'));
  const resultsPath = options.resultsPath ?? join(directory, 'results.json');
  const started = performance.now();
  let output = '';
  try {
    const exitCode = await new Promise<number>((resolve, reject) => {
      // A variable given as undefined is removed from the child's environment.
      const childEnv = Object.fromEntries(Object.entries({ ...process.env, ...env, CONFORMANCE_RESULTS: resultsPath }).filter(([, value]) => value !== undefined));
      const child = spawn(...conformanceCommand(paths), {
        env: childEnv,
        stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : options.quiet ? 'ignore' : 'inherit',
      });
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => resolve(code ?? 1));
    });
    const durationMs = performance.now() - started;
    const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsFile;
    return { exitCode, durationMs, results, output };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
