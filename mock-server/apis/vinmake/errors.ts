/**
 * Every error VinMake answers, and the one writer that shapes them as FastAPI does:
 * `{"detail": "..."}`, or `{"detail": [{type, loc, msg, input}]}` for input that does not validate.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { HttpError, bodyParserFailure, type ErrorDefinition } from '../../core/http-error.ts';

const BEARER_CHALLENGE = { 'WWW-Authenticate': 'Bearer' };

export const VINMAKE_ERRORS = {
  notAuthenticated: { status: 401, code: 'not_authenticated', message: 'Not authenticated', headers: BEARER_CHALLENGE },
  invalidToken: { status: 401, code: 'invalid_token', message: 'Could not validate credentials', headers: BEARER_CHALLENGE },
  tokenExpired: { status: 401, code: 'token_expired', message: 'Token has expired', headers: BEARER_CHALLENGE },
  invalidApiKey: { status: 401, code: 'invalid_api_key', message: 'Invalid API key', headers: BEARER_CHALLENGE },
  invalidCredentials: { status: 401, code: 'invalid_credentials', message: 'Invalid credentials' },
  insufficientPermissions: { status: 403, code: 'insufficient_permissions', message: 'Insufficient permissions' },
  notFound: { status: 404, code: 'not_found', message: 'Not Found' },
  clientNotFound: { status: 404, code: 'client_not_found', message: 'Client not found' },
  materialNotFound: { status: 404, code: 'material_not_found', message: 'Material not found' },
  apiKeyNotFound: { status: 404, code: 'api_key_not_found', message: 'API key not found' },
  invalidResetToken: { status: 400, code: 'invalid_reset_token', message: 'Invalid or expired reset token' },
  validationFailed: { status: 422, code: 'validation_failed', message: 'Validation failed' },
  payloadTooLarge: { status: 413, code: 'payload_too_large', message: 'Request entity too large' },
  unsupportedMediaType: { status: 415, code: 'unsupported_media_type', message: 'Unsupported media type' },
  internal: { status: 500, code: 'internal', message: 'Internal Server Error' },
} as const satisfies Record<string, ErrorDefinition>;

interface FastApiIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** body-parser failures are the client's: unreadable JSON is a 422 in FastAPI, the rest keep their 4xx. */
function fromBodyParser(status: number, type: string): { status: number; body: { detail: string | FastApiIssue[] } } {
  if (type === 'entity.parse.failed') {
    return { status: 422, body: { detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {} }] } };
  }
  if (type === 'entity.too.large') return { status: 413, body: { detail: VINMAKE_ERRORS.payloadTooLarge.message } };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status: 415, body: { detail: VINMAKE_ERRORS.unsupportedMediaType.message } };
  }
  return { status, body: { detail: 'Bad Request' } };
}

export function vinmakeErrorWriter(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const parserFailure = bodyParserFailure(error);
    if (parserFailure) {
      const { status, body } = fromBodyParser(parserFailure.status, parserFailure.type);
      res.status(status).json(body);
      return;
    }
    if (error instanceof HttpError) {
      res.set(error.headers);
      const detail: string | FastApiIssue[] =
        error.issues.length > 0
          ? error.issues.map((issue) => ({ type: issue.kind, loc: issue.location, msg: issue.message, input: issue.input ?? null }))
          : error.message;
      res.status(error.status).json({ detail });
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    res.status(500).json({ detail: VINMAKE_ERRORS.internal.message });
  };
}
