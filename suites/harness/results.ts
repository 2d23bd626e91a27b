/**
 * One record per test of a run, in the form every report is built from (the JSON results file,
 * JUnit XML, the HTML report, the Prism comparison): rule id, title, source, outcome, skip reason,
 * and for failures the message with expected and received values (secrets already masked).
 */
import type { RuleCall } from './call-log.ts';
import type { TestCase, TestModule } from 'vitest/node';
import { redactSecrets } from './redact.ts';
import type { CitationKind, Level } from './rule.ts';
import type { PrismViolation } from './prism-violations.ts';
import { parseSkipNote, type SkipCode } from './skip-codes.ts';

/**
 * `warned`: a recommended rule failed (not a red run unless strict); `expected-failure`: a rule the
 * target profile lists as a known deviation failed.
 */
export type Outcome = 'passed' | 'failed' | 'warned' | 'skipped' | 'expected-failure';
export const OUTCOMES: Outcome[] = ['passed', 'failed', 'warned', 'skipped', 'expected-failure'];

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
  /** Rules only; tests that are not rules have none. */
  level?: Level;
  tags?: string[];
  outcome: Outcome;
  durationMs: number;
  skipCode?: SkipCode | 'unknown';
  skipReason?: string;
  /** Failed, warned or expected-failure: what was expected and what came. */
  failure?: { message: string; expected?: string; received?: string };
  /** For an expected failure (or one that now passes): the profile's reason and link. */
  expectedFailure?: { reason: string; link?: string; fixed: boolean };
  prismViolations?: PrismViolation[];
  /** The calls the rule made: API, method, path without query, status. */
  calls?: RuleCall[];
}

export interface ResultsFile {
  generatedAt: string;
  /** Where each API's calls went: a base URL or "embedded mock". */
  targets: Record<string, string>;
  /** Recommended failures and fixed expected failures failed the run. */
  strict?: boolean;
  totals: Record<Outcome, number>;
  results: RuleResult[];
}

function outcomeOf(testCase: TestCase): Outcome {
  const state = testCase.result().state;
  if (state === 'failed') return 'failed';
  if (state !== 'passed') return 'skipped';
  const verdict = testCase.meta().verdict?.kind;
  return verdict === 'warned' ? 'warned' : verdict === 'expected-failure' ? 'expected-failure' : 'passed';
}

function failureOf(testCase: TestCase): RuleResult['failure'] {
  const verdict = testCase.meta().verdict;
  if (verdict && verdict.kind !== 'fixed') {
    return {
      message: redactSecrets(verdict.message),
      ...(verdict.expected !== undefined ? { expected: redactSecrets(verdict.expected) } : {}),
      ...(verdict.received !== undefined ? { received: redactSecrets(verdict.received) } : {}),
    };
  }
  const error = testCase.result().errors?.[0];
  if (testCase.result().state !== 'failed' || !error) return undefined;
  return {
    message: redactSecrets(error.message ?? String(error)),
    ...(error.expected !== undefined ? { expected: redactSecrets(String(error.expected)) } : {}),
    ...(error.actual !== undefined ? { received: redactSecrets(String(error.actual)) } : {}),
  };
}

function resultOf(testCase: TestCase, root: string): RuleResult {
  const rule = testCase.meta().rule;
  const result = testCase.result();
  const outcome = outcomeOf(testCase);
  const verdict = testCase.meta().verdict;
  const failure = failureOf(testCase);
  const file = testCase.module.moduleId.startsWith(root) ? testCase.module.moduleId.slice(root.length + 1) : testCase.module.moduleId;
  return {
    id: rule?.id ?? testCase.name,
    title: rule?.title ?? testCase.name,
    api: rule?.api ?? file.split('/')[1] ?? 'unknown',
    area: rule?.id.split('-')[1] ?? '',
    file,
    source: rule?.citation,
    ...(rule ? { level: rule.level, tags: rule.tags } : {}),
    outcome,
    durationMs: Math.round(testCase.diagnostic()?.duration ?? 0),
    ...(result.state === 'skipped' ? skipOf(result.note) : {}),
    ...(failure ? { failure } : {}),
    ...(verdict?.reason !== undefined
      ? { expectedFailure: { reason: verdict.reason, ...(verdict.link ? { link: verdict.link } : {}), fixed: verdict.kind === 'fixed' } }
      : {}),
    ...(testCase.meta().prismViolations?.length ? { prismViolations: testCase.meta().prismViolations } : {}),
    ...(testCase.meta().calls?.length ? { calls: testCase.meta().calls } : {}),
  };
}

function skipOf(note: string | undefined): Pick<RuleResult, 'skipCode' | 'skipReason'> {
  const { code, reason } = parseSkipNote(note);
  return { skipCode: code, skipReason: reason };
}

export function collectResults(testModules: ReadonlyArray<TestModule>, root: string): RuleResult[] {
  return testModules.flatMap((module) => [...module.children.allTests()].map((testCase) => resultOf(testCase, root)));
}

export function totalsOf(results: RuleResult[]): Record<Outcome, number> {
  const totals: Record<Outcome, number> = { passed: 0, failed: 0, warned: 0, skipped: 0, 'expected-failure': 0 };
  for (const result of results) totals[result.outcome] += 1;
  return totals;
}
