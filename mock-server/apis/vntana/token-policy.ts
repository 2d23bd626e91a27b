/** The claims and lifetime of VNTANA tokens. */

/** "Tokens live 30 days" (docs/sources.md). */
export const TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;
export const TOKEN_ISSUER = 'https://mock.vntana.test';
export const TOKEN_AUDIENCE = 'vntana-platform';
