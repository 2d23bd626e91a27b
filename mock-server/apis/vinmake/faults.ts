/** The bugs the VinMake mock can be started with, to prove the suite catches each; each wraps seams (seams.ts). */
import { tellingUnknownAccounts } from '../../core/password-check.ts';
import type { FaultDefinition } from '../../core/faults.ts';
import { HttpError } from '../../core/http-error.ts';
import { mailedTokenOwner } from '../../core/mailed-tokens.ts';
import { withoutMember, type SeamFault } from '../../core/seams.ts';
import { TOKEN_FAULTS, type TokenFault } from '../../core/token-faults.ts';
import { VINMAKE_ERRORS } from './errors.ts';
import type { VinmakeSeams } from './seams.ts';
import { findUserByEmail } from './state.ts';

export const VINMAKE_TOKEN_FAULTS: readonly TokenFault[] = Object.values(TOKEN_FAULTS);

export const VINMAKE_FAULTS = {
  ignoreRoleCheck: { id: 'ignore-role-check', description: 'lets every user through role checks', wraps: { roleAllows: () => () => true } },
  leakClientData: {
    id: 'leak-client-data',
    description: "shows client users every client's records and materials",
    wraps: { confinedClientId: () => () => null },
  },
  revokedKeyWorks: {
    id: 'revoked-key-works',
    description: 'keeps accepting revoked API keys',
    wraps: { apiKeyUsable: (usable) => (record, nowMs) => usable({ ...record, revokedAt: null }, nowMs) },
  },
  unauthenticatedAs403: {
    id: 'unauthenticated-as-403',
    description: 'answers a missing credential with 403 instead of 401',
    wraps: {
      writeError: (write) => (error, req, res, next) => {
        const missing = error instanceof HttpError && error.code === VINMAKE_ERRORS.notAuthenticated.code;
        write(missing ? new HttpError(403, error.code, error.message, error.headers) : error, req, res, next);
      },
    },
  },
  errorBodyAsText: {
    id: 'error-body-as-text',
    description: 'writes errors as text/plain instead of {"detail"}',
    wraps: {
      writeError: (write) => (error, req, res, next) => {
        if (error instanceof HttpError) res.set(error.headers).status(error.status).type('text/plain').send(error.message);
        else write(error, req, res, next);
      },
    },
  },
  loginEnumeration: {
    id: 'login-enumeration',
    description: 'tells an unknown e-mail apart from a wrong password',
    wraps: {
      checkPassword: (check) => tellingUnknownAccounts(check, (context, email) => findUserByEmail(context.state, email) !== undefined, VINMAKE_ERRORS.invalidCredentials),
    },
  },
  loginMissingTokenType: {
    id: 'login-missing-token-type',
    description: 'omits token_type from the login response',
    wraps: { answerLogin: (answer) => (body) => withoutMember(answer(body), 'token_type') },
  },
  resetTokenReusable: {
    id: 'reset-token-reusable',
    description: 'accepts a password reset link more than once',
    breaksInference: "the document does not say a reset link works once, and the completion page is the mock's own",
    wraps: { redeemResetToken: () => (context, token) => mailedTokenOwner(context.state.resetTokens, context.clock, token) },
  },
} as const satisfies Record<string, SeamFault<VinmakeSeams>>;

export const VINMAKE_FAULT_CATALOG: FaultDefinition[] = [...VINMAKE_TOKEN_FAULTS, ...Object.values(VINMAKE_FAULTS)];
