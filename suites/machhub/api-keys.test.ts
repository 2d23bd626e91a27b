import { afterEach, expect } from 'vitest';
import { expectStatus, expectText } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import {
  apiKeyHeader,
  deleteKey,
  expectNoAccessAnywhere,
  expectRefused,
  generateKey,
  http,
  machhub,
  rule,
  spec,
  startFromSeed,
  tokenOf,
} from './suite.ts';

startFromSeed();
afterEach(async () => {
  await (await machhub.findControlPlane())?.resetClock();
});

/** "`mchx_` + a 12-character lookup id + secret": the prefix, twelve characters, then a secret (no separator is named). */
const KEY_FORMAT = /^mchx_[^\s]{12}[^\s]+$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

rule(
  'MH-KEY-001',
  'An admin generates a key: 2xx with the whole key in token, mchx_ + 12 characters + a secret',
  realClients('API keys: `mchx_` + a 12-character lookup id + secret ... created by `POST /api/api-key/generate` `{name, expiration, description, features}` -> key in `token`, shown once'),
  async (t) => {
    const created = await generateKey(t, { name: 'line-3 gateway', description: 'counters' });
    expect(created.token).toMatch(KEY_FORMAT);
  },
);

rule(
  'MH-KEY-002',
  'The key list (200, a JSON array) never shows the key or its secret',
  seed('The full key is shown once at creation — store it securely.'),
  async (t) => {
    const { token } = await generateKey(t, { name: 'listed' });
    const response = await http.get('/api/api-key/get-all', { headers: bearer(await tokenOf(t, 'admin')) });
    expectStatus(response, 200);
    spec.expectMatches('listApiKeys', response);
    expect(Array.isArray(response.json())).toBe(true);
    expect(response.text.includes(token)).toBe(false);
    // The secret follows `mchx_` and the 12-character lookup id; its tail never shows either.
    if (token.length >= 'mchx_'.length + 12 + 16) expect(response.text.includes(token.slice(-16))).toBe(false);
  },
);

rule(
  'MH-KEY-003',
  'X-Machhub-Api-Key alone opens the data plane and /machhub/auth/me: 200',
  seed('X-Machhub-Api-Key: mchx_<key-secret>'),
  async (t) => {
    const { token } = await generateKey(t, { name: 'reader' });
    const response = await http.get('/machhub/products/all', { headers: apiKeyHeader(token) });
    expectStatus(response, 200);
    spec.expectMatches('listProducts', response);
    const me = await http.get('/machhub/auth/me', { headers: apiKeyHeader(token) });
    expectStatus(me, 200);
    spec.expectMatches('getMe', me);
  },
);

rule(
  'MH-KEY-004',
  'A deleted key (DELETE /api/api-key/delete answers 2xx) is refused at once: 401 or 403',
  realClients('`DELETE /api/api-key/delete`'),
  async (t) => {
    const created = await generateKey(t, { name: 'short-lived' });
    if (typeof created.id !== 'string') return t.skip('needs-fixture', 'the generate answer names no key id to delete');
    expectStatus(await http.get('/machhub/products/count', { headers: apiKeyHeader(created.token) }), 200);
    const deleted = await deleteKey(bearer(await tokenOf(t, 'admin')), created.id);
    expectStatus(deleted, 200, 202, 204);
    spec.expectMatches('deleteApiKey', deleted);
    expectRefused(await http.get('/machhub/products/count', { headers: apiKeyHeader(created.token) }));
  },
);

rule(
  'MH-KEY-005',
  'A key presented without its mchx_ prefix is refused: 401 or 403',
  seed('API keys are prefixed mchx_'),
  async (t) => {
    const { token } = await generateKey(t, { name: 'prefix test' });
    expectRefused(await http.get('/machhub/products/count', { headers: apiKeyHeader(token.slice('mchx_'.length)) }));
  },
);

