/** What every VNTANA route needs: the current state, the shared services, and token issuing. */
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import { httpError } from '../../core/http-error.ts';
import type { Issuer } from '../../core/issuer.ts';
import type { Outbox } from '../../core/outbox.ts';
import type { SpecValidator } from '../../core/validation.ts';
import type { VariantSwitches } from '../../core/variants.ts';
import { VNTANA_ERRORS } from './errors.ts';
import type { VntanaSeams } from './seams.ts';
import type { TokenKind, UserRecord, VntanaState } from './state.ts';

export interface VntanaContext {
  /** Replaced whole on reset; always read it through the context. */
  state: VntanaState;
  clock: Clock;
  outbox: Outbox;
  issuer: Issuer;
  validator: SpecValidator;
  variants: VariantSwitches;
  /** What the routes call through, with the faults that are on wrapped around (faults.ts). */
  seams: VntanaSeams;
}

export function validBody<T>(context: VntanaContext, schemaName: string, body: unknown): T {
  if (context.validator.body(schemaName, body).length > 0) throw httpError(VNTANA_ERRORS.badRequest);
  return body as T;
}

/** Local date-time without a zone, as VNTANA writes `created`: 2020-01-31T19:17:23.972 */
export function localTimestamp(context: VntanaContext): string {
  return context.clock.now().toISOString().replace('Z', '');
}

/**
 * Issues a token of a kind, revoking the caller's previous token of the same organization or
 * workspace, and answers with it raw in the x-auth-token header and the caller's e-mail in the body.
 */
export async function sendNewToken(
  context: VntanaContext,
  res: Response,
  user: UserRecord,
  scope: { kind: TokenKind; organizationUuid?: string; clientUuid?: string },
): Promise<void> {
  const { sessions } = context.state;
  const organizationUuid = scope.organizationUuid ?? null;
  const clientUuid = scope.clientUuid ?? null;
  if (scope.kind !== 'login') context.seams.retirePreviousTokens(context, user.id, { kind: scope.kind, organizationUuid, clientUuid });
  const id = randomUUID();
  const { token, exp } = await context.issuer.issue({
    sub: user.id,
    jti: id,
    email: user.email,
    kind: scope.kind,
    ...(organizationUuid ? { organizationUuid } : {}),
    ...(clientUuid ? { clientUuid } : {}),
  });
  // A login token needs no row (see SessionRecord); expired rows of the user go as new ones come.
  if (scope.kind !== 'login') {
    const now = context.clock.nowSeconds();
    sessions.deleteWhere((session) => session.userId === user.id && session.expiresAt <= now);
    sessions.insert({ id, userId: user.id, kind: scope.kind, organizationUuid, clientUuid, expiresAt: exp });
  }
  res.set('x-auth-token', token).set('Cache-Control', 'no-store').json({ success: true, errors: [], response: { email: user.email } });
}

