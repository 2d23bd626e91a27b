/**
 * A vitest reporter that adds the conformance view to the usual output: every skipped rule with its
 * reason, and counts for documented and inferred rules kept apart.
 */
import type { Reporter, TestModule } from 'vitest/node';
import type { RuleMeta } from './rule.ts';

type Outcome = 'passed' | 'failed' | 'skipped';

export default class RuleReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { documented: { passed: 0, failed: 0, skipped: 0 }, inferred: { passed: 0, failed: 0, skipped: 0 } };
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const testCase of module.children.allTests()) {
        const rule = testCase.meta().rule as RuleMeta | undefined;
        if (!rule) continue;
        const result = testCase.result();
        const outcome: Outcome = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
        counts[rule.citation.kind === 'inferred' ? 'inferred' : 'documented'][outcome] += 1;
        if (result.state === 'skipped') skipped.push(`  ${rule.id} skipped: ${result.note ?? 'no reason given'}`);
      }
    }
    const total = Object.values(counts).reduce((sum, group) => sum + group.passed + group.failed + group.skipped, 0);
    if (total === 0) return;
    const line = (name: string, group: Record<Outcome, number>) =>
      `  ${name.padEnd(10)} ${group.passed} passed, ${group.failed} failed, ${group.skipped} skipped`;
    const lines = ['', 'Conformance rules', line('documented', counts.documented), line('inferred', counts.inferred)];
    if (skipped.length > 0) lines.push('Skipped rules and why:', ...skipped);
    console.log(lines.join('\n'));
  }
}
