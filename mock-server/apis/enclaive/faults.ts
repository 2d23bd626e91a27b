/** The bugs the enclaive mock can be started with, to prove the suite catches each; each wraps seams (seams.ts). */
import type { FaultDefinition } from '../../core/faults.ts';
import { httpError } from '../../core/http-error.ts';
import { mailedTokenOwner } from '../../core/mailed-tokens.ts';
import { withoutMember, type SeamFault } from '../../core/seams.ts';
import { TOKEN_FAULTS, type TokenFault } from '../../core/token-faults.ts';
import { ENCLAIVE_ERRORS } from './errors.ts';
import type { EnclaiveSeams } from './seams.ts';
import { findUserByEmail } from './state.ts';
import { createDefaultTeam } from './teams.ts';

export const ENCLAIVE_TOKEN_FAULTS: readonly TokenFault[] = Object.values({
  ...TOKEN_FAULTS,
  wrongLifetime: { ...TOKEN_FAULTS.wrongLifetime, breaksInference: "enclaive publishes no token lifetime; the mock's is one hour" },
});

/** Long enough that every registration racing the first has passed the address check before it inserts. */
const RACE_WINDOW_MS = 300;

export const ENCLAIVE_FAULTS = {
  verificationTokenReusable: {
    id: 'verification-token-reusable',
    description: 'accepts a verification link more than once',
    breaksInference: 'the document does not say a verification link works once',
    wraps: { redeemVerificationToken: () => (context, token) => mailedTokenOwner(context.state.verificationTokens, context.clock, token) },
  },
  resetTokenReusable: {
    id: 'reset-token-reusable',
    description: 'accepts a reset token more than once',
    breaksInference: 'the document does not say a reset token works once',
    wraps: { redeemResetToken: () => (context, token) => mailedTokenOwner(context.state.resetTokens, context.clock, token) },
  },
  forgotEnumeration: {
    id: 'forgot-enumeration',
    description: 'answers forgot-passsword differently for unknown e-mails',
    breaksInference: 'the document shows one answer and says nothing of unknown addresses',
    wraps: {
      accountToRecover: (find) => (context, email) => {
        const user = find(context, email);
        if (!user) throw httpError({ ...ENCLAIVE_ERRORS.notFound, message: 'User not found' });
        return user;
      },
    },
  },
  registerRace: {
    id: 'register-race',
    description: 'lets racing registrations of one e-mail make twin accounts',
    breaksInference: 'that an address registers once is read from exist-email, not stated',
    // The race is forced, not hoped for: the address is checked, nothing reserved, and the insert waits.
    wraps: {
      reserveEmail: () => async (context, email) => {
        if (findUserByEmail(context.state, email)) throw httpError(ENCLAIVE_ERRORS.emailTaken);
        await new Promise((resolve) => setTimeout(resolve, RACE_WINDOW_MS));
        return () => undefined;
      },
    },
  },
  resetKeepsTokens: {
    id: 'reset-keeps-tokens',
    description: 'leaves tokens issued before a password reset alive',
    breaksInference: 'the document does not say a reset ends earlier tokens',
    wraps: { endTokensOf: () => () => undefined },
  },
  refreshKeepsOldToken: {
    id: 'refresh-keeps-old-token',
    description: 'does not retire the token a refresh was made with',
    breaksInference: '"Update jwt tokens." does not say the old ones stop working',
    wraps: { retireToken: () => () => undefined },
  },
  loginMissingVaultToken: {
    id: 'login-missing-vault-token',
    description: 'omits vaultToken from the login response',
    wraps: { answerLogin: (answer) => (tokens) => withoutMember(answer(tokens), 'vaultToken') },
  },
  unverifiedTeamAccess: {
    id: 'unverified-team-access',
    description: 'gives an account its default team at registration, before its e-mail is confirmed, and lets it use teams and projects',
    wraps: { registered: () => (context, user) => createDefaultTeam(context, user, false), mayUseTeams: () => () => true },
  },
} as const satisfies Record<string, SeamFault<EnclaiveSeams>>;

export const ENCLAIVE_FAULT_CATALOG: FaultDefinition[] = [...ENCLAIVE_TOKEN_FAULTS, ...Object.values(ENCLAIVE_FAULTS)];
