/** Keeps credentials out of failure messages: JWTs and API keys are masked wherever they appear. */
// Also a token cut short by a truncated body: header and a dot are enough to mask it.
const JWT = /eyJ[\w-]*\.[\w-]*(?:\.[\w-]*)?/g;
const API_KEY = /\b(vmk|mchx)_[\w-]{6,}/g;

export function redactSecrets(text: string): string {
  return text.replace(JWT, '[redacted-jwt]').replace(API_KEY, (_match, prefix: string) => `${prefix}_[redacted]`);
}
