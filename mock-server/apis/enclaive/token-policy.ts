/** The claims and lifetimes of enclaive tokens; the vendor publishes none, so these are the mock's. */

/** userToken and vaultToken both live one hour; GET /api/refresh renews them. */
export const TOKEN_LIFETIME_SECONDS = 3600;
export const TOKEN_ISSUER = 'https://mock.enclaive.test';
export const USER_TOKEN_AUDIENCE = 'enclaive-api';
export const VAULT_TOKEN_AUDIENCE = 'enclaive-vault';
