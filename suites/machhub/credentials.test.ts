import { afterEach, expect } from 'vitest';
import { expectHeader, expectJson, expectStatus, expectText } from '../harness/expect-http.ts';
import { bearer, bodyless } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { getAs, http, machhub, rule, spec, startFromSeed, tokenOf, type Schemas } from './suite.ts';

startFromSeed();
afterEach(async () => {
  await (await machhub.findControlPlane())?.resetClock();
});

rule(
  'MH-AUTH-001',
  'A data-plane call without a credential answers 401 in plain text',
  seed('Every authenticated request carries one of two credentials: a JWT obtained by logging in, or an API key.'),
  async () => {
    const response = await http.get('/machhub/products/all');
    expectText(response, 401);
    spec.expectMatches('listProducts', response);
  },
);

rule(
  'MH-AUTH-002',
  'Every operation that needs a credential answers 401 without one',
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
      expectText(response, 401);
      spec.expectMatches(operation.operationId, response);
    }
  },
);

rule(
  'MH-AUTH-003',
  'Authorization: Bearer <tkn> opens the data plane',
  seed('App->>API: GET /machhub/products/all\\nAuthorization: Bearer tkn'),
  async (t) => {
    const response = await getAs(t, 'operator', '/machhub/products/all');
    expectStatus(response, 200);
    spec.expectMatches('listProducts', response);
  },
);

rule(
  'MH-AUTH-004',
  'Every response carries App-CorrelationID: 200, 400, 401, 403 and 404 alike',
  realClients('Errors are plain text; every response carries an `App-CorrelationID` header.'),
  async (t) => {
    const token = await tokenOf(t, 'operator');
    const responses = [
      await http.get('/machhub/products/all', { headers: bearer(token) }),
      await http.get('/machhub/products/all?limit=-1', { headers: bearer(token) }),
      await http.get('/machhub/products/all'),
      await http.get('/api/api-key/get-all', { headers: bearer(token) }),
      await http.get('/machhub/products:does-not-exist', { headers: bearer(token) }),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 400, 401, 403, 404]);
    for (const response of responses) expectHeader(response, 'app-correlationid', /\S/);
  },
);

rule(
  'MH-AUTH-005',
  '/machhub/auth/me names the caller, its groups and the credential used',
  realClients('The SDK calls every auth endpoint under the data-plane prefix: ... `GET /machhub/auth/me`'),
  async (t) => {
    const response = await getAs(t, 'operator', '/machhub/auth/me');
    expectStatus(response, 200);
    spec.expectMatches('getMe', response);
    expect(response.json<Schemas['Me']>()).toMatchObject({ username: t.account('operator').username, credential: 'jwt' });
  },
);

rule(
  'MH-AUTH-006',
  'A request without a Domain header acts in domains:machhub_admin; a Domain header is honoured',
  realClients('A missing Domain means `domains:machhub_admin`.'),
  async (t) => {
    expect((await getAs(t, 'operator', '/machhub/auth/me')).json<Schemas['Me']>().domain).toBe('domains:machhub_admin');
    const withDomain = await getAs(t, 'operator', '/machhub/auth/me', { headers: { domain: 'domains:line_3' } });
    expect(withDomain.json<Schemas['Me']>().domain).toBe('domains:line_3');
  },
);

rule(
  'MH-AUTH-007',
  'jwt/validate answers {valid: true} for a fresh token and {valid: false} for garbage',
  realClients('`POST /machhub/auth/jwt/validate` body `{token}` -> `{valid}`'),
  async (t) => {
    const good = await http.post('/machhub/auth/jwt/validate', { json: { token: await tokenOf(t, 'operator') } });
    expectJson(good, 200, { valid: true });
    spec.expectMatches('validateJwt', good);
    expectJson(await http.post('/machhub/auth/jwt/validate', { json: { token: 'not-a-token' } }), 200, { valid: false });
  },
);

rule(
  'MH-AUTH-008',
  'jwt/validate without a token field answers 400',
  seed('a malformed body returns 400 Bad Request.'),
  async () => {
    const response = await http.post('/machhub/auth/jwt/validate', { json: {} });
    expectText(response, 400);
    spec.expectMatches('validateJwt', response);
  },
);

rule(
  'MH-AUTH-009',
  'A token still works ten seconds before its 24 hours are up',
  realClients('lifetime 24 h by default'),
  async (t) => {
    const control = await t.controlPlane('moves the server clock across the token lifetime');
    const token = await tokenOf(t, 'operator');
    await control.advanceClock(86_400 - 10); // iat is whole seconds: leave room for the time the calls take
    expectStatus(await http.get('/machhub/products/count', { headers: bearer(token) }), 200);
  },
);

rule(
  'MH-AUTH-010',
  'After 24 hours the token answers 401 and jwt/validate calls it invalid',
  realClients('lifetime 24 h by default; no refresh tokens'),
  async (t) => {
    const control = await t.controlPlane('moves the server clock across the token lifetime');
    const token = await tokenOf(t, 'operator');
    await control.advanceClock(86_401);
    expectText(await http.get('/machhub/products/count', { headers: bearer(token) }), 401);
    expectJson(await http.post('/machhub/auth/jwt/validate', { json: { token } }), 200, { valid: false });
  },
);

rule(
  'MH-AUTH-011',
  'A credential in another scheme than Bearer answers 401',
  inferred('the page names exactly two credentials; Basic or a bare token is neither'),
  async (t) => {
    const token = await tokenOf(t, 'operator');
    for (const authorization of [`Basic ${Buffer.from('admin:admin').toString('base64')}`, token]) {
      expectText(await http.get('/machhub/products/all', { headers: { authorization } }), 401);
    }
  },
);
