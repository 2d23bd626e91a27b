/**
 * A vitest reporter that adds the conformance view to the usual output: every skipped rule with its
 * reason, counts for documented and inferred rules kept apart, what a Prism proxy saw (when the run
 * went through one), and one plain closing line over all tests (`tests: N passed, N failed,
 * N skipped`) that CI logs can be read by. With CONFORMANCE_RESULTS=<file> it also writes every
 * result as JSON, which `npm run report` turns into JUnit XML and HTML.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { API_NAMES } from '../../specs/apis.ts';
import type { PrismViolation } from './prism-violations.ts';
import { collectResults, totalsOf, type Outcome, type ResultsFile, type RuleResult } from './results.ts';

export default class RuleReporter implements Reporter {
  private root = process.cwd();

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const results = collectResults(testModules, this.root);
    const rules = results.filter((result) => result.source);
    const line = (name: string, group: Record<Outcome, number>) =>
      `${name} ${group.passed} passed, ${group.failed} failed, ${group.skipped} skipped`;
    const lines = [''];
    if (rules.length > 0) {
      lines.push(
        'Conformance rules',
        line('  documented', totalsOf(rules.filter((rule) => rule.source?.kind !== 'inferred'))),
        line('  inferred  ', totalsOf(rules.filter((rule) => rule.source?.kind === 'inferred'))),
      );
      const skipped = rules.filter((rule) => rule.outcome === 'skipped');
      if (skipped.length > 0) lines.push('Skipped rules and why:', ...skipped.map((rule) => `  ${rule.id} skipped: ${rule.skipReason}`));
      lines.push('');
    }
    if (process.env.CONFORMANCE_VIA_PRISM === '1') lines.push(...prismSection(results), '');
    lines.push(line('tests:', totalsOf(results)));
    console.log(lines.join('\n'));
    const resultsPath = process.env.CONFORMANCE_RESULTS;
    if (resultsPath) {
      writeJson(resultsPath, { generatedAt: new Date().toISOString(), targets: describeTargets(), totals: totalsOf(results), results } satisfies ResultsFile);
      console.log(`results written to ${resultsPath}`);
    }
  }
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function describeTargets(): Record<string, string> {
  const viaPrism = process.env.CONFORMANCE_VIA_PRISM === '1' ? ' (through a Prism validation proxy)' : '';
  return Object.fromEntries(API_NAMES.map((api) => [api, `${process.env[`${api.toUpperCase()}_BASE_URL`] ?? 'embedded mock'}${viaPrism}`]));
}

/**
 * Prism's findings: answers that break the spec are listed one by one; requests that break it are
 * counted per rule, since rules about bad input send them on purpose. With CONFORMANCE_PRISM_REPORT
 * set, all of them are also written there as JSON.
 */
function prismSection(results: RuleResult[]): string[] {
  const violations: Array<PrismViolation & { test: string }> = results.flatMap((result) =>
    (result.prismViolations ?? []).map((violation) => ({ ...violation, test: result.id })),
  );
  const responses = violations.filter((violation) => violation.side === 'response');
  const requests = violations.filter((violation) => violation.side === 'request');
  const reportPath = process.env.CONFORMANCE_PRISM_REPORT;
  if (reportPath) writeJson(reportPath, { responseViolations: responses, requestViolations: requests });
  const lines = [`Prism proxy: ${responses.length} response violations, ${requests.length} request violations`];
  for (const violation of responses) {
    lines.push(`  ${violation.test}  ${violation.request}  ${violation.severity} ${violation.location}: ${violation.message}`);
  }
  const perRule = new Map<string, number>();
  for (const violation of requests) perRule.set(violation.test, (perRule.get(violation.test) ?? 0) + 1);
  if (perRule.size > 0) {
    lines.push('  request violations by rule (bad input sent on purpose by the rules about it):');
    lines.push(`    ${[...perRule].map(([test, count]) => `${test} ${count}`).join(', ')}`);
  }
  return lines;
}
