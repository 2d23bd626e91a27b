/**
 * `npm start`: serves the mocks on 127.0.0.1 and prints each URL with its seeded users. It takes the
 * same flags as `auth-conformance mock` (see serve-args.ts).
 */
import { SERVE_USAGE, parseServeArgs } from './serve-args.ts';
import { ServeError, serveMocks } from './serve.ts';

try {
  const { help, options } = parseServeArgs(process.argv.slice(2));
  if (help) {
    console.log(`Usage: npm start -- ${SERVE_USAGE}`);
    process.exit(0);
  }
  await serveMocks(options);
} catch (error) {
  if (!(error instanceof ServeError)) throw error;
  console.error(error.message);
  process.exit(error.exitCode);
}
