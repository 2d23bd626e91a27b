import { expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { CREATED, DONE, createApiKey, expectDetail, idOf, itemsOf, keyWith, rule, spec, startFromSeed, tokenOf, vinmake, type Schemas } from './suite.ts';

startFromSeed();

const SCOPED = seed('API keys can be: - Revoked without changing user passwords - Scoped to specific permissions - Monitored independently');

const apiKey = (key: string) => ({ 'x-api-key': key });

rule(
  'VM-KEY-001',
  'An admin creates an API key from name and scopes: 200 or 201 with the secret in `key`',
  realClients('API keys there are created with `{name, permissions[], rate_limit, expires_at}` and returned once in `key`, and the list never shows `key`'),
  async (t) => {
    await t.requireMutation();
    const response = await createApiKey(t, { name: t.nameFor('Production Sync Script'), scopes: ['read:materials', 'write:production-orders'] });
    expectStatus(response, ...CREATED);
    spec.expectMatches('createApiKey', response);
    const created = response.json<Schemas['ApiKeyCreated']>();
    expect(typeof created.key).toBe('string');
    expect(created.key.length).toBeGreaterThan(0);
  },
);

rule(
  'VM-KEY-016',
  'A created key echoes its name and scopes',
  inferred('the document shows only the create request; an answer naming what was created is what a client can check'),
  async (t) => {
    await t.requireMutation();
    const name = t.nameFor('Production Sync Script');
    const response = await createApiKey(t, { name, scopes: ['read:materials', 'write:production-orders'] });
    expectStatus(response, ...CREATED);
    expect(response.json()).toMatchObject({ name, scopes: expect.arrayContaining(['read:materials', 'write:production-orders']) });
  },
);

rule(
  'VM-KEY-002',
  'The key list never shows a secret',
  realClients('API keys there are created with `{name, permissions[], rate_limit, expires_at}` and returned once in `key`, and the list never shows `key`'),
  async (t) => {
    const created = await keyWith(t, ['read:materials']);
    const response = await vinmake.http.get('/api/v1/api-keys?limit=100', { headers: bearer(await tokenOf(t, 'admin')) });
    expectStatus(response, 200);
    spec.expectMatches('listApiKeys', response);
    expect(response.text).not.toContain(created.key);
    const listed = itemsOf(response);
    expect(listed.every((key) => !('key' in key))).toBe(true);
  },
);

rule(
  'VM-KEY-003',
  'Staff cannot create API keys: 403 with detail "Insufficient permissions"',
  seed('Can access system administration endpoints (API keys, webhooks, etc.)'),
  async (t) => {
    expectDetail(await createApiKey(t, { name: t.nameFor('not-allowed'), scopes: ['read:materials'] }, 'staff'), 403, 'Insufficient permissions');
  },
);

rule(
  'VM-KEY-004',
  'Client users cannot list API keys: 403 with detail "Insufficient permissions"',
  seed('Cannot perform admin operations'),
  async (t) => {
    const response = await vinmake.http.get('/api/v1/api-keys', { headers: bearer(await tokenOf(t, 'client')) });
    expectDetail(response, 403, 'Insufficient permissions');
  },
);

rule(
  'VM-KEY-005',
  'A key with read:materials lists materials through X-API-Key',
  seed('Use an API Key: curl https://staging.cutmake.ai/api/v1/materials -H "X-API-Key: your-api-key-here"'),
  async (t) => {
    const { key } = await keyWith(t, ['read:materials']);
    const response = await vinmake.http.get('/api/v1/materials', { headers: apiKey(key) });
    expectStatus(response, 200);
    spec.expectMatches('listMaterials', response);
  },
);

rule(
  'VM-KEY-006',
  'A key without write:materials cannot create a material: 403 with detail "Insufficient permissions"',
  SCOPED,
  async (t) => {
    const { key } = await keyWith(t, ['read:materials']);
    const response = await vinmake.http.post('/api/v1/materials', { headers: apiKey(key), json: { name: t.nameFor('Denim'), type: 'fabric', unit: 'yards' } });
    if (response.status >= 200 && response.status < 300) {
      const id = idOf(t, response.json(), 'material');
      await vinmake.http.delete(`/api/v1/materials/${id}`, { headers: bearer(await tokenOf(t, 'admin')) });
    }
    expectDetail(response, 403, 'Insufficient permissions');
  },
);

rule(
  'VM-KEY-007',
  'A key with write:materials creates a material',
  SCOPED,
  async (t) => {
    const { key } = await keyWith(t, ['write:materials']);
    const response = await vinmake.http.post('/api/v1/materials', { headers: apiKey(key), json: { name: t.nameFor('Denim'), type: 'fabric', unit: 'yards' } });
    if (response.status >= 200 && response.status < 300) {
      const id = idOf(t, response.json(), 'material');
      t.created(`material ${id}`, async () => vinmake.http.delete(`/api/v1/materials/${id}`, { headers: bearer(await tokenOf(t, 'admin')) }));
    }
    expectStatus(response, ...CREATED);
    spec.expectMatches('createMaterial', response);
  },
);

rule(
  'VM-KEY-008',
  'A key scoped to materials cannot read client records: 403 with detail "Insufficient permissions"',
  SCOPED,
  async (t) => {
    const { key } = await keyWith(t, ['read:materials']);
    expectDetail(await vinmake.http.get('/api/v1/clients', { headers: apiKey(key) }), 403, 'Insufficient permissions');
  },
);

rule(
  'VM-KEY-009',
  'A revoked key is refused at once (401 or 403)',
  SCOPED,
  async (t) => {
    const created = await keyWith(t, ['read:materials']);
    expectStatus(await vinmake.http.get('/api/v1/materials', { headers: apiKey(created.key) }), 200);
    const revoked = await vinmake.http.post(`/api/v1/api-keys/${created.id}/revoke`, { headers: bearer(await tokenOf(t, 'admin')) });
    expectStatus(revoked, ...DONE);
    spec.expectMatches('revokeApiKey', revoked);
    const after = await vinmake.http.get('/api/v1/materials', { headers: apiKey(created.key) });
    expectStatus(after, 401, 403);
    spec.expectMatches('listMaterials', after);
  },
);

rule(
  'VM-KEY-017',
  'A revoked key is refused with 401, as an unknown credential',
  inferred('a revoked key identifies nobody any more; "Re-authenticate when you receive a 401 response" is the document\'s answer to a dead credential, 403 would say the caller is known'),
  async (t) => {
    const created = await keyWith(t, ['read:materials']);
    expectStatus(await vinmake.http.post(`/api/v1/api-keys/${created.id}/revoke`, { headers: bearer(await tokenOf(t, 'admin')) }), ...DONE);
    expectStatus(await vinmake.http.get('/api/v1/materials', { headers: apiKey(created.key) }), 401);
  },
);

rule(
  'VM-KEY-010',
  'An unknown or malformed X-API-Key answers 401',
  inferred('a key that matches no live record identifies nobody; "Re-authenticate when you receive a 401 response" covers every credential'),
  async (t) => {
    const { key } = await keyWith(t, ['read:materials']);
    const altered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    for (const presented of [altered, 'not-a-key', 'vmk_00000000_nothing']) {
      const response = await vinmake.http.get('/api/v1/materials', { headers: apiKey(presented) });
      expectStatus(response, 401);
      spec.expectMatches('listMaterials', response);
    }
  },
);

rule(
  'VM-KEY-011',
  'Revoking an unknown key id answers 404',
  inferred('FastAPI services answer a missing record 404 with a string detail'),
  async (t) => {
    const response = await vinmake.http.post('/api/v1/api-keys/00000000-0000-4000-8000-00000000dead/revoke', {
      headers: bearer(await tokenOf(t, 'admin')),
    });
    expectStatus(response, 404);
    spec.expectMatches('revokeApiKey', response);
  },
);

rule(
  'VM-KEY-012',
  'Creating a key without a name answers 422',
  inferred('the document\'s example always sends a name but does not say it is required; FastAPI answers a missing required field with 422'),
  async (t) => {
    await t.requireMutation();
    const response = await createApiKey(t, { scopes: ['read:materials'] });
    expectStatus(response, 422);
    spec.expectMatches('createApiKey', response);
  },
);

rule(
  'VM-KEY-013',
  'An API key cannot create API keys (401 or 403)',
  inferred('keys are for automation; letting one mint more keys would defeat revocation, and key management is for admins'),
  async (t) => {
    const { key } = await keyWith(t, ['read:materials', 'write:materials']);
    const response = await vinmake.http.post('/api/v1/api-keys', { headers: apiKey(key), json: { name: t.nameFor('child'), scopes: ['read:materials'] } });
    if (response.status >= 200 && response.status < 300) {
      const id = idOf(t, response.json(), 'api_key');
      await vinmake.http.post(`/api/v1/api-keys/${id}/revoke`, { headers: bearer(await tokenOf(t, 'admin')) });
    }
    expectStatus(response, 401, 403);
  },
);

rule(
  'VM-KEY-015',
  'The key list shows when a key was last used (last_used_at)',
  inferred('"Monitored independently" names no field; last_used_at is this suite\'s guess at how a key is monitored'),
  async (t) => {
    const created = await keyWith(t, ['read:materials']);
    expectStatus(await vinmake.http.get('/api/v1/materials', { headers: apiKey(created.key) }), 200);
    const listed = itemsOf(await vinmake.http.get('/api/v1/api-keys?limit=100', { headers: bearer(await tokenOf(t, 'admin')) }));
    const mine = listed.find((key) => idOf(t, key, 'api_key') === created.id);
    expect(mine?.last_used_at ?? null).not.toBeNull();
  },
);

rule(
  'VM-KEY-014',
  'The wider reference\'s `permissions` field is accepted in place of `scopes`',
  inferred('the wider reference creates keys with `{name, permissions[], rate_limit, expires_at}`, but the seed, which governs, names the field `scopes`'),
  async (t) => {
    await t.requireMutation();
    const response = await createApiKey(t, { name: t.nameFor('reference-form'), permissions: ['read:materials'], rate_limit: 100 });
    expectStatus(response, ...CREATED);
    const { key } = response.json<Schemas['ApiKeyCreated']>();
    expectStatus(await vinmake.http.get('/api/v1/materials', { headers: apiKey(key) }), 200);
  },
);
