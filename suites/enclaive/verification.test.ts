import { afterEach, expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { decodeJwt } from '../harness/jwt.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import {
  enclaive,
  expectError,
  freshEmail,
  http,
  login,
  register,
  rule,
  spec,
  startFromSeed,
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

rule(
  'EN-VERIFY-001',
  'The link in the confirmation mail verifies the account and answers 200 with tokens',
  seed('GET {{BASE_URL}}/api/verify-email/{token} User confirmation via email.'),
  async (t) => {
    const control = await t.mailbox();
    const email = freshEmail();
    expectStatus(await register(email), 201);
    const response = await verify(await verificationToken(control, email));
    expectStatus(response, 200);
    spec.expectMatches('verifyEmail', response);
  },
);

rule(
  'EN-VERIFY-002',
  'Verification creates a default team and a default project, visible through the teams API',
  seed('After verification, a default team and a default project will be created for the client.'),
  async (t) => {
    const { tokens } = await verifiedAccount(t);
    const team = await http.get('/api/teams/current', withToken(tokens.userToken));
    expectStatus(team, 200);
    spec.expectMatches('getCurrentTeam', team);
    const { _id, isDefault } = team.json<Schemas['Team']>();
    expect(isDefault).toBe(true);
    const projects = await http.get(`/api/teams/${_id}/projects`, withToken(tokens.userToken));
    expectStatus(projects, 200);
    spec.expectMatches('listTeamProjects', projects);
    const list = projects.json<Schemas['Project'][]>();
    expect(list.filter((project) => project.isDefault)).toHaveLength(1);
    expect(list[0]?.team).toBe(_id);
  },
);

rule(
  'EN-VERIFY-003',
  'The vaultToken after verification is scoped to the new default team',
  realClients('A user acts within a current team.'),
  async (t) => {
    const { tokens } = await verifiedAccount(t);
    const team = (await http.get('/api/teams/current', withToken(tokens.userToken))).json<Schemas['Team']>();
    expect(decodeJwt(tokens.vaultToken).team).toBe(team._id);
  },
);

rule(
  'EN-VERIFY-004',
  'A verification link works once: the second use answers 400',
  inferred('a mailed token is a bearer credential; reuse would let a later reader of the mail act on the account'),
  async (t) => {
    const control = await t.mailbox();
    const email = freshEmail();
    expectStatus(await register(email), 201);
    const token = await verificationToken(control, email);
    expectStatus(await verify(token), 200);
    const again = await verify(token);
    expectError(again, 400);
    spec.expectMatches('verifyEmail', again);
  },
);

rule(
  'EN-VERIFY-005',
  'A verification link older than 24 hours answers 400 and the account stays unverified',
  inferred('the vendor gives no lifetime; a confirmation link that never expires turns an old mailbox into a key'),
  async (t) => {
    const control = await t.mailbox();
    const email = freshEmail();
    expectStatus(await register(email), 201);
    const token = await verificationToken(control, email);
    await control.advanceClock(24 * 3600 + 1);
    expectError(await verify(token), 400);
    await control.resetClock();
    const { userToken } = tokensOf(await login(email, STRONG_PASSWORD));
    expectError(await http.get('/api/teams/current', withToken(userToken)), 403);
  },
);

rule(
  'EN-VERIFY-006',
  'A made-up verification token answers 400 in the error shape',
  inferred('only a token the server mailed may verify an address'),
  async () => {
    const response = await verify('made-up-token');
    expectError(response, 400);
    spec.expectMatches('verifyEmail', response);
  },
);

rule(
  'EN-VERIFY-007',
  'Resending without capcha answers 400',
  seed('Query Parameters Name Type Description capcha* String'),
  async (t) => {
    await t.requireMutation();
    const { userToken } = tokensOf(await register(freshEmail()));
    const response = await http.get('/api/resend-email-verification', withToken(userToken));
    expectError(response, 400);
    spec.expectMatches('resendEmailVerification', response);
  },
);

rule(
  'EN-VERIFY-008',
  'Resending sends a new mail; its link verifies and the older link no longer does',
  seed('If the letter has not arrived in the post, you can use the endpoint below to resend it.'),
  async (t) => {
    const control = await t.mailbox();
    const email = freshEmail();
    const { userToken } = tokensOf(await register(email));
    const first = await verificationToken(control, email);
    const resent = await http.get('/api/resend-email-verification?capcha=solved', withToken(userToken));
    expectStatus(resent, 200);
    spec.expectMatches('resendEmailVerification', resent);
    expect(await control.outbox(email)).toHaveLength(2);
    const second = await verificationToken(control, email);
    expect(second).not.toBe(first);
    expectError(await verify(first), 400);
    expectStatus(await verify(second), 200);
  },
);

rule(
  'EN-VERIFY-009',
  'Resending for a verified account answers 400 "already verified" and sends nothing',
  inferred('there is nothing to confirm; a clear 400 tells the client to stop offering the button'),
  async (t) => {
    const control = await t.mailbox();
    const { email, tokens } = await verifiedAccount(t);
    const before = (await control.outbox(email)).length;
    const response = await http.get('/api/resend-email-verification?capcha=solved', withToken(tokens.userToken));
    expectError(response, 400);
    expect(JSON.stringify(response.json())).toMatch(/already verified/i);
    expect(await control.outbox(email)).toHaveLength(before);
  },
);

rule(
  'EN-VERIFY-010',
  'Resending without a Bearer token answers 401',
  seed('Headers Name Type Description Authorization* String Bearer Token'),
  async () => {
    const response = await http.get('/api/resend-email-verification?capcha=solved');
    expectError(response, 401);
    spec.expectMatches('resendEmailVerification', response);
  },
);
