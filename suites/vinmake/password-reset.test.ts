import { afterEach, expect } from 'vitest';
import { BrowserLike, passwordFieldsOf, type HtmlForm } from '../harness/browser-form.ts';
import { logPageCall } from '../harness/call-log.ts';
import { CLOCK_LEEWAY_SECONDS } from '../harness/jwt.ts';
import type { Mailbox, MailView } from '../harness/mailbox/mailbox.ts';
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
const THIRD_PASSWORD = 'third-pass-3';
let seededUsers = 0;

interface ResetSubject {
  email: string;
  password: string;
  /** Seeded for this rule alone: nothing to set back. */
  seeded: boolean;
}

/**
 * An account whose password a rule may change. On a mock, a user seeded for the rule alone; on any
 * other server the `reset` account (VINMAKE_RESET_USERNAME/_PASSWORD), whose password the rule sets
 * back through the same mailed flow when it is done, so the next run finds it as it was.
 */
async function accountToReset(t: RuleContext): Promise<ResetSubject> {
  const control = await t.findControlPlane();
  if (control) {
    const email = `reset-${process.pid}-${++seededUsers}@vinmake.test`;
    await control.seedUser({ email, password: OLD_PASSWORD, role: 'staff' });
    return { email, password: OLD_PASSWORD, seeded: true };
  }
  await t.requireMutation();
  const account = t.account('reset');
  return { email: account.username, password: account.password, seeded: false };
}

/** A browser-like client whose page loads count as calls of the API, for the coverage report. */
const browserFor = () => new BrowserLike((method, url, status) => logPageCall('vinmake', vinmake.http.baseUrl, method, url, status));

function requestReset(email: string) {
  return vinmake.http.post('/api/v1/auth/reset-password-request', { json: { email } });
}

/** The form behind a mailed link that asks for a new password, on the page the link opens. */
async function resetFormFrom(t: RuleContext, browser: BrowserLike, mail: MailView): Promise<HtmlForm> {
  for (const link of mail.links.slice(0, 3)) {
    const page = await browser.open(link);
    const form = page.forms.find((candidate) => passwordFieldsOf(candidate).length > 0);
    if (form) return form;
  }
  return t.skip('not-applicable', 'no page behind the links of the reset mail has an HTML form with a password field (a page that sets the password by script needs a real browser)');
}

/** Asks for a reset mail and opens its link, as the account's owner would: the form to fill. */
async function openResetMail(t: RuleContext, mailbox: Mailbox, email: string): Promise<{ browser: BrowserLike; form: HtmlForm }> {
  expectStatus(await requestReset(email), 200);
  const mail = await mailbox.nextMailTo(email, 'a reset mail');
  const browser = browserFor();
  return { browser, form: await resetFormFrom(t, browser, mail) };
}

/** Submits the reset form with `password`; a person sees a page, not an error. */
async function submitNewPassword(browser: BrowserLike, form: HtmlForm, password: string) {
  const page = await browser.submit(form, { password });
  expect(page.status, `the reset form at ${new URL(form.action).pathname} answered ${page.status}`).toBeLessThan(400);
  return page;
}

/** Once a rule has changed a configured account's password, the same flow sets it back after it. */
function setBackAfterwards(t: RuleContext, mailbox: Mailbox, subject: ResetSubject): void {
  if (subject.seeded) return;
  t.created('the reset account\'s password', async () => {
    const { browser, form } = await openResetMail(t, mailbox, subject.email);
    await submitNewPassword(browser, form, subject.password);
    expect((await loginForm(subject.email, subject.password)).status, 'the reset account logs in with its own password again').toBe(200);
  });
}

