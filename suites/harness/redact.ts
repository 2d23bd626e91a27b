/**
 * Keeps credentials out of failure messages and reports: JWTs and API keys are masked by their
 * shape wherever they appear, and every other secret the run handles (passwords, opaque tokens,
 * personal access tokens, signing secrets) by its value once it has been registered.
 */
// Also a token cut short by a truncated body: header and a dot are enough to mask it.
const JWT = /eyJ[\w-]*\.[\w-]*(?:\.[\w-]*)?/g;
const API_KEY = /\b(vmk|mchx)_[\w-]{6,}/g;
// Short values would mask ordinary words; the rules' secrets are all longer.
const MIN_SECRET_LENGTH = 6;

const known = new Set<string>();

/** A value that must never be printed: masked wherever it shows up from now on. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) known.add(value);
}

export function redactSecrets(text: string): string {
  let masked = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const secret of [...known].sort((a, b) => b.length - a.length)) masked = masked.split(secret).join('[redacted]');
  return masked.replace(JWT, '[redacted-jwt]').replace(API_KEY, (_match, prefix: string) => `${prefix}_[redacted]`);
}

/** Credentials handed to the run through the environment (a profile's references end up there too). */
export function registerSecretsFromEnv(env: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(env)) {
    if (/(PASSWORD|SECRET|_PAT|TOKEN|API_KEY)$/.test(name)) registerSecret(value);
  }
}

registerSecretsFromEnv(process.env);
