/** The last requests an API answered, for the dashboard: a fixed-size ring, so memory stays flat. */
import type { RequestHandler } from 'express';
import { redactUrl } from './logging.ts';

export interface LoggedRequest {
  time: string;
  method: string;
  /** With secrets masked, as in the log. */
  url: string;
  status: number;
  ms: number;
}

export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  constructor(private readonly capacity = 100) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  /** Newest first. */
  recent(): LoggedRequest[] {
    return [...this.entries].reverse();
  }

  clear(): void {
    this.entries.length = 0;
  }
}

/** Records every request but the control plane's own (the dashboard polls it). */
export function recordRequests(log: RequestLog, now: () => Date, secretPaths: RegExp[] = []): RequestHandler {
  return (req, res, next) => {
    if (req.url.startsWith('/__mock') || req.url.startsWith('/docs')) return next();
    const started = performance.now();
    res.once('finish', () => {
      log.add({ time: now().toISOString(), method: req.method, url: redactUrl(req.originalUrl, secretPaths), status: res.statusCode, ms: Math.round(performance.now() - started) });
    });
    next();
  };
}
