/** `auth-conformance mock [apis...] [--port-base N] [--state FILE]`: serve the mocks. */
import { parseArgs } from 'node:util';
import { MOCK_APIS } from '../../mock-server/registry.ts';
import { ServeError, findApis, parsePort, serveMocks, smtpUrlOf } from '../../mock-server/serve.ts';
import { UsageError, type Command } from './usage.ts';

export const mockCommand: Command = {
  name: 'mock',
  summary: 'serve the stateful mocks (all four, or the ones named)',
  usage: `auth-conformance mock [${MOCK_APIS.map((api) => api.name).join('|')} ...] [options]
  --port-base N     first port; the APIs take N, N+1, N+2, N+3 in the order above (default 4010)
  --state FILE      keep users, keys and tokens in FILE and continue from it after a restart
  --host HOST       address to bind (default 127.0.0.1)
  --fault API:ID    start with a deliberate bug switched on (repeatable)
  --variant API:ID  start making a choice the document leaves open the other way (repeatable)
  --smtp URL        also deliver every mail over SMTP, e.g. smtp://127.0.0.1:1025 (MailDev, Mailpit)
  --log-level L     pino level: silent, error, info (default), debug`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        'port-base': { type: 'string' },
        state: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        fault: { type: 'string', multiple: true },
        variant: { type: 'string', multiple: true },
        smtp: { type: 'string' },
        'log-level': { type: 'string' },
      },
      allowPositionals: true,
    });
    try {
      const apis = findApis(positionals);
      const base = values['port-base'] === undefined ? undefined : parsePort(values['port-base'], '--port-base');
      if (base !== undefined && base !== 0 && base + MOCK_APIS.length - 1 > 65535) throw new UsageError(`--port-base ${base} leaves no room for ${MOCK_APIS.length} ports`);
      await serveMocks({
        apis,
        host: values.host,
        // Port 0 asks for any free port; otherwise each API keeps its place in the fixed order.
        portOf: (api) => (base === undefined ? api.defaultPort : base === 0 ? 0 : base + MOCK_APIS.indexOf(api)),
        faults: [...(values.fault ?? []), process.env.MOCK_FAULTS ?? ''].join(','),
        variants: [...(values.variant ?? []), process.env.MOCK_VARIANTS ?? ''].join(','),
        smtpUrl: smtpUrlOf(values.smtp ?? process.env.MOCK_SMTP_URL),
        logLevel: values['log-level'],
        statePath: values.state,
      });
      // Serving until a signal stops the process.
      return await new Promise<number>(() => undefined);
    } catch (error) {
      if (error instanceof ServeError) throw new UsageError(error.message, error.exitCode);
      throw error;
    }
  },
};
