import { bodyless } from '../harness/http.ts';
import { afterEach, expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { CLOCK_LEEWAY_SECONDS, decodeJwt, signHs256, withAlgNone } from '../harness/jwt.ts';
import { inferred, seed } from '../harness/rule.ts';
import { agedBy, enclaive, expectRefused, http, lifetimeOf, rule, seededUserToken, spec, startFromSeed, tokensOf, withToken } from './suite.ts';

startFromSeed();
afterEach(async () => {
  await (await enclaive.findControlPlane())?.resetClock();
});

const refreshWith = (token: string) => http.get('/api/refresh', withToken(token));

rule(
  'EN-REFRESH-001',
  'GET /api/refresh with a Bearer userToken answers 200 with tokens; the new userToken expires no earlier and is accepted',
  seed('GET {{BASE_URL}}/api/refresh Update jwt tokens.'),
  async (t) => {
    const token = await seededUserToken(t);
    const response = await refreshWith(token);
    expectStatus(response, 200);
    spec.expectMatches('refresh', response);
    const fresh = tokensOf(response).userToken;
    expect(decodeJwt(fresh).exp as number).toBeGreaterThanOrEqual(decodeJwt(token).exp as number);
    expectStatus(await refreshWith(fresh), 200);
  },
);

rule(
  'EN-REFRESH-002',
  'A refreshed-away token is retired: using it again is refused (401 or 403)',
  inferred('rotation: a stolen token that was refreshed by its owner stops working'),
  async (t) => {
    const token = await seededUserToken(t);
    expectStatus(await refreshWith(token), 200);
    expectRefused(await refreshWith(token));
  },
);

rule(
  'EN-REFRESH-003',
  'An expired userToken cannot be refreshed: refused (401 or 403)',
  seed('They also contain an expiration date, which helps to prevent them from being used after they have expired.'),
  async (t) => {
    const token = await seededUserToken(t);
    const response = await refreshWith(await agedBy(t, token, lifetimeOf(token) + CLOCK_LEEWAY_SECONDS));
    expectRefused(response);
    spec.expectMatches('refresh', response);
  },
);

rule(
  'EN-REFRESH-004',
  'Refresh without an Authorization header, or with another scheme than Bearer, is refused (401 or 403)',
  seed('The format of the Authorization header is as follows: Authorization: Bearer <jwt>'),
  async (t) => {
    expectRefused(await http.get('/api/refresh'));
    expectRefused(await http.get('/api/refresh', { headers: { authorization: `Token ${await seededUserToken(t)}` } }));
  },
);

rule(
  'EN-REFRESH-005',
  'Only an Authorization value of the form "Bearer <jwt>" is accepted: a prefixed scheme, a trailing word or a bare token are refused (401 or 403)',
  seed('The format of the Authorization header is as follows: Authorization: Bearer <jwt>'),
  async (t) => {
    const token = await seededUserToken(t);
    for (const value of [`xBearer ${token}`, `Bearer ${token} extra`, `${token}`]) {
      expectRefused(await http.get('/api/refresh', { headers: { authorization: value } }));
    }
    expectStatus(await refreshWith(token), 200);
  },
);

rule(
  'EN-JWT-005',
  'GET /api/refresh verifies what it refreshes: a userToken signed with another secret, or re-headed alg "none", is refused (401 or 403)',
  seed('JWTs are signed with a secret key, which ensures that they are tamper-proof.'),
  async (t) => {
    const token = await seededUserToken(t);
    expectRefused(await refreshWith(await signHs256(decodeJwt(token), 'an-attacker-chosen-secret-of-enough-length')));
    expectRefused(await refreshWith(withAlgNone(token)));
  },
);

rule(
  'EN-SHAPE-001',
  'Every operation the spec secures is refused (401 or 403) without a token',
  seed('To authenticate with our API, users must include their JWT in the Authorization header of their HTTP requests.'),
  async () => {
    const secured = enclaive.spec.operations().filter((operation) => operation.secured);
    expect(secured.length).toBeGreaterThan(3);
    for (const operation of secured) {
      const path = operation.path.replace(/\{[^}]+\}/g, '65a000000000000000000000');
      const query = operation.operationId === 'resendEmailVerification' ? '?capcha=solved' : '';
      const response = await http.send(operation.method.toUpperCase(), `${path}${query}`, bodyless(operation.method) ? {} : { json: {} });
      expectRefused(response);
      spec.expectMatches(operation.operationId, response);
    }
  },
);
