/**
 * VinMake-specific forgeries. The generic attacks (alg none, edited payload, changed or stripped
 * signature, expired, no exp, nbf, iss, aud, kid, garbage, oversize) run for every API in
 * suites/cross/battery.test.ts; the rules here are the ones that only make sense for VinMake's roles.
 */
import { expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { decodeJwt, signHs256, withEditedClaims } from '../harness/jwt.ts';
import { standard } from '../harness/rule.ts';
import { rule, startFromSeed, tokenOf, vinmake } from './suite.ts';

startFromSeed();

const SIGNED = standard('RFC 7515 §5.2 and RFC 7519 §7.2: a JWS whose signature does not validate MUST be rejected; the document: "VinMake uses Supabase Auth with JWT (JSON Web Tokens) for secure API access."');

rule(
  'VM-JWT-005',
  "A client's token edited to role admin opens nothing: the admin role test refuses it with 401 or 403",
  SIGNED,
  async (t) => {
    const forged = withEditedClaims(await tokenOf(t, 'client'), { role: 'admin' });
    const response = await vinmake.http.get('/auth/test/admin', { headers: bearer(forged) });
    expectStatus(response, 401, 403);
    expect(typeof response.json<{ detail?: unknown }>().detail).toBe('string');
  },
);

rule(
  'VM-JWT-007',
  "An admin's claims signed HS256 with another secret are refused by the admin role test with 401",
  SIGNED,
  async (t) => {
    const claims = decodeJwt(await tokenOf(t, 'admin'));
    const forged = await signHs256(claims, 'an-attacker-chosen-secret-of-enough-length');
    const response = await vinmake.http.get('/auth/test/admin', { headers: bearer(forged) });
    expectStatus(response, 401);
    expect(typeof response.json<{ detail?: unknown }>().detail).toBe('string');
  },
);
