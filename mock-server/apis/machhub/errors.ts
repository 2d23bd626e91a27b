/**
 * Every error MACHHUB answers, and the one writer that shapes them: a plain-text body, as the
 * vendor's server does and the SDK reads.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { VariantSwitches } from '../../core/variants.ts';
import { HttpError, bodyParserFailure, type ErrorDefinition } from '../../core/http-error.ts';
import { MACHHUB_VARIANTS } from './variants.ts';

const BEARER_CHALLENGE = { 'WWW-Authenticate': 'Bearer' };

export const MACHHUB_ERRORS = {
  invalidLogin: { status: 401, code: 'invalid_login', message: 'Invalid Username or Password' },
  missingCredentials: { status: 401, code: 'missing_credentials', message: 'Unauthorized: missing credentials', headers: BEARER_CHALLENGE },
  invalidToken: { status: 401, code: 'invalid_token', message: 'Unauthorized: invalid token', headers: BEARER_CHALLENGE },
  tokenExpired: { status: 401, code: 'token_expired', message: 'Unauthorized: token expired', headers: BEARER_CHALLENGE },
  invalidApiKey: { status: 401, code: 'invalid_api_key', message: 'Unauthorized: invalid API key', headers: BEARER_CHALLENGE },
  forbidden: { status: 403, code: 'forbidden', message: 'Forbidden: insufficient permissions' },
  badRequest: { status: 400, code: 'bad_request', message: 'Bad Request' },
  notFound: { status: 404, code: 'not_found', message: 'Not Found' },
  usernameTaken: { status: 409, code: 'username_taken', message: 'Conflict: username already exists' },
  groupTaken: { status: 409, code: 'group_taken', message: 'Conflict: group already exists' },
  payloadTooLarge: { status: 413, code: 'payload_too_large', message: 'Payload Too Large' },
  unsupportedMediaType: { status: 415, code: 'unsupported_media_type', message: 'Unsupported Media Type' },
  internal: { status: 500, code: 'internal', message: 'Internal Server Error' },
} as const satisfies Record<string, ErrorDefinition>;

/** A 400 that says what is wrong, e.g. "Bad Request: sort: unknown field colour". */
export function badRequest(reason: string): HttpError {
  return new HttpError(400, MACHHUB_ERRORS.badRequest.code, `${MACHHUB_ERRORS.badRequest.message}: ${reason}`);
}

export type ErrorTextSender = (res: Response, status: number, text: string) => void;

/** Errors leave as plain text. */
export const sendErrorText: ErrorTextSender = (res, status, text) => {
  res.status(status).type('text/plain').send(text);
};

export function machhubErrorWriter(logger: Logger, sendText: ErrorTextSender, variants?: VariantSwitches) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const parserFailure = bodyParserFailure(error);
    if (parserFailure) {
      const text =
        parserFailure.type === 'entity.too.large'
          ? MACHHUB_ERRORS.payloadTooLarge.message
          : parserFailure.type === 'entity.parse.failed'
            ? `${MACHHUB_ERRORS.badRequest.message}: body is not valid JSON`
            : MACHHUB_ERRORS.badRequest.message;
      sendText(res, parserFailure.type === 'entity.too.large' ? 413 : 400, text);
      return;
    }
    if (error instanceof HttpError) {
      res.set(error.headers);
      // refused-as-403: a refused token or key answers 403; login keeps its documented 401.
      const refusedAs403 = variants?.on(MACHHUB_VARIANTS.refusedAs403.id) && error.status === 401 && error.code !== MACHHUB_ERRORS.invalidLogin.code;
      const text =
        error.issues.length > 0
          ? `${MACHHUB_ERRORS.badRequest.message}: ${error.issues.map((issue) => `${issue.location.slice(1).join('.') || 'body'}: ${issue.message}`).join('; ')}`
          : error.message;
      sendText(res, refusedAs403 ? 403 : error.status, text);
      return;
    }
    // multer reports its own limits and malformed multipart bodies; those are the client's.
    if (typeof error === 'object' && error !== null && (error as { name?: string }).name === 'MulterError') {
      sendText(res, 400, `${MACHHUB_ERRORS.badRequest.message}: ${(error as Error).message}`);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    sendText(res, 500, MACHHUB_ERRORS.internal.message);
  };
}
