/**
 * `npm run conformance -- <api> [vitest args]`: one API's rules against `<API>_BASE_URL`, or
 * against the embedded mock when it is unset.
 */
import { spawnSync } from 'node:child_process';
import { API_NAMES } from '../specs/apis.ts';

const [api, ...rest] = process.argv.slice(2);
if (!api || !(API_NAMES as readonly string[]).includes(api.toLowerCase())) {
  console.error(`usage: npm run conformance -- <api>   (one of: ${API_NAMES.join(', ')})`);
  process.exit(2);
}
const prefix = api.toUpperCase();
const baseUrl = process.env[`${prefix}_BASE_URL`];
console.log(`${api} conformance against ${baseUrl ?? 'the embedded mock'}`);
const result = spawnSync('vitest', ['run', '--project', 'conformance', `suites/${api.toLowerCase()}/`, ...rest], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
