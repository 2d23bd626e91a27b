import { PRISM_ANSWERS_INVALID_JSON } from '../harness/prism-violations.ts';
import { expect } from 'vitest';
import { expectSameAnswer, expectStatus } from '../harness/expect-http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { auth, expectErrors, http, issuedToken, loginRequest, personalAccessToken, rule, spec, startFromSeed } from './suite.ts';

startFromSeed();

const TOKEN_IN_HEADER = seed('For both key and email / password authentication, the x-auth-token is returned in the Response Headers');
const LOGIN_FAILURE = realClients('Login failures: 401, or 403 with `BAD_CREDENTIALS`.');

rule(
  'VN-LOGIN-001',
  'Login with e-mail and password answers 200 {success: true, errors: [], response: {email}}',
  seed('The Response of a successful login is structured as follows: { “success”: true, “errors”: [], “response”: { “email”: “some.email@example.com” } }'),
  async (t) => {
    const response = await t.signIn('owner', (account) => loginRequest(account.username, account.password));
    spec.expectMatches('login', response);
    expect(response.json()).toEqual({ success: true, errors: [], response: { email: t.account('owner').username } });
  },
);

rule('VN-LOGIN-002', 'The token comes back in the x-auth-token response header', TOKEN_IN_HEADER, async (t) => {
  const response = await t.signIn('member', (account) => loginRequest(account.username, account.password));
  expect(issuedToken(response).length).toBeGreaterThan(20);
  expect(response.text.includes(issuedToken(response))).toBe(false);
});

rule(
  'VN-LOGIN-003',
  'The header token is raw: no "Bearer " prefix and no spaces',
  realClients('The server returns the token raw in the `x-auth-token` response header (no `Bearer ` prefix, no spaces)'),
  async (t) => {
    const token = issuedToken(await t.signIn('member', (account) => loginRequest(account.username, account.password)));
    expect(/^bearer/i.test(token)).toBe(false);
    expect(/\s/.test(token)).toBe(false);
  },
);

rule('VN-LOGIN-004', 'A wrong password answers 401 or 403 with errors ["BAD_CREDENTIALS"] and no token', LOGIN_FAILURE, async (t) => {
  const response = await loginRequest(t.account('member').username, 'not-the-password');
  expectErrors(response, [401, 403], ['BAD_CREDENTIALS']);
  spec.expectMatches('login', response);
  expect(response.headers['x-auth-token']).toBeUndefined();
});

rule(
  'VN-LOGIN-005',
  'An unknown e-mail gets exactly the answer a wrong password gets',
  inferred('a different answer would tell anyone which e-mails have accounts'),
  async (t) => {
    const wrongPassword = await loginRequest(t.account('member').username, 'not-the-password');
    const unknownUser = await loginRequest('nobody-here@vntana.test', 'not-the-password');
    expectSameAnswer(wrongPassword, unknownUser);
  },
);

rule(
  'VN-LOGIN-006',
  'A login body without password answers 400 BAD_REQUEST in the error shape',
  realClients('Errors: `{"success": false, "errors": ["CODE", ...]}` with string codes, e.g. ... `BAD_REQUEST`'),
  async (t) => {
    const missing = await http.post('/v1/auth/login', { json: { email: t.account('owner').username } });
    expectErrors(missing, 400, ['BAD_REQUEST']);
    spec.expectMatches('login', missing);
  },
);

rule(
  'VN-LOGIN-011',
  'A login body that is not JSON answers 400 BAD_REQUEST in the error shape',
  realClients('Errors: `{"success": false, "errors": ["CODE", ...]}` with string codes, e.g. ... `BAD_REQUEST`'),
  async (t) => {
    t.notThroughPrism(PRISM_ANSWERS_INVALID_JSON);
    expectErrors(await http.post('/v1/auth/login', { body: '{"email":', contentType: 'application/json' }), 400, ['BAD_REQUEST']);
  },
);

rule(
  'VN-LOGIN-007',
  'Login with a personal access token answers 200 with a token in x-auth-token',
  seed("Use the following Endpoint to retrieve an x-auth-token: Method: POST Endpoint: /v1/auth/login/token Request Body: { 'personal-access-token' : 'somePersonalAccessToken' }"),
  async (t) => {
    const response = await http.post('/v1/auth/login/token', { json: { 'personal-access-token': await personalAccessToken(t, 'owner') } });
    expectStatus(response, 200);
    spec.expectMatches('loginWithPersonalAccessToken', response);
    expectStatus(await http.get('/v1/organizations', { headers: auth(issuedToken(response)) }), 200);
  },
);

rule('VN-LOGIN-008', 'A wrong personal access token answers 401 or 403 BAD_CREDENTIALS', LOGIN_FAILURE, async () => {
  const response = await http.post('/v1/auth/login/token', { json: { 'personal-access-token': 'not-a-real-token' } });
  expectErrors(response, [401, 403], ['BAD_CREDENTIALS']);
  spec.expectMatches('loginWithPersonalAccessToken', response);
});

rule(
  'VN-LOGIN-009',
  'A token login without the personal-access-token field answers 400',
  realClients('Errors: `{"success": false, "errors": ["CODE", ...]}` with string codes, e.g. ... `BAD_REQUEST`'),
  async () => {
    expectErrors(await http.post('/v1/auth/login/token', { json: { token: 'x' } }), 400, ['BAD_REQUEST']);
  },
);

rule(
  'VN-LOGIN-010',
  'A new personal access token works and the previous one stops working',
  inferred('the platform keeps one Authentication Key per user; a generated key replaces the old, so a leaked key can be retired'),
  async (t) => {
    // A user of its own, so rotating its key leaves the seeded keys alone.
    const control = await t.controlPlane('seeds a user whose personal access token it can rotate');
    const old = `rotate-pat-${Date.now()}`;
    await control.seedUser({ email: `rotate-${Date.now()}@vntana.test`, password: 'rotate-pass-1', personalAccessToken: old });
    const session = await http.post('/v1/auth/login/token', { json: { 'personal-access-token': old } });
    expectStatus(session, 200);
    const created = await http.post('/v1/auth/personal-access-token', { headers: auth(issuedToken(session)) });
    expectStatus(created, 200);
    spec.expectMatches('createPersonalAccessToken', created);
    const fresh = created.json<{ response: { personalAccessToken: string } }>().response.personalAccessToken;
    expectStatus(await http.post('/v1/auth/login/token', { json: { 'personal-access-token': fresh } }), 200);
    expectErrors(await http.post('/v1/auth/login/token', { json: { 'personal-access-token': old } }), [401, 403], ['BAD_CREDENTIALS']);
  },
);
