/** The bugs the VinMake mock can be started with, to prove the suite catches each. */
import { TOKEN_FAULTS, type FaultDefinition } from '../../core/faults.ts';

export const VINMAKE_FAULTS = {
  ...TOKEN_FAULTS,
  ignoreRoleCheck: { id: 'ignore-role-check', description: 'lets every user through role checks' },
  leakClientData: { id: 'leak-client-data', description: "shows client users every client's records and materials" },
  revokedKeyWorks: { id: 'revoked-key-works', description: 'keeps accepting revoked API keys' },
  unauthenticatedAs403: { id: 'unauthenticated-as-403', description: 'answers a missing credential with 403 instead of 401' },
  errorBodyAsText: { id: 'error-body-as-text', description: 'writes errors as text/plain instead of {"detail"}' },
  loginEnumeration: { id: 'login-enumeration', description: 'tells an unknown e-mail apart from a wrong password' },
  loginMissingTokenType: { id: 'login-missing-token-type', description: 'omits token_type from the login response' },
  resetTokenReusable: {
    id: 'reset-token-reusable',
    description: 'accepts a password reset link more than once',
    breaksInference: 'the document does not say a reset link works once, and the completion page is the mock\'s own',
  },
} as const satisfies Record<string, FaultDefinition>;

export const VINMAKE_FAULT_CATALOG: FaultDefinition[] = Object.values(VINMAKE_FAULTS);
