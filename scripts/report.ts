/**
 * `npm run report -- [--input reports/results.json] [--out reports]`: turns the results file a
 * conformance run wrote (CONFORMANCE_RESULTS) into JUnit XML, an HTML report and a copy of the JSON.
 */
import { parseArgs } from 'node:util';
import { writeReports } from './report/write.ts';

const { values } = parseArgs({
  options: { input: { type: 'string', default: 'reports/results.json' }, out: { type: 'string', default: 'reports' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log('usage: npm run report -- [--input reports/results.json] [--out reports]');
  process.exit(0);
}
try {
  for (const path of writeReports(values.input, values.out)) console.log(`written: ${path}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
