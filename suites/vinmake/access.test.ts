import { expect } from 'vitest';
import { expectHeader, expectJson, expectStatus } from '../harness/expect-http.ts';
import { bearer, bodyless } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { rule, spec, startFromSeed, tokenOf, vinmake } from './suite.ts';

startFromSeed();

rule(
  'VM-AUTH-001',
  'A call without credentials answers 401 {"detail":"Not authenticated"} with WWW-Authenticate: Bearer',
  seed('Response (401 Unauthorized): { "detail": "Not authenticated" }'),
  async () => {
    const response = await vinmake.http.get('/api/v1/clients');
    expectJson(response, 401, { detail: 'Not authenticated' });
    expectHeader(response, 'www-authenticate', /^Bearer/);
    spec.expectMatches('listClients', response);
  },
);

rule(
  'VM-AUTH-002',
  'Every operation but login and the password reset answers 401 without credentials',
  seed('All API endpoints (except /auth/login) require authentication.'),
  async () => {
    const secured = spec.operations().filter((operation) => operation.secured);
    expect(secured.length).toBeGreaterThan(10);
    for (const operation of secured) {
      const path = operation.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const response = await vinmake.http.send(operation.method.toUpperCase(), path, bodyless(operation.method) ? {} : { json: {} });
      expectStatus(response, 401);
      spec.expectMatches(operation.operationId, response);
    }
  },
);

rule(
  'VM-AUTH-003',
  'A credential in another scheme than Bearer answers 401 Not authenticated',
  realClients('Current FastAPI answers a missing or non-Bearer credential with 401 {"detail":"Not authenticated"} and WWW-Authenticate: Bearer'),
  async (t) => {
    const account = t.account('admin');
    const basic = Buffer.from(`${account.username}:${account.password}`).toString('base64');
    const response = await vinmake.http.get('/api/v1/clients', { headers: { authorization: `Basic ${basic}` } });
    expectJson(response, 401, { detail: 'Not authenticated' });
    expectHeader(response, 'www-authenticate', /^Bearer/);
  },
);

rule(
  'VM-AUTH-004',
  'A valid access token in Authorization: Bearer is accepted',
  seed('Include the token in the Authorization header with the Bearer scheme'),
  async (t) => {
    const response = await vinmake.http.get('/api/v1/clients', { headers: bearer(await tokenOf(t, 'staff')) });
    expectStatus(response, 200);
    spec.expectMatches('listClients', response);
  },
);

rule(
  'VM-AUTH-005',
  'The Bearer scheme name is matched without regard to case',
  inferred('RFC 7235 makes auth-scheme names case-insensitive, and FastAPI compares them lower-cased'),
  async (t) => {
    const token = await tokenOf(t, 'staff');
    expectStatus(await vinmake.http.get('/api/v1/clients', { headers: { authorization: `bearer ${token}` } }), 200);
  },
);

rule(
  'VM-AUTH-006',
  'A Bearer header with no token answers 401',
  realClients('a missing bearer gives 401 {"detail":"Not authenticated"} with WWW-Authenticate: Bearer'),
  async () => {
    const response = await vinmake.http.get('/api/v1/clients', { headers: { authorization: 'Bearer' } });
    expectStatus(response, 401);
    expectHeader(response, 'www-authenticate', /^Bearer/);
  },
);

rule(
  'VM-AUTH-007',
  'An unknown path answers 404 in the {"detail": ...} shape',
  inferred('FastAPI answers unknown routes 404 {"detail":"Not Found"}; clients parse every error as {detail}'),
  async () => {
    const response = await vinmake.http.get('/api/v1/no-such-resource');
    expectJson(response, 404, { detail: 'Not Found' });
  },
);
