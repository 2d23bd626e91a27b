import { expect } from 'vitest';
import type { RuleContext } from '../harness/conformance.ts';
import { expectStatus } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, seed } from '../harness/rule.ts';
import {
  CREATED,
  DONE,
  createClient,
  createMaterial,
  expectDetail,
  getAs,
  idForBody,
  idOf,
  itemsOf,
  linkedClient,
  materialLink,
  ownClientId,
  rule,
  spec,
  startFromSeed,
  tokenOf,
  vinmake,
  type Schemas,
  type VinmakeRole,
} from './suite.ts';

startFromSeed();

type Json = Record<string, unknown>;
/** The seed's own example body, with a name that carries the run id. */
const cotton = (t: RuleContext, prefix = 'Cotton Fabric') => ({ name: t.nameFor(prefix), type: 'fabric', unit: 'yards' });

/** Where a material answer may carry a value: the guide's field names, or the wider reference's. */
const MATERIAL_FIELD_NAMES = { name: ['name', 'materialName'], type: ['type', 'materialType'], unit: ['unit'] } as const;

/** The guide shows no material answer: a value sent as `name` may come back as `name` or `materialName`. */
function expectMaterialHolds(material: Record<string, unknown>, values: Partial<Record<keyof typeof MATERIAL_FIELD_NAMES, string>>): void {
  for (const [field, value] of Object.entries(values) as [keyof typeof MATERIAL_FIELD_NAMES, string][]) {
    expect(MATERIAL_FIELD_NAMES[field].map((name) => material[name]), `the material's ${field}`).toContain(value);
  }
}

async function materialsSeenBy(t: RuleContext, role: VinmakeRole): Promise<Json[]> {
  const response = await getAs(t, role, '/api/v1/materials?limit=100');
  expectStatus(response, 200);
  spec.expectMatches('listMaterials', response);
  return itemsOf(response);
}

/** A material of this client record: one staff see, else one staff create (removed after the rule). */
async function materialOf(t: RuleContext, clientId: string): Promise<Json> {
  const link = await materialLink(t);
  const existing = (await materialsSeenBy(t, 'staff')).find((material) => linkedClient(material, link) === clientId);
  if (existing) return existing;
  await t.requireMutation();
  const created = await createMaterial(t, 'staff', { ...cotton(t, 'Owned Probe'), [link]: idForBody(clientId) });
  expectStatus(created, ...CREATED);
  return created.json<Json>();
}

/** A client record that is not the client user's: a new one the admin creates, else one staff see. */
async function foreignClient(t: RuleContext): Promise<string> {
  const own = await ownClientId(t, 'client');
  if (t.target.mutationAllowed || (await t.findControlPlane())) {
    const created = await createClient(t, 'admin', { name: t.nameFor('Foreign Client'), country: 'VN', maxAccountValue: 1000, currency: 'USD' });
    expectStatus(created, ...CREATED);
    return idOf(t, created.json(), 'client');
  }
  const other = itemsOf(await getAs(t, 'staff', '/api/v1/clients?limit=100')).map((client) => idOf(t, client, 'client')).find((id) => id !== own);
  return other ?? t.skip('needs-fixture', 'needs a second client record: allow mutation or have staff see another record');
}

rule(
  'VM-MAT-001',
  "A client user's material list holds only its own client record's materials",
  seed('Cannot access other clients’ information'),
  async (t) => {
    const own = await ownClientId(t, 'client');
    const link = await materialLink(t);
    await materialOf(t, own);
    const seen = await materialsSeenBy(t, 'client');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.map((material) => linkedClient(material, link))).toEqual(seen.map(() => own));
  },
);

rule(
  'VM-MAT-002',
  "A client user reading another client's material by id is refused: 403 with detail \"Insufficient permissions\", or 404",
  seed('Cannot access other clients’ information'),
  async (t) => {
    const foreign = await materialOf(t, await foreignClient(t));
    const response = await getAs(t, 'client', `/api/v1/materials/${idOf(t, foreign, 'material')}`);
    expectStatus(response, 403, 404);
    if (response.status === 403) expectDetail(response, 403, 'Insufficient permissions');
  },
);

rule(
  'VM-MAT-013',
  "A client user reading another client's material by id gets 403, not 404",
  inferred('the document answers a lack of permission with 403 "Insufficient permissions"; 404 would also hide the record, which the document does not ask for'),
  async (t) => {
    const foreign = await materialOf(t, await foreignClient(t));
    expectStatus(await getAs(t, 'client', `/api/v1/materials/${idOf(t, foreign, 'material')}`), 403);
  },
);

rule(
  'VM-MAT-003',
  "Staff create a material from the guide's fields name, type and unit: 200 or 201 with the material",
  seed('response = api.post("/api/v1/materials", json={ "name": "Cotton Fabric", "type": "fabric", "unit": "yards" }) material = response.json()'),
  async (t) => {
    await t.requireMutation();
    const body = cotton(t);
    const response = await createMaterial(t, 'staff', body);
    expectStatus(response, ...CREATED);
    spec.expectMatches('createMaterial', response);
    expectMaterialHolds(response.json(), body);
  },
);

