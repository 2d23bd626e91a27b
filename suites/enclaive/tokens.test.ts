import { bodyless } from '../harness/http.ts';
import { afterEach, expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { decodeJwt, signHs256, withAlgNone, withEditedClaims, withFlippedSignature, withoutSignature } from '../harness/jwt.ts';
import { inferred, seed } from '../harness/rule.ts';
import { enclaive, expectError, http, rule, seededUserToken, spec, startFromSeed, tokensOf, withToken } from './suite.ts';

startFromSeed();
afterEach(async () => {
  await (await enclaive.findControlPlane())?.resetClock();
});

const TAMPER_PROOF = seed('JWTs are signed with a secret key, which ensures that they are tamper-proof.');
const refreshWith = (token: string) => http.get('/api/refresh', withToken(token));

rule(
  'EN-REFRESH-001',
  'GET /api/refresh with a Bearer userToken answers 200 with fresh tokens',
  seed('GET {{BASE_URL}}/api/refresh Update jwt tokens.'),
  async (t) => {
    const token = await seededUserToken(t);
    const response = await refreshWith(token);
    expectStatus(response, 200);
    spec.expectMatches('refresh', response);
    expect(tokensOf(response).userToken).not.toBe(token);
    expectStatus(await http.get('/api/teams/current', withToken(tokensOf(response).userToken)), 200);
  },
);

rule(
  'EN-REFRESH-002',
  'A refreshed-away token is retired: using it again answers 401',
  inferred('rotation: a stolen token that was refreshed by its owner stops working'),
  async (t) => {
    const token = await seededUserToken(t);
    expectStatus(await refreshWith(token), 200);
    expectError(await refreshWith(token), 401);
  },
);

rule(
  'EN-REFRESH-003',
  'An expired userToken cannot be refreshed: 401',
  seed('They also contain an expiration date, which helps to prevent them from being used after they have expired.'),
  async (t) => {
    const control = await t.controlPlane('moves the server clock past the token lifetime');
    const token = await seededUserToken(t);
    const { iat, exp } = decodeJwt(token);
    await control.advanceClock((exp as number) - (iat as number) + 1);
    const response = await refreshWith(token);
    expectError(response, 401);
    spec.expectMatches('refresh', response);
  },
);

rule(
  'EN-REFRESH-004',
  'Refresh without a Bearer token, or with another scheme, answers 401',
  seed('The format of the Authorization header is as follows: Authorization: Bearer <jwt>'),
  async (t) => {
    expectError(await http.get('/api/refresh'), 401);
    expectError(await http.get('/api/refresh', { headers: { authorization: `Token ${await seededUserToken(t)}` } }), 401);
  },
);

rule(
  'EN-REFRESH-005',
  'Only an Authorization value of exactly "Bearer <token>" is accepted',
  seed('The format of the Authorization header is as follows: Authorization: Bearer <jwt>'),
  async (t) => {
    const token = await seededUserToken(t);
    for (const value of [`xBearer ${token}`, `Bearer ${token} extra`, `${token}`]) {
      expectError(await http.get('/api/teams/current', { headers: { authorization: value } }), 401);
    }
    expectStatus(await http.get('/api/teams/current', withToken(token)), 200);
  },
);

rule('EN-JWT-001', 'A userToken re-headed as alg "none" answers 401', TAMPER_PROOF, async (t) => {
  expectError(await refreshWith(withAlgNone(await seededUserToken(t))), 401);
});

rule('EN-JWT-002', 'A userToken whose payload was edited answers 401', TAMPER_PROOF, async (t) => {
  expectError(await refreshWith(withEditedClaims(await seededUserToken(t), { email: 'someone-else@example.test' })), 401);
});

rule('EN-JWT-003', 'A userToken with one signature character changed answers 401', TAMPER_PROOF, async (t) => {
  expectError(await refreshWith(withFlippedSignature(await seededUserToken(t))), 401);
});

rule('EN-JWT-004', 'A userToken stripped of its signature answers 401', TAMPER_PROOF, async (t) => {
  expectError(await refreshWith(withoutSignature(await seededUserToken(t))), 401);
});

rule('EN-JWT-005', 'A userToken signed with another secret answers 401', TAMPER_PROOF, async (t) => {
  const claims = decodeJwt(await seededUserToken(t));
  expectError(await refreshWith(await signHs256(claims, 'an-attacker-chosen-secret-of-enough-length')), 401);
});

rule(
  'EN-JWT-006',
  'A userToken correctly signed but expired answers 401',
  seed('They also contain an expiration date, which helps to prevent them from being used after they have expired.'),
  async (t) => {
    const secret = t.jwtSecret();
    const claims = decodeJwt(await seededUserToken(t));
    const now = Math.floor(Date.now() / 1000);
    expectError(await refreshWith(await signHs256({ ...claims, iat: now - 7200, exp: now - 3600 }, secret)), 401);
  },
);

rule(
  'EN-JWT-007',
  'Garbage and oversized bearer values answer 401, never 500',
  inferred('bad input gets a clear error in the API\'s own shape; a crash on a header is a denial of service'),
  async () => {
    for (const value of ['garbage', 'a.b.c', 'e30.e30.', 'x'.repeat(6000)]) expectError(await refreshWith(value), 401);
  },
);

rule(
  'EN-SHAPE-001',
  'Every secured operation answers 401 in the error shape without a token',
  seed('To authenticate with our API, users must include their JWT in the Authorization header of their HTTP requests.'),
  async () => {
    const secured = enclaive.spec.operations().filter((operation) => operation.secured);
    expect(secured.length).toBeGreaterThan(3);
    for (const operation of secured) {
      const path = operation.path.replace(/\{[^}]+\}/g, '65a000000000000000000000');
      const response = await http.send(operation.method.toUpperCase(), path, bodyless(operation.method) ? {} : { json: {} });
      expectError(response, 401);
      spec.expectMatches(operation.operationId, response);
    }
  },
);
