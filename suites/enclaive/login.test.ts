import { expect } from 'vitest';
import { expectSameAnswer, expectStatus } from '../harness/expect-http.ts';
import { decodeJwt, decodeProtectedHeader } from '../harness/jwt.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import {
  CREATED,
  expectBadInput,
  expectLoginRefused,
  expectRefused,
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
  type Schemas,
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
  'A wrong password is refused (400, 401 or 403) and gives no tokens',
  seed('User authentication via email and password fields.'),
  async (t) => {
    const wrong = await login(t.account('user').username, 'not-the-password-1');
    expectLoginRefused(wrong);
    spec.expectMatches('login', wrong);
    expect(wrong.json<Partial<Schemas['Tokens']>>().userToken).toBeUndefined();
  },
);

rule(
  'EN-LOGIN-009',
  'An unknown e-mail gets the very answer a wrong password gets',
  inferred('telling unknown e-mails from wrong passwords lets anyone list accounts; the document says nothing of either case'),
  async (t) => {
    const wrong = await login(t.account('user').username, 'not-the-password-1');
    expectLoginRefused(wrong);
    expectSameAnswer(wrong, await login(freshEmail('nobody'), 'not-the-password-1'));
  },
);

rule(
  'EN-LOGIN-003',
  'A login without password is refused as bad input (400 or 422)',
  seed('Request Body Name Type Description email* String password* String'),
  async (t) => {
    const response = await http.post('/api/login', { json: { email: t.account('user').username } });
    expectBadInput(response);
    spec.expectMatches('login', response);
  },
);

rule(
  'EN-LOGIN-004',
  'An account that has not verified its e-mail can log in (201) but is refused (401 or 403) by GET /api/teams/current',
  inferred('resend-email-verification needs a Bearer token, so an unverified account must be able to log in; its team exists only after verification'),
  async (t) => {
    await t.requireMutation();
    const email = freshEmail('unverified');
    expectStatus(await register(email), ...CREATED);
    const response = await login(email, STRONG_PASSWORD);
    expectStatus(response, 201);
    const teams = await http.get('/api/teams/current', withToken(tokensOf(response).userToken));
    expectRefused(teams);
    spec.expectMatches('getCurrentTeam', teams);
  },
);

rule(
  'EN-LOGIN-005',
  'The userToken is a JWT signed with an HMAC secret (HS256, HS384 or HS512) and carries an exp in the future',
  seed('JWTs are signed with a secret key, which ensures that they are tamper-proof. They also contain an expiration date'),
  async (t) => {
    const token = await seededUserToken(t);
    expect(['HS256', 'HS384', 'HS512']).toContain(decodeProtectedHeader(token).alg);
    const { exp } = decodeJwt(token);
    expect(typeof exp).toBe('number');
    expect(exp as number).toBeGreaterThan(Math.floor(Date.now() / 1000));
  },
);

rule(
  'EN-LOGIN-006',
  'A vaultToken is refused (401 or 403) where a userToken is needed (GET /api/refresh)',
  inferred('the vaultToken is scoped to a team for the vault; accepting it as a user credential would widen it'),
  async (t) => {
    const response = await t.signIn('user', (account) => login(account.username, account.password), 201);
    expectRefused(await http.get('/api/refresh', withToken(tokensOf(response).vaultToken)));
  },
);

rule(
  'EN-LOGIN-007',
  'A verified user can add a project (200 or 201, a project object) and finds it in the projects of the project\'s team',
  realClients('each project with `{_id, name, description, isDefault, owner, team, createdAt, updatedAt}`'),
  async (t) => {
    await t.requireMutation();
    const token = await seededUserToken(t);
    // No call to delete a project is published: the name carries the run id, so what is left is told apart.
    const name = t.nameFor(`conformance-project-${Date.now().toString(36)}`);
    const created = await http.post('/api/projects', { ...withToken(token), json: { name, description: 'Made by a conformance run' } });
    expectStatus(created, ...CREATED);
    spec.expectMatches('createProject', created);
    const project = created.json<Schemas['Project']>();
    expect(project.name).toBe(name);
    const teamId = typeof project.team === 'string' ? project.team : (project.team as { _id?: string } | null)?._id;
    const projects = await http.get(`/api/teams/${encodeURIComponent(String(teamId))}/projects`, withToken(token));
    expectStatus(projects, 200);
    spec.expectMatches('listTeamProjects', projects);
    expect(projects.json<Schemas['Project'][]>().map((entry) => entry.name)).toContain(name);
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
