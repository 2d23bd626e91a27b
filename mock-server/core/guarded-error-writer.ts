/**
 * The last line of every mock: an API's error writer, wrapped so that no error leaves in any shape
 * but the API's own. When the writer itself throws (an answer that cannot be serialised, a bug), the
 * writer is asked again for the API's internal error; when that fails too, a bare 500 in plain text
 * goes out. Express's default error page, with its stack trace and file paths, is never reached.
 */
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { httpError, type ErrorDefinition } from './http-error.ts';

export function guardedErrorWriter(writer: ErrorRequestHandler, internal: ErrorDefinition, logger: Logger): ErrorRequestHandler {
  const attempt = (error: unknown, req: Request, res: Response): boolean => {
    let passedOn: unknown;
    try {
      writer(error, req, res, ((next?: unknown) => {
        passedOn = next ?? new Error('the error writer called next()');
      }) as NextFunction);
      return passedOn === undefined;
    } catch (failure) {
      logger.error({ err: failure, method: req.method, path: req.path }, 'the error writer failed');
      return false;
    }
  };
  return (error, req, res, _next) => {
    if (attempt(error, req, res) || res.headersSent) return;
    if (attempt(httpError(internal), req, res) || res.headersSent) return;
    res.status(500).type('text/plain').send(internal.message);
  };
}
