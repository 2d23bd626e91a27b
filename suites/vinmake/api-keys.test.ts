import { expect } from 'vitest';
import type { RuleContext } from '../harness/conformance.ts';
import { expectJson, expectStatus } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { rule, spec, startFromSeed, tokenOf, vinmake, type Schemas, type VinmakeRole } from './suite.ts';

startFromSeed();

async function createKey(t: RuleContext, body: Schemas['ApiKeyCreate'], role: VinmakeRole = 'admin') {
  return vinmake.http.post('/api/v1/api-keys', { headers: bearer(await tokenOf(t, role)), json: body });
}

/** A fresh key with these scopes, created by the admin. */
async function keyWith(t: RuleContext, scopes: string[]): Promise<Schemas['ApiKeyCreated']> {
  await t.requireMutation();
  const response = await createKey(t, { name: `conformance ${scopes.join(' ')}`, scopes });
  expectStatus(response, 201);
  return response.json<Schemas['ApiKeyCreated']>();
}

const apiKey = (key: string) => ({ 'x-api-key': key });

rule(
  'VM-KEY-001',
  'An admin creates an API key: 201 with id, name, scopes and the secret key',
  seed('For scripts and integrations, consider using API keys (managed via /api/v1/api-keys endpoint) instead of user passwords.'),
  async (t) => {
    await t.requireMutation();
    const response = await createKey(t, { name: 'Production Sync Script', scopes: ['read:materials', 'write:production-orders'] });
    expectStatus(response, 201);
    spec.expectMatches('createApiKey', response);
    const created = response.json<Schemas['ApiKeyCreated']>();
    expect(created.name).toBe('Production Sync Script');
    expect(created.scopes).toEqual(expect.arrayContaining(['read:materials', 'write:production-orders']));
    expect(created.key.length).toBeGreaterThanOrEqual(20);
  },
);

rule(
  'VM-KEY-002',
  'The key list never shows a secret',
  realClients('API keys there are created with {name, permissions[], rate_limit, expires_at} and returned once in `key`, and the list never shows `key`'),
  async (t) => {
    const created = await keyWith(t, ['read:materials']);
    const response = await vinmake.http.get('/api/v1/api-keys?limit=100', { headers: bearer(await tokenOf(t, 'admin')) });
    expectStatus(response, 200);
    spec.expectMatches('listApiKeys', response);
    expect(response.text).not.toContain(created.key);
    const listed = response.json<Schemas['ApiKeyPage']>().data;
    expect(listed.map((key) => key.id)).toContain(created.id);
    expect(listed.every((key) => !('key' in key))).toBe(true);
  },
);

rule(
  'VM-KEY-003',
  'Staff cannot create API keys: 403',
  seed('Can access system administration endpoints (API keys, webhooks, etc.)'),
  async (t) => {
    expectJson(await createKey(t, { name: 'not allowed', scopes: ['read:materials'] }, 'staff'), 403, { detail: 'Insufficient permissions' });
  },
);

rule(
  'VM-KEY-004',
  'Client users cannot list API keys: 403',
  seed('Cannot perform admin operations'),
  async (t) => {
    const response = await vinmake.http.get('/api/v1/api-keys', { headers: bearer(await tokenOf(t, 'client')) });
    expectJson(response, 403, { detail: 'Insufficient permissions' });
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
  'A key without write:materials cannot create a material: 403',
  seed('Scoped to specific permissions'),
  async (t) => {
    const { key } = await keyWith(t, ['read:materials']);
    const response = await vinmake.http.post('/api/v1/materials', { headers: apiKey(key), json: { name: 'Denim', unit: 'yards' } });
    expectJson(response, 403, { detail: 'Insufficient permissions' });
  },
);

rule(
  'VM-KEY-007',
  'A key with write:materials creates a material',
  seed('Scoped to specific permissions'),
  async (t) => {
    const { key } = await keyWith(t, ['write:materials']);
    const response = await vinmake.http.post('/api/v1/materials', { headers: apiKey(key), json: { name: 'Denim', unit: 'yards' } });
    expectStatus(response, 201);
    spec.expectMatches('createMaterial', response);
  },
);

rule(
  'VM-KEY-008',
  'A key scoped to materials cannot read client records: 403',
  seed('Scoped to specific permissions'),
  async (t) => {
    const { key } = await keyWith(t, ['read:materials']);
    expectJson(await vinmake.http.get('/api/v1/clients', { headers: apiKey(key) }), 403, { detail: 'Insufficient permissions' });
  },
);

rule(
  'VM-KEY-009',
  'A revoked key answers 401 at once',
  seed('Revoked without changing user passwords'),
  async (t) => {
    const created = await keyWith(t, ['read:materials']);
    expectStatus(await vinmake.http.get('/api/v1/materials', { headers: apiKey(created.key) }), 200);
    const revoked = await vinmake.http.post(`/api/v1/api-keys/${created.id}/revoke`, { headers: bearer(await tokenOf(t, 'admin')) });
    expectStatus(revoked, 200);
    spec.expectMatches('revokeApiKey', revoked);
    expect(revoked.json<Schemas['ApiKey']>().revoked_at).not.toBeNull();
    const after = await vinmake.http.get('/api/v1/materials', { headers: apiKey(created.key) });
    expectStatus(after, 401);
    spec.expectMatches('listMaterials', after);
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
  realClients('FastAPI conventions: a missing form field gives 422 with {"detail":[{"type","loc","msg",...}]}'),
  async (t) => {
    const response = await vinmake.http.post('/api/v1/api-keys', { headers: bearer(await tokenOf(t, 'admin')), json: { scopes: ['read:materials'] } });
    expectStatus(response, 422);
    spec.expectMatches('createApiKey', response);
  },
);

rule(
  'VM-KEY-013',
  'An API key cannot manage API keys: 403',
  inferred('keys are for automation; letting one mint more keys would defeat revocation, and key management is for admins'),
  async (t) => {
    const { key } = await keyWith(t, ['read:materials', 'write:materials']);
    const response = await vinmake.http.post('/api/v1/api-keys', { headers: apiKey(key), json: { name: 'child', scopes: ['read:materials'] } });
    expectJson(response, 403, { detail: 'Insufficient permissions' });
  },
);

rule(
  'VM-KEY-015',
  'The key list shows when a key was last used',
  seed('API keys can be: ... Monitored independently'),
  async (t) => {
    const created = await keyWith(t, ['read:materials']);
    expect(created.last_used_at).toBeNull();
    expectStatus(await vinmake.http.get('/api/v1/materials', { headers: apiKey(created.key) }), 200);
    const listed = (await vinmake.http.get('/api/v1/api-keys?limit=100', { headers: bearer(await tokenOf(t, 'admin')) })).json<Schemas['ApiKeyPage']>();
    expect(listed.data.find((key) => key.id === created.id)?.last_used_at).not.toBeNull();
  },
);

rule(
  'VM-KEY-014',
  'The reference\'s `permissions` field is accepted in place of `scopes`',
  realClients('API keys there are created with `{name, permissions[], rate_limit, expires_at}`'),
  async (t) => {
    await t.requireMutation();
    const response = await createKey(t, { name: 'reference form', permissions: ['read:materials'], rate_limit: 100 });
    expectStatus(response, 201);
    const { key } = response.json<Schemas['ApiKeyCreated']>();
    expectStatus(await vinmake.http.get('/api/v1/materials', { headers: apiKey(key) }), 200);
  },
);
