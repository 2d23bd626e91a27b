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

export function createLogger(options: { name: string; level?: string }, destination?: pino.DestinationStream): Logger {
  return pino(
    { name: options.name, level: options.level ?? process.env.LOG_LEVEL ?? 'info', redact: { paths: REDACT_PATHS, censor: CENSOR } },
    destination,
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