/** The same link with every value that may be its token replaced by a made-up one of the same length. */
function forged(link: string): string {
  const url = new URL(link);
  const madeUp = (value: string) => value.replace(/[A-Za-z0-9]/g, (char) => (/\d/.test(char) ? String((Number(char) + 3) % 10) : char === 'x' ? 'y' : 'x'));
  const params = [...url.searchParams.keys()];
  if (params.length > 0) for (const name of params) url.searchParams.set(name, madeUp(url.searchParams.get(name) ?? ''));
  else url.pathname = url.pathname.replace(/[^/]+$/, (segment) => madeUp(segment));
  if (url.hash) url.hash = madeUp(url.hash.slice(1));
  return url.toString();
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
    const { email } = await accountToReset(t);
    expectStatus(await requestReset(email), 200);
    const mails = await mailbox.mailsTo(email, 1, undefined, 'a reset mail');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.links.length).toBeGreaterThan(0);
  },
  { tags: ['mail'] },
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
  { tags: ['mail'] },
);

rule(
  'VM-RESET-004',
  'Following the link sets a new password: the new one logs in, the old one gets 401',
  seed('Follow the link in the email to set a new password.'),
  async (t) => {
    const mailbox = await t.mailbox();
    const subject = await accountToReset(t);
    const { browser, form } = await openResetMail(t, mailbox, subject.email);
    setBackAfterwards(t, mailbox, subject);
    await submitNewPassword(browser, form, NEW_PASSWORD);
    expectStatus(await loginForm(subject.email, NEW_PASSWORD), 200);
    expectJson(await loginForm(subject.email, subject.password), 401, { detail: 'Invalid credentials' });
  },
  { tags: ['mail'] },
);

rule(
  'VM-RESET-005',
  'A reset link works once: sending its form again does not change the password',
  inferred('a reset token is a bearer credential in a mailbox; reuse would let anyone who later reads the mail take the account'),
  async (t) => {
    const mailbox = await t.mailbox();
    const subject = await accountToReset(t);
    const { browser, form } = await openResetMail(t, mailbox, subject.email);
    setBackAfterwards(t, mailbox, subject);
    await submitNewPassword(browser, form, NEW_PASSWORD);
    // The same page sent again, as a person with the old mail would; its answer is the server's to word.
    await browser.submit(form, { password: THIRD_PASSWORD });
    expectStatus(await loginForm(subject.email, NEW_PASSWORD), 200);
    expectStatus(await loginForm(subject.email, THIRD_PASSWORD), 401);
  },
  { tags: ['mail'] },
);

rule(
  'VM-RESET-006',
  'A reset link expires after an hour',
  inferred('Supabase recovery links expire (one hour by default); an old mail must not reset a password'),
  async (t) => {
    const control = await t.controlPlane('moves the server clock past the link\'s hour');
    const mailbox = await t.mailbox();
    const subject = await accountToReset(t);
    const { browser, form } = await openResetMail(t, mailbox, subject.email);
    await control.advanceClock(3600 + CLOCK_LEEWAY_SECONDS);
    await browser.submit(form, { password: NEW_PASSWORD });
    expectStatus(await loginForm(subject.email, NEW_PASSWORD), 401);
    expectStatus(await loginForm(subject.email, subject.password), 200);
  },
  { tags: ['mail'] },
);

rule(
  'VM-RESET-007',
  'A reset link with a made-up token does not change the password',
  inferred('only a token the server sent may change a password'),
  async (t) => {
    const mailbox = await t.mailbox();
    const subject = await accountToReset(t);
    expectStatus(await requestReset(subject.email), 200);
    const mail = await mailbox.nextMailTo(subject.email, 'a reset mail');
    const link = mail.links[0] ?? t.skip('not-applicable', 'the reset mail has no link to alter');
    const browser = browserFor();
    const page = await browser.open(forged(link));
    const form = page.forms.find((candidate) => passwordFieldsOf(candidate).length > 0);
    // A server may refuse the page itself; if it shows a form, sending it must change nothing.
    if (form) await browser.submit(form, { password: NEW_PASSWORD });
    expectStatus(await loginForm(subject.email, NEW_PASSWORD), 401);
    expectStatus(await loginForm(subject.email, subject.password), 200);
  },
  { tags: ['mail'] },
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
