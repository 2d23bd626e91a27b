/** Reads a results file and writes the reports next to each other in one folder. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ResultsFile } from '../../suites/harness/results.ts';
import { renderCoverageMarkdown } from './coverage.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';

export function readResults(input: string): ResultsFile {
  if (!existsSync(input)) throw new Error(`no results file at ${input}: run the suites with CONFORMANCE_RESULTS=${input} (npm test writes reports/results.json)`);
  const parsed = JSON.parse(readFileSync(input, 'utf8')) as Partial<ResultsFile>;
  if (!Array.isArray(parsed.results) || !parsed.totals) throw new Error(`${input} is not a conformance results file`);
  return parsed as ResultsFile;
}

export type ReportFormat = 'junit' | 'html' | 'json' | 'coverage';
export const REPORT_FORMATS: ReportFormat[] = ['junit', 'html', 'json', 'coverage'];

/** Writes junit.xml, report.html, results.json and coverage.md (those asked for) into `outDir`; returns their paths. */
export function writeReports(input: string, outDir: string, formats: ReportFormat[] = REPORT_FORMATS): string[] {
  const results = readResults(input);
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, content: string) => {
    const path = join(outDir, name);
    if (resolve(path) !== resolve(input)) writeFileSync(path, content);
    written.push(path);
  };
  if (formats.includes('junit')) write('junit.xml', renderJunit(results));
  if (formats.includes('html')) write('report.html', renderHtml(results));
  if (formats.includes('json')) write('results.json', `${JSON.stringify(results, null, 2)}\n`);
  if (formats.includes('coverage')) write('coverage.md', renderCoverageMarkdown(results));
  return written;
}
