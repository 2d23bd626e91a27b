/**
 * Operation coverage: for every operation of the specs, the rules whose calls got its success
 * answer (2xx or 3xx) and, where the spec secures it, the rules that got its refusal (401 or 403).
 * Read from the calls each rule made (results.json), matched to the specs' path templates. An
 * operation no rule reached with a success, or a secured one no rule saw refused, is a gap.
 */
import { API_NAMES, API_TITLES, loadSpec, type ApiName } from '../../specs/apis.ts';
import { operationsOf } from '../../specs/operations.ts';
import type { ResultsFile, RuleResult } from '../../suites/harness/results.ts';

export interface OperationCoverage {
  operationId: string;
  method: string;
  path: string;
  secured: boolean;
  successRules: string[];
  refusalRules: string[];
}

export interface ApiCoverage {
  api: ApiName;
  operations: OperationCoverage[];
}

interface Matcher {
  operation: OperationCoverage;
  pattern: RegExp;
  /** Literal segments: the more, the more specific (/keys/{id}/revoke before /keys/{id}). */
  literals: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normalized = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

function matchersOf(api: ApiName): Matcher[] {
  const matchers = operationsOf(loadSpec(api)).map(({ operationId, method, path, secured }): Matcher => {
    const segments = path.split('/');
    return {
      operation: { operationId, method: method.toUpperCase(), path, secured, successRules: [], refusalRules: [] },
      pattern: new RegExp(`^${segments.map((segment) => (/^\{.+\}$/.test(segment) ? '[^/]+' : escapeRegExp(segment))).join('/')}$`),
      literals: segments.filter((segment) => segment && !/^\{.+\}$/.test(segment)).length,
    };
  });
  return matchers.sort((a, b) => b.literals - a.literals);
}

const ran = (result: RuleResult) => result.outcome !== 'skipped';

export function operationCoverage(file: ResultsFile): ApiCoverage[] {
  const apis = API_NAMES.filter((api) => file.results.some((result) => result.api === api || result.calls?.some((call) => call.api === api)));
  return apis.map((api) => {
    const matchers = matchersOf(api);
    for (const result of file.results.filter(ran)) {
      for (const call of result.calls ?? []) {
        if (call.api !== api) continue;
        const matcher = matchers.find((candidate) => candidate.operation.method === call.method && candidate.pattern.test(normalized(call.path)));
        if (!matcher) continue;
        const list = call.status >= 200 && call.status < 400 ? matcher.operation.successRules : call.status === 401 || call.status === 403 ? matcher.operation.refusalRules : undefined;
        if (list && !list.includes(result.id)) list.push(result.id);
      }
    }
    const operations = matchers.map((matcher) => matcher.operation).sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
    return { api, operations };
  });
}

export const gapsOf = (operation: OperationCoverage) => [
  ...(operation.successRules.length === 0 ? ['no success'] : []),
  ...(operation.secured && operation.refusalRules.length === 0 ? ['no refusal'] : []),
];

export function coverageTotals(coverage: ApiCoverage): { operations: number; secured: number; withSuccess: number; securedWithRefusal: number } {
  const { operations } = coverage;
  return {
    operations: operations.length,
    secured: operations.filter((operation) => operation.secured).length,
    withSuccess: operations.filter((operation) => operation.successRules.length > 0).length,
    securedWithRefusal: operations.filter((operation) => operation.secured && operation.refusalRules.length > 0).length,
  };
}

/** The first rule ids of a list, and how many more. */
export const shortList = (ids: string[], shown = 3) => (ids.length === 0 ? '-' : ids.length <= shown ? ids.join(', ') : `${ids.slice(0, shown).join(', ')} (+${ids.length - shown})`);

export function renderCoverageMarkdown(file: ResultsFile): string {
  const lines = [
    '# Operation coverage',
    '',
    'Every operation of the specs, with the rules whose calls got its success answer (2xx or 3xx) and,',
    'for a secured operation (a `security` requirement in the spec), the rules that saw it refused',
    '(401 or 403). Read from the calls each rule made in one run; regenerate with `npm test` and',
    '`npm run report -- --coverage docs/coverage.md`.',
    '',
    `Run: ${file.generatedAt}.`,
  ];
  for (const coverage of operationCoverage(file)) {
    const totals = coverageTotals(coverage);
    lines.push(
      '',
      `## ${API_TITLES[coverage.api]}`,
      '',
      `${totals.withSuccess} of ${totals.operations} operations answered a success to some rule; ${totals.securedWithRefusal} of ${totals.secured} secured operations were seen refusing.`,
      '',
      '| operation | call | secured | success by | refusal by | gap |',
      '|---|---|---|---|---|---|',
      ...coverage.operations.map((operation) => {
        const gaps = gapsOf(operation);
        return `| ${operation.operationId} | \`${operation.method} ${operation.path}\` | ${operation.secured ? 'yes' : 'no'} | ${shortList(operation.successRules)} | ${operation.secured ? shortList(operation.refusalRules) : 'n/a'} | ${gaps.length ? `**${gaps.join(', ')}**` : '-'} |`;
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
