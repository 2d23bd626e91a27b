/**
 * Every error enclaive answers, and the one writer that shapes them as NestJS does (the variants
 * error-envelope, error-message-only and other-error-statuses answer otherwise):
 * `{"statusCode": 400, "message": "..." | ["...", ...], "error": "Bad Request"}`.
 */
import type { NextFunction, Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';
import { HttpError, bodyParserFailure, type ErrorDefinition } from '../../core/http-error.ts';
import type { VariantSwitches } from '../../core/variants.ts';
import { ENCLAIVE_VARIANTS } from './variants.ts';

export const ENCLAIVE_ERRORS = {
  unauthorized: { status: 401, code: 'unauthorized', message: 'Unauthorized' },
  invalidLogin: { status: 401, code: 'invalid_login', message: 'Invalid email or password' },
  emailNotVerified: { status: 403, code: 'email_not_verified', message: 'Email not verified' },
  notTeamMember: { status: 403, code: 'not_team_member', message: 'Not a member of this team' },
  emailTaken: { status: 409, code: 'email_taken', message: 'Email already registered' },
  alreadyVerified: { status: 400, code: 'already_verified', message: 'Email is already verified' },
  invalidVerificationToken: { status: 400, code: 'invalid_verification_token', message: 'Invalid or expired verification token' },
  invalidResetToken: { status: 400, code: 'invalid_reset_token', message: 'Invalid or expired reset token' },
  missingCapcha: { status: 400, code: 'missing_capcha', message: 'capcha is required' },
  validationFailed: { status: 400, code: 'validation_failed', message: 'Validation failed' },
  teamNotFound: { status: 404, code: 'team_not_found', message: 'Team not found' },
  notFound: { status: 404, code: 'not_found', message: 'Not Found' },
  internal: { status: 500, code: 'internal', message: 'Internal server error' },
} as const satisfies Record<string, ErrorDefinition>;

/** The statuses of the other-error-statuses variant, by error code: other choices the document leaves open. */
const OTHER_STATUSES: Record<string, number> = {
  validation_failed: 422,
  missing_capcha: 422,
  unauthorized: 403,
  invalid_login: 403,
  email_taken: 400,
  invalid_verification_token: 404,
  already_verified: 409,
  invalid_reset_token: 410,
};

export function enclaiveErrorWriter(logger: Logger, variants: VariantSwitches) {
  const envelope = variants.on(ENCLAIVE_VARIANTS.errorEnvelope.id);
  const otherStatuses = variants.on(ENCLAIVE_VARIANTS.otherErrorStatuses.id);
  const messageOnly = variants.on(ENCLAIVE_VARIANTS.errorMessageOnly.id);
  const send = (res: Response, status: number, code: string, message: string | string[]): void => {
    const answered = otherStatuses ? (OTHER_STATUSES[code] ?? status) : status;
    const text = Array.isArray(message) ? message.join('; ') : message;
    const body = messageOnly
      ? { error: message }
      : envelope
        ? { error: { code, message: text } }
        : { statusCode: answered, message, error: STATUS_CODES[answered] ?? 'Error' };
    res.status(answered).json(body);
  };
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const parserFailure = bodyParserFailure(error);
    if (parserFailure) {
      const status = parserFailure.status === 413 ? 413 : 400;
      send(res, status, status === 413 ? 'payload_too_large' : 'invalid_json', parserFailure.type === 'entity.parse.failed' ? 'Body is not valid JSON' : 'Bad request body');
      return;
    }
    if (error instanceof HttpError) {
      res.set(error.headers);
      // Like NestJS's ValidationPipe: one message per problem, naming the field.
      const message = error.issues.length > 0 ? error.issues.map((issue) => `${issue.location.slice(1).join('.') || 'body'} ${issue.message}`) : error.message;
      send(res, error.status, error.code, message);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    send(res, 500, ENCLAIVE_ERRORS.internal.code, ENCLAIVE_ERRORS.internal.message);
  };
}
