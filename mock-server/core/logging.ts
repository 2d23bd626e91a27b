/**
 * pino logging for the mocks. Credentials never reach a log line: secret headers and body fields
 * are censored by pino's redaction, and secret query parameters are masked in logged URLs.
 */
import { pino, type Logger } from 'pino';
import type { RequestHandler } from 'express';
import { hostname } from 'node:os';

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

export interface RequestLine {
  id: number;
  method: string;
  /** With secrets masked. */
  url: string;
  status: number;
  ms: number;
  /** The client went away before the answer was complete. */
  aborted: boolean;
}

/**
 * One log line per request (method, masked URL, status, time taken), written when the answer is
 * done, and the same facts to `record` (the dashboard's request list). A line holds nothing but
 * those fields, so it goes through a sibling logger on the same stream without the redaction pass
 * (pino-http's per-request child logger and that pass were a fifth of a request's cost).
 */
export function requestLogger(logger: Logger, options: { secretPaths?: RegExp[]; record?: (line: RequestLine) => void } = {}): RequestHandler {
  const lines = pino({ level: logger.level, base: { pid: process.pid, hostname: hostname(), ...logger.bindings() } }, (logger as unknown as Record<symbol, pino.DestinationStream>)[pino.symbols.streamSym]);
  let lastId = 0;
  return (req, res, next) => {
    const started = performance.now();
    const id = (lastId += 1);
    res.once('close', () => {
      const line: RequestLine = {
        id,
        method: req.method,
        url: redactUrl(req.originalUrl, options.secretPaths),
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        aborted: !res.writableFinished,
      };
      const level = line.status >= 500 || line.aborted ? 'error' : 'info';
      if (lines.isLevelEnabled(level)) {
        lines[level]({ req: { id, method: line.method, url: line.url }, res: { statusCode: line.status }, responseTime: line.ms }, line.aborted ? 'request aborted' : 'request completed');
      }
      options.record?.(line);
    });
    next();
  };
}
