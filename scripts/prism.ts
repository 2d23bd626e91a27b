/**
 * Prism beside the stateful mocks:
 *   npm run prism:mock -- <api> [--port N]              a static mock of our spec (default port: API port + 100)
 *   npm run prism:proxy -- <api> <upstream> [--port N]  a validation proxy in front of any server (API port + 200)
 * Both bind 127.0.0.1 and print every spec violation Prism sees. The proxy forwards even invalid
 * requests (no --errors), so the server under test answers them and Prism marks them in sl-violations.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { API_NAMES, type ApiName } from '../specs/apis.ts';
import { prismArguments, prismBinary } from '../suites/harness/prism-server.ts';
import { findMockApi } from '../mock-server/registry.ts';

const [mode, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({ args: rest, options: { port: { type: 'string' } }, allowPositionals: true });
const [api, upstream] = positionals;

function usage(message: string): never {
  console.error(`${message}\nusage: npm run prism:mock -- <api> [--port N]\n       npm run prism:proxy -- <api> <upstream URL> [--port N]\napis: ${API_NAMES.join(', ')}`);
  process.exit(2);
}

if (mode !== 'mock' && mode !== 'proxy') usage(`unknown mode ${mode ?? '(none)'}`);
if (!api || !(API_NAMES as readonly string[]).includes(api)) usage(`unknown API ${api ?? '(none)'}`);
if (mode === 'proxy') {
  if (!upstream) usage('prism:proxy needs the upstream server URL');
  try {
    new URL(upstream);
  } catch {
    usage(`not a URL: ${upstream}`);
  }
}
const basePort = findMockApi(api)?.defaultPort ?? 4000;
const port = values.port ?? String(basePort + (mode === 'mock' ? 100 : 200));
// A mock answers invalid requests itself (--errors) and serves CORS for browsers; a proxy forwards
// everything and leaves CORS to the server behind it, so its own answers are what gets checked.
const args = prismArguments(
  { mode, api: api as ApiName, upstream, errors: mode === 'mock', cors: mode === 'mock' },
  Number(port),
);
console.log(`prism ${mode} of ${api} on http://127.0.0.1:${port}${mode === 'proxy' ? ` -> ${upstream}` : ''}`);
const child = spawn(prismBinary(), args, { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => child.kill(signal));
