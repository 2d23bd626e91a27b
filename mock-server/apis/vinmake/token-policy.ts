/** The standard claims and lifetime of VinMake access tokens, as Supabase Auth sets them. */

/** "Lifetime: 1 hour (3600 seconds)" */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600 as const;
export const TOKEN_ISSUER = 'https://mock.vinmake.test/auth/v1';
export const TOKEN_AUDIENCE = 'authenticated';
