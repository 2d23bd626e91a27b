/**
 * A vitest reporter that adds the conformance view to the usual output: every skipped rule with its
 * reason, counts for documented and inferred rules kept apart, and one plain closing line over all
 * tests (`tests: N passed, N failed, N skipped`) that CI logs can be read by.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import type { PrismViolation } from './prism-violations.ts';
import type { RuleMeta } from './rule.ts';

type Outcome = 'passed' | 'failed' | 'skipped';

export default class RuleReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { documented: { passed: 0, failed: 0, skipped: 0 }, inferred: { passed: 0, failed: 0, skipped: 0 } };
    const all = { passed: 0, failed: 0, skipped: 0 };
    const skipped: string[] = [];
    const violations: Array<PrismViolation & { test: string }> = [];
    for (const module of testModules) {
      for (const testCase of module.children.allTests()) {
        const result = testCase.result();
        const outcome: Outcome = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
        all[outcome] += 1;
        const rule = testCase.meta().rule as RuleMeta | undefined;
        for (const violation of testCase.meta().prismViolations ?? []) violations.push({ ...violation, test: rule?.id ?? testCase.name });
        if (!rule) continue;
        counts[rule.citation.kind === 'inferred' ? 'inferred' : 'documented'][outcome] += 1;
        if (result.state === 'skipped') skipped.push(`  ${rule.id} skipped: ${result.note ?? 'no reason given'}`);
      }
    }
    const line = (name: string, group: Record<Outcome, number>) =>
      `${name} ${group.passed} passed, ${group.failed} failed, ${group.skipped} skipped`;
    const rules = counts.documented.passed + counts.documented.failed + counts.documented.skipped + counts.inferred.passed + counts.inferred.failed + counts.inferred.skipped;
    const lines = [''];
    if (rules > 0) {
      lines.push('Conformance rules', line('  documented', counts.documented), line('  inferred  ', counts.inferred));
      if (skipped.length > 0) lines.push('Skipped rules and why:', ...skipped);
      lines.push('');
    }
    if (process.env.CONFORMANCE_VIA_PRISM === '1') lines.push(...prismSection(violations), '');
    lines.push(line('tests:', all));
    console.log(lines.join('\n'));
  }
}

/**
 * Prism's findings: answers that break the spec are listed one by one; requests that break it are
 * counted per rule, since rules about bad input send them on purpose. With CONFORMANCE_PRISM_REPORT
 * set, all of them are also written there as JSON.
 */
function prismSection(violations: Array<PrismViolation & { test: string }>): string[] {
  const responses = violations.filter((violation) => violation.side === 'response');
  const requests = violations.filter((violation) => violation.side === 'request');
  const reportPath = process.env.CONFORMANCE_PRISM_REPORT;
  if (reportPath) {
    mkdirSync(dirname(reportPath), { recursive: true });
    writeFileSync(reportPath, `${JSON.stringify({ responseViolations: responses, requestViolations: requests }, null, 2)}\n`);
  }
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
