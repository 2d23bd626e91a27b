/**
 * The token guard. Every later call sends `X-AUTH-TOKEN: Bearer <token>`; a missing, raw (no
 * `Bearer `), tampered, expired, revoked or logged-out token is 403 FORBIDDEN, as VNTANA answers.
 */
import type { JWTPayload } from 'jose';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { httpError } from '../../core/http-error.ts';
import { TokenRejected } from '../../core/issuer.ts';
import { securityOf } from '../../../specs/operation-security.ts';
import type { VntanaContext } from './context.ts';
import { VNTANA_ERRORS } from './errors.ts';
import { managesOrganization } from './roles.ts';
import type { SessionRecord, TokenKind, UserRecord } from './state.ts';

export interface Caller {
  user: UserRecord;
  session: SessionRecord;
}

const BEARER = /^Bearer (\S+)$/i;

export function callerOf(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw new Error('route reached without authenticate()');
  return caller;
}

/** The token guard of an operation as its spec states it: the kinds of token it accepts (`x-accepted-tokens`). */
export function authenticateOperation(context: VntanaContext, operationId: string): RequestHandler {
  const { tokens } = securityOf(context.validator.spec, operationId);
  const unknown = (tokens ?? []).filter((kind) => !TOKEN_KINDS.includes(kind as TokenKind));
  if (unknown.length > 0) throw new Error(`the spec gives ${operationId} token kinds the VNTANA mock does not know (x-accepted-tokens: ${unknown.join(', ')})`);
  return authenticate(context, tokens as TokenKind[] | undefined);
}

const TOKEN_KINDS: TokenKind[] = ['login', 'organization', 'workspace'];

/** Accepts a live token of one of `kinds` (all kinds when omitted). */
function authenticate(context: VntanaContext, kinds?: TokenKind[]): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = context.seams.presentedToken(req.get('x-auth-token'));
    if (!token) throw httpError(VNTANA_ERRORS.forbidden);
    let claims;
    try {
      claims = await context.issuer.verify(token);
    } catch (error) {
      if (error instanceof TokenRejected) throw httpError(VNTANA_ERRORS.forbidden);
      throw error;
    }
    const session = sessionOf(context, claims);
    const user = session && context.state.users.get(session.userId);
    if (!session || !user || session.userId !== claims.sub) throw httpError(VNTANA_ERRORS.forbidden);
    if (kinds && !kinds.includes(session.kind)) throw httpError(VNTANA_ERRORS.forbidden);
    context.seams.admit(res, { user, session }, token);
    next();
  };
}

/** The token of an `X-AUTH-TOKEN: Bearer <token>` header; none for a missing or raw one. */
export function presentedToken(header: string | undefined): string | undefined {
  return BEARER.exec(header?.trim() ?? '')?.[1];
}

/** Lets the request on as the caller. */
export function admit(res: Response, caller: Caller, _token: string): void {
  res.locals.caller = caller;
}

/** The organization an organization or workspace token is for. */
export function organizationOf(context: VntanaContext, caller: Caller): string {
  if (caller.session.organizationUuid) return caller.session.organizationUuid;
  const workspace = caller.session.clientUuid ? context.state.workspaces.get(caller.session.clientUuid) : undefined;
  if (!workspace) throw httpError(VNTANA_ERRORS.forbidden);
  return workspace.organizationUuid;
}

/**
 * Whether the token reaches a workspace's data: a workspace token of that workspace, or an
 * organization token of its organization held by an owner or admin.
 */
export function reachesWorkspace(context: VntanaContext, caller: Caller, clientUuid: string): boolean {
  const workspace = context.state.workspaces.get(clientUuid);
  if (!workspace) return false;
  const { session, user } = caller;
  if (session.kind === 'workspace') return session.clientUuid === clientUuid && user.workspaceRoles[clientUuid] !== undefined;
  if (session.kind === 'organization') {
    return session.organizationUuid === workspace.organizationUuid && managesOrganization(user.organizationRoles[workspace.organizationUuid]);
  }
  return false;
}

/** The session a verified token stands for: its row, or for a login token one made from its claims. */
function sessionOf(context: VntanaContext, claims: JWTPayload): SessionRecord | undefined {
  const id = String(claims.jti);
  if (claims.kind !== 'login') return context.state.sessions.get(id);
  if (context.state.loggedOut.get(id)) return undefined;
  return { id, userId: String(claims.sub), kind: 'login', organizationUuid: null, clientUuid: null, expiresAt: Number(claims.exp) };
}
