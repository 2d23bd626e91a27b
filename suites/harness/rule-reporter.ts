/**
 * A vitest reporter that adds the conformance view to the usual output: every skipped rule with its
 * reason, counts for documented and inferred rules kept apart, and one plain closing line over all
 * tests (`tests: N passed, N failed, N skipped`) that CI logs can be read by.
 */
import type { Reporter, TestModule } from 'vitest/node';
import type { RuleMeta } from './rule.ts';

type Outcome = 'passed' | 'failed' | 'skipped';

export default class RuleReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { documented: { passed: 0, failed: 0, skipped: 0 }, inferred: { passed: 0, failed: 0, skipped: 0 } };
    const all = { passed: 0, failed: 0, skipped: 0 };
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const testCase of module.children.allTests()) {
        const result = testCase.result();
        const outcome: Outcome = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
        all[outcome] += 1;
        const rule = testCase.meta().rule as RuleMeta | undefined;
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
    lines.push(line('tests:', all));
    console.log(lines.join('\n'));
  }
}
