import { expect } from 'vitest';
import { FormData } from 'undici';
import { expectJson, expectStatus, expectText } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import type { RuleContext } from '../harness/conformance.ts';
import { getAs, http, rule, spec, startFromSeed, tokenOf, type Schemas } from './suite.ts';

startFromSeed();

async function products(t: RuleContext, query = ''): Promise<Schemas['Product'][]> {
  const response = await getAs(t, 'operator', `/machhub/products/all${query}`);
  expectStatus(response, 200);
  spec.expectMatches('listProducts', response);
  return response.json<Schemas['Product'][]>();
}

const DATA_PLANE = realClients('Data plane: `GET /machhub/{table}/all` (array; query `filter[field][op][type]=v`, `sort`, `limit`, `offset`)');

rule('MH-DATA-001', 'GET /machhub/products/all answers an array of records', seed('API-->>App: [ ...records ]'), async (t) => {
  expect((await products(t)).length).toBeGreaterThan(0);
});

rule('MH-DATA-002', 'filter[field][op][type]=value keeps only matching records', DATA_PLANE, async (t) => {
  const all = await products(t);
  const expensive = await products(t, '?filter[price][gt][number]=100');
  expect(expensive.length).toBeGreaterThan(0);
  expect(expensive.length).toBeLessThan(all.length);
  expect(expensive.every((product) => product.price > 100)).toBe(true);
  const named = await products(t, `?filter[name][eq][string]=${encodeURIComponent(all[0]?.name ?? '')}`);
  expect(named.map((product) => product.id)).toContain(all[0]?.id);
});

rule('MH-DATA-003', 'sort, limit and offset order and page the records', DATA_PLANE, async (t) => {
  const byPrice = await products(t, '?sort=price');
  const prices = byPrice.map((product) => product.price);
  expect(prices).toEqual([...prices].sort((a, b) => a - b));
  const page = await products(t, '?sort=price&limit=2&offset=1');
  expect(page.map((product) => product.id)).toEqual(byPrice.slice(1, 3).map((product) => product.id));
});

rule(
  'MH-DATA-004',
  'count answers {count} equal to the number of records',
  realClients('`GET /machhub/{table}/count` -> `{count}`'),
  async (t) => {
    const response = await getAs(t, 'operator', '/machhub/products/count');
    expectStatus(response, 200);
    spec.expectMatches('countProducts', response);
    expect(response.json<{ count: number }>().count).toBe((await products(t)).length);
  },
);

rule(
  'MH-DATA-005',
  'A record is read, updated and deleted by its id; then it answers 404',
  realClients('`GET|PUT|DELETE /machhub/{recordId}`'),
  async (t) => {
    await t.requireMutation();
    const headers = bearer(await tokenOf(t, 'operator'));
    const created = await http.post('/machhub/products', { headers, json: { name: 'Limit switch', price: 9.5 } });
    expectStatus(created, 201);
    const path = `/machhub/${created.json<Schemas['Product']>().id}`;
    const read = await http.get(path, { headers });
    expectStatus(read, 200);
    spec.expectMatches('getRecord', read);
    const updated = await http.put(path, { headers, json: { stock: 7 } });
    expectStatus(updated, 200);
    spec.expectMatches('updateRecord', updated);
    expect(updated.json<Schemas['Product']>().stock).toBe(7);
    expectJson(await http.delete(path, { headers }), 200, { success: true });
    const gone = await http.get(path, { headers });
    expectText(gone, 404);
    spec.expectMatches('getRecord', gone);
  },
);

rule(
  'MH-DATA-006',
  'A record is created from JSON: 201',
  realClients('`POST /machhub/{table}`'),
  async (t) => {
    await t.requireMutation();
    const response = await http.post('/machhub/products', { headers: bearer(await tokenOf(t, 'operator')), json: { name: 'Relay', price: 4, stock: 50 } });
    expectStatus(response, 201);
    spec.expectMatches('createProduct', response);
    expect(response.json<Schemas['Product']>()).toMatchObject({ name: 'Relay', price: 4, stock: 50 });
  },
);

rule(
  'MH-DATA-007',
  'A record is created from multipart with a record JSON field, as the SDK sends it',
  realClients('`POST /machhub/{table}` (the SDK sends multipart with a `record` JSON field)'),
  async (t) => {
    await t.requireMutation();
    const form = new FormData();
    form.set('record', JSON.stringify({ name: 'Encoder', price: 77 }));
    const response = await http.post('/machhub/products', { headers: bearer(await tokenOf(t, 'operator')), body: form });
    expectStatus(response, 201);
    spec.expectMatches('createProduct', response);
    expect(response.json<Schemas['Product']>()).toMatchObject({ name: 'Encoder', price: 77 });
  },
);

rule(
  'MH-DATA-008',
  'A user without a collections grant gets 403 on the data plane',
  inferred('the data plane holds collections; a caller the permission model gives nothing on them is authenticated but not allowed'),
  async (t) => {
    const response = await getAs(t, 'nogrants', '/machhub/products/all');
    expectText(response, 403);
    spec.expectMatches('listProducts', response);
  },
);

rule(
  'MH-DATA-009',
  'A filter value of the wrong type or an unknown operator answers 400 in plain text',
  seed('a malformed body returns 400 Bad Request.'),
  async (t) => {
    for (const query of ['?filter[price][gt][number]=cheap', '?filter[price][near][number]=3', '?sort=colour', '?limit=-1']) {
      const response = await getAs(t, 'operator', `/machhub/products/all${query}`);
      expectText(response, 400);
      spec.expectMatches('listProducts', response);
    }
  },
);

rule(
  'MH-DATA-010',
  'A record body without the required name answers 400 and creates nothing',
  seed('a malformed body returns 400 Bad Request.'),
  async (t) => {
    const before = (await products(t)).length;
    const response = await http.post('/machhub/products', { headers: bearer(await tokenOf(t, 'operator')), json: { price: 3 } });
    expectText(response, 400);
    expect((await products(t)).length).toBe(before);
  },
);

rule(
  'MH-DATA-011',
  'An unknown record id answers 404',
  inferred('a missing record is not found, in the plain-text error shape'),
  async (t) => {
    expectText(await getAs(t, 'operator', '/machhub/products:no-such-record'), 404);
  },
);
