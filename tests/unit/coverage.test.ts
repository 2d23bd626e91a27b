/** Operation coverage: calls matched to the spec's operations, successes and refusals told apart, gaps named. */
import { describe, expect, test } from 'vitest';
import { gapsOf, operationCoverage, renderCoverageMarkdown } from '../../scripts/report/coverage.ts';
import type { ResultsFile, RuleResult } from '../../suites/harness/results.ts';

const rule = (id: string, calls: RuleResult['calls'], outcome: RuleResult['outcome'] = 'passed'): RuleResult =>
  ({ id, title: id, api: 'vinmake', area: id.split('-')[1] ?? '', file: 'suites/vinmake/x.test.ts', outcome, durationMs: 1, calls }) as RuleResult;

const file = (results: RuleResult[]): ResultsFile => ({ generatedAt: '2026-12-04T00:00:00Z', targets: { vinmake: 'embedded mock' }, totals: { passed: 0, failed: 0, warned: 0, skipped: 0, 'expected-failure': 0 }, results });

const vinmake = (results: RuleResult[]) => operationCoverage(file(results)).find((entry) => entry.api === 'vinmake')!;
const operation = (results: RuleResult[], operationId: string) => vinmake(results).operations.find((entry) => entry.operationId === operationId)!;

describe('operation coverage', () => {
  test('matches a call to its operation by method and path template, the most specific template first', () => {
    const results = [
      rule('VM-KEY-001', [{ api: 'vinmake', method: 'POST', path: '/api/v1/api-keys/k-1/revoke', status: 200 }]),
      rule('VM-CLIENT-004', [{ api: 'vinmake', method: 'GET', path: '/api/v1/clients/c-1/', status: 200 }]),
      rule('VM-CLIENT-003', [{ api: 'vinmake', method: 'GET', path: '/api/v1/clients/c-2', status: 403 }]),
    ];
    expect(operation(results, 'revokeApiKey').successRules).toEqual(['VM-KEY-001']);
    expect(operation(results, 'getClient')).toMatchObject({ secured: true, successRules: ['VM-CLIENT-004'], refusalRules: ['VM-CLIENT-003'] });
    expect(gapsOf(operation(results, 'getClient'))).toEqual([]);
  });

  test('names the gaps: no success anywhere, a secured operation never refused; a public one needs no refusal', () => {
    const results = [rule('VM-CLIENT-009', [{ api: 'vinmake', method: 'PUT', path: '/api/v1/clients/c-1', status: 422 }])];
    expect(gapsOf(operation(results, 'updateClient'))).toEqual(['no success', 'no refusal']);
    expect(operation(results, 'login').secured).toBe(false);
    expect(gapsOf(operation(results, 'login'))).toEqual(['no success']);
  });

  test('counts only rules that ran, and only calls to the API the table is about', () => {
    const results = [
      rule('VM-CLIENT-005', [{ api: 'vinmake', method: 'GET', path: '/api/v1/clients', status: 200 }], 'skipped'),
      rule('X-CROSS-002', [{ api: 'machhub', method: 'GET', path: '/api/v1/clients', status: 200 }]),
    ];
    expect(operation(results, 'listClients').successRules).toEqual([]);
  });

  test('writes one table per API with its totals', () => {
    const markdown = renderCoverageMarkdown(file([rule('VM-LOGIN-001', [{ api: 'vinmake', method: 'POST', path: '/auth/login', status: 200 }])]));
    expect(markdown).toContain('## VinMake');
    expect(markdown).toMatch(/1 of \d+ operations answered a success to some rule/);
    expect(markdown).toContain('| login | `POST /auth/login` | no | VM-LOGIN-001 | n/a | - |');
  });
});
