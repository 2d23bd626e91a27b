import { afterEach, expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { CLOCK_LEEWAY_SECONDS, decodeJwt } from '../harness/jwt.ts';
import { inferred, seed } from '../harness/rule.ts';
import type { MailView } from '../harness/mailbox/mailbox.ts';
import { tokenInMail } from '../harness/mailbox/mailed-token.ts';
import {
  agedBy,
  ANSWERED,
  CREATED,
  enclaive,
  expectBadInput,
  expectRefused,
  expectTokenRefused,
  freshEmail,
  http,
  login,
  register,
  rule,
  spec,
  startFromSeed,
  teamIdOf,
  tokensOf,
  verificationToken,
  verifiedAccount,
  withToken,
  STRONG_PASSWORD,
  type Schemas,
} from './suite.ts';

startFromSeed();
afterEach(async () => {
  await (await enclaive.findControlPlane())?.resetClock();
});

const verify = (token: string) => http.get(`/api/verify-email/${encodeURIComponent(token)}`);
const resend = (userToken: string) => http.get('/api/resend-email-verification?capcha=solved', withToken(userToken));
const VERIFICATION_LIFETIME = 24 * 3600;

rule(
  'EN-VERIFY-001',
  'The token in the confirmation mail verifies the account: 200 with tokens',
  seed('GET {{BASE_URL}}/api/verify-email/{token} User confirmation via email.'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = freshEmail();
    expectStatus(await register(email), ...CREATED);
    const response = await verify(await verificationToken(mailbox, email));
    expectStatus(response, ...ANSWERED);
    spec.expectMatches('verifyEmail', response);
  },
  { tags: ['mail'] },
);

rule(
  'EN-VERIFY-002',
  'Verification creates a default team and a default project: GET /api/teams/current answers 200 and its projects hold exactly one default project',
  seed('After verification, a default team and a default project will be created for the client.'),
  async (t) => {
    const { tokens } = await verifiedAccount(t);
    const team = await http.get('/api/teams/current', withToken(tokens.userToken));
    expectStatus(team, 200);
    spec.expectMatches('getCurrentTeam', team);
    let teamId = teamIdOf(team.json());
    if (!teamId) {
      // The team's id field is not published: a project made in the current team names it.
      const made = await http.post('/api/projects', { ...withToken(tokens.userToken), json: { name: t.nameFor('find-team'), description: 'Made by a conformance run' } });
      expectStatus(made, ...CREATED);
      teamId = String(made.json<Schemas['Project']>().team);
    }
    const projects = await http.get(`/api/teams/${encodeURIComponent(teamId)}/projects`, withToken(tokens.userToken));
    expectStatus(projects, 200);
    spec.expectMatches('listTeamProjects', projects);
    expect(projects.json<Schemas['Project'][]>().filter((project) => project.isDefault === true)).toHaveLength(1);
  },
  { tags: ['mail'] },
);

rule(
  'EN-VERIFY-003',
  'The vaultToken after verification names the new default team in a `team` claim',
  inferred('the document shows the vaultToken as "teamToken" and docs/sources.md says "A user acts within a current team."; the claim that carries the team is our mock\'s choice'),
  async (t) => {
    const { tokens } = await verifiedAccount(t);
    const team = (await http.get('/api/teams/current', withToken(tokens.userToken))).json();
    expect(decodeJwt(tokens.vaultToken).team).toBe(teamIdOf(team));
  },
  { tags: ['mail'] },
);

rule(
  'EN-VERIFY-004',
  'A verification link works once: the second use is refused with a 4xx',
  inferred('a mailed token is a bearer credential; reuse would let a later reader of the mail act on the account'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = freshEmail();
    expectStatus(await register(email), ...CREATED);
    const token = await verificationToken(mailbox, email);
    expectStatus(await verify(token), ...ANSWERED);
    const again = await verify(token);
    expectTokenRefused(again);
    spec.expectMatches('verifyEmail', again);
  },
  { tags: ['mail'] },
);

rule(
  'EN-VERIFY-005',
  'A verification link older than 24 hours is refused with a 4xx and the account stays unconfirmed',
  inferred('the vendor gives no lifetime; a confirmation link that never expires turns an old mailbox into a key'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = freshEmail();
    expectStatus(await register(email), ...CREATED);
    const token = await agedBy(t, await verificationToken(mailbox, email), VERIFICATION_LIFETIME + CLOCK_LEEWAY_SECONDS);
    expectTokenRefused(await verify(token));
    await (await t.findControlPlane())?.resetClock();
    const { userToken } = tokensOf(await login(email, STRONG_PASSWORD));
    expectStatus(await http.get('/api/teams/current', withToken(userToken)), 401, 403, 404);
  },
  { tags: ['mail'] },
);

rule(
  'EN-VERIFY-006',
  'A made-up verification token is refused with a 4xx',
  inferred('only a token the server mailed may verify an address'),
  async () => {
    const response = await verify('made-up-token');
    expectTokenRefused(response);
    spec.expectMatches('verifyEmail', response);
  },
);

rule(
  'EN-VERIFY-007',
  'Resending without capcha is refused as bad input (400 or 422)',
  seed('Query Parameters Name Type Description capcha* String'),
  async (t) => {
    await t.requireMutation();
    const registered = await register(freshEmail());
    expectStatus(registered, ...CREATED);
    const response = await http.get('/api/resend-email-verification', withToken(tokensOf(registered).userToken));
    expectBadInput(response);
    spec.expectMatches('resendEmailVerification', response);
  },
);

rule(
  'EN-VERIFY-008',
  'Resending (200) sends a second mail, whose verification link verifies the account',
  seed('If the letter has not arrived in the post, you can use the endpoint below to resend it.'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = freshEmail();
    const registered = await register(email);
    expectStatus(registered, ...CREATED);
    const resent = await resend(tokensOf(registered).userToken);
    expectStatus(resent, ...ANSWERED);
    spec.expectMatches('resendEmailVerification', resent);
    const mails = await mailbox.mailsTo(email, 2, undefined, 'a confirmation mail and its resend');
    expect(mails).toHaveLength(2);
    const token = tokenInMail(mails[1] as MailView);
    expect(token, 'the resent mail carries a token').toBeTruthy();
    expectStatus(await verify(token as string), ...ANSWERED);
  },
  { tags: ['mail'] },
);

rule(
  'EN-VERIFY-011',
  'After a resend, the link of the first mail no longer verifies (a 4xx), and the new one differs from it',
  inferred('the newest link replacing earlier ones keeps one live credential per account; the document is silent on older links'),
  async (t) => {
    const mailbox = await t.mailbox();
    const email = freshEmail();
    const registered = await register(email);
    expectStatus(registered, ...CREATED);
    const first = await verificationToken(mailbox, email);
    expectStatus(await resend(tokensOf(registered).userToken), ...ANSWERED);
    const second = await verificationToken(mailbox, email);
    expect(second).not.toBe(first);
    expectTokenRefused(await verify(first));
    expectStatus(await verify(second), ...ANSWERED);
  },
  { tags: ['mail'] },
);

rule(
  'EN-VERIFY-009',
  'Resending for a verified account is refused with a 4xx and sends nothing',
  inferred('there is nothing to confirm; a clear 4xx tells the client to stop offering the button'),
  async (t) => {
    const mailbox = await t.mailbox();
    const { email, tokens } = await verifiedAccount(t);
    const before = (await mailbox.settledMailsTo(email)).length;
    const response = await resend(tokens.userToken);
    expectStatus(response, 400, 403, 409, 422);
    expect(await mailbox.settledMailsTo(email)).toHaveLength(before);
  },
  { tags: ['mail'] },
);

rule(
  'EN-VERIFY-010',
  'Resending without a Bearer token is refused (401 or 403)',
  seed('Headers Name Type Description Authorization* String Bearer Token'),
  async () => {
    const response = await http.get('/api/resend-email-verification?capcha=solved');
    expectRefused(response);
    spec.expectMatches('resendEmailVerification', response);
  },
);
