import { CLOCK_LEEWAY_SECONDS } from '../harness/jwt.ts';
import { afterEach, expect } from 'vitest';
import { expectHeader, expectStatus } from '../harness/expect-http.ts';
import { bearer, bodyless } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { agedToken, expectRefused, getAs, http, machhub, rule, spec, startFromSeed, tokenLifetime, tokenOf } from './suite.ts';

startFromSeed();
afterEach(async () => {
  await (await machhub.findControlPlane())?.resetClock();
});

rule(
  'MH-AUTH-001',
  'A data-plane call without a credential is refused: 401 or 403, in plain text',
  seed('Every authenticated request carries one of two credentials: a JWT obtained by logging in, or an API key.'),
  async () => {
    const response = await http.get('/machhub/products/all');
    expectRefused(response);
    spec.expectMatches('listProducts', response);
  },
);

rule(
  'MH-AUTH-002',
  'Every operation that needs a credential is refused without one: 401 or 403, in plain text',
  seed('Every authenticated request carries one of two credentials: a JWT obtained by logging in, or an API key.'),
  async () => {
    const secured = machhub.spec.operations().filter((operation) => operation.secured);
    expect(secured.length).toBeGreaterThan(15);
    for (const operation of secured) {
      const path = operation.path
        .replace('{recordId}', 'products:p1')
        .replace('{scope}', 'all')
        .replace(/\{[^}]+\}/g, 'x');
      const response = await http.send(operation.method.toUpperCase(), path, bodyless(operation.method) ? {} : { json: {} });
      expectRefused(response);
      spec.expectMatches(operation.operationId, response);
    }
  },
);

rule(
  'MH-AUTH-003',
  'Authorization: Bearer <tkn> opens the data plane: 200',
  seed('App->>API: GET /machhub/products/all\\nAuthorization: Bearer tkn'),
  async (t) => {
    const response = await getAs(t, 'admin', '/machhub/products/all');
    expectStatus(response, 200);
    spec.expectMatches('listProducts', response);
  },
);

rule(
  'MH-AUTH-004',
  'Every response carries App-CorrelationID: successes and errors alike (whatever their status)',
  realClients('Errors are plain text; every response carries an `App-CorrelationID` header.'),
  async (t) => {
    const admin = bearer(await tokenOf(t, 'admin'));
    const responses = [
      await http.get('/machhub/products/all', { headers: admin }),
      await http.get('/machhub/products/all?limit=-1', { headers: admin }),
      await http.get('/machhub/products/all'),
      await http.get('/machhub/auth/user', { headers: bearer(await tokenOf(t, 'nogrants')) }),
      await http.get('/machhub/products:does-not-exist', { headers: admin }),
      // A Prism proxy answers a broken JSON body itself, so that answer is not the server's.
      ...(t.target.behindPrism ? [] : [await http.post('/auth/login', { body: '{', contentType: 'application/json' })]),
    ];
    expect(responses.some((response) => response.status >= 400)).toBe(true);
    for (const response of responses) expectHeader(response, 'app-correlationid', /\S/);
  },
);

rule(
  'MH-AUTH-005',
  '/machhub/auth/me answers the signed-in caller: 200 with a JSON body',
  realClients('The SDK calls every auth endpoint under the data-plane prefix: ... `GET /machhub/auth/me`'),
  async (t) => {
    const response = await getAs(t, 'operator', '/machhub/auth/me');
    expectStatus(response, 200);
    spec.expectMatches('getMe', response);
    expectHeader(response, 'content-type', /^application\/json/);
  },
);

rule(
  'MH-AUTH-012',
  '/machhub/auth/me names the caller\'s username',
  inferred('"the caller" of /me is the user; no document lists the members of its answer'),
  async (t) => {
    const response = await getAs(t, 'operator', '/machhub/auth/me');
    expectStatus(response, 200);
    expect(response.text).toContain(JSON.stringify(t.account('operator').username));
  },
);

rule(
  'MH-AUTH-006',
  'A request without a Domain header is answered as one with Domain: domains:machhub_admin',
  realClients('A missing Domain means `domains:machhub_admin`.'),
  async (t) => {
    const headers = bearer(await tokenOf(t, 'admin'));
    const without = await http.get('/machhub/products/count', { headers });
    const withDefault = await http.get('/machhub/products/count', { headers: { ...headers, domain: 'domains:machhub_admin' } });
    expectStatus(without, 200);
    expect(withDefault.status).toBe(without.status);
    expect(withDefault.json()).toEqual(without.json());
  },
);

rule(
  'MH-AUTH-007',
  'jwt/validate answers {valid: true} for a fresh token and {valid: false} for garbage',
  realClients('`POST /machhub/auth/jwt/validate` body `{token}` -> `{valid}`'),
  async (t) => {
    const good = await http.post('/machhub/auth/jwt/validate', { json: { token: await tokenOf(t, 'operator') } });
    expectStatus(good, 200);
    spec.expectMatches('validateJwt', good);
    expect(good.json()).toMatchObject({ valid: true });
    const bad = await http.post('/machhub/auth/jwt/validate', { json: { token: 'not-a-token' } });
    expectStatus(bad, 200);
    expect(bad.json()).toMatchObject({ valid: false });
  },
);

rule(
  'MH-AUTH-008',
  'jwt/validate without a token field answers 400 (or 422), or 200 {valid: false}',
  inferred('the login page makes a malformed body 400; jwt/validate takes `{token}`, and no document says how it treats a body without it'),
  async () => {
    const response = await http.post('/machhub/auth/jwt/validate', { json: {} });
    spec.expectMatches('validateJwt', response);
    if (response.status === 200) expect(response.json()).toMatchObject({ valid: false });
    else expectStatus(response, 400, 422);
  },
);

rule(
  'MH-AUTH-009',
  'A token still works ten seconds before its lifetime (24 h by default) is up',
  realClients('lifetime 24 h by default'),
  async (t) => {
    const token = await agedToken(t, 'operator', tokenLifetime(t) - 10); // iat is whole seconds: leave room for the calls
    expectStatus(await http.get('/machhub/auth/me', { headers: bearer(token) }), 200);
  },
);

rule(
  'MH-AUTH-010',
  'After its lifetime (24 h by default) a token is refused (401 or 403) and jwt/validate calls it invalid',
  realClients('lifetime 24 h by default; no refresh tokens'),
  async (t) => {
    const token = await agedToken(t, 'operator', tokenLifetime(t) + CLOCK_LEEWAY_SECONDS);
    expectRefused(await http.get('/machhub/auth/me', { headers: bearer(token) }));
    const verdict = await http.post('/machhub/auth/jwt/validate', { json: { token } });
    expectStatus(verdict, 200);
    expect(verdict.json()).toMatchObject({ valid: false });
  },
);

rule(
  'MH-AUTH-011',
  'A credential in another scheme than Bearer is refused: 401 or 403',
  inferred('the page names exactly two credentials; Basic or a bare token is neither'),
  async (t) => {
    const token = await tokenOf(t, 'operator');
    for (const authorization of [`Basic ${Buffer.from('admin:admin').toString('base64')}`, token]) {
      expectRefused(await http.get('/machhub/products/all', { headers: { authorization } }));
    }
  },
);
