import { CLOCK_LEEWAY_SECONDS } from '../harness/jwt.ts';
import { afterEach, expect } from 'vitest';
import type { Mailbox } from '../harness/mailbox/mailbox.ts';
import type { RuleContext } from '../harness/conformance.ts';
import { expectJson, expectSameAnswer, expectStatus } from '../harness/expect-http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { loginForm, rule, spec, startFromSeed, vinmake, type Schemas } from './suite.ts';

startFromSeed();
afterEach(async () => {
  await (await vinmake.findControlPlane())?.resetClock();
});

const OLD_PASSWORD = 'original-pass-1';
const NEW_PASSWORD = 'changed-pass-2';
const SEEDS_USER = 'seeds a user of its own whose password it may change (VinMake has no sign-up) and completes the reset on the mock\'s stand-in for Supabase\'s hosted page';
let seededUsers = 0;

/** A user of its own for a rule that changes a password, so configured users keep theirs. */
async function freshUser(t: RuleContext): Promise<string> {
  const control = await t.controlPlane(SEEDS_USER);
  const email = `reset-${process.pid}-${++seededUsers}@vinmake.test`;
  await control.seedUser({ email, password: OLD_PASSWORD, role: 'staff' });
  return email;
}

function requestReset(email: string) {
  return vinmake.http.post('/api/v1/auth/reset-password-request', { json: { email } });
}

/** Asks for a reset and returns the token from the link in the mail. */
async function resetTokenFor(t: RuleContext, mailbox: Mailbox, email: string): Promise<string> {
  expectStatus(await requestReset(email), 200);
  const [mail] = await mailbox.mailsTo(email);
  if (!mail) throw new Error(`no reset mail to ${email} reached ${mailbox.name}`);
  const link = mail.links.find((candidate) => new URL(candidate).searchParams.has('token'));
  if (!link) return t.skip('needs-fixture', 'the reset mail carries no link with a token this suite can follow');
  return new URL(link).searchParams.get('token') as string;
}

function completeReset(token: string, password: string) {
  return vinmake.http.post('/auth/reset-password', { json: { token, password } });
}

rule(
  'VM-RESET-001',
  'A reset request answers 200, the same for a known and an unknown e-mail',
  inferred('a different answer would tell anyone which e-mails have accounts'),
  async (t) => {
    await t.requireMutation();
    const known = await requestReset(t.account('client').username);
    const unknown = await requestReset('nobody-here@vinmake.test');
    expectStatus(known, 200);
    spec.expectMatches('requestPasswordReset', known);
    expectSameAnswer(known, unknown);
  },
);

rule(
  'VM-RESET-002',
  'A reset request for a known e-mail sends that address a mail with a link',
  seed('This sends a password reset email via Supabase Auth.'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = await freshUser(t);
    expectStatus(await requestReset(email), 200);
    const mails = await mailbox.mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.links.length).toBeGreaterThan(0);
  },
);

rule(
  'VM-RESET-003',
  'A reset request for an unknown e-mail sends no mail',
  inferred('mail to an address without an account would let the endpoint be used to spam anyone'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = `nobody-${t.nameFor('here')}@vinmake.test`;
    expectStatus(await requestReset(email), 200);
    expect(await mailbox.settledMailsTo(email)).toHaveLength(0);
  },
);

rule(
  'VM-RESET-004',
  'Following the link sets a new password: the new one logs in, the old one gets 401',
  seed('Follow the link in the email to set a new password.'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = await freshUser(t);
    const token = await resetTokenFor(t, mailbox, email);
    const completed = await completeReset(token, NEW_PASSWORD);
    expectStatus(completed, 200);
    spec.expectMatches('completePasswordReset', completed);
    expectStatus(await loginForm(email, NEW_PASSWORD), 200);
    expectJson(await loginForm(email, OLD_PASSWORD), 401, { detail: 'Invalid credentials' });
  },
);

rule(
  'VM-RESET-005',
  'A reset link works once: the second use is refused and does not change the password',
  inferred('a reset token is a bearer credential in a mailbox; reuse would let anyone who later reads the mail take the account'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = await freshUser(t);
    const token = await resetTokenFor(t, mailbox, email);
    expectStatus(await completeReset(token, NEW_PASSWORD), 200);
    const again = await completeReset(token, 'third-pass-3');
    expectStatus(again, 400);
    spec.expectMatches('completePasswordReset', again);
    expectStatus(await loginForm(email, NEW_PASSWORD), 200);
  },
);

rule(
  'VM-RESET-006',
  'A reset link expires after an hour',
  inferred('Supabase recovery links expire (one hour by default); an old mail must not reset a password'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = await freshUser(t);
    const token = await resetTokenFor(t, mailbox, email);
    await (await t.controlPlane('moves the server clock past the link\'s hour')).advanceClock(3600 + CLOCK_LEEWAY_SECONDS);
    expectStatus(await completeReset(token, NEW_PASSWORD), 400);
    expectStatus(await loginForm(email, OLD_PASSWORD), 200);
  },
);

rule(
  'VM-RESET-007',
  'A made-up reset token is refused with 400',
  inferred('only a token the server sent may change a password'),
  async (t) => {
    await t.controlPlane('the completion page is the mock\'s stand-in for Supabase\'s hosted page');
    const response = await completeReset('made-up-token', NEW_PASSWORD);
    expectStatus(response, 400);
    spec.expectMatches('completePasswordReset', response);
  },
);

rule(
  'VM-RESET-008',
  'A reset request without an email answers 422',
  realClients('FastAPI conventions: a missing form field gives 422 with {"detail":[{"type","loc","msg",...}]}'),
  async () => {
    const response = await vinmake.http.post('/api/v1/auth/reset-password-request', { json: {} });
    expectStatus(response, 422);
    spec.expectMatches('requestPasswordReset', response);
  },
);

rule(
  'VM-RESET-009',
  'A reset request whose email is not an e-mail address (a bad string, a number) answers 422 locating body.email',
  inferred('the document sends {"email": ...} but does not say the address is validated; FastAPI services type it as EmailStr'),
  async () => {
    for (const body of [{}, { email: 'not-an-email' }, { email: 42 }]) {
      const response = await vinmake.http.post('/api/v1/auth/reset-password-request', { json: body });
      expectStatus(response, 422);
      spec.expectMatches('requestPasswordReset', response);
      expect(response.json<Schemas['ValidationError']>().detail[0]?.loc).toEqual(['body', 'email']);
    }
  },
);
