/** The bugs the VNTANA mock can be started with, to prove the suite catches each. */
import { TOKEN_FAULTS, type FaultDefinition } from '../../core/faults.ts';

export const VNTANA_FAULTS = {
  ...TOKEN_FAULTS,
  refreshKeepsOldToken: { id: 'refresh-keeps-old-token', description: 'does not revoke the previous token on refresh' },
  logoutNoop: { id: 'logout-noop', description: 'answers logout but keeps the token alive' },
  acceptRawToken: {
    id: 'accept-raw-token',
    description: 'accepts X-AUTH-TOKEN without the Bearer prefix',
    breaksInference: 'clients send "Bearer <token>", but no source says a raw token is refused',
  },
  ownerGetsWorkspaceToken: { id: 'owner-gets-workspace-token', description: 'gives owners and admins a workspace token' },
  tokenHeaderOnData: { id: 'token-header-on-data', description: 'sends x-auth-token on data responses' },
  badTokenAs401: { id: 'bad-token-as-401', description: 'answers bad tokens with 401 UNAUTHORIZED instead of 403 FORBIDDEN' },
  errorShapeWrong: { id: 'error-shape-wrong', description: 'writes errors as {"error": CODE}' },
  memberSeesAllWorkspaces: { id: 'member-sees-all-workspaces', description: 'lists every workspace to organization members' },
  noCorsExpose: { id: 'no-cors-expose', description: 'does not expose X-AUTH-TOKEN to browser scripts' },
} as const satisfies Record<string, FaultDefinition>;

export const VNTANA_FAULT_CATALOG: FaultDefinition[] = Object.values(VNTANA_FAULTS);
