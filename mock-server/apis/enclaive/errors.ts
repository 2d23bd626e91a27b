/**
 * Every error enclaive answers, and the one writer that shapes them as NestJS does:
 * `{"statusCode": 400, "message": "..." | ["...", ...], "error": "Bad Request"}`.
 */
import type { NextFunction, Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';
import type { FaultSwitches } from '../../core/faults.ts';
import { HttpError, bodyParserFailure, type ErrorDefinition } from '../../core/http-error.ts';
import { ENCLAIVE_FAULTS } from './faults.ts';

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

export function enclaiveErrorWriter(logger: Logger, faults: FaultSwitches) {
  const send = (res: Response, status: number, message: string | string[]): void => {
    const wrongShape = faults.on(ENCLAIVE_FAULTS.errorShapeWrong.id);
    res.status(status).json(wrongShape ? { error: message } : { statusCode: status, message, error: STATUS_CODES[status] ?? 'Error' });
  };
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const parserFailure = bodyParserFailure(error);
    if (parserFailure) {
      send(res, parserFailure.status === 413 ? 413 : 400, parserFailure.type === 'entity.parse.failed' ? 'Body is not valid JSON' : 'Bad request body');
      return;
    }
    if (error instanceof HttpError) {
      res.set(error.headers);
      // Like NestJS's ValidationPipe: one message per problem, naming the field.
      const message = error.issues.length > 0 ? error.issues.map((issue) => `${issue.location.slice(1).join('.') || 'body'} ${issue.message}`) : error.message;
      send(res, error.status, message);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    send(res, 500, ENCLAIVE_ERRORS.internal.message);
  };
}
