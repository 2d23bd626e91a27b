/**
 * What a run was asked for, read once from the environment the CLI (or a target profile) sets:
 * which rules to run, whether recommended rules fail the run, and the target's known deviations.
 *
 *   CONFORMANCE_STRICT=1                 recommended failures fail too; a fixed expected failure fails
 *   CONFORMANCE_RULES=VM-LOGIN-*,X-NONE-001   only these ids (a trailing * matches a prefix)
 *   CONFORMANCE_TAGS=login,jwt           only rules carrying one of these tags
 *   CONFORMANCE_LEVEL=required           only rules of this level
 *   CONFORMANCE_EXPECTED_FAILURES='{"VM-KEY-004":{"reason":"...","link":"..."}}'
 */
import { RULE_PREFIXES } from '../../specs/apis.ts';
import type { Level } from './rule.ts';

export interface ExpectedFailure {
  reason: string;
  link?: string;
}

export interface RunPolicy {
  strict: boolean;
  expectedFailures: Map<string, ExpectedFailure>;
  selects(rule: { id: string; level: Level; tags: readonly string[] }): boolean;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/** A rule id, or a prefix of one ending in `*`, as --rule and a profile's `rules:` take it. */
export const RULE_SELECTOR = `^${RULE_PREFIXES}-[A-Z*][A-Z0-9*-]*$`;

export function idMatches(pattern: string, id: string): boolean {
  const upper = pattern.toUpperCase();
  return upper.endsWith('*') ? id.startsWith(upper.slice(0, -1)) : id === upper;
}

export function parseExpectedFailures(json: string | undefined): Map<string, ExpectedFailure> {
  if (!json) return new Map();
  const parsed = JSON.parse(json) as Record<string, ExpectedFailure>;
  return new Map(Object.entries(parsed).map(([id, entry]) => [id.toUpperCase(), entry]));
}

export function runPolicyFrom(env: NodeJS.ProcessEnv): RunPolicy {
  const rules = list(env.CONFORMANCE_RULES);
  const tags = list(env.CONFORMANCE_TAGS).map((tag) => tag.toLowerCase());
  const level = env.CONFORMANCE_LEVEL as Level | undefined;
  return {
    strict: env.CONFORMANCE_STRICT === '1',
    expectedFailures: parseExpectedFailures(env.CONFORMANCE_EXPECTED_FAILURES),
    selects(rule) {
      if (rules.length > 0 && !rules.some((pattern) => idMatches(pattern, rule.id))) return false;
      if (tags.length > 0 && !rule.tags.some((tag) => tags.includes(tag))) return false;
      return !level || rule.level === level;
    },
  };
}

let current: RunPolicy | undefined;
export function runPolicy(): RunPolicy {
  return (current ??= runPolicyFrom(process.env));
}
