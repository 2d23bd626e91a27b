/** The bugs the enclaive mock can be started with, to prove the suite catches each. */
import { TOKEN_FAULTS, type FaultDefinition } from '../../core/faults.ts';

export const ENCLAIVE_FAULTS = {
  ...TOKEN_FAULTS,
  wrongLifetime: { ...TOKEN_FAULTS.wrongLifetime, breaksInference: 'enclaive publishes no token lifetime; the mock\'s is one hour' },
  verificationTokenReusable: {
    id: 'verification-token-reusable',
    description: 'accepts a verification link more than once',
    breaksInference: 'the document does not say a verification link works once',
  },
  resetTokenReusable: { id: 'reset-token-reusable', description: 'accepts a reset token more than once', breaksInference: 'the document does not say a reset token works once' },
  forgotEnumeration: {
    id: 'forgot-enumeration',
    description: 'answers forgot-passsword differently for unknown e-mails',
    breaksInference: 'the document shows one answer and says nothing of unknown addresses',
  },
  registerRace: {
    id: 'register-race',
    description: 'lets racing registrations of one e-mail make twin accounts',
    breaksInference: 'that an address registers once is read from exist-email, not stated',
  },
  resetKeepsTokens: { id: 'reset-keeps-tokens', description: 'leaves tokens issued before a password reset alive', breaksInference: 'the document does not say a reset ends earlier tokens' },
  refreshKeepsOldToken: {
    id: 'refresh-keeps-old-token',
    description: 'does not retire the token a refresh was made with',
    breaksInference: '"Update jwt tokens." does not say the old ones stop working',
  },
  loginMissingVaultToken: { id: 'login-missing-vault-token', description: 'omits vaultToken from the login response' },
  unverifiedTeamAccess: { id: 'unverified-team-access', description: 'gives an account its default team at registration, before its e-mail is confirmed, and lets it use teams and projects' },
} as const satisfies Record<string, FaultDefinition>;

export const ENCLAIVE_FAULT_CATALOG: FaultDefinition[] = Object.values(ENCLAIVE_FAULTS);
