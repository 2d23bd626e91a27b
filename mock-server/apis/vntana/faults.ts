/** The bugs the VNTANA mock can be started with, to prove the suite catches each; each wraps seams (seams.ts). */
import type { FaultDefinition } from '../../core/faults.ts';
import type { SeamFault } from '../../core/seams.ts';
import { TOKEN_FAULTS, type TokenFault } from '../../core/token-faults.ts';
import { VNTANA_ERRORS } from './errors.ts';
import { managesOrganization } from './roles.ts';
import type { VntanaSeams } from './seams.ts';

export const VNTANA_TOKEN_FAULTS: readonly TokenFault[] = Object.values(TOKEN_FAULTS);

const RAW_TOKEN = /^(\S+)$/;

export const VNTANA_FAULTS = {
  refreshKeepsOldToken: { id: 'refresh-keeps-old-token', description: 'does not revoke the previous token on refresh', wraps: { retirePreviousTokens: () => () => undefined } },
  logoutNoop: { id: 'logout-noop', description: 'answers logout but keeps the token alive', wraps: { endSession: () => () => undefined } },
  acceptRawToken: {
    id: 'accept-raw-token',
    description: 'accepts X-AUTH-TOKEN without the Bearer prefix',
    breaksInference: 'clients send "Bearer <token>", but no source says a raw token is refused',
    wraps: { presentedToken: (presented) => (header) => presented(header) ?? RAW_TOKEN.exec(header?.trim() ?? '')?.[1] },
  },
  ownerGetsWorkspaceToken: {
    id: 'owner-gets-workspace-token',
    description: 'gives owners and admins a workspace token',
    wraps: { workspaceTokenRefusal: (refusal) => (context, user, workspaceId, role) => (managesOrganization(role) ? undefined : refusal(context, user, workspaceId, role)) },
  },
  tokenHeaderOnData: {
    id: 'token-header-on-data',
    description: 'sends x-auth-token on data responses',
    wraps: {
      admit: (admit) => (res, caller, token) => {
        admit(res, caller, token);
        res.set('x-auth-token', token);
      },
    },
  },
  badTokenAs401: {
    id: 'bad-token-as-401',
    description: 'answers bad tokens with 401 UNAUTHORIZED instead of 403 FORBIDDEN',
    wraps: { sendError: (send) => (res, status, code) => (code === VNTANA_ERRORS.forbidden.code ? send(res, 401, 'UNAUTHORIZED') : send(res, status, code)) },
  },
  errorShapeWrong: { id: 'error-shape-wrong', description: 'writes errors as {"error": CODE}', wraps: { sendError: () => (res, status, code) => void res.status(status).json({ error: code }) } },
  memberSeesAllWorkspaces: {
    id: 'member-sees-all-workspaces',
    description: 'lists every workspace to organization members',
    wraps: { workspaceRoleShown: (shown) => (user, workspaceId, role) => shown(user, workspaceId, role) ?? 'CLIENT_ORGANIZATION_VIEWER' },
  },
  noCorsExpose: {
    id: 'no-cors-expose',
    description: 'does not expose X-AUTH-TOKEN to browser scripts',
    wraps: { corsOptions: (options) => () => ({ ...options(), exposedHeaders: [] }) },
  },
} as const satisfies Record<string, SeamFault<VntanaSeams>>;

export const VNTANA_FAULT_CATALOG: FaultDefinition[] = [...VNTANA_TOKEN_FAULTS, ...Object.values(VNTANA_FAULTS)];
