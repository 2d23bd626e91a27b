/** JUnit XML from a results file: one testsuite per API, one testcase per rule, as CI systems read it. */
import type { ResultsFile, RuleResult } from '../../suites/harness/results.ts';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] as string)
    // XML 1.0 cannot carry most control characters, not even escaped.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function testcase(result: RuleResult): string {
  const name = escapeXml(`${result.id} ${result.title}`);
  const open = `    <testcase classname="${escapeXml(`${result.api}.${result.area || 'test'}`)}" name="${name}" file="${escapeXml(result.file)}" time="${(result.durationMs / 1000).toFixed(3)}"`;
  const property = (name: string, value: string) => `<property name="${name}" value="${escapeXml(value)}"/>`;
  const properties = [
    result.source ? property('source', `${result.source.kind}: ${result.source.text}`) : '',
    result.level ? property('level', result.level) : '',
    result.outcome !== 'passed' ? property('outcome', result.outcome) : '',
    result.expectedFailure ? property('expected-failure', `${result.expectedFailure.reason}${result.expectedFailure.link ? ` (${result.expectedFailure.link})` : ''}${result.expectedFailure.fixed ? ': fixed, remove it from the list' : ''}`) : '',
  ].join('');
  const source = properties ? `      <properties>${properties}</properties>\n` : '';
  if (result.outcome === 'passed') return source ? `${open}>\n${source}    </testcase>` : `${open}/>`;
  if (result.outcome === 'skipped') return `${open}>\n${source}      <skipped message="${escapeXml(`${result.skipCode ?? 'unknown'}: ${result.skipReason ?? ''}`)}"/>\n    </testcase>`;
  const failure = result.failure;
  const details = [failure?.message ?? '', failure?.expected !== undefined ? `expected: ${failure.expected}` : '', failure?.received !== undefined ? `received: ${failure.received}` : '']
    .filter(Boolean)
    .join('\n');
  // A warning or a listed deviation does not fail the build: it passes, with the finding in its output.
  if (result.outcome === 'warned' || result.outcome === 'expected-failure') {
    return `${open}>\n${source}      <system-out>${escapeXml(`${result.outcome}: ${details}`)}</system-out>\n    </testcase>`;
  }
  return `${open}>\n${source}      <failure message="${escapeXml((failure?.message ?? 'failed').split('\n')[0] ?? '')}">${escapeXml(details)}</failure>\n    </testcase>`;
}

export function renderJunit(file: ResultsFile): string {
  const byApi = new Map<string, RuleResult[]>();
  for (const result of file.results) byApi.set(result.api, [...(byApi.get(result.api) ?? []), result]);
  const suites = [...byApi].map(([api, results]) => {
    const count = (outcome: RuleResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
    const time = results.reduce((sum, result) => sum + result.durationMs, 0) / 1000;
    return [
      `  <testsuite name="${escapeXml(api)}" tests="${results.length}" failures="${count('failed')}" skipped="${count('skipped')}" errors="0" time="${time.toFixed(3)}" timestamp="${file.generatedAt}">`,
      ...results.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  const { failed, skipped } = file.totals;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="auth-conformance" tests="${file.results.length}" failures="${failed}" skipped="${skipped}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
