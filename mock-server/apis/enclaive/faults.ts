/** The bugs the enclaive mock can be started with, to prove the suite catches each. */
import { TOKEN_FAULTS, type FaultDefinition } from '../../core/faults.ts';

export const ENCLAIVE_FAULTS = {
  ...TOKEN_FAULTS,
  verificationTokenReusable: { id: 'verification-token-reusable', description: 'accepts a verification link more than once' },
  resetTokenReusable: { id: 'reset-token-reusable', description: 'accepts a reset token more than once' },
  forgotEnumeration: { id: 'forgot-enumeration', description: 'answers forgot-passsword differently for unknown e-mails' },
  registerRace: { id: 'register-race', description: 'lets racing registrations of one e-mail make twin accounts' },
  resetKeepsTokens: { id: 'reset-keeps-tokens', description: 'leaves tokens issued before a password reset alive' },
  refreshKeepsOldToken: { id: 'refresh-keeps-old-token', description: 'does not retire the token a refresh was made with' },
  errorShapeWrong: { id: 'error-shape-wrong', description: 'writes errors as {"error": message}' },
  loginMissingVaultToken: { id: 'login-missing-vault-token', description: 'omits vaultToken from the login response' },
  unverifiedTeamAccess: { id: 'unverified-team-access', description: 'lets unverified accounts use teams and projects' },
} as const satisfies Record<string, FaultDefinition>;

export const ENCLAIVE_FAULT_CATALOG: FaultDefinition[] = Object.values(ENCLAIVE_FAULTS);
