import { afterEach, expect } from 'vitest';
import { expectJson, expectStatus, expectText } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { apiKeyHeader, generateKey, http, machhub, rule, spec, startFromSeed, tokenOf, type Schemas } from './suite.ts';

startFromSeed();
afterEach(async () => {
  await (await machhub.findControlPlane())?.resetClock();
});

const KEY_FORMAT = /^mchx_[A-Za-z0-9]{12}_[A-Za-z0-9_-]+$/;

rule(
  'MH-KEY-001',
  'An admin generates a key: 201 with the whole key in token, mchx_ + 12-character id + secret',
  realClients('API keys: `mchx_` + a 12-character lookup id + secret ... created by `POST /api/api-key/generate` `{name, expiration, description, features}` -> key in `token`, shown once'),
  async (t) => {
    const created = await generateKey(t, { name: 'line-3 gateway', description: 'counters' });
    expect(created.token).toMatch(KEY_FORMAT);
    expect(created.name).toBe('line-3 gateway');
  },
);

rule(
  'MH-KEY-002',
  'The key list never shows the secret',
  seed('The full key is shown once at creation — store it securely.'),
  async (t) => {
    const created = await generateKey(t, { name: 'listed' });
    const response = await http.get('/api/api-key/get-all', { headers: bearer(await tokenOf(t, 'admin')) });
    expectStatus(response, 200);
    spec.expectMatches('listApiKeys', response);
    expect(response.text.includes(created.token)).toBe(false);
    expect(response.json<Schemas['ApiKey'][]>().map((key) => key.id)).toContain(created.id);
  },
);

rule(
  'MH-KEY-003',
  'X-Machhub-Api-Key opens the data plane and /me reports credential api_key',
  seed('X-Machhub-Api-Key: mchx_<key-secret>'),
  async (t) => {
    const { token } = await generateKey(t, { name: 'reader' });
    const response = await http.get('/machhub/products/all', { headers: apiKeyHeader(token) });
    expectStatus(response, 200);
    spec.expectMatches('listProducts', response);
    const me = await http.get('/machhub/auth/me', { headers: apiKeyHeader(token) });
    expect(me.json<Schemas['Me']>().credential).toBe('api_key');
  },
);

rule(
  'MH-KEY-004',
  'A deleted key answers 401 at once',
  realClients('`DELETE /api/api-key/delete`'),
  async (t) => {
    const created = await generateKey(t, { name: 'short-lived' });
    expectStatus(await http.get('/machhub/products/count', { headers: apiKeyHeader(created.token) }), 200);
    const deleted = await http.delete(`/api/api-key/delete?id=${created.id}`, { headers: bearer(await tokenOf(t, 'admin')) });
    expectJson(deleted, 200, { success: true });
    spec.expectMatches('deleteApiKey', deleted);
    expectText(await http.get('/machhub/products/count', { headers: apiKeyHeader(created.token) }), 401);
  },
);

rule(
  'MH-KEY-005',
  'A key presented without its mchx_ prefix is refused with 401',
  seed('API keys are prefixed mchx_'),
  async (t) => {
    const { token } = await generateKey(t, { name: 'prefix test' });
    expectText(await http.get('/machhub/products/count', { headers: apiKeyHeader(token.slice('mchx_'.length)) }), 401);
  },
);

rule(
  'MH-KEY-006',
  'An unknown key or a known id with a wrong secret answers 401 in plain text',
  realClients('API keys: `mchx_` + a 12-character lookup id + secret, secret stored hashed'),
  async (t) => {
    const { token } = await generateKey(t, { name: 'secret test' });
    const wrongSecret = `${token.slice(0, 18)}${'x'.repeat(token.length - 18)}`;
    for (const key of [wrongSecret, 'mchx_000000000000_nothing', 'garbage']) {
      const response = await http.get('/machhub/products/count', { headers: apiKeyHeader(key) });
      expectText(response, 401);
      spec.expectMatches('countProducts', response);
    }
  },
);

rule(
  'MH-KEY-007',
  'An operator without the api_keys grant cannot generate keys: 403',
  inferred('keys act for their creator across the domain; the SDK docs put them under the api_keys feature, which the operator is not granted'),
  async (t) => {
    const response = await http.post('/api/api-key/generate', { headers: bearer(await tokenOf(t, 'operator')), json: { name: 'not mine' } });
    expectText(response, 403);
    spec.expectMatches('generateApiKey', response);
  },
);

rule(
  'MH-KEY-008',
  'A key stops working when its expiration passes',
  realClients('`POST /api/api-key/generate` `{name, expiration, description, features}`'),
  async (t) => {
    const control = await t.controlPlane('moves the server clock past the key\'s expiration');
    const { token } = await generateKey(t, { name: 'expiring', expiration: new Date(Date.now() + 3_600_000).toISOString() });
    expectStatus(await http.get('/machhub/products/count', { headers: apiKeyHeader(token) }), 200);
    await control.advanceClock(3_601);
    expectText(await http.get('/machhub/products/count', { headers: apiKeyHeader(token) }), 401);
  },
);

rule(
  'MH-KEY-009',
  'A key limited to other features cannot read the data plane: 403',
  realClients('`POST /api/api-key/generate` `{name, expiration, description, features}`'),
  async (t) => {
    const { token } = await generateKey(t, { name: 'dashboard only', features: ['dashboard'] });
    expectText(await http.get('/machhub/products/all', { headers: apiKeyHeader(token) }), 403);
  },
);

rule(
  'MH-KEY-010',
  'A key sent together with a Bearer token, as the SDK does, is accepted',
  realClients('`X-Machhub-Api-Key` when configured (possibly together with a Bearer token)'),
  async (t) => {
    const { token } = await generateKey(t, { name: 'both' });
    const headers = { ...apiKeyHeader(token), ...bearer(await tokenOf(t, 'operator')) };
    expectStatus(await http.get('/machhub/products/all', { headers }), 200);
  },
);

rule(
  'MH-KEY-011',
  'Deleting an unknown key answers 404; no id at all answers 400',
  inferred('a missing record is 404 and a request without its one parameter is malformed'),
  async (t) => {
    const headers = bearer(await tokenOf(t, 'admin'));
    const unknown = await http.delete('/api/api-key/delete?id=000000000000', { headers });
    expectText(unknown, 404);
    spec.expectMatches('deleteApiKey', unknown);
    expectText(await http.delete('/api/api-key/delete', { headers }), 400);
  },
);

rule(
  'MH-KEY-012',
  'Generating a key without a name answers 400',
  seed('a malformed body returns 400 Bad Request.'),
  async (t) => {
    await t.requireMutation();
    const response = await http.post('/api/api-key/generate', { headers: bearer(await tokenOf(t, 'admin')), json: { description: 'no name' } });
    expectText(response, 400);
  },
);
