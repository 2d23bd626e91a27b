import { PRISM_ANSWERS_INVALID_JSON } from '../harness/prism-violations.ts';
import { expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { decodeJwt } from '../harness/jwt.ts';
import { inferred, seed } from '../harness/rule.ts';
import { expectError, freshEmail, http, register, rule, spec, startFromSeed, tokensOf } from './suite.ts';

startFromSeed();

const exists = async (email: string) => (await http.get(`/api/exist-email/${encodeURIComponent(email)}`)).json<boolean>();

rule(
  'EN-REG-001',
  'Registration with email, password and name answers 201 with a userToken and a vaultToken',
  seed('POST {{BASE_URL}}/api/register User Registration. ... { "userToken": "userToken", "vaultToken": "teamToken" }'),
  async (t) => {
    await t.requireMutation();
    const response = await register(freshEmail());
    expectStatus(response, 201);
    spec.expectMatches('register', response);
    const { userToken, vaultToken } = tokensOf(response);
    expect(typeof decodeJwt(userToken).exp).toBe('number');
    expect(typeof decodeJwt(vaultToken).exp).toBe('number');
  },
);

rule(
  'EN-REG-002',
  'Registration sends a confirmation mail with a verification link to the address',
  seed('After registration, a confirmation email will be sent to the user.'),
  async (t) => {
    const control = await t.mailbox();
    const email = freshEmail();
    expectStatus(await register(email), 201);
    const mails = await control.outbox(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.links.some((link) => link.includes('/api/verify-email/'))).toBe(true);
  },
);

rule(
  'EN-REG-003',
  'A second registration of the same e-mail, in any letter case, is refused with 409 and makes no account',
  inferred('an e-mail names one account; a duplicate would split who receives its mail'),
  async (t) => {
    await t.requireMutation();
    const email = freshEmail();
    expectStatus(await register(email), 201);
    for (const again of [email, email.toUpperCase()]) {
      const response = await register(again, 'Other-pass-9', 'Someone Else');
      expectError(response, 409);
      spec.expectMatches('register', response);
    }
  },
);

rule(
  'EN-REG-004',
  'A weak password (under 8 characters, or without a digit) answers 400 and makes no account',
  inferred('the vendor publishes no rule; 8 characters with a letter and a digit is the least a serious service asks, and the spec states it'),
  async (t) => {
    await t.requireMutation();
    for (const password of ['Ab1', 'only-letters-here']) {
      const email = freshEmail('weak');
      const response = await register(email, password);
      expectError(response, 400);
      spec.expectMatches('register', response);
      expect(await exists(email)).toBe(false);
    }
  },
);

rule(
  'EN-REG-005',
  'A registration missing email, password or name answers 400 naming each missing field',
  seed('Request Body Name Type Description email* String password* String name* String'),
  async () => {
    const response = await http.post('/api/register', { json: {} });
    expectError(response, 400);
    const message = JSON.stringify(response.json<{ message: unknown }>().message);
    for (const field of ['email', 'password', 'name']) expect(message).toContain(field);
  },
);

rule(
  'EN-REG-006',
  'A malformed e-mail address answers 400',
  inferred('an address that cannot receive the confirmation mail can never be verified'),
  async () => {
    expectError(await register('not-an-email'), 400);
  },
);

rule(
  'EN-REG-008',
  'A register body that is not JSON answers 400 in the error shape',
  inferred('NestJS answers a body its JSON parser rejects with 400; a crash there would be a 500'),
  async (t) => {
    t.notThroughPrism(PRISM_ANSWERS_INVALID_JSON);
    expectError(await http.post('/api/register', { body: '{"email": ', contentType: 'application/json' }), 400);
  },
);

rule(
  'EN-REG-007',
  'Five registrations of one e-mail at once make exactly one account and one mail',
  inferred('a check-then-insert race would create twin accounts for one address'),
  async (t) => {
    const control = await t.mailbox();
    const email = freshEmail('race');
    const responses = await Promise.all(Array.from({ length: 5 }, () => register(email)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    expect(await control.outbox(email)).toHaveLength(1);
  },
);

rule(
  'EN-EXIST-001',
  'exist-email answers false before registration and true after, in any letter case',
  seed('Check if there is a user with the specified email address. ... true | false'),
  async (t) => {
    await t.requireMutation();
    const email = freshEmail('exists');
    const before = await http.get(`/api/exist-email/${encodeURIComponent(email)}`);
    expectStatus(before, 200);
    spec.expectMatches('existEmail', before);
    expect(before.json()).toBe(false);
    expectStatus(await register(email), 201);
    expect(await exists(email)).toBe(true);
    expect(await exists(email.toUpperCase())).toBe(true);
  },
);
