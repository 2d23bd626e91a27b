import { expect } from 'vitest';
import { FormData } from 'undici';
import { expectHeader, expectStatus, expectText } from '../harness/expect-http.ts';
import { bearer, type HttpResponse } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import type { RuleContext } from '../harness/conformance.ts';
import { expectNoAccessAnywhere, expectRefused, http, rule, spec, startFromSeed, tokenOf, uniqueName } from './suite.ts';

startFromSeed();

type Row = Record<string, unknown>;

const admin = async (t: RuleContext) => bearer(await tokenOf(t, 'admin'));

async function products(t: RuleContext, query = ''): Promise<Row[]> {
  const response = await http.get(`/machhub/products/all${query}`, { headers: await admin(t) });
  expectStatus(response, 200);
  spec.expectMatches('listProducts', response);
  const rows = response.json<Row[]>();
  expect(Array.isArray(rows)).toBe(true);
  return rows;
}

const recordId = (response: HttpResponse): string | undefined => {
  const id = response.json<Row>()?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/** Removes a record the rule made, where its answer names its id. */
function removeAfter(t: RuleContext, response: HttpResponse, headers: Record<string, string>): void {
  if (response.status < 200 || response.status >= 300) return;
  const id = recordId(response);
  if (id) t.created(`record ${id}`, () => http.delete(`/machhub/${id}`, { headers }).catch(() => undefined));
}

/** Records the rule creates as the admin (name and price, fields both the SDK's demo and any schemaless table take). */
async function createRecords(t: RuleContext, label: string, prices: number[]): Promise<string> {
  await t.requireMutation();
  const headers = await admin(t);
  const name = uniqueName(t, label);
  for (const [index, price] of prices.entries()) {
    const response = await http.post('/machhub/products', { headers, json: { name: `${name}-${index}`, price } });
    if (response.status < 200 || response.status >= 300) t.skip('needs-fixture', `could not create a products record (${response.status}); the rule needs its own records`);
    removeAfter(t, response, headers);
  }
  return name;
}

const ours = (rows: Row[], name: string) => rows.filter((row) => typeof row.name === 'string' && row.name.startsWith(`${name}-`));

const DATA_PLANE = realClients('Data plane: `GET /machhub/{table}/all` (array; query `filter[field][op][type]=v`, `sort`, `limit`, `offset`)');

rule('MH-DATA-001', 'GET /machhub/products/all answers 200 with a JSON array of records, the ones created included', seed('API-->>App: [ ...records ]'), async (t) => {
  const mutation = t.target.mutationAllowed || (await t.findControlPlane()) !== undefined;
  const name = mutation ? await createRecords(t, 'mh-data-001', [5]) : undefined;
  const rows = await products(t);
  if (name) expect(ours(rows, name)).toHaveLength(1);
});

rule(
  'MH-DATA-002',
  'filter[price][gt][number]=v and filter[name][eq][string]=v keep only the matching records',
  inferred('the SDK names the filter grammar filter[field][op][type]=v but no operator; gt and eq are the natural names'),
  async (t) => {
    const name = await createRecords(t, 'mh-data-002', [10, 1000]);
    const expensive = await products(t, '?filter[price][gt][number]=100');
    expect(expensive.every((row) => Number(row.price) > 100)).toBe(true);
    expect(ours(expensive, name).map((row) => row.price)).toEqual([1000]);
    const named = await products(t, `?filter[name][eq][string]=${encodeURIComponent(`${name}-0`)}`);
    expect(named.map((row) => row.name)).toEqual([`${name}-0`]);
  },
);

rule('MH-DATA-003', 'sort=price orders ascending; limit and offset page the same order', DATA_PLANE, async (t) => {
  const mutation = t.target.mutationAllowed || (await t.findControlPlane()) !== undefined;
  if (mutation) await createRecords(t, 'mh-data-003', [30, 10, 20]);
  const byPrice = await products(t, '?sort=price');
  if (byPrice.length < 3) return t.skip('needs-fixture', 'fewer than 3 records to page through; allow mutation to let the rule create some');
  // Records without a numeric price may come anywhere the server puts them; the priced ones ascend.
  const prices = byPrice.map((row) => row.price).filter((price): price is number => typeof price === 'number');
  expect(prices).toEqual([...prices].sort((a, b) => a - b));
  const page = await products(t, '?sort=price&limit=2&offset=1');
  expect(page.map((row) => row.price)).toEqual(byPrice.slice(1, 3).map((row) => row.price));
});

rule(
  'MH-DATA-004',
  'count answers {count} equal to the number of records',
  realClients('`GET /machhub/{table}/count` -> `{count}`'),
  async (t) => {
    const response = await http.get('/machhub/products/count', { headers: await admin(t) });
    expectStatus(response, 200);
    spec.expectMatches('countProducts', response);
    expect(response.json<{ count: number }>().count).toBe((await products(t)).length);
  },
);

rule(
  'MH-DATA-005',
  'A record is read (200), updated (2xx, then read back changed) and deleted (2xx) by its id; then it answers 404',
  realClients('`GET|PUT|DELETE /machhub/{recordId}`'),
  async (t) => {
    await t.requireMutation();
    const headers = await admin(t);
    const created = await http.post('/machhub/products', { headers, json: { name: uniqueName(t, 'mh-data-005'), price: 9.5 } });
    expectStatus(created, 200, 201);
    removeAfter(t, created, headers);
    const id = recordId(created);
    if (!id) return t.skip('needs-fixture', 'the created record names no id to address it by');
    const path = `/machhub/${id}`;
    const read = await http.get(path, { headers });
    expectStatus(read, 200);
    spec.expectMatches('getRecord', read);
    const updated = await http.put(path, { headers, json: { stock: 7 } });
    expectStatus(updated, 200, 201, 204);
    spec.expectMatches('updateRecord', updated);
    const reread = await http.get(path, { headers });
    expectStatus(reread, 200);
    expect(reread.json<Row>().stock).toBe(7);
    const deleted = await http.delete(path, { headers });
    expectStatus(deleted, 200, 202, 204);
    spec.expectMatches('deleteRecord', deleted);
    const gone = await http.get(path, { headers });
    expectText(gone, gone.status === 410 ? 410 : 404);
    spec.expectMatches('getRecord', gone);
  },
);

rule(
  'MH-DATA-006',
  'A record is created from JSON (200 or 201) and then listed',
  realClients('`POST /machhub/{table}`'),
  async (t) => {
    await t.requireMutation();
    const headers = await admin(t);
    const name = uniqueName(t, 'mh-data-006');
    const response = await http.post('/machhub/products', { headers, json: { name: `${name}-0`, price: 4, stock: 50 } });
    expectStatus(response, 200, 201);
    removeAfter(t, response, headers);
    spec.expectMatches('createProduct', response);
    expectHeader(response, 'content-type', /^application\/json/);
    expect(ours(await products(t), name)).toEqual([expect.objectContaining({ name: `${name}-0`, price: 4, stock: 50 })]);
  },
);

rule(
  'MH-DATA-007',
  'A record is created from multipart with a record JSON field, as the SDK sends it (200 or 201), and then listed',
  realClients('`POST /machhub/{table}` (the SDK sends multipart with a `record` JSON field)'),
  async (t) => {
    await t.requireMutation();
    const headers = await admin(t);
    const name = uniqueName(t, 'mh-data-007');
    const form = new FormData();
    form.set('record', JSON.stringify({ name: `${name}-0`, price: 77 }));
    const response = await http.post('/machhub/products', { headers, body: form });
    expectStatus(response, 200, 201);
    removeAfter(t, response, headers);
    spec.expectMatches('createProduct', response);
    expect(ours(await products(t), name)).toEqual([expect.objectContaining({ name: `${name}-0`, price: 77 })]);
  },
);

rule(
  'MH-DATA-008',
  'A user the permission endpoint grants nothing (every feature, every scope: []) is refused on the data plane: 401 or 403',
  seed('actions is an array of the granted action verbs (an empty array [] means no access).'),
  async (t) => {
    const token = await tokenOf(t, 'nogrants');
    await expectNoAccessAnywhere(t, token);
    const response = await http.get('/machhub/products/all', { headers: bearer(token) });
    expectRefused(response);
    spec.expectMatches('listProducts', response);
  },
);

rule(
  'MH-DATA-009',
  'A filter value of the wrong type, an unknown operator or a negative limit answers 400 (or 422) in plain text',
  inferred('no document states how the data plane treats a malformed query; refusing it beats guessing'),
  async (t) => {
    for (const query of ['?filter[price][gt][number]=cheap', '?filter[price][near][number]=3', '?limit=-1']) {
      const response = await http.get(`/machhub/products/all${query}`, { headers: await admin(t) });
      expectText(response, response.status === 422 ? 422 : 400);
      spec.expectMatches('listProducts', response);
    }
  },
);

rule(
  'MH-DATA-010',
  'A record body without a name answers 400 and creates nothing',
  inferred('our products table requires name and price; the documents name no field of a record, and a schemaless table takes it'),
  async (t) => {
    await t.requireMutation();
    const headers = await admin(t);
    const before = (await products(t)).length;
    const response = await http.post('/machhub/products', { headers, json: { price: 3 } });
    removeAfter(t, response, headers);
    expectText(response, 400);
    expect((await products(t)).length).toBe(before);
  },
);

rule(
  'MH-DATA-011',
  'An unknown record id answers 404',
  inferred('a missing record is not found, in the plain-text error shape'),
  async (t) => {
    expectText(await http.get('/machhub/products:no-such-record', { headers: await admin(t) }), 404);
  },
);
