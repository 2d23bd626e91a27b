import { expect } from 'vitest';
import { expectHeader, expectStatus } from '../harness/expect-http.ts';
import { inferred, realClients } from '../harness/rule.ts';
import { expectErrors, http, loginToken, organizationUuidOf, rule, spec, startFromSeed } from './suite.ts';

startFromSeed();

const ORIGIN = 'http://localhost:3000';

rule(
  'VN-HDR-001',
  'X-AUTH-TOKEN: Bearer <token> is accepted whatever the header name\'s case',
  realClients('clients send `X-AUTH-TOKEN: Bearer <token>` on later calls. Header names are matched case-insensitively'),
  async (t) => {
    const token = await loginToken(t, 'owner');
    for (const name of ['X-AUTH-TOKEN', 'x-auth-token', 'X-Auth-Token']) {
      expectStatus(await http.get('/v1/organizations', { headers: { [name]: `Bearer ${token}` } }), 200);
    }
  },
);

rule(
  'VN-HDR-002',
  'A token sent without the "Bearer " prefix is refused: 403 FORBIDDEN',
  inferred("every documented call sends 'Bearer ' + x_auth_token and no source shows a raw token accepted; the contract is strict so a client that drops the prefix fails here, not in production"),
  async (t) => {
    const token = await loginToken(t, 'owner');
    const response = await http.get('/v1/organizations', { headers: { 'x-auth-token': token } });
    expectErrors(response, 403, ['FORBIDDEN']);
    spec.expectMatches('listOrganizations', response);
  },
);

rule(
  'VN-HDR-003',
  'A call without X-AUTH-TOKEN answers 403 FORBIDDEN in the error shape',
  realClients('Expired, missing or out-of-scope tokens: 403 `FORBIDDEN`.'),
  async () => {
    expectErrors(await http.get('/v1/organizations'), 403, ['FORBIDDEN']);
  },
);

rule(
  'VN-HDR-005',
  'Making a personal access token without X-AUTH-TOKEN is refused (403 FORBIDDEN, or 404/405 where the server has no such call) and hands out no token',
  inferred('the guide says a key "can be generated on the VNTANA Platform" without naming the call; whatever the call, no caller without a token may make one'),
  async () => {
    const response = await http.post('/v1/auth/personal-access-token');
    expectStatus(response, 403, 404, 405);
    if (response.status === 403) {
      expectErrors(response, 403, ['FORBIDDEN']);
      spec.expectMatches('createPersonalAccessToken', response);
    }
    expect(response.text).not.toMatch(/personalAccessToken"\s*:\s*"/);
  },
);

rule(
  'VN-HDR-004',
  'organizationUuid is read whatever its case (it arrives lower-cased through Node clients)',
  realClients('Header names are matched case-insensitively (`organizationUuid`, `clientUuid` arrive lower-cased in Node).'),
  async (t) => {
    const token = await loginToken(t, 'owner');
    const organizationUuid = await organizationUuidOf(t, 'owner');
    for (const name of ['organizationUuid', 'organizationuuid', 'ORGANIZATIONUUID']) {
      const response = await http.post('/v1/auth/refresh-token', { headers: { 'x-auth-token': `Bearer ${token}`, [name]: organizationUuid } });
      expectStatus(response, 200);
    }
  },
);

rule(
  'VN-CORS-001',
  'A browser preflight may send x-auth-token, organizationUuid and clientUuid',
  realClients('Browser clients need `Access-Control-Expose-Headers: X-AUTH-TOKEN` and the `x-auth-token`, `organizationUuid`, `clientUuid` request headers allowed by CORS.'),
  async () => {
    const response = await http.send('OPTIONS', '/v1/auth/refresh-token', {
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-auth-token,organizationuuid,clientuuid' },
    });
    expectStatus(response, 200, 204);
    const allowed = (response.headers['access-control-allow-headers'] ?? '').toLowerCase().split(/\s*,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['x-auth-token', 'organizationuuid', 'clientuuid']));
    expectHeader(response, 'access-control-allow-origin', new RegExp(`^(\\*|${ORIGIN})$`));
  },
);

rule(
  'VN-CORS-002',
  'The login response exposes X-AUTH-TOKEN to browser scripts',
  realClients('Browser clients need `Access-Control-Expose-Headers: X-AUTH-TOKEN`'),
  async (t) => {
    const account = t.account('member');
    const response = await http.post('/v1/auth/login', { headers: { origin: ORIGIN }, json: { email: account.username, password: account.password } });
    expectStatus(response, 200);
    const exposed = (response.headers['access-control-expose-headers'] ?? '').toLowerCase().split(/\s*,\s*/);
    expect(exposed).toContain('x-auth-token');
  },
);

rule(
  'VN-CORS-003',
  'Error answers carry CORS headers too, so a browser can read why it failed',
  inferred('without Access-Control-Allow-Origin on a 403 the browser hides the body and the client sees only a network error'),
  async () => {
    const response = await http.get('/v1/organizations', { headers: { origin: ORIGIN } });
    expectStatus(response, 403);
    expectHeader(response, 'access-control-allow-origin', new RegExp(`^(\\*|${ORIGIN})$`));
  },
);
