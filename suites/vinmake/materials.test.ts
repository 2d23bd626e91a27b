import { expect } from 'vitest';
import type { RuleContext } from '../harness/conformance.ts';
import { expectJson, expectStatus } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { getAs, rule, spec, startFromSeed, tokenOf, vinmake, type Schemas, type VinmakeRole } from './suite.ts';

startFromSeed();

const COTTON = { name: 'Cotton Fabric', type: 'fabric', unit: 'yards' };

async function materialsSeenBy(t: RuleContext, role: VinmakeRole): Promise<Schemas['Material'][]> {
  const response = await getAs(t, role, '/api/v1/materials?limit=100');
  expectStatus(response, 200);
  spec.expectMatches('listMaterials', response);
  return response.json<Schemas['MaterialPage']>().data;
}

async function ownClientId(t: RuleContext, role: VinmakeRole): Promise<string> {
  const response = await getAs(t, role, '/api/v1/clients');
  expectStatus(response, 200);
  const [own] = response.json<Schemas['ClientPage']>().data;
  if (!own) throw new Error(`the ${role} user sees no client record of its own`);
  return own.id;
}

async function createMaterial(t: RuleContext, role: VinmakeRole, body: unknown) {
  return vinmake.http.post('/api/v1/materials', { headers: bearer(await tokenOf(t, role)), json: body });
}

rule(
  'VM-MAT-001',
  "A client user's material list holds only its own client record's materials",
  seed('Cannot access other clients’ information'),
  async (t) => {
    const own = await ownClientId(t, 'client');
    const seen = await materialsSeenBy(t, 'client');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((material) => material.clientId === own)).toBe(true);
  },
);

rule(
  'VM-MAT-002',
  "A client user reading another client's material by id gets 403",
  seed('Cannot access other clients’ information'),
  async (t) => {
    const [foreign] = await materialsSeenBy(t, 'client2');
    if (!foreign) return t.skip('needs-fixture', 'the client2 user has no material to try');
    expectJson(await getAs(t, 'client', `/api/v1/materials/${foreign.id}`), 403, { detail: 'Insufficient permissions' });
  },
);

rule(
  'VM-MAT-003',
  'Staff create a material from the guide\'s fields name, type and unit: 201 with an id',
  seed('response = api.post("/api/v1/materials", json={ "name": "Cotton Fabric", "type": "fabric", "unit": "yards" })'),
  async (t) => {
    await t.requireMutation();
    const response = await createMaterial(t, 'staff', COTTON);
    expectStatus(response, 201);
    spec.expectMatches('createMaterial', response);
    expect(response.json<Schemas['Material']>()).toMatchObject(COTTON);
  },
);

rule(
  'VM-MAT-004',
  'Staff read, update and delete a material; after delete it answers 404',
  seed('Full CRUD access to most resources (materials, BOMs, production orders, etc.)'),
  async (t) => {
    await t.requireMutation();
    const created = await createMaterial(t, 'staff', COTTON);
    expectStatus(created, 201);
    const path = `/api/v1/materials/${created.json<Schemas['Material']>().id}`;
    const headers = bearer(await tokenOf(t, 'staff'));
    const read = await vinmake.http.get(path, { headers });
    expectStatus(read, 200);
    spec.expectMatches('getMaterial', read);
    const updated = await vinmake.http.put(path, { headers, json: { unit: 'meters' } });
    expectStatus(updated, 200);
    spec.expectMatches('updateMaterial', updated);
    expect(updated.json<Schemas['Material']>().unit).toBe('meters');
    expectStatus(await vinmake.http.delete(path, { headers }), 204);
    const gone = await vinmake.http.get(path, { headers });
    expectStatus(gone, 404);
    spec.expectMatches('getMaterial', gone);
  },
);

rule(
  'VM-MAT-005',
  'An admin has the same full CRUD on materials',
  seed('Complete access to all resources'),
  async (t) => {
    await t.requireMutation();
    const created = await createMaterial(t, 'admin', COTTON);
    expectStatus(created, 201);
    const path = `/api/v1/materials/${created.json<Schemas['Material']>().id}`;
    const headers = bearer(await tokenOf(t, 'admin'));
    expectStatus(await vinmake.http.put(path, { headers, json: { name: 'Organic Cotton' } }), 200);
    expectStatus(await vinmake.http.delete(path, { headers }), 204);
  },
);

