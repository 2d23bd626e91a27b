/** `auth-conformance mock [apis...] [options]`: serve the mocks, with the flags `npm start` takes. */
import { SERVE_USAGE, parseServeArgs } from '../../mock-server/serve-args.ts';
import { ServeError, serveMocks } from '../../mock-server/serve.ts';
import { UsageError, type Command } from './usage.ts';

export const mockCommand: Command = {
  name: 'mock',
  summary: 'serve the stateful mocks (all four, or the ones named)',
  usage: `auth-conformance mock ${SERVE_USAGE}`,
  async run(args) {
    try {
      await serveMocks(parseServeArgs(args).options);
      // Serving until a signal stops the process.
      return await new Promise<number>(() => undefined);
    } catch (error) {
      if (error instanceof ServeError) throw new UsageError(error.message, error.exitCode);
      throw error;
    }
  },
};
