import { expect } from 'vitest';
import { expectHeader, expectStatus } from '../harness/expect-http.ts';
import { bearer, type HttpResponse } from '../harness/http.ts';
import { decodeJwt, signHs256, withAlgNone, withEditedClaims, withFlippedSignature, withoutSignature } from '../harness/jwt.ts';
import { inferred, seed } from '../harness/rule.ts';
import { rule, spec, startFromSeed, tokenOf, vinmake } from './suite.ts';

startFromSeed();

const TAMPERING = seed('Re-authenticate when you receive a 401 response');

/** A forged token must be refused as unauthenticated: 401 in the {detail} shape, never 200 or 403. */
function expectRefused(response: HttpResponse, operationId: string): void {
  expectStatus(response, 401);
  expectHeader(response, 'www-authenticate', /^Bearer/);
  spec.expectMatches(operationId, response);
}

rule('VM-JWT-001', 'A token re-headed as alg "none" with no signature is refused with 401', TAMPERING, async (t) => {
  const forged = withAlgNone(await tokenOf(t, 'admin'));
  expectRefused(await vinmake.http.get('/auth/test/client', { headers: bearer(forged) }), 'testClientRole');
});

rule('VM-JWT-002', 'A token whose payload was edited keeps no authority: 401', TAMPERING, async (t) => {
  const forged = withEditedClaims(await tokenOf(t, 'staff'), { email: 'someone-else@vinmake.test' });
  expectRefused(await vinmake.http.get('/api/v1/clients', { headers: bearer(forged) }), 'listClients');
});

rule('VM-JWT-003', 'A token with one signature character changed is refused with 401', TAMPERING, async (t) => {
  const forged = withFlippedSignature(await tokenOf(t, 'staff'));
  expectRefused(await vinmake.http.get('/api/v1/clients', { headers: bearer(forged) }), 'listClients');
});

rule('VM-JWT-004', 'A token stripped of its signature is refused with 401', TAMPERING, async (t) => {
  const forged = withoutSignature(await tokenOf(t, 'staff'));
  expectRefused(await vinmake.http.get('/api/v1/clients', { headers: bearer(forged) }), 'listClients');
});

rule(
  'VM-JWT-005',
  "A client's token edited to role admin is refused with 401 on the admin endpoint",
  seed('Each endpoint returns 200 OK only if you have the required role level or higher.'),
  async (t) => {
    const forged = withEditedClaims(await tokenOf(t, 'client'), { role: 'admin' });
    expectRefused(await vinmake.http.get('/auth/test/admin', { headers: bearer(forged) }), 'testAdminRole');
  },
);

rule(
  'VM-JWT-006',
  "A staff token edited to another user's sub is refused with 401",
  inferred('sub names the account; a server that trusts an edited sub lets anyone act as anyone'),
  async (t) => {
    const adminId = decodeJwt(await tokenOf(t, 'admin')).sub as string;
    const forged = withEditedClaims(await tokenOf(t, 'staff'), { sub: adminId, role: 'admin' });
    expectRefused(await vinmake.http.get('/api/v1/api-keys', { headers: bearer(forged) }), 'listApiKeys');
  },
);

rule(
  'VM-JWT-007',
  'A well-formed token signed with another secret is refused with 401',
  inferred('only the project secret may sign; any other key is an attacker\'s'),
  async (t) => {
    const claims = decodeJwt(await tokenOf(t, 'admin'));
    const forged = await signHs256(claims, 'an-attacker-chosen-secret-of-enough-length');
    expectRefused(await vinmake.http.get('/auth/test/admin', { headers: bearer(forged) }), 'testAdminRole');
  },
);

rule(
  'VM-JWT-008',
  'A token correctly signed but already expired is refused with 401',
  seed('Access tokens expire after 1 hour.'),
  async (t) => {
    const secret = t.jwtSecret();
    const claims = decodeJwt(await tokenOf(t, 'admin'));
    const now = Math.floor(Date.now() / 1000);
    const expired = await signHs256({ ...claims, iat: now - 7200, exp: now - 3600 }, secret);
    expectRefused(await vinmake.http.get('/auth/test/admin', { headers: bearer(expired) }), 'testAdminRole');
  },
);

rule(
  'VM-JWT-009',
  'A correctly signed token for another audience is refused with 401',
  inferred('Supabase tokens carry aud "authenticated"; a token minted for another audience is not an API session'),
  async (t) => {
    const secret = t.jwtSecret();
    const claims = decodeJwt(await tokenOf(t, 'admin'));
    const forged = await signHs256({ ...claims, aud: 'some-other-service' }, secret);
    expectRefused(await vinmake.http.get('/auth/test/admin', { headers: bearer(forged) }), 'testAdminRole');
  },
);

rule(
  'VM-JWT-010',
  'Garbage and oversized bearer values answer 401, never 500',
  inferred('bad input gets a clear error in the API\'s own shape; a crash on a header is a denial of service'),
  async () => {
    for (const value of ['garbage', 'a.b.c', 'e30.e30.', '....', 'x'.repeat(6000)]) {
      const response = await vinmake.http.get('/api/v1/clients', { headers: bearer(value) });
      expectStatus(response, 401);
      expect(typeof response.json<{ detail: unknown }>().detail).toBe('string');
    }
  },
);
