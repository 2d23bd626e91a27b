/**
 * Guards that compose on routes: `authenticate` answers 401 (who are you?), `authorize` 403
 * (may you?). A user is judged by role; an API key by its scopes, and it never holds a role.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { httpError } from '../../core/http-error.ts';
import { securityOf } from '../../../specs/operation-security.ts';
import { TokenRejected } from '../../core/issuer.ts';
import { matchesDigest } from '../../core/secrets.ts';
import type { VinmakeContext } from './context.ts';
import { VINMAKE_ERRORS } from './errors.ts';
import { isRole, type Role } from './roles.ts';
import type { ApiKeyRecord, UserRecord } from './state.ts';

export type Principal = { kind: 'user'; user: UserRecord } | { kind: 'api-key'; key: ApiKeyRecord };

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('route reached without authenticate()');
  return principal;
}

/** The client record a principal is confined to, or null when it may see every client's data. */
export function confinedClientId(principal: Principal): string | null {
  return principal.kind === 'user' && principal.user.role === 'client' ? (principal.user.clientId ?? '') : null;
}

export function authenticate(context: VinmakeContext): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const authorization = req.get('authorization');
    const [scheme, token, ...rest] = (authorization ?? '').trim().split(/\s+/);
    if (authorization !== undefined && scheme?.toLowerCase() === 'bearer' && token && rest.length === 0) {
      res.locals.principal = { kind: 'user', user: await userOfToken(context, token) };
      return next();
    }
    const apiKey = req.get('x-api-key');
    if (apiKey !== undefined) {
      res.locals.principal = { kind: 'api-key', key: keyOf(context, apiKey) };
      return next();
    }
    throw httpError(VINMAKE_ERRORS.notAuthenticated);
  };
}

async function userOfToken(context: VinmakeContext, token: string): Promise<UserRecord> {
  try {
    const claims = await context.issuer.verify(token);
    const user = context.state.users.get(String(claims.sub));
    if (!user) throw httpError(VINMAKE_ERRORS.invalidToken);
    return user;
  } catch (error) {
    if (error instanceof TokenRejected) {
      throw httpError(error.reason === 'expired' ? VINMAKE_ERRORS.tokenExpired : VINMAKE_ERRORS.invalidToken);
    }
    throw error;
  }
}

function keyOf(context: VinmakeContext, presented: string): ApiKeyRecord {
  const prefix = presented.split('_').slice(0, 2).join('_');
  const record = context.state.apiKeys.find((key) => key.prefix === prefix);
  const nowMs = context.clock.nowMs();
  const usable = record !== undefined && matchesDigest(presented, record.digest) && context.seams.apiKeyUsable(record, nowMs);
  if (!usable) throw httpError(VINMAKE_ERRORS.invalidApiKey);
  return context.state.apiKeys.update(record.id, { lastUsedAt: new Date(nowMs).toISOString() }) ?? record;
}

/** Whether a key that matched is still in force: neither revoked nor past its expiry. */
export function apiKeyUsable(record: ApiKeyRecord, nowMs: number): boolean {
  return record.revokedAt === null && (record.expiresAt === null || Date.parse(record.expiresAt) > nowMs);
}

/**
 * The guard of an operation as its spec states it: the role (`x-required-role`) a user needs, and
 * the scope (`x-required-scope`) an API key needs instead. Read once, when the routes are built.
 */
export function authorizeOperation(context: VinmakeContext, operationId: string): RequestHandler {
  const { role, scope } = securityOf(context.validator.spec, operationId);
  if (!isRole(role)) throw new Error(`the spec gives ${operationId} no role the VinMake mock knows (x-required-role: ${role ?? 'none'})`);
  return authorize(context, { role, scope });
}

/**
 * Lets a user through with `role` or higher, and an API key only when `scope` is given and held.
 * Required roles and scopes are never sent back; the 403 says only "Insufficient permissions".
 */
function authorize(context: VinmakeContext, requirement: { role: Role; scope?: string }): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    const allowed =
      principal.kind === 'user'
        ? context.seams.roleAllows(principal.user.role, requirement.role)
        : requirement.scope !== undefined && principal.key.scopes.includes(requirement.scope);
    if (!allowed) throw httpError(VINMAKE_ERRORS.insufficientPermissions);
    next();
  };
}
