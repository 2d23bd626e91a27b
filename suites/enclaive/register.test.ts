import { PRISM_ANSWERS_INVALID_JSON } from '../harness/prism-violations.ts';
import { expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { decodeJwt } from '../harness/jwt.ts';
import { inferred, seed } from '../harness/rule.ts';
import {
  CREATED,
  expectBadInput,
  freshEmail,
  http,
  register,
  rule,
  spec,
  startFromSeed,
  tokensOf,
  withToken,
} from './suite.ts';

startFromSeed();

const exists = async (email: string) => (await http.get(`/api/exist-email/${encodeURIComponent(email)}`)).json<boolean>();

rule(
  'EN-REG-001',
  'Registration with email, password and name answers 200 or 201 with a userToken (a JWT with exp) and a vaultToken',
  seed('POST {{BASE_URL}}/api/register User Registration. ... { "userToken": "userToken", "vaultToken": "teamToken" }'),
  async (t) => {
    await t.requireMutation();
    const response = await register(freshEmail());
    expectStatus(response, ...CREATED);
    spec.expectMatches('register', response);
    const { userToken, vaultToken } = tokensOf(response);
    expect(typeof decodeJwt(userToken).exp).toBe('number');
    expect(typeof vaultToken).toBe('string');
  },
);

rule(
  'EN-REG-002',
  'Registration sends one confirmation mail to the address, with a verification link',
  seed('After registration, a confirmation email will be sent to the user.'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = freshEmail();
    expectStatus(await register(email), ...CREATED);
    const mails = await mailbox.mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.links.some((link) => link.includes('/api/verify-email/'))).toBe(true);
  },
  { tags: ['mail'] },
);

rule(
  'EN-REG-003',
  'A second registration of the same e-mail, in any letter case, is refused (400, 409 or 422)',
  inferred('an e-mail names one account; a duplicate would split who receives its mail'),
  async (t) => {
    await t.requireMutation();
    const email = freshEmail();
    expectStatus(await register(email), ...CREATED);
    for (const again of [email, email.toUpperCase()]) {
      const response = await register(again, 'Other-pass-9', 'Someone Else');
      expectStatus(response, 400, 409, 422);
      spec.expectMatches('register', response);
    }
  },
);

rule(
  'EN-REG-004',
  'A 3-character password is refused (400 or 422) and makes no account',
  inferred('the vendor publishes no password rule; a password of 3 characters is one every serious service refuses'),
  async (t) => {
    await t.requireMutation();
    const email = freshEmail('weak');
    const response = await register(email, 'Ab1');
    expectBadInput(response);
    spec.expectMatches('register', response);
    expect(await exists(email)).toBe(false);
  },
);

rule(
  'EN-REG-005',
  'A registration missing email, password or name is refused as bad input (400 or 422) and makes no account',
  seed('Request Body Name Type Description email* String password* String name* String'),
  async () => {
    expectBadInput(await http.post('/api/register', { json: {} }));
    for (const missing of ['email', 'password', 'name'] as const) {
      const email = freshEmail('partial');
      const body: Record<string, string> = { email, password: 'Sturdy-pass-1', name: 'Conformance User' };
      delete body[missing];
      const response = await http.post('/api/register', { json: body });
      expectBadInput(response);
      spec.expectMatches('register', response);
      expect(await exists(email)).toBe(false);
    }
  },
);

rule(
  'EN-REG-009',
  'The answer to a registration without fields names each missing field',
  inferred('a client can show which field to fill; the document publishes no error body'),
  async () => {
    const response = await http.post('/api/register', { json: {} });
    expectBadInput(response);
    for (const field of ['email', 'password', 'name']) expect(response.text).toContain(field);
  },
);

rule(
  'EN-REG-006',
  'A malformed e-mail address is refused as bad input (400 or 422)',
  inferred('an address that cannot receive the confirmation mail can never be verified'),
  async () => {
    expectBadInput(await register('not-an-email'));
  },
);

rule(
  'EN-REG-008',
  'A register body that is not JSON is refused (400, 415 or 422), never with a 5xx',
  inferred('a body the JSON parser rejects is the client\'s error; a crash there would be a 500'),
  async (t) => {
    t.notThroughPrism(PRISM_ANSWERS_INVALID_JSON);
    const response = await http.post('/api/register', { body: '{"email": ', contentType: 'application/json' });
    expectStatus(response, 400, 415, 422);
  },
);

rule(
  'EN-REG-007',
  'Five registrations of one e-mail at once: exactly one succeeds, the others are refused with a 4xx',
  inferred('a check-then-insert race would create twin accounts for one address'),
  async (t) => {
    await t.requireMutation();
    const email = freshEmail('race');
    const responses = await Promise.all(Array.from({ length: 5 }, () => register(email)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200 || status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status >= 400 && status < 500)).toHaveLength(4);
  },
);

rule(
  'EN-REG-010',
  'Five registrations of one e-mail at once send exactly one confirmation mail',
  inferred('a check-then-insert race would make twin accounts, each mailed'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = freshEmail('race-mail');
    await Promise.all(Array.from({ length: 5 }, () => register(email)));
    expect(await mailbox.settledMailsTo(email)).toHaveLength(1);
  },
  { tags: ['mail'] },
);

rule(
  'EN-REG-011',
  'Before the e-mail is confirmed, the userToken from registration gets no team from GET /api/teams/current (401, 403 or 404)',
  seed('After registration you will need to confirm your email. ... After verification, a default team and a default project will be created for the client.'),
  async (t) => {
    await t.requireMutation();
    const registered = await register(freshEmail('unconfirmed'));
    expectStatus(registered, ...CREATED);
    const team = await http.get('/api/teams/current', withToken(tokensOf(registered).userToken));
    expectStatus(team, 401, 403, 404);
  },
);

rule(
  'EN-EXIST-001',
  'exist-email answers 200 false before registration and true after, for the address as registered',
  seed('Check if there is a user with the specified email address. ... true | false'),
  async (t) => {
    await t.requireMutation();
    const email = freshEmail('exists');
    const before = await http.get(`/api/exist-email/${encodeURIComponent(email)}`);
    expectStatus(before, 200);
    spec.expectMatches('existEmail', before);
    expect(before.json()).toBe(false);
    expectStatus(await register(email), ...CREATED);
    const after = await http.get(`/api/exist-email/${encodeURIComponent(email)}`);
    expectStatus(after, 200);
    expect(after.json()).toBe(true);
  },
);

rule(
  'EN-EXIST-002',
  'exist-email finds a registered address in another letter case',
  inferred('the domain of an address is case-insensitive and providers treat the local part so too; the document is silent'),
  async (t) => {
    await t.requireMutation();
    const email = freshEmail('exists-case');
    expectStatus(await register(email), ...CREATED);
    expect(await exists(email.toUpperCase())).toBe(true);
  },
);
