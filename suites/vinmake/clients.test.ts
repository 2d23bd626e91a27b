import { expect } from 'vitest';
import type { RuleContext } from '../harness/conformance.ts';
import { expectStatus } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { CREATED, DONE, createClient, expectDetail, foreignClientId, getAs, idOf, itemsOf, ownClientId, rule, spec, startFromSeed, tokenOf, vinmake, type Schemas, type VinmakeRole } from './suite.ts';

startFromSeed();

async function clientIdsSeenBy(t: RuleContext, role: VinmakeRole): Promise<string[]> {
  const response = await getAs(t, role, '/api/v1/clients?limit=100');
  expectStatus(response, 200);
  spec.expectMatches('listClients', response);
  return itemsOf(response).map((client) => idOf(t, client, 'client'));
}

/** A new client record's body: the wider reference's fields, which a server may ignore. */
const newClient = (t: RuleContext) => ({ name: t.nameFor('Conformance Knitwear'), country: 'VN', maxAccountValue: 10000, currency: 'USD' });

rule(
  'VM-CLIENT-001',
  'A client user lists exactly one client record: its own',
  seed('Can only view and manage their own data'),
  async (t) => {
    expect(await clientIdsSeenBy(t, 'client')).toHaveLength(1);
  },
);

rule(
  'VM-CLIENT-002',
  'Two client users of different client records see disjoint records',
  seed('Cannot access other clients’ information'),
  async (t) => {
    const foreign = await foreignClientId(t);
    expect(await clientIdsSeenBy(t, 'client')).not.toContain(foreign);
    expect(await clientIdsSeenBy(t, 'client2')).not.toContain(await ownClientId(t, 'client'));
  },
);

rule(
  'VM-CLIENT-003',
  "A client user reading another client's record by id is refused: 403 with detail \"Insufficient permissions\", or 404",
  seed('When you don’t have permission to access a resource: Response (403 Forbidden): { "detail": "Insufficient permissions" }'),
  async (t) => {
    const foreign = await foreignClientId(t);
    const response = await getAs(t, 'client', `/api/v1/clients/${foreign}`);
    expectStatus(response, 403, 404);
    if (response.status === 403) expectDetail(response, 403, 'Insufficient permissions');
    expect(response.text).not.toContain(`"${foreign}"`);
  },
);

rule(
  'VM-CLIENT-012',
  "A client user reading another client's record by id gets 403, not 404",
  inferred('the document answers a lack of permission with 403 "Insufficient permissions"; 404 would also hide the record, which the document does not ask for'),
  async (t) => {
    expectStatus(await getAs(t, 'client', `/api/v1/clients/${await foreignClientId(t)}`), 403);
  },
);

rule(
  'VM-CLIENT-004',
  'A client user reads its own record by id',
  seed('Can only view and manage their own data'),
  async (t) => {
    const own = await ownClientId(t, 'client');
    const response = await getAs(t, 'client', `/api/v1/clients/${own}`);
    expectStatus(response, 200);
    spec.expectMatches('getClient', response);
    expect(idOf(t, response.json(), 'client')).toBe(own);
  },
);

rule(
  'VM-CLIENT-005',
  "Staff list every client's record, including both client users' records",
  seed('Can view all clients’ data'),
  async (t) => {
    const ids = await clientIdsSeenBy(t, 'staff');
    expect(ids).toContain(await ownClientId(t, 'client'));
    expect(ids).toContain(await ownClientId(t, 'client2'));
  },
);

rule(
  'VM-CLIENT-006',
  'A client user cannot create a client record: 403 with detail "Insufficient permissions"',
  seed('Cannot perform admin operations'),
  async (t) => {
    await t.requireMutation();
    expectDetail(await createClient(t, 'client', newClient(t)), 403, 'Insufficient permissions');
  },
);

