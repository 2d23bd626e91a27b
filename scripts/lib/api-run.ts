/**
 * One API's whole run as `auth-conformance test <api>` makes it: the API's own suite and the
 * cross-API rules about it, with the verdicts read back from the results file.
 */
import { runSuites, type SuiteRun } from './vitest-run.ts';
import type { RuleResult } from '../../suites/harness/results.ts';

/** The suite folders of an API, a comma-separated list of APIs, or `all` (every folder). */
export function suitePathsOf(api: string): string[] {
  if (api === 'all') return [];
  return [...api.split(',').map((name) => `suites/${name.trim()}/`), 'suites/cross/'];
}

export async function runApiSuite(api: string, env: NodeJS.ProcessEnv): Promise<SuiteRun> {
  return runSuites(suitePathsOf(api), { CONFORMANCE_APIS: api, LOG_LEVEL: 'silent', CI: 'true', ...env }, { quiet: true });
}

/** Rule ids by outcome: required failures fail a default run, warnings only a strict one. */
export function verdictsOf(results: RuleResult[]): { rules: number; failed: string[]; warned: string[] } {
  const rules = results.filter((result) => result.source);
  const ids = (outcome: RuleResult['outcome']) => [...new Set(rules.filter((rule) => rule.outcome === outcome).map((rule) => rule.id))].sort();
  return { rules: rules.length, failed: ids('failed'), warned: ids('warned') };
}
