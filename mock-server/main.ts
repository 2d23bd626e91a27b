/**
 * `npm start`: serves every mock on 127.0.0.1 and prints each URL with its seeded users.
 * Ports: --<api>-port N or <API>_PORT; host: --host or MOCK_HOST; log level: --log-level or LOG_LEVEL.
 */
import { parseArgs } from 'node:util';
import { faultsFor } from './core/faults.ts';
import { MOCK_APIS, startMock, type StartedMock } from './registry.ts';

const options = Object.fromEntries(MOCK_APIS.map((api) => [`${api.name}-port`, { type: 'string' as const }]));
const { values } = parseArgs({
  options: {
    ...options,
    host: { type: 'string' },
    only: { type: 'string', multiple: true },
    fault: { type: 'string', multiple: true },
    'log-level': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (values.help) {
  console.log(`Usage: npm start -- [--host 127.0.0.1] [--only <api> ...] [--fault <api>:<fault> ...] [--log-level info]
  ${MOCK_APIS.map((api) => `[--${api.name}-port ${api.defaultPort}]`).join(' ')}
Faults (deliberate bugs, for proving a suite): ${MOCK_APIS.map((api) => `${api.name}: ${api.faults.map((fault) => fault.id).join(', ')}`).join('; ')}
Environment: MOCK_HOST, LOG_LEVEL, MOCK_FAULTS (comma-separated <api>:<fault>), ${MOCK_APIS.map((api) => `${api.envPrefix}_PORT`).join(', ')}`);
  process.exit(0);
}

function portOf(value: unknown, fallback: number, label: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${label} must be a port number (0-65535), got "${String(value)}"`);
    process.exit(2);
  }
  return port;
}

const host = values.host ?? process.env.MOCK_HOST ?? '127.0.0.1';
const wanted = values.only?.map((name) => name.toLowerCase());
const unknown = wanted?.filter((name) => !MOCK_APIS.some((api) => api.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown API ${unknown.join(', ')}; known: ${MOCK_APIS.map((api) => api.name).join(', ')}`);
  process.exit(2);
}

const faultList = [...(values.fault ?? []), process.env.MOCK_FAULTS ?? ''].join(',');
const started: StartedMock[] = [];
for (const api of MOCK_APIS.filter((candidate) => !wanted || wanted.includes(candidate.name))) {
  const port = portOf((values as Record<string, unknown>)[`${api.name}-port`] ?? process.env[`${api.envPrefix}_PORT`], api.defaultPort, `${api.name} port`);
  try {
    started.push(await startMock(api, { host, port, logLevel: values['log-level'], faults: faultsFor(api.name, faultList) }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    console.error(code ? `${api.title}: cannot listen on ${host}:${port} (${code})` : `${api.title}: ${(error as Error).message}`);
    await Promise.all(started.map((mock) => mock.close()));
    process.exit(1);
  }
}

for (const mock of started) {
  console.log(`\n${mock.api.title} mock  ${mock.url}   (control plane: ${mock.url}/__mock/health)`);
  const faults = faultsFor(mock.api.name, faultList);
  if (faults.length > 0) console.log(`  FAULTS ON: ${faults.join(', ')}`);
  for (const account of mock.seededAccounts) {
    console.log(`  ${account.role.padEnd(8)} ${account.login.padEnd(24)} ${account.password}${account.note ? `   ${account.note}` : ''}`);
  }
}
console.log('\nCtrl-C stops the mocks.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all(started.map((mock) => mock.close())).then(() => process.exit(0));
  });
}