/** Create, read, update (a whole body: the document does not say whether PUT merges) and delete. */
async function crud(t: RuleContext, role: VinmakeRole): Promise<void> {
  await t.requireMutation();
  const body = cotton(t);
  const created = await createMaterial(t, role, body);
  expectStatus(created, ...CREATED);
  const path = `/api/v1/materials/${idOf(t, created.json(), 'material')}`;
  const headers = bearer(await tokenOf(t, role));
  const read = await vinmake.http.get(path, { headers });
  expectStatus(read, 200);
  spec.expectMatches('getMaterial', read);
  expectMaterialHolds(read.json(), { name: body.name });
  const updated = await vinmake.http.put(path, { headers, json: { ...body, unit: 'meters' } });
  expectStatus(updated, 200);
  spec.expectMatches('updateMaterial', updated);
  expectMaterialHolds((await vinmake.http.get(path, { headers })).json(), { unit: 'meters' });
  expectStatus(await vinmake.http.delete(path, { headers }), ...DONE);
  const gone = await vinmake.http.get(path, { headers });
  expectStatus(gone, 404);
  spec.expectMatches('getMaterial', gone);
}

rule(
  'VM-MAT-004',
  'Staff read, update (PUT) and delete a material; after delete it answers 404',
  seed('Full CRUD access to most resources (materials, BOMs, production orders, etc.)'),
  async (t) => crud(t, 'staff'),
);

rule(
  'VM-MAT-005',
  'An admin has the same full CRUD on materials',
  seed('Complete access to all resources'),
  async (t) => crud(t, 'admin'),
);

rule(
  'VM-MAT-006',
  'A client user cannot create a material: 403 with detail "Insufficient permissions"',
  seed('Typical Use Case: External customers who need read-only access to their orders and invoices'),
  async (t) => {
    await t.requireMutation();
    expectDetail(await createMaterial(t, 'client', cotton(t)), 403, 'Insufficient permissions');
  },
);

rule(
  'VM-MAT-007',
  "A client user cannot change or delete even its own client's material: 403",
  inferred('the guide gives clients read-only access ("Typical Use Case: ... read-only access") and gives CRUD to staff'),
  async (t) => {
    const own = await materialOf(t, await ownClientId(t, 'client'));
    const headers = bearer(await tokenOf(t, 'client'));
    const path = `/api/v1/materials/${idOf(t, own, 'material')}`;
    expectStatus(await vinmake.http.put(path, { headers, json: { ...own, unit: 'kg' } }), 403);
    expectStatus(await vinmake.http.delete(path, { headers }), 403);
    const still = await vinmake.http.get(path, { headers });
    expectStatus(still, 200);
    expect(still.json<Json>().unit).toBe(own.unit);
  },
);

rule(
  'VM-MAT-008',
  'Creating a material without a name answers 422 with a FastAPI detail list',
  inferred('the document\'s example always sends a name but does not say it is required; FastAPI answers a missing required field with 422'),
  async (t) => {
    await t.requireMutation();
    const response = await createMaterial(t, 'staff', { type: 'fabric', unit: 'yards' });
    expectStatus(response, 422);
    spec.expectMatches('createMaterial', response);
  },
);

rule(
  'VM-MAT-009',
  'A wrong type in a material body (unit: 5) answers 422 locating body.unit',
  inferred('the document\'s example sends unit as a string but states no types; FastAPI (pydantic v2) refuses a number for a string field'),
  async (t) => {
    await t.requireMutation();
    const response = await createMaterial(t, 'staff', { name: t.nameFor('Felt'), unit: 5 });
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
  "The wider reference's camelCase materialName and materialType are accepted and answered too",
  inferred('the wider reference names material fields in camelCase (`materialName`, `materialType`), but the seed, which governs, uses name and type'),
  async (t) => {
    await t.requireMutation();
    const name = t.nameFor('Silk Lining');
    const response = await createMaterial(t, 'staff', { materialName: name, materialType: 'fabric', unit: 'meters' });
    expectStatus(response, ...CREATED);
    expect(response.json()).toMatchObject({ materialName: name, materialType: 'fabric' });
  },
);

rule(
  'VM-MAT-012',
  "A material staff create for a client record shows up in that client user's list, one for another record does not",
  seed('Can only view and manage their own data'),
  async (t) => {
    await t.requireMutation();
    const link = await materialLink(t);
    const mine = await createMaterial(t, 'staff', { ...cotton(t, 'Isolation Probe'), [link]: idForBody(await ownClientId(t, 'client')) });
    expectStatus(mine, ...CREATED);
    const theirs = await createMaterial(t, 'staff', { ...cotton(t, 'Foreign Probe'), [link]: idForBody(await foreignClient(t)) });
    expectStatus(theirs, ...CREATED);
    const seen = (await materialsSeenBy(t, 'client')).map((material) => idOf(t, material, 'material'));
    expect(seen).toContain(idOf(t, mine.json(), 'material'));
    expect(seen).not.toContain(idOf(t, theirs.json(), 'material'));
  },
);
