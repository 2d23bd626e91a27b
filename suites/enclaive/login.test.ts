import { expect } from 'vitest';
import { expectSameAnswer, expectStatus } from '../harness/expect-http.ts';
import { decodeJwt, decodeProtectedHeader } from '../harness/jwt.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import {
  expectError,
  freshEmail,
  http,
  login,
  register,
  rule,
  seededUserToken,
  spec,
  startFromSeed,
  tokensOf,
  withToken,
  STRONG_PASSWORD,
} from './suite.ts';

startFromSeed();

rule(
  'EN-LOGIN-001',
  'Login with e-mail and password answers 201 with a userToken and a vaultToken',
  realClients('The vendor\'s published docs show `POST /api/login` answering **201** with `{userToken, vaultToken}`.'),
  async (t) => {
    const response = await t.signIn('user', (account) => login(account.username, account.password), 201);
    spec.expectMatches('login', response);
  },
);

rule(
  'EN-LOGIN-002',
  'A wrong password answers 401 in the error shape, and an unknown e-mail gets the same answer',
  seed('User authentication via email and password fields.'),
  async (t) => {
    const wrong = await login(t.account('user').username, 'not-the-password-1');
    expectError(wrong, 401);
    spec.expectMatches('login', wrong);
    const unknown = await login('nobody-here@example.test', 'not-the-password-1');
    expectSameAnswer(wrong, unknown);
  },
);

rule(
  'EN-LOGIN-003',
  'A login without password answers 400',
  seed('Request Body Name Type Description email* String password* String'),
  async (t) => {
    const response = await http.post('/api/login', { json: { email: t.account('user').username } });
    expectError(response, 400);
    spec.expectMatches('login', response);
  },
);

rule(
  'EN-LOGIN-004',
  'An account that has not verified its e-mail can log in but gets 403 from teams and projects',
  inferred('resend-email-verification needs a Bearer token, so an unverified account must be able to log in; its team exists only after verification'),
  async (t) => {
    await t.requireMutation();
    const email = freshEmail('unverified');
    expectStatus(await register(email), 201);
    const response = await login(email, STRONG_PASSWORD);
    expectStatus(response, 201);
    const { userToken, vaultToken } = tokensOf(response);
    expect(decodeJwt(vaultToken).team ?? null).toBeNull();
    const teams = await http.get('/api/teams/current', withToken(userToken));
    expectError(teams, 403);
    spec.expectMatches('getCurrentTeam', teams);
  },
);

rule(
  'EN-LOGIN-005',
  'The userToken is a signed JWT (HS256) with an expiry',
  seed('JWTs are signed with a secret key, which ensures that they are tamper-proof. They also contain an expiration date'),
  async (t) => {
    const token = await seededUserToken(t);
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    const { iat, exp } = decodeJwt(token);
    expect((exp as number) > (iat as number)).toBe(true);
  },
);

rule(
  'EN-LOGIN-006',
  'A vaultToken is not accepted where a userToken is needed: 401',
  inferred('the vaultToken is scoped to a team for the vault; accepting it as a user credential would widen it'),
  async (t) => {
    const response = await login(t.account('user').username, t.account('user').password);
    const { vaultToken } = tokensOf(response);
    expectError(await http.get('/api/refresh', withToken(vaultToken)), 401);
  },
);

rule(
  'EN-LOGIN-007',
  'A verified user sees its current team and can add a project to it',
  realClients('each project with `{_id, name, description, isDefault, owner, team, createdAt, updatedAt}`'),
  async (t) => {
    await t.requireMutation();
    const token = await seededUserToken(t);
    const created = await http.post('/api/projects', { ...withToken(token), json: { name: 'Conformance project' } });
    expectStatus(created, 201);
    spec.expectMatches('createProject', created);
    const team = (await http.get('/api/teams/current', withToken(token))).json<{ _id: string }>();
    const projects = (await http.get(`/api/teams/${team._id}/projects`, withToken(token))).json<{ name: string; isDefault: boolean }[]>();
    expect(projects.map((project) => project.name)).toContain('Conformance project');
  },
);

rule(
  'EN-LOGIN-008',
  'userToken and vaultToken live one hour: exp - iat is 3600',
  inferred('the vendor publishes no lifetime; this contract fixes one hour so that refresh has a job and leaked tokens age out, and clients may rely on it'),
  async (t) => {
    const response = await t.signIn('user', (account) => login(account.username, account.password), 201);
    for (const token of Object.values(tokensOf(response))) {
      const { iat, exp } = decodeJwt(token);
      expect((exp as number) - (iat as number)).toBe(3600);
    }
  },
);
