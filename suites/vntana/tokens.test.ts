/**
 * Revocation and lifetime of VNTANA tokens. The attacks on a JWT's structure (alg none, edited
 * payload, changed or stripped signature, foreign key, expiry, garbage, oversize) are the cross
 * battery's (suites/cross/battery.test.ts, X-*-003); what stays here is VNTANA's own: refresh
 * revokes, logout ends a token, tokens live 30 days.
 */
import { afterEach, expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { CLOCK_LEEWAY_SECONDS, decodeJwt, decodeProtectedHeader, signHs256 } from '../harness/jwt.ts';
import type { RuleContext } from '../harness/conformance.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import {
  auth,
  expectErrorShape,
  expectErrors,
  http,
  isJwt,
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
const LIFETIME_SECONDS = 30 * 86_400;

const organizationsWith = (token: string) => http.get('/v1/organizations/current', { headers: auth(token) });

rule('VN-REVOKE-001', 'A new organization token revokes the previous one: it answers 403 FORBIDDEN', REFRESH_REVOKES, async (t) => {
  const first = await organizationToken(t, 'owner');
  expectStatus(await organizationsWith(first.token), 200);
  await organizationToken(t, 'owner');
  expectErrors(await organizationsWith(first.token), 403, ['FORBIDDEN']);
});

rule('VN-REVOKE-002', 'A new workspace token revokes the previous one of that workspace: it answers 403 FORBIDDEN', REFRESH_REVOKES, async (t) => {
  const first = await workspaceToken(t);
  expectStatus(await searchProducts(first.token, first.clientUuid, first.organizationUuid), 200);
  const second = await workspaceToken(t);
  expectErrors(await searchProducts(first.token, first.clientUuid, first.organizationUuid), 403, ['FORBIDDEN']);
  expectStatus(await searchProducts(second.token, second.clientUuid, second.organizationUuid), 200);
});

rule(
  'VN-REVOKE-003',
  'An organization token answers several calls in a row',
  seed('the Refresh Token will persist so you can make multiple calls with it'),
  async (t) => {
    const { token } = await organizationToken(t, 'owner');
    for (let call = 0; call < 3; call += 1) expectStatus(await organizationsWith(token), 200);
    expectStatus(await http.get('/v1/organizations', { headers: auth(token) }), 200);
  },
);

rule(
  'VN-REVOKE-005',
  'Refreshing an organization token leaves the login token working',
  inferred('refreshing revokes the previous token "for that organization or workspace"; a login token is for neither, and the guide has the step-1 token used again at step 3'),
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
  'After logout the token answers 403, also to a refresh',
  realClients('`POST /v1/auth/logout` makes the token answer 403.'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'member');
    const response = await http.post('/v1/auth/logout', { headers: auth(token) });
    expectStatus(response, 200, 204);
    spec.expectMatches('logout', response);
    for (const after of [await organizationsWith(token), await refresh(token, { organizationUuid })]) {
      expectStatus(after, 403);
      expectErrorShape(after);
    }
  },
);

/**
 * A token of the given age: on a mock its clock moves on; on a server issuing HS256 JWTs whose
 * secret the operator shared, the token is re-signed with iat and exp moved back; otherwise a skip.
 */
async function agedToken(t: RuleContext, token: string, ageSeconds: number): Promise<string> {
  const control = await t.findControlPlane();
  if (control) {
    await control.advanceClock(ageSeconds);
    return token;
  }
  if (!isJwt(token)) {
    return t.skip(
      'needs-control-plane',
      'the target issues opaque tokens, so an aged one cannot be made: only a server clock moved ahead (a mock\'s /__mock/clock) or a 30-day wait shows the lifetime',
    );
  }
  const secret = t.jwtSecret();
  const claims = decodeJwt(token);
  const now = Math.floor(Date.now() / 1000);
  const iat = now - ageSeconds;
  const lifetime = typeof claims.exp === 'number' && typeof claims.iat === 'number' ? claims.exp - claims.iat : LIFETIME_SECONDS;
  return signHs256({ ...claims, iat, exp: iat + lifetime }, secret, decodeProtectedHeader(token).kid);
}

rule('VN-EXP-001', 'A token still works ten seconds before its 30 days are up', realClients('Tokens live 30 days'), async (t) => {
  const { token } = await organizationToken(t, 'owner');
  // iat is whole seconds: leave room for the time the calls take.
  expectStatus(await organizationsWith(await agedToken(t, token, LIFETIME_SECONDS - 10)), 200);
});

rule('VN-EXP-002', 'After 30 days a token answers 403 FORBIDDEN', FORBIDDEN, async (t) => {
  const login = await loginToken(t, 'member');
  const { token } = await organizationToken(t, 'member');
  const control = await t.findControlPlane();
  if (control) {
    await control.advanceClock(LIFETIME_SECONDS + CLOCK_LEEWAY_SECONDS);
    expectErrors(await organizationsWith(token), 403, ['FORBIDDEN']);
    expectErrors(await http.get('/v1/organizations', { headers: auth(login) }), 403, ['FORBIDDEN']);
    return;
  }
  expectErrors(await organizationsWith(await agedToken(t, token, LIFETIME_SECONDS + CLOCK_LEEWAY_SECONDS)), 403, ['FORBIDDEN']);
  expectErrors(await http.get('/v1/organizations', { headers: auth(await agedToken(t, login, LIFETIME_SECONDS + CLOCK_LEEWAY_SECONDS)) }), 403, ['FORBIDDEN']);
});

rule('VN-EXP-003', 'Tokens that are JWTs carry exp 30 days after iat', realClients('Tokens live 30 days'), async (t) => {
  const token = await loginToken(t, 'owner');
  if (!isJwt(token)) return t.skip('not-applicable', 'the target\'s tokens are not JWTs: their lifetime is VN-EXP-001/002\'s');
  const { iat, exp } = decodeJwt(token);
  expect((exp as number) - (iat as number)).toBe(LIFETIME_SECONDS);
});

rule(
  'VN-JWT-006',
  'A correctly signed JWT of a revoked session still answers 403 FORBIDDEN',
  REFRESH_REVOKES,
  async (t) => {
    const { token } = await organizationToken(t, 'owner');
    if (!isJwt(token)) return t.skip('not-applicable', 'the target\'s tokens are not JWTs: revocation of opaque tokens is VN-REVOKE-001\'s');
    const secret = t.jwtSecret();
    await organizationToken(t, 'owner');
    const now = Math.floor(Date.now() / 1000);
    const resigned = await signHs256({ ...decodeJwt(token), iat: now, exp: now + 3600 }, secret, decodeProtectedHeader(token).kid);
    expectErrors(await organizationsWith(resigned), 403, ['FORBIDDEN']);
  },
);
