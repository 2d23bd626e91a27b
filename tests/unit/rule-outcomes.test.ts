/**
 * The verdicts a run gives: required failures fail it, recommended ones warn unless strict, listed
 * deviations are expected failures, a listed rule that passes is reported fixed (a failure when
 * strict), skips keep their code, and a selection leaves the other rules out.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ResultsFile } from '../../suites/harness/results.ts';

const EXPECTED = JSON.stringify({
  'VM-FIX-004': { reason: 'known: answers 403', link: 'https://tracker.example/1' },
  'VM-FIX-005': { reason: 'was broken' },
});

function run(env: NodeJS.ProcessEnv): { status: number | null; results: ResultsFile } {
  const resultsPath = join(mkdtempSync(join(tmpdir(), 'rule-outcomes-')), 'results.json');
  const child = spawnSync('npx', ['vitest', 'run', '--config', 'tests/fixtures/rule-outcomes/vitest.config.ts'], {
    env: { ...process.env, CONFORMANCE_RESULTS: resultsPath, CONFORMANCE_EXPECTED_FAILURES: EXPECTED, ...env },
    encoding: 'utf8',
  });
  return { status: child.status, results: JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsFile };
}

const outcome = (results: ResultsFile, id: string) => results.results.find((result) => result.id === id);

describe('rule outcomes', () => {
  test('a default run: required failures fail, recommended ones warn, listed ones are expected', () => {
    const { status, results } = run({});
    expect(status).toBe(1);
    expect(outcome(results, 'VM-FIX-001')?.outcome).toBe('passed');
    expect(outcome(results, 'VM-FIX-002')).toMatchObject({ outcome: 'failed', level: 'required' });
    expect(outcome(results, 'VM-FIX-003')).toMatchObject({ outcome: 'warned', level: 'recommended' });
    expect(outcome(results, 'VM-FIX-003')?.failure?.message).toContain('expected 401 to be 200');
    expect(outcome(results, 'VM-FIX-004')).toMatchObject({ outcome: 'expected-failure', expectedFailure: { reason: 'known: answers 403', link: 'https://tracker.example/1', fixed: false } });
    expect(outcome(results, 'VM-FIX-005')).toMatchObject({ outcome: 'passed', expectedFailure: { fixed: true } });
    expect(outcome(results, 'VM-FIX-006')).toMatchObject({ outcome: 'skipped', skipCode: 'needs-secret', skipReason: 'set VINMAKE_JWT_SECRET' });
    expect(results.totals).toMatchObject({ passed: 3, failed: 1, warned: 1, 'expected-failure': 1, skipped: 1 });
  });

  test('without the failing required rule, warnings and expected failures leave the run green', () => {
    const { status, results } = run({ CONFORMANCE_RULES: 'VM-FIX-001,VM-FIX-003,VM-FIX-004' });
    expect(status).toBe(0);
    expect(results.results.map((result) => result.id)).toEqual(['VM-FIX-001', 'VM-FIX-003', 'VM-FIX-004']);
  });

  test('strict: a recommended failure fails, and so does a listed rule that now passes', () => {
    const { status, results } = run({ CONFORMANCE_STRICT: '1', CONFORMANCE_RULES: 'VM-FIX-003,VM-FIX-005' });
    expect(status).toBe(1);
    expect(outcome(results, 'VM-FIX-003')?.outcome).toBe('failed');
    expect(outcome(results, 'VM-FIX-005')?.outcome).toBe('failed');
    expect(outcome(results, 'VM-FIX-005')?.failure?.message).toContain('remove it from the list');
    expect(results.strict).toBe(true);
  });

  test('selection by tag and by level', () => {
    expect(run({ CONFORMANCE_TAGS: 'special' }).results.results.map((result) => result.id)).toEqual(['VM-FIX-007']);
    expect(run({ CONFORMANCE_LEVEL: 'recommended' }).results.results.map((result) => result.id)).toEqual(['VM-FIX-003']);
  });
});