rule(
  'MH-KEY-006',
  'An unknown key or a known lookup id with a wrong secret is refused: 401 or 403, in plain text',
  realClients('API keys: `mchx_` + a 12-character lookup id + secret, secret stored hashed'),
  async (t) => {
    const { token } = await generateKey(t, { name: 'secret test' });
    const wrongSecret = `${token.slice(0, 18)}${'x'.repeat(token.length - 18)}`;
    for (const key of [wrongSecret, 'mchx_000000000000_nothing', 'garbage']) {
      const response = await http.get('/machhub/products/count', { headers: apiKeyHeader(key) });
      expectRefused(response);
      spec.expectMatches('countProducts', response);
    }
  },
);

rule(
  'MH-KEY-007',
  'A user the permission endpoint grants nothing cannot generate keys: 401 or 403',
  inferred('the SDK docs put keys under the api_keys feature; a user with no access to it should not mint credentials, though keys are made from the personal console page'),
  async (t) => {
    const token = await tokenOf(t, 'nogrants');
    await expectNoAccessAnywhere(t, token);
    const response = await http.post('/api/api-key/generate', { headers: bearer(token), json: { name: 'not mine' } });
    if (response.status >= 200 && response.status < 300) {
      const id = response.json<{ id?: string }>().id;
      if (id) t.created(`API key ${id}`, () => deleteKey(bearer(token), id).catch(() => undefined));
    }
    expectRefused(response);
    spec.expectMatches('generateApiKey', response);
  },
);

rule(
  'MH-KEY-008',
  'A key stops working when its expiration passes: 401 or 403',
  realClients('`POST /api/api-key/generate` `{name, expiration, description, features}`'),
  async (t) => {
    const control = await t.findControlPlane();
    // On a mock the clock moves an hour; elsewhere the key expires in a few seconds of real time.
    const lead = control ? 3_600_000 : 4_000;
    const { token } = await generateKey(t, { name: 'expiring', expiration: new Date(Date.now() + lead).toISOString() });
    expectStatus(await http.get('/machhub/products/count', { headers: apiKeyHeader(token) }), 200);
    if (control) await control.advanceClock(lead / 1000 + 1);
    else await sleep(lead + 1_500);
    expectRefused(await http.get('/machhub/products/count', { headers: apiKeyHeader(token) }));
  },
);

rule(
  'MH-KEY-009',
  'A key limited to other features cannot read the data plane: 403 (or 401)',
  inferred('the generate body names `features`; no document says what it does: limiting the key to those features is the natural reading'),
  async (t) => {
    const { token } = await generateKey(t, { name: 'dashboard only', features: ['dashboard'] });
    expectRefused(await http.get('/machhub/products/all', { headers: apiKeyHeader(token) }));
  },
);

rule(
  'MH-KEY-010',
  'A key sent together with a Bearer token of its owner, as the SDK does, is accepted: 200',
  realClients('`X-Machhub-Api-Key` when configured (possibly together with a Bearer token)'),
  async (t) => {
    const { token } = await generateKey(t, { name: 'both' });
    const headers = { ...apiKeyHeader(token), ...bearer(await tokenOf(t, 'admin')) };
    expectStatus(await http.get('/machhub/products/all', { headers }), 200);
  },
);

rule(
  'MH-KEY-011',
  'Deleting an unknown key answers 404 (or 400); no id at all answers 400 (or 404, 422)',
  inferred('a missing record is 404 and a request without its one parameter is malformed'),
  async (t) => {
    await t.requireMutation();
    const headers = bearer(await tokenOf(t, 'admin'));
    const unknown = await http.delete('/api/api-key/delete?id=000000000000', { headers });
    expectText(unknown, unknown.status === 400 ? 400 : 404);
    spec.expectMatches('deleteApiKey', unknown);
    const missing = await http.delete('/api/api-key/delete', { headers });
    expectStatus(missing, 400, 404, 422);
  },
);

rule(
  'MH-KEY-012',
  'Generating a key without a name answers 400',
  inferred('the SDK always sends a name; a key without one cannot be told apart in the console'),
  async (t) => {
    await t.requireMutation();
    const headers = bearer(await tokenOf(t, 'admin'));
    const response = await http.post('/api/api-key/generate', { headers, json: { description: 'no name' } });
    if (response.status >= 200 && response.status < 300) {
      const id = response.json<{ id?: string }>().id;
      if (id) t.created(`API key ${id}`, () => deleteKey(headers, id).catch(() => undefined));
    }
    expectText(response, 400);
  },
);
