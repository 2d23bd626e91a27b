/**
 * A vitest reporter that adds the conformance view to the usual output: counts per level, warnings,
 * expected failures, every skipped rule with its reason by skip code, what a Prism proxy saw (when
 * the run went through one), and one plain closing line over all tests (`tests: N passed, N failed,
 * N skipped`, with warnings and expected failures when there are any) that CI logs can be read by. With CONFORMANCE_RESULTS=<file> it also writes every
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
    const lines = [''];
    if (rules.length > 0) lines.push(...conformanceSection(rules), '');
    const selection = ['CONFORMANCE_RULES', 'CONFORMANCE_TAGS', 'CONFORMANCE_LEVEL'].filter((name) => process.env[name]);
    if (rules.length === 0 && selection.length > 0) lines.push(`No rule matches the selection (${selection.map((name) => `${name}=${process.env[name]}`).join(', ')}).`, '');
    if (process.env.CONFORMANCE_VIA_PRISM === '1') lines.push(...prismSection(results), '');
    lines.push(countLine('tests:', totalsOf(results)));
    console.log(lines.join('\n'));
    const resultsPath = process.env.CONFORMANCE_RESULTS;
    if (resultsPath) {
      writeJson(resultsPath, {
        generatedAt: new Date().toISOString(),
        targets: describeTargets(),
        strict: process.env.CONFORMANCE_STRICT === '1',
        totals: totalsOf(results),
        results,
      } satisfies ResultsFile);
      console.log(`results written to ${resultsPath}`);
    }
  }
}

function countLine(name: string, group: Record<Outcome, number>): string {
  const extra = [group.warned ? `${group.warned} warned` : '', group['expected-failure'] ? `${group['expected-failure']} expected failures` : '']
    .filter(Boolean)
    .map((part) => `, ${part}`)
    .join('');
  return `${name} ${group.passed} passed, ${group.failed} failed${extra}, ${group.skipped} skipped`;
}

/**
 * Per level the counts; then what did not pass, each with its reason: warnings (recommended rules
 * that failed), expected failures from the target profile, listed failures that now pass, skips
 * grouped by their code.
 */
function conformanceSection(rules: RuleResult[]): string[] {
  const lines = [
    'Conformance rules',
    countLine('  required   ', totalsOf(rules.filter((rule) => rule.level === 'required'))),
    countLine('  recommended', totalsOf(rules.filter((rule) => rule.level === 'recommended'))),
  ];
  const firstLine = (rule: RuleResult) => (rule.failure?.message ?? '').split('\n')[0];
  const warned = rules.filter((rule) => rule.outcome === 'warned');
  if (warned.length > 0) lines.push('Warnings (recommended rules that failed; --strict makes them fail):', ...warned.map((rule) => `  ${rule.id} ${firstLine(rule)}`));
  const expected = rules.filter((rule) => rule.outcome === 'expected-failure');
  if (expected.length > 0) lines.push('Expected failures (listed in the target profile):', ...expected.map((rule) => `  ${rule.id} ${rule.expectedFailure?.reason}`));
  const fixed = rules.filter((rule) => rule.expectedFailure?.fixed);
  if (fixed.length > 0) lines.push('Fixed: these expected failures now pass, remove them from the list:', ...fixed.map((rule) => `  ${rule.id}`));
  const skipped = rules.filter((rule) => rule.outcome === 'skipped');
  if (skipped.length > 0) {
    lines.push('Skipped rules and why:');
    const codes = [...new Set(skipped.map((rule) => rule.skipCode ?? 'unknown'))];
    for (const code of codes) {
      lines.push(`  ${code}:`, ...skipped.filter((rule) => (rule.skipCode ?? 'unknown') === code).map((rule) => `    ${rule.id} ${rule.skipReason}`));
    }
  }
  return lines;
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