rule(
  'VM-CLIENT-007',
  'Staff create a client record: 200 or 201, and the answer carries the name given',
  seed('Full CRUD access to most resources (materials, BOMs, production orders, etc.)'),
  async (t) => {
    await t.requireMutation();
    const body = newClient(t);
    const response = await createClient(t, 'staff', body);
    expectStatus(response, ...CREATED);
    spec.expectMatches('createClient', response);
    expect(response.json()).toMatchObject({ name: body.name });
  },
);

rule(
  'VM-CLIENT-013',
  'A created client record keeps the wider reference\'s country, maxAccountValue and currency',
  inferred('the wider reference creates clients from name, country, maxAccountValue and currency, but the seed, which governs, names no client field'),
  async (t) => {
    await t.requireMutation();
    const body = newClient(t);
    const response = await createClient(t, 'staff', body);
    expectStatus(response, ...CREATED);
    expect(response.json()).toMatchObject(body);
  },
);

rule(
  'VM-CLIENT-008',
  'Creating a client record without currency answers 422 locating body.currency',
  inferred('the wider reference requires currency when creating a client; the seed, which governs, names no client field'),
  async (t) => {
    await t.requireMutation();
    const { currency: _omitted, ...withoutCurrency } = newClient(t);
    const response = await createClient(t, 'staff', withoutCurrency);
    expectStatus(response, 422);
    spec.expectMatches('createClient', response);
    expect(response.json<Schemas['ValidationError']>().detail.map((issue) => issue.loc)).toContainEqual(['body', 'currency']);
  },
);

rule(
  'VM-CLIENT-014',
  'Staff change a client record with PUT: 200 or 204, and the record read back carries the change',
  seed('Full CRUD access to most resources (materials, BOMs, production orders, etc.)'),
  async (t) => {
    await t.requireMutation();
    const body = newClient(t);
    const created = await createClient(t, 'staff', body);
    expectStatus(created, ...CREATED);
    const path = `/api/v1/clients/${idOf(t, created.json(), 'client')}`;
    const headers = bearer(await tokenOf(t, 'staff'));
    // A whole body: the document does not say whether PUT merges or replaces.
    const renamed = { ...body, name: t.nameFor('Conformance Knitwear Renamed') };
    const updated = await vinmake.http.put(path, { headers, json: renamed });
    // The document names no status for a change; a body-less 204 is as good as a 200.
    expectStatus(updated, ...DONE);
    spec.expectMatches('updateClient', updated);
    const read = await vinmake.http.get(path, { headers });
    expectStatus(read, 200);
    expect(read.json()).toMatchObject({ name: renamed.name });
  },
);

rule(
  'VM-CLIENT-009',
  'Staff cannot delete a client record (403); an admin can (200 or 204), and it is gone (404)',
  inferred('deleting a customer with all its data is a privileged operation; staff edit only "most resources"'),
  async (t) => {
    await t.requireMutation();
    const created = await createClient(t, 'admin', newClient(t));
    expectStatus(created, ...CREATED);
    const path = `/api/v1/clients/${idOf(t, created.json(), 'client')}`;
    expectDetail(await vinmake.http.delete(path, { headers: bearer(await tokenOf(t, 'staff')) }), 403, 'Insufficient permissions');
    const adminToken = await tokenOf(t, 'admin');
    expectStatus(await vinmake.http.delete(path, { headers: bearer(adminToken) }), ...DONE);
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
  'A page size over 100 is refused: 400, or 422 locating query.limit',
  realClients('lists are paginated, `GET /api/v1/materials?page=1&limit=10` (limit 1-100)'),
  async (t) => {
    const response = await getAs(t, 'staff', '/api/v1/clients?limit=101');
    expectStatus(response, 400, 422);
    spec.expectMatches('listClients', response);
    if (response.status === 422) expect(response.json<Schemas['ValidationError']>().detail.map((issue) => issue.loc)).toContainEqual(['query', 'limit']);
  },
);
