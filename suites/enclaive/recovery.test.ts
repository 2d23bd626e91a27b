import { afterEach, expect } from 'vitest';
import { expectSameAnswer, expectStatus } from '../harness/expect-http.ts';
import { inferred, seed } from '../harness/rule.ts';
import {
  enclaive,
  expectError,
  freshEmail,
  http,
  login,
  register,
  resetToken,
  rule,
  spec,
  startFromSeed,
  tokensOf,
  verifiedAccount,
  verificationToken,
  withToken,
  NEW_PASSWORD,
  STRONG_PASSWORD,
} from './suite.ts';

startFromSeed();
afterEach(async () => {
  await (await enclaive.findControlPlane())?.resetClock();
});

const forgot = (email: string) => http.post('/api/forgot-passsword', { json: { email } });
const reset = (token: string, newPassword: string) => http.post('/api/reset-passsword', { json: { token, newPassword } });
const OK_ANSWER = seed('Password recovery via email. ... { "status": "ok" }');

rule(
  'EN-RESET-001',
  'forgot-passsword answers {status: "ok"} with the same status and body for known and unknown e-mails',
  OK_ANSWER,
  async (t) => {
    await t.requireMutation();
    const known = await forgot(t.account('user').username);
    expect([200, 201]).toContain(known.status);
    spec.expectMatches('forgotPassword', known);
    expect(known.json()).toEqual({ status: 'ok' });
    const unknown = await forgot('nobody-here@example.test');
    expectSameAnswer(known, unknown);
  },
);

rule(
  'EN-RESET-002',
  'A known e-mail gets a reset mail with a token; an unknown one gets none',
  seed('An email will then be sent to the user to recover the password.'),
  async (t) => {
    const control = await t.mailbox();
    const { email } = await verifiedAccount(t);
    expect([200, 201]).toContain((await forgot(email)).status);
    expect((await resetToken(control, email)).length).toBeGreaterThan(10);
    const stranger = freshEmail('stranger');
    await forgot(stranger);
    expect(await control.outbox(stranger)).toHaveLength(0);
  },
);

rule(
  'EN-RESET-003',
  'reset-passsword with the mailed token sets the new password: it logs in, the old one gets 401',
  seed('Updates the password for the user.'),
  async (t) => {
    const control = await t.mailbox();
    const { email } = await verifiedAccount(t);
    await forgot(email);
    const response = await reset(await resetToken(control, email), NEW_PASSWORD);
    expect([200, 201]).toContain(response.status);
    spec.expectMatches('resetPassword', response);
    expect(response.json()).toEqual({ status: 'ok' });
    expectStatus(await login(email, NEW_PASSWORD), 201);
    expectError(await login(email, STRONG_PASSWORD), 401);
  },
);

rule(
  'EN-RESET-004',
  'A reset token works once',
  inferred('a mailed token is a bearer credential; reuse would let a later reader of the mail take the account'),
  async (t) => {
    const control = await t.mailbox();
    const { email } = await verifiedAccount(t);
    await forgot(email);
    const token = await resetToken(control, email);
    expect([200, 201]).toContain((await reset(token, NEW_PASSWORD)).status);
    const again = await reset(token, 'Third-pass-3');
    expectError(again, 400);
    spec.expectMatches('resetPassword', again);
    expectStatus(await login(email, NEW_PASSWORD), 201);
  },
);

rule(
  'EN-RESET-005',
  'A reset token older than one hour answers 400 and the password stays',
  inferred('the vendor gives no lifetime; a reset link that never expires turns an old mailbox into a key'),
  async (t) => {
    const control = await t.mailbox();
    const { email } = await verifiedAccount(t);
    await forgot(email);
    const token = await resetToken(control, email);
    await control.advanceClock(3601);
    expectError(await reset(token, NEW_PASSWORD), 400);
    await control.resetClock();
    expectStatus(await login(email, STRONG_PASSWORD), 201);
  },
);

rule(
  'EN-RESET-006',
  'A password reset ends every token issued before it',
  inferred('a reset is what a user does when the account may be in someone else\'s hands; their tokens must die with the old password'),
  async (t) => {
    const control = await t.mailbox();
    const { email, tokens } = await verifiedAccount(t);
    expectStatus(await http.get('/api/teams/current', withToken(tokens.userToken)), 200);
    await forgot(email);
    expect([200, 201]).toContain((await reset(await resetToken(control, email), NEW_PASSWORD)).status);
    expectError(await http.get('/api/teams/current', withToken(tokens.userToken)), 401);
    expectError(await http.get('/api/refresh', withToken(tokens.userToken)), 401);
  },
);

rule(
  'EN-RESET-007',
  'A weak new password answers 400 and leaves the token usable',
  inferred('the same password rule as registration; a refused attempt must not burn the mailed token'),
  async (t) => {
    const control = await t.mailbox();
    const { email } = await verifiedAccount(t);
    await forgot(email);
    const token = await resetToken(control, email);
    const weak = await reset(token, 'short');
    expectError(weak, 400);
    spec.expectMatches('resetPassword', weak);
    expect([200, 201]).toContain((await reset(token, NEW_PASSWORD)).status);
  },
);

rule(
  'EN-RESET-008',
  'forgot-passsword without an e-mail answers 400',
  seed('Request Body Name Type Description email* String'),
  async () => {
    const response = await http.post('/api/forgot-passsword', { json: {} });
    expectError(response, 400);
    spec.expectMatches('forgotPassword', response);
  },
);

rule(
  'EN-LIFE-001',
  'A whole account life: register, verify from the mail, log in, refresh, forget, reset from the mail, log in anew',
  seed('To authenticate with our API, users must first create an account.'),
  async (t) => {
    const control = await t.mailbox();
    const email = freshEmail('life');
    expectStatus(await register(email), 201);
    expectStatus(await http.get(`/api/verify-email/${encodeURIComponent(await verificationToken(control, email))}`), 200);
    const { userToken } = tokensOf(await login(email, STRONG_PASSWORD));
    const refreshed = await http.get('/api/refresh', withToken(userToken));
    expectStatus(refreshed, 200);
    await forgot(email);
    expect([200, 201]).toContain((await reset(await resetToken(control, email), NEW_PASSWORD)).status);
    expectStatus(await login(email, NEW_PASSWORD), 201);
    expectError(await login(email, STRONG_PASSWORD), 401);
    expectError(await http.get('/api/teams/current', withToken(tokensOf(refreshed).userToken)), 401);
  },
);
