/**
 * The functions of the VNTANA mock that its faults may wrap (faults.ts). Routes, the token guard,
 * the error writer and CORS call through these and hold no fault checks themselves.
 */
import type { CorsOptions } from 'cors';
import type { Response } from 'express';
import type { components } from '../../../specs/generated/vntana.d.ts';
import type { ErrorDefinition } from '../../core/http-error.ts';
import type { VariantSwitches } from '../../core/variants.ts';
import type { VntanaContext } from './context.ts';
import { VNTANA_ERRORS, errorSender, type ErrorSender } from './errors.ts';
import { admit, presentedToken, type Caller } from './guards.ts';
import { managesOrganization, type OrganizationRole } from './roles.ts';
import type { SessionRecord, TokenKind, UserRecord } from './state.ts';
import { VNTANA_VARIANTS } from './variants.ts';

type Role = components['schemas']['Role'];

/** Browser clients read the token header and send the custom ones (docs/sources.md). */
const CORS_OPTIONS: CorsOptions = {
  origin: true,
  methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['Content-Type', 'X-AUTH-TOKEN', 'organizationUuid', 'clientUuid'],
  exposedHeaders: ['X-AUTH-TOKEN'],
  maxAge: 600,
};

export interface VntanaSeams {
  /** The token guard's reading of `X-AUTH-TOKEN`. */
  presentedToken(header: string | undefined): string | undefined;
  /** The token guard letting a verified caller on. */
  admit(res: Response, caller: Caller, token: string): void;
  /** The token store on refresh: the caller's earlier token of the same organization or workspace goes. */
  retirePreviousTokens(context: VntanaContext, userId: string, scope: { kind: Exclude<TokenKind, 'login'>; organizationUuid: string | null; clientUuid: string | null }): void;
  /** The token store on logout. */
  endSession(context: VntanaContext, session: SessionRecord): void;
  /** The refresh guard: why a workspace token is refused to this organization role, if it is. */
  workspaceTokenRefusal(context: VntanaContext, user: UserRecord, workspaceId: string, organizationRole: OrganizationRole): ErrorDefinition | undefined;
  /** The data guard of the workspace list: the role a workspace is shown with, or none to hide it. */
  workspaceRoleShown(user: UserRecord, workspaceId: string, organizationRole: OrganizationRole): Role | undefined;
  sendError: ErrorSender;
  corsOptions(): CorsOptions;
}

export function vntanaSeams(variants: VariantSwitches): VntanaSeams {
  return {
    presentedToken,
    admit,
    retirePreviousTokens(context, userId, scope) {
      context.state.sessions.deleteWhere(
        (session) =>
          session.userId === userId &&
          session.kind === scope.kind &&
          (scope.kind === 'workspace' ? session.clientUuid === scope.clientUuid : session.organizationUuid === scope.organizationUuid),
      );
    },
    // A workspace or organization token loses its row; a login token is listed until its exp.
    endSession(context, session) {
      if (session.kind !== 'login') {
        context.state.sessions.delete(session.id);
        return;
      }
      const now = context.clock.nowSeconds();
      context.state.loggedOut.deleteWhere((entry) => entry.expiresAt <= now);
      context.state.loggedOut.insert({ id: session.id, expiresAt: session.expiresAt });
    },
    workspaceTokenRefusal(context, user, workspaceId, organizationRole) {
      // "If you have Organization Admin or Owner level access, this must be skipped."
      if (managesOrganization(organizationRole)) return VNTANA_ERRORS.ownerSkipsWorkspaceToken;
      if (user.workspaceRoles[workspaceId]) return undefined;
      return context.variants.on(VNTANA_VARIANTS.invalidClientUuid400.id) ? VNTANA_ERRORS.forbidden : VNTANA_ERRORS.invalidClientUuid;
    },
    // Owners and admins see every workspace; a member only those it holds a role in.
    workspaceRoleShown: (user, workspaceId, organizationRole) => (managesOrganization(organizationRole) ? organizationRole : user.workspaceRoles[workspaceId]),
    sendError: errorSender(variants),
    corsOptions: () => CORS_OPTIONS,
  };
}
