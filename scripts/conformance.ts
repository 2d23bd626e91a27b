/**
 * `npm run conformance -- <api|all> [--via-prism] [vitest args]`: one API's rules (or every suite)
 * against `<API>_BASE_URL`, or against the embedded mock when it is unset.
 * With --via-prism the calls go through a Prism validation proxy in front of the target; every
 * spec violation Prism saw is reported next to the rules, and one in a server's answer fails the run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { API_NAMES } from '../specs/apis.ts';

const args = process.argv.slice(2);
const viaPrism = args.includes('--via-prism');
const [api, ...rest] = args.filter((arg) => arg !== '--via-prism');
const name = api?.toLowerCase();
if (!name || (name !== 'all' && !(API_NAMES as readonly string[]).includes(name))) {
  console.error(`usage: npm run conformance -- <api|all> [--via-prism] [vitest args]   (api: ${API_NAMES.join(', ')})`);
  process.exit(2);
}
const apis = name === 'all' ? [...API_NAMES] : [name];
const describeTarget = (each: string) => process.env[`${each.toUpperCase()}_BASE_URL`] ?? 'the embedded mock';
for (const each of apis) console.log(`${each} conformance against ${describeTarget(each)}${viaPrism ? ' through a Prism validation proxy' : ''}`);

const reportPath = `reports/prism-${name}.json`;
const env = { ...process.env };
if (viaPrism) {
  rmSync(reportPath, { force: true });
  Object.assign(env, { CONFORMANCE_VIA_PRISM: '1', CONFORMANCE_PRISM_REPORT: reportPath });
  if (name !== 'all') env.CONFORMANCE_APIS = name;
}
const result = spawnSync('vitest', ['run', '--project', 'conformance', ...(name === 'all' ? [] : [`suites/${name}/`]), ...rest], {
  stdio: 'inherit',
  env,
  shell: process.platform === 'win32',
});
let status = result.status ?? 1;
if (viaPrism) {
  if (!existsSync(reportPath)) {
    console.error(`no Prism report at ${reportPath}: the run did not finish`);
    status ||= 1;
  } else {
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { responseViolations: unknown[]; requestViolations: unknown[] };
    const responses = report.responseViolations.length;
    console.log(`Prism report: ${reportPath} (${responses} in answers, ${report.requestViolations.length} in requests)`);
    if (responses > 0) {
      console.error(`${responses} answers break the spec according to Prism`);
      status ||= 1;
    }
  }
}
process.exit(status);
