import { expect } from 'vitest';
import { expectJson, expectStatus } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import type { RuleContext } from '../harness/conformance.ts';
import { getAs, rule, spec, startFromSeed, tokenOf, vinmake, type Schemas, type VinmakeRole } from './suite.ts';

startFromSeed();

async function clientsSeenBy(t: RuleContext, role: VinmakeRole): Promise<Schemas['Client'][]> {
  const response = await getAs(t, role, '/api/v1/clients?limit=100');
  expectStatus(response, 200);
  spec.expectMatches('listClients', response);
  return response.json<Schemas['ClientPage']>().data;
}

const NEW_CLIENT: Schemas['ClientCreate'] = { name: 'Conformance Knitwear', country: 'VN', maxAccountValue: 10000, currency: 'USD' };

rule(
  'VM-CLIENT-001',
  'A client user lists exactly one client record: its own',
  seed('Can only view and manage their own data'),
  async (t) => {
    expect(await clientsSeenBy(t, 'client')).toHaveLength(1);
    expect(await clientsSeenBy(t, 'client2')).toHaveLength(1);
  },
);

rule(
  'VM-CLIENT-002',
  'Two client users of different client records see disjoint records',
  seed('Cannot access other clients’ information'),
  async (t) => {
    const [first] = await clientsSeenBy(t, 'client');
    const [second] = await clientsSeenBy(t, 'client2');
    expect(first?.id).toBeDefined();
    expect(second?.id).toBeDefined();
    expect(first?.id).not.toBe(second?.id);
  },
);

rule(
  'VM-CLIENT-003',
  "A client user reading another client's record by id gets 403 Insufficient permissions",
  seed('When you don’t have permission to access a resource: Response (403 Forbidden): { "detail": "Insufficient permissions" }'),
  async (t) => {
    const [foreign] = await clientsSeenBy(t, 'client2');
    const response = await getAs(t, 'client', `/api/v1/clients/${foreign?.id}`);
    expectJson(response, 403, { detail: 'Insufficient permissions' });
  },
);

rule(
  'VM-CLIENT-004',
  'A client user reads its own record by id',
  seed('Can only view and manage their own data'),
  async (t) => {
    const [own] = await clientsSeenBy(t, 'client');
    const response = await getAs(t, 'client', `/api/v1/clients/${own?.id}`);
    expectStatus(response, 200);
    spec.expectMatches('getClient', response);
    expect(response.json<Schemas['Client']>().id).toBe(own?.id);
  },
);

rule(
  'VM-CLIENT-005',
  "Staff list every client's record, including both client users' records",
  seed('Can view all clients’ data'),
  async (t) => {
    const ids = (await clientsSeenBy(t, 'staff')).map((client) => client.id);
    const [first] = await clientsSeenBy(t, 'client');
    const [second] = await clientsSeenBy(t, 'client2');
    expect(ids).toContain(first?.id);
    expect(ids).toContain(second?.id);
  },
);

rule(
  'VM-CLIENT-006',
  'A client user cannot create a client record: 403',
  seed('Cannot perform admin operations'),
  async (t) => {
    await t.requireMutation();
    const response = await vinmake.http.post('/api/v1/clients', { headers: bearer(await tokenOf(t, 'client')), json: NEW_CLIENT });
    expectJson(response, 403, { detail: 'Insufficient permissions' });
  },
);

rule(
  'VM-CLIENT-007',
  'Staff create a client record from name, country, maxAccountValue and currency: 201',
  realClients('creating a client needs `name`, `country`, `maxAccountValue`, `currency`'),
  async (t) => {
    await t.requireMutation();
    const response = await vinmake.http.post('/api/v1/clients', { headers: bearer(await tokenOf(t, 'staff')), json: NEW_CLIENT });
    expectStatus(response, 201);
    spec.expectMatches('createClient', response);
    expect(response.json<Schemas['Client']>()).toMatchObject(NEW_CLIENT);
  },
);

rule(
  'VM-CLIENT-008',
  'Creating a client record without currency answers 422 locating body.currency',
  realClients('creating a client needs `name`, `country`, `maxAccountValue`, `currency`'),
  async (t) => {
    const { currency: _omitted, ...withoutCurrency } = NEW_CLIENT;
    const response = await vinmake.http.post('/api/v1/clients', { headers: bearer(await tokenOf(t, 'staff')), json: withoutCurrency });
    expectStatus(response, 422);
    spec.expectMatches('createClient', response);
    expect(response.json<Schemas['ValidationError']>().detail.map((issue) => issue.loc)).toContainEqual(['body', 'currency']);
  },
);

rule(
  'VM-CLIENT-009',
  'Staff cannot delete a client record (403); an admin can (204), and it is gone (404)',
  inferred('deleting a customer with all its data is a privileged operation; staff edit only "most resources"'),
  async (t) => {
    await t.requireMutation();
    const created = await vinmake.http.post('/api/v1/clients', { headers: bearer(await tokenOf(t, 'admin')), json: NEW_CLIENT });
    expectStatus(created, 201);
    const path = `/api/v1/clients/${created.json<Schemas['Client']>().id}`;
    expectJson(await vinmake.http.delete(path, { headers: bearer(await tokenOf(t, 'staff')) }), 403, { detail: 'Insufficient permissions' });
    const adminToken = await tokenOf(t, 'admin');
    expectStatus(await vinmake.http.delete(path, { headers: bearer(adminToken) }), 204);
    const after = await vinmake.http.get(path, { headers: bearer(adminToken) });
    expectStatus(after, 404);
    spec.expectMatches('getClient', after);
  },
);

rule(
  'VM-CLIENT-010',
  'Lists are paginated: {data, pagination} honours page and limit',
  realClients('lists are paginated, `GET /api/v1/materials?page=1&limit=10` (limit 1-100) -> `{data: [...], pagination: {page, limit, total, totalPages, hasNext, hasPrev}}`'),
  async (t) => {
    const response = await getAs(t, 'staff', '/api/v1/clients?page=1&limit=1');
    expectStatus(response, 200);
    spec.expectMatches('listClients', response);
    const { data, pagination } = response.json<Schemas['ClientPage']>();
    expect(data).toHaveLength(1);
    expect(pagination).toMatchObject({ page: 1, limit: 1, hasPrev: false });
    expect(pagination.totalPages).toBe(pagination.total);
    expect(pagination.hasNext).toBe(pagination.total > 1);
  },
);

rule(
  'VM-CLIENT-011',
  'A page size over 100 answers 422 locating query.limit',
  realClients('`GET /api/v1/materials?page=1&limit=10` (limit 1-100)'),
  async (t) => {
    const response = await getAs(t, 'staff', '/api/v1/clients?limit=101');
    expectStatus(response, 422);
    spec.expectMatches('listClients', response);
    expect(response.json<Schemas['ValidationError']>().detail.map((issue) => issue.loc)).toContainEqual(['query', 'limit']);
  },
);
