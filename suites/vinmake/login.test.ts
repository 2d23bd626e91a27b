import { PRISM_ANSWERS_INVALID_JSON } from '../harness/prism-violations.ts';
import { expect } from 'vitest';
import { expectSameAnswer, expectStatus } from '../harness/expect-http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { ROLE_OF, expectDetail, loginForm, login, rule, spec, startFromSeed, vinmake, type Schemas, type VinmakeRole } from './suite.ts';

startFromSeed();

rule(
  'VM-LOGIN-001',
  'Login with e-mail and password as a form answers 200 with access_token, token_type, expires_in and user',
  seed('Send your email and password to /auth/login to receive an access token'),
  async (t) => {
    const account = t.account('admin');
    const response = await loginForm(account.username, account.password);
    expectStatus(response, 200);
    spec.expectMatches('login', response);
  },
);

rule(
  'VM-LOGIN-002',
  'token_type is "bearer" and expires_in is 3600',
  seed('Success Response (200): { "access_token": "eyJ...", "token_type": "bearer", "expires_in": 3600, ... }'),
  async (t) => {
    const body = await login(t, 'staff');
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(3600);
  },
);

for (const [index, role] of (['admin', 'staff', 'client'] as VinmakeRole[]).entries()) {
  rule(
    `VM-LOGIN-00${3 + index}`,
    `The login response's user carries the ${role} account's e-mail and role "${ROLE_OF[role]}"`,
    seed('"user": { "id": "uuid-here", "email": "thai@vinmake.com", "role": "admin", "app_metadata": {}, "user_metadata": {} }'),
    async (t) => {
      const account = t.account(role);
      const body = await login(t, role);
      expect(body.user.email.toLowerCase()).toBe(account.username.toLowerCase());
      expect(body.user.role).toBe(ROLE_OF[role]);
    },
  );
}

rule(
  'VM-LOGIN-006',
  'A wrong password answers 401 with detail "Invalid credentials"',
  seed('Error Response (401): { "detail": "Invalid credentials" }'),
  async (t) => {
    const account = t.account('client');
    expectDetail(await loginForm(account.username, `${account.password}-wrong`), 401, 'Invalid credentials');
  },
);

rule(
  'VM-LOGIN-014',
  'An unknown e-mail answers 401 with detail "Invalid credentials", as a wrong password does',
  seed('401 Unauthorized - Invalid credentials Solution: Double-check your email and password. / Error Response (401): { "detail": "Invalid credentials" }'),
  async () => {
    expectDetail(await loginForm('nobody-here@vinmake.test', 'not-the-password'), 401, 'Invalid credentials');
  },
);

rule(
  'VM-LOGIN-007',
  'An unknown e-mail gets exactly the answer a wrong password gets',
  inferred('a different answer for unknown accounts would let anyone test which e-mails have accounts'),
  async (t) => {
    const account = t.account('client');
    const wrongPassword = await loginForm(account.username, 'not-the-password');
    const unknownUser = await loginForm('nobody-here@vinmake.test', 'not-the-password');
    expectSameAnswer(wrongPassword, unknownUser);
  },
);

rule(
  'VM-LOGIN-008',
  'A login form without password answers 422 with a FastAPI detail list locating body.password',
  realClients('a missing form field gives 422 with {"detail":[{"type","loc","msg",...}]}'),
  async (t) => {
    const response = await vinmake.http.post('/auth/login', { form: { username: t.account('admin').username } });
    spec.expectMatches('login', response);
    expectStatus(response, 422);
    const { detail } = response.json<Schemas['ValidationError']>();
    expect(detail.map((issue) => issue.loc)).toContainEqual(['body', 'password']);
  },
);

rule(
  'VM-LOGIN-009',
  'A login form without username answers 422 locating body.username',
  realClients('a missing form field gives 422 with {"detail":[{"type","loc","msg",...}]}'),
  async () => {
    const response = await vinmake.http.post('/auth/login', { form: { password: 'whatever-1' } });
    spec.expectMatches('login', response);
    expectStatus(response, 422);
    expect(response.json<Schemas['ValidationError']>().detail.map((issue) => issue.loc)).toContainEqual(['body', 'username']);
  },
);

rule(
  'VM-LOGIN-010',
  'Credentials sent as JSON instead of a form are refused with 422',
  inferred('the document gives the login as "Content-Type: application/x-www-form-urlencoded" but does not say other bodies are refused; a FastAPI form endpoint refuses JSON with 422'),
  async (t) => {
    const account = t.account('admin');
    const response = await vinmake.http.post('/auth/login', { json: { username: account.username, password: account.password } });
    expectStatus(response, 422);
    spec.expectMatches('login', response);
  },
);

rule(
  'VM-LOGIN-011',
  'The e-mail goes in the username field: a form with "email" instead answers 422',
  seed('Use the field name username even though the value is an email address. This follows OAuth2 password flow conventions.'),
  async (t) => {
    const account = t.account('admin');
    const response = await vinmake.http.post('/auth/login', { form: { email: account.username, password: account.password } });
    expectStatus(response, 422);
    expect(response.json<Schemas['ValidationError']>().detail.map((issue) => issue.loc)).toContainEqual(['body', 'username']);
  },
);

rule(
  'VM-LOGIN-012',
  'A malformed body with a JSON content type answers a 4xx (400, 415 or 422), not a token or a 5xx',
  realClients('FastAPI conventions: a missing form field gives 422'),
  async (t) => {
    t.notThroughPrism(PRISM_ANSWERS_INVALID_JSON);
    const response = await vinmake.http.post('/auth/login', { body: '{"username": ', contentType: 'application/json' });
    expectStatus(response, 400, 415, 422);
    spec.expectMatches('login', response);
  },
);

rule(
  'VM-LOGIN-013',
  'Logging in twice gives two working tokens: a new login does not end the previous session',
  seed('Re-authenticate when you receive a 401 response'),
  async (t) => {
    const first = await login(t, 'client');
    const second = await login(t, 'client');
    for (const token of [first.access_token, second.access_token]) {
      expectStatus(await vinmake.http.get('/auth/test/client', { headers: { authorization: `Bearer ${token}` } }), 200);
    }
  },
);
