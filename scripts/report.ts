/**
 * `npm run report -- [--input reports/results.json] [--out reports] [--coverage FILE]`: turns the
 * results file a conformance run wrote (CONFORMANCE_RESULTS) into JUnit XML, an HTML report, the
 * operation coverage and a copy of the JSON; `--coverage` also writes the coverage to FILE
 * (docs/coverage.md keeps the last full run's).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderCoverageMarkdown } from './report/coverage.ts';
import { readResults, writeReports } from './report/write.ts';

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: 'reports/results.json' },
    out: { type: 'string', default: 'reports' },
    coverage: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('usage: npm run report -- [--input reports/results.json] [--out reports] [--coverage docs/coverage.md]');
  process.exit(0);
}
try {
  for (const path of writeReports(values.input, values.out)) console.log(`written: ${path}`);
  if (values.coverage) {
    writeFileSync(values.coverage, renderCoverageMarkdown(readResults(values.input)));
    console.log(`written: ${values.coverage}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
