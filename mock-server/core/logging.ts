/**
 * pino logging for the mocks. Credentials never reach a log line: secret headers and body fields
 * are censored by pino's redaction, and secret query parameters are masked in logged URLs.
 */
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { IncomingMessage } from 'node:http';

const CENSOR = '[redacted]';

/** Request and response headers that carry credentials in any of the four APIs. */
export const SECRET_HEADERS = ['authorization', 'cookie', 'x-api-key', 'x-machhub-api-key', 'x-auth-token'];
const SECRET_FIELDS = ['password', 'newPassword', 'new_password', 'token', 'access_token', 'key', 'secret', 'tkn'];
const SECRET_QUERY_PARAMETERS = new Set(['token', 'access_token', 'key', 'api_key', 'apikey', 'password', 'code']);

export const REDACT_PATHS = [
  ...SECRET_HEADERS.map((name) => `req.headers["${name}"]`),
  ...SECRET_HEADERS.map((name) => `res.headers["${name}"]`),
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...SECRET_FIELDS.map((field) => `*.*.${field}`),
];

/** Buffered lines are written at least this often, so a quiet mock's log still reads live. */
const FLUSH_INTERVAL_MS = 200;

/**
 * Lines go to stdout in batches of up to 4 KB instead of one system call each (under load that is
 * most of a request's cost), flushed every 200 ms and when the process exits.
 */
function bufferedStdout(): pino.DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => {
    try {
      stream.flush();
    } catch {
      // Closed at exit: nothing left to write.
    }
  }, FLUSH_INTERVAL_MS).unref();
  return stream;
}

export function createLogger(options: { name: string; level?: string }, destination?: pino.DestinationStream): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return pino(
    { name: options.name, level, redact: { paths: REDACT_PATHS, censor: CENSOR } },
    destination ?? (level === 'silent' ? undefined : bufferedStdout()),
  );
}

/**
 * Masks the values of secret query parameters (a reset link's token) and of secret path segments:
 * each of `secretPaths` matches a path, keeping its first group and censoring the rest of the match.
 */
export function redactUrl(url: string, secretPaths: RegExp[] = []): string {
  const queryStart = url.indexOf('?');
  let path = queryStart < 0 ? url : url.slice(0, queryStart);
  for (const pattern of secretPaths) path = path.replace(pattern, (_match, kept: string) => `${kept}${CENSOR}`);
  if (queryStart < 0) return path;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  for (const name of [...params.keys()]) {
    if (SECRET_QUERY_PARAMETERS.has(name.toLowerCase())) params.set(name, CENSOR);
  }
  return `${path}?${params.toString()}`;
}

/** One log line per request: method, redacted URL, status and time taken. */
export function requestLogger(logger: Logger, options: { secretPaths?: RegExp[] } = {}) {
  return pinoHttp({
    logger,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, url: redactUrl(req.url ?? '', options.secretPaths) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
