import { jwtVerify } from 'jose';
import { expect } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from '../harness/jwt.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { ROLE_OF, login, rule, startFromSeed } from './suite.ts';

startFromSeed();

rule(
  'VM-TOKEN-001',
  'The access token is a compact JWS signed HS256',
  seed('VinMake uses Supabase Auth with JWT (JSON Web Tokens) for secure API access.'),
  async (t) => {
    const { access_token } = await login(t, 'admin');
    expect(access_token.split('.')).toHaveLength(3);
    expect(decodeProtectedHeader(access_token).alg).toBe('HS256');
  },
);

rule(
  'VM-TOKEN-002',
  'The token claims carry sub, email and role of the user who logged in',
  realClients('The example token in the seed decodes to claims sub, email, role (the VinMake role), exp.'),
  async (t) => {
    for (const role of ['admin', 'client'] as const) {
      const body = await login(t, role);
      const claims = decodeJwt(body.access_token);
      expect(claims.sub).toBe(body.user.id);
      expect(claims.email).toBe(body.user.email);
      expect(claims.role).toBe(ROLE_OF[role]);
    }
  },
);

rule(
  'VM-TOKEN-003',
  'exp - iat equals expires_in, which is 3600 seconds',
  seed('Access tokens expire after 1 hour.'),
  async (t) => {
    const body = await login(t, 'staff');
    const { iat, exp } = decodeJwt(body.access_token);
    expect(typeof iat).toBe('number');
    expect(typeof exp).toBe('number');
    expect((exp as number) - (iat as number)).toBe(body.expires_in);
    expect(body.expires_in).toBe(3600);
  },
);

rule(
  'VM-TOKEN-004',
  'The token carries Supabase\'s audience "authenticated" and an issuer ending in /auth/v1',
  realClients('its claims are sub, aud ("authenticated"), iat, exp, iss (`.../auth/v1`)'),
  async (t) => {
    const claims = decodeJwt((await login(t, 'client')).access_token);
    expect(claims.aud === 'authenticated' || (Array.isArray(claims.aud) && claims.aud.includes('authenticated'))).toBe(true);
    expect(claims.iss).toMatch(/\/auth\/v1$/);
  },
);

rule(
  'VM-TOKEN-005',
  'The token signature verifies with the project\'s JWT secret',
  realClients('Supabase Auth itself signs HS256 with the project secret'),
  async (t) => {
    const secret = t.jwtSecret();
    const { access_token } = await login(t, 'admin');
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
