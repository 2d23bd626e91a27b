/**
 * Guards that compose on routes: `authenticate` answers 401 (a Bearer JWT or an
 * X-Machhub-Api-Key), `requirePermission` 403 (a grant must answer the operation's question).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { httpError } from '../../core/http-error.ts';
import { securityOf } from '../../../specs/operation-security.ts';
import { TokenRejected } from '../../core/issuer.ts';
import { matchesDigest } from '../../core/secrets.ts';
import type { MachhubContext } from './context.ts';
import { MACHHUB_ERRORS } from './errors.ts';
import { MACHHUB_VARIANTS } from './variants.ts';
import { isScope, type Asker, type Scope } from './permissions.ts';
import { grantsOf, groupsOf, type ApiKeyRecord, type UserRecord } from './state.ts';

export interface Principal {
  user: UserRecord;
  credential: 'jwt' | 'api_key';
  key?: ApiKeyRecord;
}

/** `mchx_` + 12-character lookup id + `_` + secret. */
const API_KEY_FORMAT = /^mchx_([A-Za-z0-9]{12})_[A-Za-z0-9_-]+$/;
/** key-without-separator: `mchx_` + 12-character lookup id + secret. */
const API_KEY_FORMAT_PLAIN = /^mchx_([A-Za-z0-9]{12})[A-Za-z0-9_-]+$/;

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('route reached without authenticate()');
  return principal;
}

/** The caller as the permission model sees it: its groups, their grants, and a key's feature limit. */
export function askerOf(context: MachhubContext, principal: Principal): Asker {
  const features = principal.key?.features ?? [];
  return {
    groups: groupsOf(context.state, principal.user.id).map((group) => group.name),
    grants: grantsOf(context.state, principal.user.id),
    ...(features.length > 0 ? { featureLimit: features } : {}),
  };
}

export function authenticate(context: MachhubContext): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const authorization = req.get('authorization');
    const [scheme, token, ...rest] = (authorization ?? '').trim().split(/\s+/);
    const apiKey = req.get('x-machhub-api-key');
    // The SDK may send both; a key that is present must be valid too.
    if (apiKey !== undefined && apiKey !== '') {
      const key = keyOf(context, apiKey);
      const user = context.state.users.get(key.createdBy);
      if (!user) throw httpError(MACHHUB_ERRORS.invalidApiKey);
      res.locals.principal = { user, credential: 'api_key', key } satisfies Principal;
      return next();
    }
    if (authorization !== undefined && scheme?.toLowerCase() === 'bearer' && token && rest.length === 0) {
      res.locals.principal = { user: await userOfToken(context, token), credential: 'jwt' } satisfies Principal;
      return next();
    }
    throw httpError(authorization === undefined ? MACHHUB_ERRORS.missingCredentials : MACHHUB_ERRORS.invalidToken);
  };
}

export async function userOfToken(context: MachhubContext, token: string): Promise<UserRecord> {
  try {
    const claims = await context.issuer.verify(token);
    const user = context.state.users.get(String(claims.sub));
    if (!user) throw httpError(MACHHUB_ERRORS.invalidToken);
    return user;
  } catch (error) {
    if (error instanceof TokenRejected) {
      throw httpError(error.reason === 'expired' ? MACHHUB_ERRORS.tokenExpired : MACHHUB_ERRORS.invalidToken);
    }
    throw error;
  }
}

function keyOf(context: MachhubContext, given: string): ApiKeyRecord {
  const presented = context.seams.presentedApiKey(given);
  const format = context.variants.on(MACHHUB_VARIANTS.keyWithoutSeparator.id) ? API_KEY_FORMAT_PLAIN : API_KEY_FORMAT;
  const lookupId = format.exec(presented)?.[1];
  const record = lookupId === undefined ? undefined : context.state.apiKeys.get(lookupId);
  const live =
    record !== undefined &&
    matchesDigest(presented, record.digest) &&
    (record.expiration === null || Date.parse(record.expiration) > context.clock.nowMs());
  if (!live) throw httpError(MACHHUB_ERRORS.invalidApiKey);
  return record;
}

/** Lets the caller through when a grant answers (feature, action, scope). */
/**
 * The guard of an operation as its spec states it: `x-required-permission: <feature> <action>
 * <scope>`, e.g. "groups read domain". Read once, when the routes are built.
 */
export function requireOperationPermission(context: MachhubContext, operationId: string): RequestHandler {
  const { permission } = securityOf(context.validator.spec, operationId);
  const [feature, action, scope, ...rest] = (permission ?? '').split(' ');
  if (!feature || !action || !isScope(scope) || rest.length > 0) {
    throw new Error(`the spec gives ${operationId} no permission the MACHHUB mock can check (x-required-permission: ${permission ?? 'none'})`);
  }
  return requirePermission(context, feature, action, scope);
}

function requirePermission(context: MachhubContext, feature: string, action: string, scope: Scope): RequestHandler {
  return (_req, res, next) => {
    if (!context.seams.operationPermitted(context.seams.askerOf(context, principalOf(res)), feature, action, scope)) throw httpError(MACHHUB_ERRORS.forbidden);
    next();
  };
}