rule(
  'VM-MAT-006',
  'A client user cannot create a material: 403',
  seed('Typical Use Case: External customers who need read-only access to their orders and invoices'),
  async (t) => {
    const response = await createMaterial(t, 'client', { ...COTTON, clientId: await ownClientId(t, 'client') });
    expectJson(response, 403, { detail: 'Insufficient permissions' });
  },
);

rule(
  'VM-MAT-007',
  "A client user cannot change or delete even its own client's material: 403",
  inferred('the guide gives clients read-only access ("Typical Use Case: ... read-only access") and gives CRUD to staff'),
  async (t) => {
    const [own] = await materialsSeenBy(t, 'client');
    if (!own) return t.skip('needs-fixture', 'the client user has no material to try');
    const headers = bearer(await tokenOf(t, 'client'));
    const path = `/api/v1/materials/${own.id}`;
    expectJson(await vinmake.http.put(path, { headers, json: { unit: 'kg' } }), 403, { detail: 'Insufficient permissions' });
    expectJson(await vinmake.http.delete(path, { headers }), 403, { detail: 'Insufficient permissions' });
    const still = await vinmake.http.get(path, { headers });
    expectStatus(still, 200);
    expect(still.json<Schemas['Material']>().unit).toBe(own.unit);
  },
);

rule(
  'VM-MAT-008',
  'Creating a material without a name answers 422 with a FastAPI detail list',
  realClients('FastAPI conventions: a missing form field gives 422 with {"detail":[{"type","loc","msg",...}]}'),
  async (t) => {
    const response = await createMaterial(t, 'staff', { type: 'fabric', unit: 'yards' });
    expectStatus(response, 422);
    spec.expectMatches('createMaterial', response);
  },
);

rule(
  'VM-MAT-009',
  'A wrong type in a material body (unit: 5) answers 422 locating body.unit',
  realClients('FastAPI conventions: a missing form field gives 422 with {"detail":[{"type","loc","msg",...}]}'),
  async (t) => {
    const response = await createMaterial(t, 'staff', { name: 'Felt', unit: 5 });
    expectStatus(response, 422);
    expect(response.json<Schemas['ValidationError']>().detail.map((issue) => issue.loc)).toContainEqual(['body', 'unit']);
  },
);

rule(
  'VM-MAT-010',
  'An unknown material id answers 404 {"detail": ...}',
  inferred('FastAPI services answer a missing record 404 with a string detail'),
  async (t) => {
    const response = await getAs(t, 'staff', '/api/v1/materials/00000000-0000-4000-8000-00000000dead');
    expectStatus(response, 404);
    spec.expectMatches('getMaterial', response);
  },
);

rule(
  'VM-MAT-011',
  'The wider reference\'s camelCase materialName and materialType are accepted too',
  realClients('resource fields are camelCase (`materialName`, `materialType`, `createdAt`)'),
  async (t) => {
    await t.requireMutation();
    const response = await createMaterial(t, 'staff', { materialName: 'Silk Lining', materialType: 'fabric', unit: 'meters' });
    expectStatus(response, 201);
    expect(response.json<Schemas['Material']>()).toMatchObject({ materialName: 'Silk Lining', materialType: 'fabric' });
  },
);

rule(
  'VM-MAT-012',
  "A material staff create for a client record shows up in that client user's list, not in the other's",
  seed('Can only view and manage their own data'),
  async (t) => {
    await t.requireMutation();
    const created = await createMaterial(t, 'staff', { ...COTTON, name: 'Isolation Probe', clientId: await ownClientId(t, 'client') });
    expectStatus(created, 201);
    const { id } = created.json<Schemas['Material']>();
    expect((await materialsSeenBy(t, 'client')).map((material) => material.id)).toContain(id);
    expect((await materialsSeenBy(t, 'client2')).map((material) => material.id)).not.toContain(id);
  },
);
