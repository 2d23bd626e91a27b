/**
 * The one set of flags that serves the mocks, read the same way by `npm start` and by
 * `auth-conformance mock`: which APIs (named, or --only), where (--port-base or --<api>-port, each
 * with its environment variable), and how (faults, variants, SMTP relay, log level, state file).
 */
import { parseArgs } from 'node:util';
import { MOCK_APIS } from './registry.ts';
import { ServeError, findApis, parsePort, smtpUrlOf, type ServeOptions } from './serve.ts';

const API_LIST = MOCK_APIS.map((api) => api.name).join('|');

export const SERVE_USAGE = `[${API_LIST} ...] [options]
  --port-base N     first port; the APIs take N, N+1, N+2, N+3 in the order above (default 4010; 0: any free ports)
  --<api>-port N    one API's port: ${MOCK_APIS.map((api) => `--${api.name}-port (${api.envPrefix}_PORT, ${api.defaultPort})`).join(', ')}
  --only API        serve this API (repeatable; the same as naming it)
  --host HOST       address to bind (MOCK_HOST; default 127.0.0.1)
  --state FILE      keep users, keys and tokens in FILE and continue from it after a restart
  --fault API:ID    start with a deliberate bug switched on (repeatable; MOCK_FAULTS)
  --variant API:ID  start making a choice the document leaves open the other way (repeatable; MOCK_VARIANTS)
  --smtp URL        also deliver every mail over SMTP, e.g. smtp://127.0.0.1:1025 (MOCK_SMTP_URL; MailDev, Mailpit)
  --log-level L     pino level: silent, error, info (default), debug (LOG_LEVEL)
Faults (deliberate bugs, for proving a suite): ${MOCK_APIS.map((api) => `${api.name}: ${api.faults.map((fault) => fault.id).join(', ')}`).join('; ')}
Variants (open choices made the other way): ${MOCK_APIS.map((api) => `${api.name}: ${api.variants.map((variant) => variant.id).join(', ')}`).join('; ')}
Other environment: MOCK_SCRYPT_N`;

export interface ServeArgs {
  help: boolean;
  options: ServeOptions;
}

/** Reads the flags (and their environment variables); a bad one is a ServeError with exit status 2. */
export function parseServeArgs(args: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        ...Object.fromEntries(MOCK_APIS.map((api) => [`${api.name}-port`, { type: 'string' as const }])),
        'port-base': { type: 'string' },
        only: { type: 'string', multiple: true },
        host: { type: 'string' },
        state: { type: 'string' },
        fault: { type: 'string', multiple: true },
        variant: { type: 'string', multiple: true },
        smtp: { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new ServeError(`${(error as Error).message}; see --help`);
  }
  const { values, positionals } = parsed;
  const flags = values as Record<string, string | undefined>;
  const named = [...positionals, ...(values.only ?? [])];
  const base = values['port-base'] === undefined ? undefined : parsePort(values['port-base'], '--port-base');
  if (base !== undefined && base !== 0 && base + MOCK_APIS.length - 1 > 65535) throw new ServeError(`--port-base ${base} leaves no room for ${MOCK_APIS.length} ports`);
  // Every port is read now, so a bad one fails before anything starts.
  const ports = new Map(
    MOCK_APIS.map((api) => {
      // A flag beats the environment; an API's own port beats the base.
      const own = flags[`${api.name}-port`];
      if (own !== undefined) return [api.name, parsePort(own, `--${api.name}-port`)];
      // Port 0 asks for any free port; otherwise each API keeps its place in the fixed order.
      if (base !== undefined) return [api.name, base === 0 ? 0 : base + MOCK_APIS.indexOf(api)];
      const fromEnv = env[`${api.envPrefix}_PORT`];
      return [api.name, fromEnv === undefined || fromEnv === '' ? api.defaultPort : parsePort(fromEnv, `${api.envPrefix}_PORT`)];
    }),
  );
  const portOf: ServeOptions['portOf'] = (api) => ports.get(api.name) ?? api.defaultPort;
  return {
    help: values.help === true,
    options: {
      apis: findApis(named.length > 0 ? named : undefined),
      host: values.host ?? env.MOCK_HOST ?? '127.0.0.1',
      portOf,
      faults: [...(values.fault ?? []), env.MOCK_FAULTS ?? ''].join(','),
      variants: [...(values.variant ?? []), env.MOCK_VARIANTS ?? ''].join(','),
      smtpUrl: smtpUrlOf(values.smtp ?? env.MOCK_SMTP_URL),
      logLevel: values['log-level'] ?? env.LOG_LEVEL,
      statePath: values.state,
    },
  };
}
