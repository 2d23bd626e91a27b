/**
 * One record per test of a run, in the form every report is built from (the JSON results file,
 * JUnit XML, the HTML report, the Prism comparison): rule id, title, source, outcome, skip reason,
 * and for failures the message with expected and received values (secrets already masked).
 */
import type { TestCase, TestModule } from 'vitest/node';
import { redactSecrets } from './redact.ts';
import type { CitationKind } from './rule.ts';
import type { PrismViolation } from './prism-violations.ts';

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface RuleResult {
  /** The rule id, or the test name for a test that is not a rule. */
  id: string;
  title: string;
  /** vinmake, machhub, vntana, enclaive, cross, or unit. */
  api: string;
  /** The part of the id after the API prefix: LOGIN, TOKEN, ... */
  area: string;
  file: string;
  source?: { kind: CitationKind; text: string };
  outcome: Outcome;
  durationMs: number;
  skipReason?: string;
  failure?: { message: string; expected?: string; received?: string };
  prismViolations?: PrismViolation[];
}

export interface ResultsFile {
  generatedAt: string;
  /** Where each API's calls went: a base URL or "embedded mock". */
  targets: Record<string, string>;
  totals: Record<Outcome, number>;
  results: RuleResult[];
}

function outcomeOf(testCase: TestCase): Outcome {
  const state = testCase.result().state;
  return state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped';
}

function resultOf(testCase: TestCase, root: string): RuleResult {
  const rule = testCase.meta().rule;
  const result = testCase.result();
  const outcome = outcomeOf(testCase);
  const error = result.errors?.[0];
  const file = testCase.module.moduleId.startsWith(root) ? testCase.module.moduleId.slice(root.length + 1) : testCase.module.moduleId;
  return {
    id: rule?.id ?? testCase.name,
    title: rule?.title ?? testCase.name,
    api: rule?.api ?? file.split('/')[1] ?? 'unknown',
    area: rule?.id.split('-')[1] ?? '',
    file,
    source: rule?.citation,
    outcome,
    durationMs: Math.round(testCase.diagnostic()?.duration ?? 0),
    ...(result.state === 'skipped' ? { skipReason: result.note ?? 'no reason given' } : {}),
    ...(outcome === 'failed' && error
      ? {
          failure: {
            message: redactSecrets(error.message ?? String(error)),
            ...(error.expected !== undefined ? { expected: redactSecrets(String(error.expected)) } : {}),
            ...(error.actual !== undefined ? { received: redactSecrets(String(error.actual)) } : {}),
          },
        }
      : {}),
    ...(testCase.meta().prismViolations?.length ? { prismViolations: testCase.meta().prismViolations } : {}),
  };
}

export function collectResults(testModules: ReadonlyArray<TestModule>, root: string): RuleResult[] {
  return testModules.flatMap((module) => [...module.children.allTests()].map((testCase) => resultOf(testCase, root)));
}

export function totalsOf(results: RuleResult[]): Record<Outcome, number> {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const result of results) totals[result.outcome] += 1;
  return totals;
}
