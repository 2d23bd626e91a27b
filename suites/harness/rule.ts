/**
 * A conformance rule: an id, a title that states it, and its citation. Every rule is a vitest test
 * titled `<ID> <title>`; the citation rides in the test's meta for reports and in failure messages.
 */
import { test, type TestContext } from 'vitest';
import { redactSecrets } from './redact.ts';

export type CitationKind = 'seed' | 'real-clients' | 'inferred';

export interface Citation {
  kind: CitationKind;
  /** The vendor sentence, the REAL-CLIENTS.md fact, or the reason a rule was inferred. */
  text: string;
}

export interface RuleMeta {
  id: string;
  title: string;
  api: string;
  citation: Citation;
}

declare module 'vitest' {
  interface TaskMeta {
    rule?: RuleMeta;
  }
}

/** A sentence of the vendor's own document. */
export const seed = (sentence: string): Citation => ({ kind: 'seed', text: sentence });
/** A fact of ../shared/REAL-CLIENTS.md: what real clients send and expect. */
export const realClients = (fact: string): Citation => ({ kind: 'real-clients', text: fact });
/** Neither document says it; the reason it is still a rule. */
export const inferred = (reason: string): Citation => ({ kind: 'inferred', text: reason });

const RULE_ID = /^(VM|MH|VN|EN|X)-[A-Z]+-\d{3}$/;

export function describeCitation(citation: Citation): string {
  const label = { seed: 'vendor document', 'real-clients': 'REAL-CLIENTS.md', inferred: 'inferred' }[citation.kind];
  return `${label}: "${citation.text}"`;
}

/**
 * Makes the `rule` function of one API. `makeContext` builds what a rule body gets (target, HTTP
 * client, skip helpers) from vitest's test context.
 */
export function ruleFactory<C>(api: string, makeContext: (test: TestContext) => C) {
  const seen = new Set<string>();
  return function rule(id: string, title: string, citation: Citation, body: (context: C) => Promise<void>): void {
    if (!RULE_ID.test(id)) throw new Error(`rule id ${id} does not read <API>-<AREA>-<NNN>`);
    if (seen.has(id)) throw new Error(`rule id ${id} is used twice`);
    seen.add(id);
    const meta: RuleMeta = { id, title, api, citation };
    test(`${id} ${title}`, { meta: { rule: meta } }, async (testContext) => {
      try {
        await body(makeContext(testContext));
      } catch (error) {
        // Name the rule and its source under the failure, so a red line explains itself.
        const isSkip = (error as { code?: unknown } | null)?.code === 'VITEST_PENDING';
        if (error instanceof Error && !isSkip) {
          redactFailure(error);
          if (!error.message.includes('\n  rule ')) error.message += `\n  rule ${id}, from the ${describeCitation(citation)}`;
        }
        throw error;
      }
    });
  };
}

/** Tokens and keys never reach a report, not even inside an assertion's expected/actual values. */
function redactFailure(error: Error & { actual?: unknown; expected?: unknown }): void {
  error.message = redactSecrets(error.message);
  if (typeof error.actual === 'string') error.actual = redactSecrets(error.actual);
  if (typeof error.expected === 'string') error.expected = redactSecrets(error.expected);
}
