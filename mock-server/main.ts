/**
 * `npm start`: serves every mock on 127.0.0.1 and prints each URL with its seeded users.
 * Ports: --<api>-port N or <API>_PORT; host: --host or MOCK_HOST; log level: --log-level or LOG_LEVEL;
 * --state FILE keeps users, keys and tokens across restarts.
 */
import { parseArgs } from 'node:util';
import { MOCK_APIS } from './registry.ts';
import { ServeError, findApis, parsePort, serveMocks, smtpUrlOf } from './serve.ts';

const options = Object.fromEntries(MOCK_APIS.map((api) => [`${api.name}-port`, { type: 'string' as const }]));
let values;
try {
  ({ values } = parseArgs({
    options: {
      ...options,
      host: { type: 'string' },
      only: { type: 'string', multiple: true },
      fault: { type: 'string', multiple: true },
      variant: { type: 'string', multiple: true },
      smtp: { type: 'string' },
      'log-level': { type: 'string' },
      state: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (error) {
  console.error(`${(error as Error).message}; see --help`);
  process.exit(2);
}

if (values.help) {
  console.log(`Usage: npm start -- [--host 127.0.0.1] [--only <api> ...] [--fault <api>:<fault> ...] [--variant <api>:<variant> ...] [--smtp smtp://127.0.0.1:1025] [--log-level info] [--state FILE]
  ${MOCK_APIS.map((api) => `[--${api.name}-port ${api.defaultPort}]`).join(' ')}
Faults (deliberate bugs, for proving a suite): ${MOCK_APIS.map((api) => `${api.name}: ${api.faults.map((fault) => fault.id).join(', ')}`).join('; ')}
Variants (open choices made the other way): ${MOCK_APIS.map((api) => `${api.name}: ${api.variants.map((variant) => variant.id).join(', ')}`).join('; ')}
Environment: MOCK_HOST, LOG_LEVEL, MOCK_FAULTS (comma-separated <api>:<fault>), MOCK_VARIANTS (<api>:<variant>), MOCK_SMTP_URL, MOCK_SCRYPT_N, ${MOCK_APIS.map((api) => `${api.envPrefix}_PORT`).join(', ')}`);
  process.exit(0);
}

try {
  const flags = values as Record<string, unknown>;
  await serveMocks({
    apis: findApis(values.only),
    host: values.host ?? process.env.MOCK_HOST ?? '127.0.0.1',
    portOf: (api) => {
      const value = flags[`${api.name}-port`] ?? process.env[`${api.envPrefix}_PORT`];
      return value === undefined || value === '' ? api.defaultPort : parsePort(value, `${api.name} port`);
    },
    faults: [...(values.fault ?? []), process.env.MOCK_FAULTS ?? ''].join(','),
    variants: [...(values.variant ?? []), process.env.MOCK_VARIANTS ?? ''].join(','),
    smtpUrl: smtpUrlOf(values.smtp ?? process.env.MOCK_SMTP_URL),
    logLevel: values['log-level'],
    statePath: values.state,
  });
} catch (error) {
  if (!(error instanceof ServeError)) throw error;
  console.error(error.message);
  process.exit(error.exitCode);
}
