/**
 * Every error VNTANA answers, and the one writer that shapes them:
 * `{"success": false, "errors": ["CODE"]}`, the code being the catalogue entry's code.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { HttpError, bodyParserFailure, type ErrorDefinition } from '../../core/http-error.ts';
import type { VariantSwitches } from '../../core/variants.ts';
import { VNTANA_VARIANTS } from './variants.ts';

export const VNTANA_ERRORS = {
  badCredentials: { status: 401, code: 'BAD_CREDENTIALS', message: 'wrong e-mail, password or personal access token' },
  forbidden: { status: 403, code: 'FORBIDDEN', message: 'missing, invalid, expired, revoked or out-of-scope token' },
  ownerSkipsWorkspaceToken: { status: 403, code: 'BAD_CREDENTIALS', message: 'organization owners and admins use the organization token' },
  invalidClientUuid: { status: 403, code: 'INVALID_CLIENT_UUID', message: 'no such workspace for this caller' },
  invalidClientUuid400: { status: 400, code: 'INVALID_CLIENT_UUID', message: 'no such workspace' },
  badCredentials403: { status: 403, code: 'BAD_CREDENTIALS', message: 'wrong e-mail, password or personal access token' },
  missingOrganizationUuid: { status: 400, code: 'MISSING_ORGANIZATION_UUID', message: 'organizationUuid or clientUuid header required' },
  missingClientUuid: { status: 400, code: 'MISSING_CLIENT_UUID', message: 'clientUuid required' },
  badRequest: { status: 400, code: 'BAD_REQUEST', message: 'malformed request' },
  notFound: { status: 404, code: 'NOT_FOUND', message: 'not found' },
  payloadTooLarge: { status: 413, code: 'BAD_REQUEST', message: 'body too large' },
  internal: { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'internal error' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorSender = (res: Response, status: number, code: string) => void;

/** Writes `{"success": false, "errors": [code]}` (with `"response": null` under that variant). */
export function errorSender(variants: VariantSwitches): ErrorSender {
  return (res, status, code) => {
    const body = variants.on(VNTANA_VARIANTS.errorsWithNullResponse.id) ? { success: false, errors: [code], response: null } : { success: false, errors: [code] };
    res.status(status).json(body);
  };
}

export function vntanaErrorWriter(logger: Logger, send: ErrorSender) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const parserFailure = bodyParserFailure(error);
    if (parserFailure) {
      send(res, parserFailure.type === 'entity.too.large' ? 413 : 400, 'BAD_REQUEST');
      return;
    }
    if (error instanceof HttpError) {
      res.set(error.headers);
      send(res, error.status, error.code);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    send(res, 500, VNTANA_ERRORS.internal.code);
  };
}
