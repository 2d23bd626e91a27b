import { CLOCK_LEEWAY_SECONDS } from '../harness/jwt.ts';
import { afterEach, expect } from 'vitest';
import { expectSameAnswer, expectStatus } from '../harness/expect-http.ts';
import { inferred, seed } from '../harness/rule.ts';
import {
  agedBy,
  ANSWERED,
  CREATED,
  enclaive,
  expectBadInput,
  expectLoginRefused,
  expectRefused,
  expectTokenRefused,
  forgotPassword,
  freshEmail,
  http,
  login,
  register,
  resetPassword,
  resetToken,
  rule,
  seededUserToken,
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

const OK_ANSWER = seed('Password recovery via email. ... { "status": "ok" }');
const RESET_LIFETIME = 3600;

rule(
  'EN-RESET-001',
  'forgot-passsword for a known e-mail (with the documented Bearer header) answers 200 or 201 with {status: "ok"}',
  OK_ANSWER,
  async (t) => {
    await t.requireMutation();
    const known = await forgotPassword(t.account('user').username, await seededUserToken(t));
    expectStatus(known, ...CREATED);
    spec.expectMatches('forgotPassword', known);
    expect(known.json()).toMatchObject({ status: 'ok' });
  },
);

rule(
  'EN-RESET-009',
  'forgot-passsword answers an unknown e-mail with the very status and body it gives a known one',
  inferred('a different answer for unknown e-mails lets anyone list accounts; the document shows one answer and no failure case'),
  async (t) => {
    await t.requireMutation();
    const token = await seededUserToken(t);
    const known = await forgotPassword(t.account('user').username, token);
    expectStatus(known, ...CREATED);
    expectSameAnswer(known, await forgotPassword(freshEmail('nobody'), token));
  },
);

rule(
  'EN-RESET-002',
  'A known e-mail gets a reset mail with a token; an unknown one gets none',
  seed('An email will then be sent to the user to recover the password.'),
  async (t) => {
    const mailbox = await t.mailbox();
    const { email, tokens } = await verifiedAccount(t);
    expectStatus(await forgotPassword(email, tokens.userToken), ...CREATED);
    expect((await resetToken(mailbox, email)).length).toBeGreaterThan(10);
    const stranger = freshEmail('stranger');
    await forgotPassword(stranger, tokens.userToken);
    expect(await mailbox.settledMailsTo(stranger)).toHaveLength(0);
  },
  { tags: ['mail'] },
);

rule(
  'EN-RESET-003',
  'reset-passsword with the mailed token answers {status: "ok"} and sets the new password: it logs in, the old one is refused',
  seed('Updates the password for the user.'),
  async (t) => {
    const mailbox = await t.mailbox();
    const { email, tokens } = await verifiedAccount(t);
    await forgotPassword(email, tokens.userToken);
    const response = await resetPassword(await resetToken(mailbox, email), NEW_PASSWORD, tokens.userToken);
    expectStatus(response, ...CREATED);
    spec.expectMatches('resetPassword', response);
    expect(response.json()).toMatchObject({ status: 'ok' });
    expectStatus(await login(email, NEW_PASSWORD), 201);
    expectLoginRefused(await login(email, STRONG_PASSWORD));
  },
  { tags: ['mail'] },
);

rule(
  'EN-RESET-004',
  'A reset token works once: a second reset with it is refused with a 4xx and the first new password stays',
  inferred('a mailed token is a bearer credential; reuse would let a later reader of the mail take the account'),
  async (t) => {
    const mailbox = await t.mailbox();
    const { email, tokens } = await verifiedAccount(t);
    await forgotPassword(email, tokens.userToken);
    const token = await resetToken(mailbox, email);
    expectStatus(await resetPassword(token, NEW_PASSWORD, tokens.userToken), ...CREATED);
    const fresh = tokensOf(await login(email, NEW_PASSWORD)).userToken;
    const again = await resetPassword(token, 'Third-pass-3', fresh);
    expectTokenRefused(again);
    spec.expectMatches('resetPassword', again);
    expectStatus(await login(email, NEW_PASSWORD), 201);
  },
  { tags: ['mail'] },
);

rule(
  'EN-RESET-005',
  'A reset token older than one hour is refused with a 4xx and the password stays',
  inferred('the vendor gives no lifetime; a reset link that never expires turns an old mailbox into a key'),
  async (t) => {
    const mailbox = await t.mailbox();
    const { email, tokens } = await verifiedAccount(t);
    await forgotPassword(email, tokens.userToken);
    const token = await agedBy(t, await resetToken(mailbox, email), RESET_LIFETIME + CLOCK_LEEWAY_SECONDS);
    // The bearer is aged with the mailed token when the clock moves; a fresh login gives one that is not.
    const bearerNow = tokensOf(await login(email, STRONG_PASSWORD)).userToken;
    expectTokenRefused(await resetPassword(token, NEW_PASSWORD, bearerNow));
    await (await t.findControlPlane())?.resetClock();
    expectStatus(await login(email, STRONG_PASSWORD), 201);
  },
  { tags: ['mail'] },
);

rule(
  'EN-RESET-006',
  'A password reset ends every token issued before it: refused (401 or 403) on teams and on refresh',
  inferred('a reset is what a user does when the account may be in someone else\'s hands; their tokens must die with the old password'),
  async (t) => {
    const mailbox = await t.mailbox();
    const { email, tokens } = await verifiedAccount(t);
    expectStatus(await http.get('/api/teams/current', withToken(tokens.userToken)), 200);
    await forgotPassword(email, tokens.userToken);
    expectStatus(await resetPassword(await resetToken(mailbox, email), NEW_PASSWORD, tokens.userToken), ...CREATED);
    expectRefused(await http.get('/api/teams/current', withToken(tokens.userToken)));
    expectRefused(await http.get('/api/refresh', withToken(tokens.userToken)));
  },
  { tags: ['mail'] },
);

rule(
  'EN-RESET-007',
  'A 5-character new password is refused (400 or 422) and leaves the token usable',
  inferred('the vendor publishes no password rule; a refused attempt must not burn the mailed token'),
  async (t) => {
    const mailbox = await t.mailbox();
    const { email, tokens } = await verifiedAccount(t);
    await forgotPassword(email, tokens.userToken);
    const token = await resetToken(mailbox, email);
    const weak = await resetPassword(token, 'short', tokens.userToken);
    expectBadInput(weak);
    spec.expectMatches('resetPassword', weak);
    expectStatus(await resetPassword(token, NEW_PASSWORD, tokens.userToken), ...CREATED);
  },
  { tags: ['mail'] },
);

rule(
  'EN-RESET-008',
  'forgot-passsword without an e-mail (with the documented Bearer header) is refused as bad input (400 or 422)',
  seed('Request Body Name Type Description email* String'),
  async (t) => {
    const response = await http.post('/api/forgot-passsword', { ...withToken(await seededUserToken(t)), json: {} });
    expectBadInput(response);
    spec.expectMatches('forgotPassword', response);
  },
);

rule(
  'EN-LIFE-001',
  'A whole account life: register, verify from the mail, log in, refresh, forget, reset from the mail, log in with the new password only',
  seed('To authenticate with our API, users must first create an account.'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = freshEmail('life');
    expectStatus(await register(email), ...CREATED);
    expectStatus(await http.get(`/api/verify-email/${encodeURIComponent(await verificationToken(mailbox, email))}`), ...ANSWERED);
    const { userToken } = tokensOf(await login(email, STRONG_PASSWORD));
    const refreshed = await http.get('/api/refresh', withToken(userToken));
    expectStatus(refreshed, 200);
    const bearerNow = tokensOf(refreshed).userToken;
    expectStatus(await forgotPassword(email, bearerNow), ...CREATED);
    expectStatus(await resetPassword(await resetToken(mailbox, email), NEW_PASSWORD, bearerNow), ...CREATED);
    expectStatus(await login(email, NEW_PASSWORD), 201);
    expectLoginRefused(await login(email, STRONG_PASSWORD));
  },
  { tags: ['mail'] },
);
