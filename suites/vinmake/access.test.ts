import { expect } from 'vitest';
import { expectHeader, expectStatus } from '../harness/expect-http.ts';
import { bearer, bodyless } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { expectDetail, rule, spec, startFromSeed, tokenOf, vinmake } from './suite.ts';

startFromSeed();

const NOT_AUTHENTICATED = realClients('Current FastAPI answers a missing or non-Bearer credential with 401 {"detail":"Not authenticated"} and WWW-Authenticate: Bearer');
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** The calls the document itself shows, each with a credential in its example. */
const DOCUMENTED_CALLS = [
  { method: 'GET', path: '/api/v1/clients', operationId: 'listClients' },
  { method: 'GET', path: '/api/v1/materials', operationId: 'listMaterials' },
  { method: 'POST', path: '/api/v1/materials', operationId: 'createMaterial' },
  { method: 'POST', path: '/api/v1/api-keys', operationId: 'createApiKey' },
  { method: 'POST', path: `/api/v1/api-keys/${UNKNOWN_ID}/revoke`, operationId: 'revokeApiKey' },
  { method: 'GET', path: '/auth/test/client', operationId: 'testClientRole' },
  { method: 'GET', path: '/auth/test/staff', operationId: 'testStaffRole' },
  { method: 'GET', path: '/auth/test/admin', operationId: 'testAdminRole' },
];

rule(
  'VM-AUTH-001',
  'A call without credentials answers 401 with detail "Not authenticated" and WWW-Authenticate: Bearer',
  NOT_AUTHENTICATED,
  async () => {
    const response = await vinmake.http.get('/api/v1/clients');
    expectDetail(response, 401, 'Not authenticated');
    expectHeader(response, 'www-authenticate', /^Bearer/i);
    spec.expectMatches('listClients', response);
  },
);

rule(
  'VM-AUTH-002',
  'Every call the document shows (clients, materials, API keys, role tests) answers 401 without credentials',
  seed('All API endpoints (except /auth/login) require authentication.'),
  async () => {
    for (const call of DOCUMENTED_CALLS) {
      const response = await vinmake.http.send(call.method, call.path, call.method === 'GET' ? {} : { json: {} });
      expectStatus(response, 401);
      spec.expectMatches(call.operationId, response);
    }
  },
);

rule(
  'VM-AUTH-008',
  'Every secured operation of this suite\'s spec (also by-id reads, updates and deletes) answers 401 without credentials',
  inferred('the by-id operations are REST conventions the document does not list; "All API endpoints (except /auth/login) require authentication" covers them where they exist'),
  async () => {
    const secured = spec.operations().filter((operation) => operation.secured);
    for (const operation of secured) {
      const path = operation.path.replace(/\{[^}]+\}/g, UNKNOWN_ID);
      const response = await vinmake.http.send(operation.method.toUpperCase(), path, bodyless(operation.method) ? {} : { json: {} });
      expectStatus(response, 401);
    }
  },
);

rule(
  'VM-AUTH-003',
  'A credential in another scheme than Bearer answers 401 with detail "Not authenticated" and WWW-Authenticate: Bearer',
  NOT_AUTHENTICATED,
  async (t) => {
    const account = t.account('admin');
    const basic = Buffer.from(`${account.username}:${account.password}`).toString('base64');
    const response = await vinmake.http.get('/api/v1/clients', { headers: { authorization: `Basic ${basic}` } });
    expectDetail(response, 401, 'Not authenticated');
    expectHeader(response, 'www-authenticate', /^Bearer/i);
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
    expectHeader(response, 'www-authenticate', /^Bearer/i);
  },
);

rule(
  'VM-AUTH-007',
  'An unknown path answers 404 in the {"detail": ...} shape',
  inferred('FastAPI answers unknown routes 404 {"detail":"Not Found"}; clients parse every error as {detail}'),
  async () => {
    const response = await vinmake.http.get('/api/v1/no-such-resource');
    expectStatus(response, 404);
    expect(typeof response.json<{ detail?: unknown }>().detail).toBe('string');
  },
);
