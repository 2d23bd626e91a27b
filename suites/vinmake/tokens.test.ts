import { jwtVerify } from 'jose';
import { expect } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from '../harness/jwt.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { ROLE_OF, login, rule, startFromSeed } from './suite.ts';

startFromSeed();

rule(
  'VM-TOKEN-001',
  'The access token is a compact JWT: three base64url parts with a JSON header naming its alg',
  seed('VinMake uses Supabase Auth with JWT (JSON Web Tokens) for secure API access.'),
  async (t) => {
    const { access_token } = await login(t, 'admin');
    expect(access_token.split('.')).toHaveLength(3);
    expect(typeof decodeProtectedHeader(access_token).alg).toBe('string');
    expect(typeof decodeJwt(access_token)).toBe('object');
  },
);

rule(
  'VM-TOKEN-002',
  'The token claims carry a sub, and the email and role of the user who logged in',
  realClients('The example token in the seed decodes to claims `sub`, `email`, `role` (the VinMake role), `exp`.'),
  async (t) => {
    for (const role of ['admin', 'client'] as const) {
      const body = await login(t, role);
      const claims = decodeJwt(body.access_token);
      expect(typeof claims.sub).toBe('string');
      expect((claims.sub as string).length).toBeGreaterThan(0);
      expect(String(claims.email).toLowerCase()).toBe(t.account(role).username.toLowerCase());
      expect(claims.role).toBe(ROLE_OF[role]);
    }
  },
);

rule(
  'VM-TOKEN-003',
  'The token\'s exp is one hour after issue: exp - iat = 3600 where iat is present, else exp within two minutes of now + 3600',
  seed('Access tokens expire after 1 hour.'),
  async (t) => {
    const before = Math.floor(Date.now() / 1000);
    const body = await login(t, 'staff');
    const { iat, exp } = decodeJwt(body.access_token);
    expect(typeof exp).toBe('number');
    if (typeof iat === 'number') expect((exp as number) - iat).toBe(3600);
    else expect(Math.abs((exp as number) - (before + 3600))).toBeLessThanOrEqual(120);
  },
);

rule(
  'VM-TOKEN-004',
  'The token carries Supabase\'s audience "authenticated" and an issuer ending in /auth/v1',
  inferred('Supabase Auth itself puts aud "authenticated" and iss ".../auth/v1" in its tokens, but VinMake\'s example token carries only sub, email, role and exp'),
  async (t) => {
    const claims = decodeJwt((await login(t, 'client')).access_token);
    expect(claims.aud === 'authenticated' || (Array.isArray(claims.aud) && claims.aud.includes('authenticated'))).toBe(true);
    expect(claims.iss).toMatch(/\/auth\/v1$/);
  },
);

rule(
  'VM-TOKEN-005',
  'An HS256 token\'s signature verifies with the project\'s JWT secret',
  realClients('Supabase Auth itself signs HS256 with the project secret (or asymmetric keys with a `kid`, public keys at `/.well-known/jwks.json`)'),
  async (t) => {
    const secret = t.jwtSecret();
    const { access_token } = await login(t, 'admin');
    if (decodeProtectedHeader(access_token).alg !== 'HS256') t.skip('not-applicable', 'the target signs with an asymmetric key, not the shared secret');
    await expect(jwtVerify(access_token, new TextEncoder().encode(secret), { algorithms: ['HS256'] })).resolves.toBeTruthy();
  },
);

rule(
  'VM-TOKEN-006',
  'Two logins of one user give different tokens',
  inferred('each login is a new Supabase session (session_id, iat); equal tokens would mean a cached or static token'),
  async (t) => {
    const first = await login(t, 'client');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await login(t, 'client');
    expect(second.access_token).not.toBe(first.access_token);
  },
);

rule(
  'VM-TOKEN-007',
  'The access token is signed HS256',
  inferred('the example token\'s header reads {"alg":"HS256","typ":"JWT"} and Supabase signs HS256 with the project secret by default; Supabase may also sign with an asymmetric key'),
  async (t) => {
    expect(decodeProtectedHeader((await login(t, 'admin')).access_token).alg).toBe('HS256');
  },
);

rule(
  'VM-TOKEN-008',
  'The token\'s sub is the id of the login response\'s user',
  inferred('in Supabase tokens sub is the user\'s id; the document\'s example shows "sub": "user-uuid" and "id": "uuid-here" without saying they are equal'),
  async (t) => {
    const body = await login(t, 'client');
    expect(decodeJwt(body.access_token).sub).toBe(body.user.id);
  },
);
