/**
 * A static HTML conformance report from a results file: per API a summary, a summary per area, every
 * rule with its source and outcome (and skip reason), and each failure with expected vs received.
 * One self-contained file: no scripts, no network, opens from disk.
 */
import { coverageTotals, gapsOf, operationCoverage, shortList, type ApiCoverage } from './coverage.ts';
import type { ResultsFile, RuleResult } from '../../suites/harness/results.ts';

const escapeHtml = (text: string) =>
  text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[char] as string);

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #1d2329; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #d0d7de; padding-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; }
tr.gap td { background: #fff8c5; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e5e9ed; vertical-align: top; }
th { background: #f3f5f7; }
.passed { color: #116329; } .failed { color: #b3261e; font-weight: 600; } .skipped { color: #7a5b00; }
.warned { color: #9a4d00; } .expected-failure { color: #6639ba; }
.failure.warned, .failure.expected-failure { border-color: #e8c48a; background: #fffaf0; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 1rem; font-size: .8rem; border: 1px solid currentColor; }
.source { color: #57606a; font-size: .85rem; }
.failure { border: 1px solid #f1aeb5; background: #fff5f5; border-radius: 6px; padding: .6rem .9rem; margin: .8rem 0; }
.failure pre { white-space: pre-wrap; word-break: break-word; background: #fff; border: 1px solid #e5e9ed; padding: .5rem; margin: .3rem 0; }
.totals span { margin-right: 1.2rem; }
`;

const outcomeBadge = (outcome: RuleResult['outcome']) => `<span class="badge ${outcome}">${outcome}</span>`;
const sourceLabel = (result: RuleResult) => (!result.source ? 'test' : `${result.level ?? ''} · ${result.source.kind === 'inferred' ? 'inferred' : result.source.kind === 'standard' ? 'standard' : 'documented'}`);

function counts(results: RuleResult[]) {
  const count = (outcome: RuleResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
  return { passed: count('passed'), failed: count('failed'), warned: count('warned'), expected: count('expected-failure'), skipped: count('skipped') };
}

function totalsLine(results: RuleResult[], lead: string): string {
  const { passed, failed, warned, expected, skipped } = counts(results);
  return `<p class="totals">${lead}<span class="passed">${passed} passed</span><span class="failed">${failed} failed</span><span class="warned">${warned} warned</span><span class="expected-failure">${expected} expected failures</span><span class="skipped">${skipped} skipped</span></p>`;
}

function areaTable(results: RuleResult[]): string {
  const areas = new Map<string, RuleResult[]>();
  for (const result of results) areas.set(result.area || '-', [...(areas.get(result.area || '-') ?? []), result]);
  const rows = [...areas].map(([area, inArea]) => {
    const { passed, failed, warned, expected, skipped } = counts(inArea);
    return `<tr><td>${escapeHtml(area)}</td><td>${inArea.length}</td><td class="passed">${passed}</td><td class="failed">${failed || ''}</td><td class="warned">${warned || ''}</td><td class="expected-failure">${expected || ''}</td><td class="skipped">${skipped || ''}</td></tr>`;
  });
  return `<table class="areas"><thead><tr><th>area</th><th>rules</th><th>passed</th><th>failed</th><th>warned</th><th>expected failures</th><th>skipped</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function ruleRow(result: RuleResult): string {
  const note =
    result.outcome === 'skipped'
      ? `<div class="skipped">${escapeHtml(`${result.skipCode ?? 'unknown'}: ${result.skipReason ?? ''}`)}</div>`
      : result.expectedFailure
        ? `<div class="expected-failure">${escapeHtml(`${result.expectedFailure.fixed ? 'fixed, remove it from the expected failures: ' : 'expected failure: '}${result.expectedFailure.reason}`)}${result.expectedFailure.link ? ` <a href="${escapeHtml(result.expectedFailure.link)}">link</a>` : ''}</div>`
        : '';
  const source = result.source ? `<div class="source">${escapeHtml(result.source.text)}</div>` : '';
  return `<tr data-rule="${escapeHtml(result.id)}" data-outcome="${result.outcome}"><td><a href="#${escapeHtml(result.id)}">${escapeHtml(result.id)}</a></td><td>${escapeHtml(result.title)}${note}</td><td>${sourceLabel(result)}${source}</td><td>${outcomeBadge(result.outcome)}</td></tr>`;
}

function failureBlock(result: RuleResult): string {
  const failure = result.failure;
  const part = (label: string, value: string | undefined) =>
    value === undefined ? '' : `<div class="${label}"><strong>${label}</strong><pre>${escapeHtml(value)}</pre></div>`;
  return `<div class="failure ${result.outcome}" id="${escapeHtml(result.id)}" data-rule="${escapeHtml(result.id)}"><strong>${escapeHtml(result.id)}</strong> ${outcomeBadge(result.outcome)} ${escapeHtml(result.title)}
${part('expected', failure?.expected)}${part('received', failure?.received)}<details${failure?.expected === undefined ? ' open' : ''}><summary>message</summary><pre>${escapeHtml(failure?.message ?? '')}</pre></details></div>`;
}

/** Operations × rules: which rule got each operation's success answer, and its refusal. */
function operationsTable(coverage: ApiCoverage | undefined): string {
  if (!coverage) return '';
  const totals = coverageTotals(coverage);
  const ids = (list: string[]) => escapeHtml(shortList(list, 4));
  const rows = coverage.operations.map((operation) => {
    const gaps = gapsOf(operation);
    return `<tr${gaps.length ? ' class="gap"' : ''}><td>${escapeHtml(operation.operationId)}</td><td><code>${escapeHtml(`${operation.method} ${operation.path}`)}</code></td><td>${ids(operation.successRules)}</td><td>${operation.secured ? ids(operation.refusalRules) : 'n/a'}</td><td>${escapeHtml(gaps.join(', ') || '-')}</td></tr>`;
  });
  return `<h3>Operations</h3><p>${totals.withSuccess} of ${totals.operations} operations answered a success to some rule; ${totals.securedWithRefusal} of ${totals.secured} secured operations were seen refusing.</p>
<table class="operations"><thead><tr><th>operation</th><th>call</th><th>success by</th><th>refusal by</th><th>gap</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

export function renderHtml(file: ResultsFile): string {
  const coverage = operationCoverage(file);
  const byApi = new Map<string, RuleResult[]>();
  for (const result of file.results) byApi.set(result.api, [...(byApi.get(result.api) ?? []), result]);
  const sections = [...byApi].map(([api, results]) => {
    const failures = results.filter((result) => result.outcome === 'failed');
    const findings = results.filter((result) => result.outcome === 'warned' || result.outcome === 'expected-failure');
    return `<section id="api-${escapeHtml(api)}" data-api="${escapeHtml(api)}">
<h2>${escapeHtml(api)}</h2>
${totalsLine(results, `<span>target: ${escapeHtml(file.targets[api] ?? '-')}</span>`)}
${failures.length ? `<h3>Failures</h3>${failures.map(failureBlock).join('\n')}` : ''}
${findings.length ? `<h3>Warnings and expected failures</h3>${findings.map(failureBlock).join('\n')}` : ''}
<h3>By area</h3>${areaTable(results)}
${operationsTable(coverage.find((entry) => entry.api === api))}
<h3>Rules</h3><table class="rules"><thead><tr><th>rule</th><th>title</th><th>source</th><th>result</th></tr></thead><tbody>${results.map(ruleRow).join('\n')}</tbody></table>
</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>auth-conformance report</title><meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><h1>Conformance report</h1>
${totalsLine(file.results, `<span>${escapeHtml(file.generatedAt)}${file.strict ? ' · strict' : ''}</span>`)}
<nav>${[...byApi.keys()].map((api) => `<a href="#api-${escapeHtml(api)}">${escapeHtml(api)}</a>`).join(' · ')}</nav>
${sections.join('\n')}
</body></html>
`;
}
