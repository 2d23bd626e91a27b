import { afterEach, expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { decodeJwt, signHs256, withAlgNone, withEditedClaims, withFlippedSignature, withoutSignature } from '../harness/jwt.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import {
  auth,
  expectErrors,
  http,
  loginToken,
  organizationToken,
  organizationUuidOf,
  refresh,
  rule,
  searchProducts,
  spec,
  startFromSeed,
  vntana,
  workspaceToken,
} from './suite.ts';

startFromSeed();
afterEach(async () => {
  await (await vntana.findControlPlane())?.resetClock();
});

const REFRESH_REVOKES = realClients('refreshing revokes the previous token for that organization or workspace');
const FORBIDDEN = realClients('Expired, missing or out-of-scope tokens: 403 `FORBIDDEN`.');

const organizationsWith = (token: string) => http.get('/v1/organizations/current', { headers: auth(token) });

rule('VN-REVOKE-001', 'A new organization token revokes the previous one: it answers 403', REFRESH_REVOKES, async (t) => {
  const first = await organizationToken(t, 'owner');
  expectStatus(await organizationsWith(first.token), 200);
  await organizationToken(t, 'owner');
  expectErrors(await organizationsWith(first.token), 403, ['FORBIDDEN']);
});

rule('VN-REVOKE-002', 'A new workspace token revokes the previous one of that workspace', REFRESH_REVOKES, async (t) => {
  const first = await workspaceToken(t);
  expectStatus(await searchProducts(first.token, first.clientUuid, first.organizationUuid), 200);
  const second = await workspaceToken(t);
  expectErrors(await searchProducts(first.token, first.clientUuid, first.organizationUuid), 403, ['FORBIDDEN']);
  expectStatus(await searchProducts(second.token, second.clientUuid, second.organizationUuid), 200);
});

rule(
  'VN-REVOKE-003',
  'Refreshing an organization token leaves the login token working',
  seed('the Refresh Token will persist so you can make multiple calls with it'),
  async (t) => {
    const login = await loginToken(t, 'owner');
    const organizationUuid = await organizationUuidOf(t, 'owner');
    expectStatus(await refresh(login, { organizationUuid }), 200);
    expectStatus(await refresh(login, { organizationUuid }), 200);
    expectStatus(await http.get('/v1/organizations', { headers: auth(login) }), 200);
  },
);

rule(
  'VN-REVOKE-004',
  'After logout the token answers 403',
  realClients('`POST /v1/auth/logout` makes the token answer 403.'),
  async (t) => {
    const { token } = await organizationToken(t, 'member');
    const response = await http.post('/v1/auth/logout', { headers: auth(token) });
    expectStatus(response, 200);
    spec.expectMatches('logout', response);
    expectErrors(await organizationsWith(token), 403, ['FORBIDDEN']);
    expectErrors(await refresh(token, { organizationUuid: await organizationUuidOf(t, 'member') }), 403, ['FORBIDDEN']);
  },
);

rule('VN-EXP-001', 'A token still works ten seconds before its 30 days are up', realClients('Tokens live 30 days'), async (t) => {
  const control = await t.controlPlane('moves the server clock');
  const { token } = await organizationToken(t, 'owner');
  await control.advanceClock(30 * 86_400 - 10); // iat is whole seconds: leave room for the time the calls take
  expectStatus(await organizationsWith(token), 200);
});

rule('VN-EXP-002', 'After 30 days a token answers 403 FORBIDDEN', FORBIDDEN, async (t) => {
  const control = await t.controlPlane('moves the server clock');
  const login = await loginToken(t, 'member');
  const { token } = await organizationToken(t, 'member');
  await control.advanceClock(30 * 86_400 + 1);
  expectErrors(await organizationsWith(token), 403, ['FORBIDDEN']);
  expectErrors(await http.get('/v1/organizations', { headers: auth(login) }), 403, ['FORBIDDEN']);
});

rule('VN-EXP-003', 'Tokens that are JWTs carry exp 30 days after iat', realClients('Tokens live 30 days'), async (t) => {
  const token = await loginToken(t, 'owner');
  if (token.split('.').length !== 3) return t.skip('not-applicable', 'the target\'s tokens are not JWTs');
  const { iat, exp } = decodeJwt(token);
  expect((exp as number) - (iat as number)).toBe(30 * 86_400);
});

rule('VN-JWT-001', 'A token re-headed as alg "none" answers 403', FORBIDDEN, async (t) => {
  expectErrors(await organizationsWith(withAlgNone((await organizationToken(t, 'owner')).token)), 403, ['FORBIDDEN']);
});

rule('VN-JWT-002', "A member's workspace token edited to another workspace answers 403", FORBIDDEN, async (t) => {
  const { token, organizationUuid, clientUuid } = await workspaceToken(t);
  const forged = withEditedClaims(token, { clientUuid: 'c0000000-0000-4000-8000-000000000002' });
  expectErrors(await searchProducts(forged, 'c0000000-0000-4000-8000-000000000002', organizationUuid), 403, ['FORBIDDEN']);
  expectErrors(await searchProducts(forged, clientUuid, organizationUuid), 403, ['FORBIDDEN']);
});

rule('VN-JWT-003', 'A token with one signature character changed answers 403', FORBIDDEN, async (t) => {
  expectErrors(await organizationsWith(withFlippedSignature((await organizationToken(t, 'owner')).token)), 403, ['FORBIDDEN']);
});

rule('VN-JWT-004', 'A token stripped of its signature answers 403', FORBIDDEN, async (t) => {
  expectErrors(await organizationsWith(withoutSignature((await organizationToken(t, 'owner')).token)), 403, ['FORBIDDEN']);
});

rule(
  'VN-JWT-005',
  'A token signed with another secret answers 403',
  inferred('only the platform may sign tokens; any other key is an attacker\'s'),
  async (t) => {
    const claims = decodeJwt((await organizationToken(t, 'owner')).token);
    expectErrors(await organizationsWith(await signHs256(claims, 'an-attacker-chosen-secret-of-enough-length')), 403, ['FORBIDDEN']);
  },
);

rule(
  'VN-JWT-006',
  'A correctly signed token for a revoked session still answers 403',
  REFRESH_REVOKES,
  async (t) => {
    const secret = t.jwtSecret();
    const { token } = await organizationToken(t, 'owner');
    await organizationToken(t, 'owner');
    const now = Math.floor(Date.now() / 1000);
    const resigned = await signHs256({ ...decodeJwt(token), iat: now, exp: now + 3600 }, secret);
    expectErrors(await organizationsWith(resigned), 403, ['FORBIDDEN']);
  },
);

rule('VN-JWT-007', 'A correctly signed but expired token answers 403', FORBIDDEN, async (t) => {
  const secret = t.jwtSecret();
  const { token } = await organizationToken(t, 'owner');
  const now = Math.floor(Date.now() / 1000);
  const expired = await signHs256({ ...decodeJwt(token), iat: now - 7200, exp: now - 3600 }, secret);
  expectErrors(await organizationsWith(expired), 403, ['FORBIDDEN']);
});

rule('VN-JWT-008', 'Garbage and oversized token values answer 403, never 500', FORBIDDEN, async () => {
  for (const value of ['garbage', 'a.b.c', 'e30.e30.', 'x'.repeat(6000)]) {
    expectErrors(await organizationsWith(value), 403, ['FORBIDDEN']);
  }
});
