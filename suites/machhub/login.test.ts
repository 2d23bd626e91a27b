import { PRISM_ANSWERS_INVALID_JSON } from '../harness/prism-violations.ts';
import { expect } from 'vitest';
import { expectHeader, expectSameAnswer, expectStatus, expectText } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { LOGIN_PATHS, http, loginJson, rule, spec, startFromSeed } from './suite.ts';

startFromSeed();

const OPERATION = { '/auth/login': 'login', '/machhub/auth/login': 'loginDataPlane' } as const;

for (const [index, path] of LOGIN_PATHS.entries()) {
  rule(
    `MH-LOGIN-00${index + 1}`,
    `POST ${path} with JSON username and password answers 200 {success: true, tkn}`,
    seed('On success the response contains a signed JWT in the tkn field: { "success": true, "tkn": "<jwt>" }'),
    async (t) => {
      const response = await t.signIn('admin', (account) => loginJson(account.username, account.password, path));
      spec.expectMatches(OPERATION[path], response);
      expectHeader(response, 'content-type', /^application\/json/);
      const body = response.json<{ success: boolean; tkn: string }>();
      expect(body.success).toBe(true);
      expect(body.tkn.split('.')).toHaveLength(3);
    },
  );
}

rule(
  'MH-LOGIN-003',
  'A token from either login prefix works on the data plane: 200',
  seed('/auth/login and /machhub/auth/login are the same handler mounted on two prefixes — either works.'),
  async (t) => {
    for (const path of LOGIN_PATHS) {
      const login = await t.signIn('admin', (account) => loginJson(account.username, account.password, path));
      const { tkn } = login.json<{ tkn: string }>();
      expectStatus(await http.get('/machhub/products/all', { headers: bearer(tkn) }), 200);
    }
  },
);

rule(
  'MH-LOGIN-004',
  'A wrong password answers 401 text/plain "Invalid Username or Password" on both prefixes',
  seed('Bad credentials return 401 Unauthorized with a plain-text body (Invalid Username or Password)'),
  async (t) => {
    const account = t.account('operator');
    for (const path of LOGIN_PATHS) {
      const response = await loginJson(account.username, `${account.password}-wrong`, path);
      expectText(response, 401, 'Invalid Username or Password');
      spec.expectMatches(OPERATION[path], response);
    }
  },
);

rule(
  'MH-LOGIN-005',
  'An unknown username gets exactly the answer a wrong password gets',
  seed('Bad credentials return 401 Unauthorized with a plain-text body (Invalid Username or Password)'),
  async (t) => {
    const wrongPassword = await loginJson(t.account('operator').username, 'not-the-password');
    const unknownUser = await loginJson('nobody-here', 'not-the-password');
    expectSameAnswer(wrongPassword, unknownUser);
  },
);

rule(
  'MH-LOGIN-006',
  'A login body that is not valid JSON answers 400 in plain text',
  seed('a malformed body returns 400 Bad Request.'),
  async (t) => {
    t.notThroughPrism(PRISM_ANSWERS_INVALID_JSON);
    for (const path of LOGIN_PATHS) {
      const response = await http.post(path, { body: '{"username": "admin", ', contentType: 'application/json' });
      expectText(response, 400);
      spec.expectMatches(OPERATION[path], response);
    }
  },
);

rule(
  'MH-LOGIN-007',
  'A login body without password answers 400 in plain text',
  seed('a malformed body returns 400 Bad Request.'),
  async (t) => {
    const response = await http.post('/auth/login', { json: { username: t.account('admin').username } });
    expectText(response, 400);
    spec.expectMatches('login', response);
  },
);

rule(
  'MH-LOGIN-008',
  'A login body with a wrong type (password a number) answers 400 (malformed) or 401 (bad credentials), in plain text',
  seed('Bad credentials return 401 Unauthorized with a plain-text body (Invalid Username or Password); a malformed body returns 400 Bad Request.'),
  async (t) => {
    const response = await http.post('/auth/login', { json: { username: t.account('admin').username, password: 12345 } });
    expectText(response, response.status === 401 ? 401 : 400);
  },
);

rule(
  'MH-LOGIN-009',
  'Credentials sent as a form instead of JSON are refused: 400, 401 or 415',
  inferred('the page says "Send credentials as JSON" but not how another body is answered; a server may also read the form'),
  async (t) => {
    const account = t.account('admin');
    const response = await http.post('/auth/login', { form: { username: account.username, password: account.password } });
    expectStatus(response, 400, 401, 415);
    expectHeader(response, 'content-type', /^text\/plain\b/);
  },
);

rule(
  'MH-LOGIN-010',
  'A JSON body that is not an object (an array, a string) answers 400',
  inferred('any body but {username, password} is malformed; a server that crashes on it answers 500'),
  async () => {
    for (const body of ['[]', '"admin"', 'null']) {
      expectText(await http.post('/auth/login', { body, contentType: 'application/json' }), 400);
    }
  },
);

rule(
  'MH-LOGIN-011',
  'A login response carries App-CorrelationID, success or failure',
  realClients('Errors are plain text; every response carries an `App-CorrelationID` header.'),
  async (t) => {
    const account = t.account('operator');
    expectHeader(await loginJson(account.username, account.password), 'app-correlationid', /\S/);
    expectHeader(await loginJson(account.username, 'wrong'), 'app-correlationid', /\S/);
  },
);
