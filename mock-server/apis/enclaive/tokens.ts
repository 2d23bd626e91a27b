/**
 * The two tokens every successful call hands out, and the guard that accepts a userToken.
 * Tokens carry the user's token version, so a password reset kills them all; a refresh retires
 * the one presented by its id.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { components } from '../../../specs/generated/enclaive.d.ts';
import { httpError } from '../../core/http-error.ts';
import { TokenRejected } from '../../core/issuer.ts';
import { securityOf } from '../../../specs/operation-security.ts';
import type { EnclaiveContext } from './context.ts';
import { ENCLAIVE_ERRORS } from './errors.ts';
import type { UserRecord } from './state.ts';

export type Tokens = components['schemas']['Tokens'];

export interface Caller {
  user: UserRecord;
  tokenId: string;
  /** When the presented token expires (epoch seconds). */
  tokenExpiresAt: number;
}

export async function issueTokens(context: EnclaiveContext, user: UserRecord): Promise<Tokens> {
  const { token: userToken } = await context.userIssuer.issue({
    sub: user.id,
    jti: randomUUID(),
    email: user.email,
    name: user.name,
    email_verified: user.verified,
    ver: user.tokenVersion,
  });
  const { token: vaultToken } = await context.vaultIssuer.issue({
    sub: user.id,
    jti: randomUUID(),
    team: user.currentTeamId,
    scope: 'vault',
    ver: user.tokenVersion,
  });
  return { userToken, vaultToken };
}

export function callerOf(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw new Error('route reached without authenticate()');
  return caller;
}

/** The token guard of an operation as its spec states it: a live userToken, of a confirmed account where `x-requires-verified-email` says so. */
export function authenticateOperation(context: EnclaiveContext, operationId: string): RequestHandler {
  return authenticate(context, { verified: securityOf(context.validator.spec, operationId).verifiedEmail });
}

/** Accepts a live userToken; with `verified`, only of an account that confirmed its e-mail (else 403). */
export function authenticate(context: EnclaiveContext, options: { verified?: boolean } = {}): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization')?.trim() ?? '');
    if (!match?.[1]) throw httpError(ENCLAIVE_ERRORS.unauthorized);
    let claims;
    try {
      claims = await context.userIssuer.verify(match[1]);
    } catch (error) {
      if (error instanceof TokenRejected) throw httpError(ENCLAIVE_ERRORS.unauthorized);
      throw error;
    }
    const user = context.state.users.get(String(claims.sub));
    const tokenId = String(claims.jti);
    if (!user || claims.ver !== user.tokenVersion || context.state.revokedTokens.get(tokenId)) throw httpError(ENCLAIVE_ERRORS.unauthorized);
    if (options.verified && !context.seams.mayUseTeams(user)) throw httpError(ENCLAIVE_ERRORS.emailNotVerified);
    res.locals.caller = { user, tokenId, tokenExpiresAt: Number(claims.exp) } satisfies Caller;
    next();
  };
}
