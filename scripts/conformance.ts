/**
 * `npm run conformance -- <api|all> [--via-prism] [vitest args]`: one API's rules (or every suite)
 * against `<API>_BASE_URL`, or against the embedded mock when it is unset.
 * With --via-prism the calls go through a Prism validation proxy in front of the target; every
 * spec violation Prism saw is reported next to the rules, and one in a server's answer fails the run.
 */
import { API_NAMES } from '../specs/apis.ts';
import { isApiOrAll, runConformance } from './lib/run-conformance.ts';

const args = process.argv.slice(2);
const viaPrism = args.includes('--via-prism');
const [api, ...rest] = args.filter((arg) => arg !== '--via-prism');
if (!isApiOrAll(api?.toLowerCase())) {
  console.error(`usage: npm run conformance -- <api|all> [--via-prism] [vitest args]   (api: ${API_NAMES.join(', ')})`);
  process.exit(2);
}
process.exit(runConformance({ api: (api as string).toLowerCase(), viaPrism, vitestArgs: rest }));
