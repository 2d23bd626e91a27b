/**
 * A conformance rule: an id, a title that states it, its citation and its level. Every rule is a
 * vitest test titled `<ID> <title>`; the citation rides in the test's meta for reports and in
 * failure messages.
 *
 * The level follows from the source: what a vendor document or a cited client of the vendor states,
 * and the MUSTs of a standard the documented mechanism brings with it, are `required`; our own
 * reasoning (`inferred`) is `recommended`. A recommended rule that fails is a warning unless the
 * run is strict; a rule listed among the target's expected failures is reported as such.
 */
import { test, type TestContext } from 'vitest';
import { RULE_PREFIXES } from '../../specs/apis.ts';
import { redactSecrets } from './redact.ts';
import { runPolicy } from './run-policy.ts';

export type CitationKind = 'seed' | 'real-clients' | 'standard' | 'inferred';
export type Level = 'required' | 'recommended';

export interface Citation {
  kind: CitationKind;
  /** The vendor sentence, the client fact, the standard's clause, or the reason a rule was inferred. */
  text: string;
}

export interface RuleMeta {
  id: string;
  title: string;
  api: string;
  level: Level;
  tags: string[];
  citation: Citation;
}

/** How a rule ended beyond vitest's passed/failed: a warning, a known deviation, a fixed one. */
export interface RuleVerdict {
  kind: 'warned' | 'expected-failure' | 'fixed';
  message: string;
  expected?: string;
  received?: string;
  reason?: string;
  link?: string;
}

declare module 'vitest' {
  interface TaskMeta {
    rule?: RuleMeta;
    verdict?: RuleVerdict;
  }
}

/** A sentence of the vendor's own document. */
export const seed = (sentence: string): Citation => ({ kind: 'seed', text: sentence });
/** What a public client of the vendor sends or depends on; docs/sources.md lists these facts. */
export const realClients = (fact: string): Citation => ({ kind: 'real-clients', text: fact });
/** A MUST of a standard that the documented mechanism brings with it, e.g. `RFC 7519 §7.2: ...`. */
export const standard = (clause: string): Citation => ({ kind: 'standard', text: clause });
/** Neither document says it; the reason it is still a rule. */
export const inferred = (reason: string): Citation => ({ kind: 'inferred', text: reason });

export const levelOf = (citation: Citation): Level => (citation.kind === 'inferred' ? 'recommended' : 'required');

const RULE_ID = new RegExp(`^${RULE_PREFIXES}-[A-Z]+-\\d{3}$`);

export function describeCitation(citation: Citation): string {
  const label = { seed: 'vendor document', 'real-clients': 'vendor client (docs/sources.md)', standard: 'standard', inferred: 'inferred' }[citation.kind];
  return `${label}: "${citation.text}"`;
}

export interface RuleOptions {
  /** The API a cross-API rule judges, when the factory's is `cross`. */
  api?: string;
  /** Extra tags beyond the API and the id's area, e.g. `mail`, `jwt`, `mutating`. */
  tags?: string[];
}

const isSkip = (error: unknown) => (error as { code?: unknown } | null)?.code === 'VITEST_PENDING';

/**
 * Makes the `rule` function of one API. `makeContext` builds what a rule body gets (target, HTTP
 * client, skip helpers) from vitest's test context. Rules the run did not select are not registered.
 */
export function ruleFactory<C>(api: string, makeContext: (test: TestContext) => C) {
  const seen = new Set<string>();
  return function rule(id: string, title: string, citation: Citation, body: (context: C) => Promise<void>, options: RuleOptions = {}): void {
    if (!RULE_ID.test(id)) throw new Error(`rule id ${id} does not read <API>-<AREA>-<NNN>`);
    if (seen.has(id)) throw new Error(`rule id ${id} is used twice`);
    seen.add(id);
    const level = levelOf(citation);
    const tags = [...new Set([options.api ?? api, id.split('-')[1]!.toLowerCase(), ...(options.tags ?? [])])];
    const meta: RuleMeta = { id, title, api: options.api ?? api, level, tags, citation };
    const policy = runPolicy();
    if (!policy.selects(meta)) return;
    test(`${id} ${title}`, { meta: { rule: meta } }, async (testContext) => {
      const expected = policy.expectedFailures.get(id);
      try {
        await body(makeContext(testContext));
      } catch (error) {
        if (!(error instanceof Error) || isSkip(error)) throw error;
        redactFailure(error);
        // Name the rule and its source under the failure, so a red line explains itself.
        if (!error.message.includes('\n  rule ')) error.message += `\n  rule ${id} (${level}), from the ${describeCitation(citation)}`;
        const detail = failureDetail(error);
        if (expected) {
          testContext.task.meta.verdict = { kind: 'expected-failure', ...detail, reason: expected.reason, link: expected.link };
          return;
        }
        if (level === 'recommended' && !policy.strict) {
          testContext.task.meta.verdict = { kind: 'warned', ...detail };
          return;
        }
        throw error;
      }
      if (expected) {
        const message = `${id} is listed as an expected failure ("${expected.reason}") but passed: fixed, remove it from the list`;
        if (policy.strict) throw new Error(message);
        testContext.task.meta.verdict = { kind: 'fixed', message, reason: expected.reason, link: expected.link };
      }
    });
  };
}

function failureDetail(error: Error & { actual?: unknown; expected?: unknown }): Pick<RuleVerdict, 'message' | 'expected' | 'received'> {
  return {
    message: error.message,
    ...(error.expected !== undefined ? { expected: String(error.expected) } : {}),
    ...(error.actual !== undefined ? { received: String(error.actual) } : {}),
  };
}

/** Secrets never reach a report, not even inside an assertion's expected/actual values. */
function redactFailure(error: Error & { actual?: unknown; expected?: unknown }): void {
  error.message = redactSecrets(error.message);
  if (typeof error.actual === 'string') error.actual = redactSecrets(error.actual);
  if (typeof error.expected === 'string') error.expected = redactSecrets(error.expected);
}
