import type { JSONWebKeySet } from 'jose';
import { afterEach, beforeAll, expect, type TestContext } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { decodeJwt, decodeProtectedHeader, signHs256, withAlgNone, withEditedClaims, withFlippedSignature, withoutSignature } from '../harness/jwt.ts';
import { inferred, realClients, ruleFactory, seed, type Citation } from '../harness/rule.ts';
import { BEARER_APIS, contextOf, type BearerApi } from './bearer-apis.ts';

const rule = ruleFactory('cross', (test: TestContext) => test);

beforeAll(async () => {
  for (const api of BEARER_APIS) await (await api.suite.findControlPlane())?.reset();
});
afterEach(async () => {
  for (const api of BEARER_APIS) await (await api.suite.findControlPlane())?.resetClock();
});

const SIGNED = seed('VinMake: "VinMake uses Supabase Auth with JWT"; MACHHUB: "MACHHUB verifies the token’s signature on every request"; enclaive: "JWTs are signed with a secret key, which ensures that they are tamper-proof."');
const EXPIRY = seed('VinMake: "Access tokens expire after 1 hour."; enclaive: "They also contain an expiration date, which helps to prevent them from being used after they have expired."');

/** One rule per API: X-<AREA>-00<n>, n the API's place in BEARER_APIS. */
function battery(area: string, title: string, citation: Citation, apis: BearerApi[], body: (api: BearerApi, test: TestContext) => Promise<void>) {
  for (const api of apis) {
    const index = BEARER_APIS.indexOf(api) + 1;
    rule(`X-${area}-00${index}`, `${api.name}: ${title}`, citation, (test) => body(api, test));
  }
}

const symmetric = BEARER_APIS.filter((api) => api.signing === 'HS256');
const asymmetric = BEARER_APIS.filter((api) => api.signing !== 'HS256');
const now = () => Math.floor(Date.now() / 1000);

/** The API's valid token, re-signed with its secret after `change` (HS256 APIs). */
async function resigned(api: BearerApi, test: TestContext, change: (claims: Record<string, unknown>) => Record<string, unknown>, kid?: string) {
  const t = contextOf(api, test);
  const secret = t.jwtSecret();
  const token = await api.validToken(t);
  return signHs256(change(decodeJwt(token)), secret, kid ?? decodeProtectedHeader(token).kid);
}

battery('VALID', 'a fresh token passes the protected call (the battery\'s control)', SIGNED, BEARER_APIS, async (api, test) => {
  expectStatus(await api.protectedCall(await api.validToken(contextOf(api, test))), 200);
});

battery('NONE', 'a token re-headed as alg "none" without signature is refused', SIGNED, BEARER_APIS, async (api, test) => {
  api.expectRefused(await api.protectedCall(withAlgNone(await api.validToken(contextOf(api, test)))));
});

battery(
  'CONFUSION',
  'a token signed HS256 with the published public key (algorithm confusion) is refused',
  inferred('a verifier that lets the token choose HS256 and takes the public key as the HMAC secret accepts tokens anyone can forge'),
  asymmetric,
  async (api, test) => {
    const t = contextOf(api, test);
    const token = await api.validToken(t);
    const jwks = await api.suite.http.get('/.well-known/jwks.json');
    if (jwks.status !== 200) return t.skip('not-applicable', 'the target publishes no JWKS');
    const [key] = jwks.json<JSONWebKeySet>().keys;
    const publicKeyText = JSON.stringify(key);
    for (const secret of [String(key?.x), publicKeyText]) {
      api.expectRefused(await api.protectedCall(await signHs256(decodeJwt(token), secret, key?.kid)));
    }
  },
);

battery('TAMPER', 'a token whose payload was edited is refused', SIGNED, BEARER_APIS, async (api, test) => {
  api.expectRefused(await api.protectedCall(withEditedClaims(await api.validToken(contextOf(api, test)), { sub: 'someone-else' })));
});

battery('SIG', 'a token with one signature character changed is refused', SIGNED, BEARER_APIS, async (api, test) => {
  api.expectRefused(await api.protectedCall(withFlippedSignature(await api.validToken(contextOf(api, test)))));
});

battery('STRIP', 'a token stripped of its signature is refused', SIGNED, BEARER_APIS, async (api, test) => {
  api.expectRefused(await api.protectedCall(withoutSignature(await api.validToken(contextOf(api, test)))));
});

battery('EXPIRED', 'a token past its lifetime (by the server clock) is refused', EXPIRY, BEARER_APIS, async (api, test) => {
  const t = contextOf(api, test);
  const control = await t.controlPlane('moves the server clock');
  const token = await api.validToken(t);
  await control.advanceClock(api.lifetimeSeconds + 1);
  api.expectRefused(await api.protectedCall(token));
});

battery('EXPSIGNED', 'a correctly signed token with exp in the past is refused', EXPIRY, symmetric, async (api, test) => {
  api.expectRefused(await api.protectedCall(await resigned(api, test, (claims) => ({ ...claims, iat: now() - 7200, exp: now() - 3600 }))));
});

battery(
  'NOEXP',
  'a correctly signed token without exp is refused',
  inferred('a token without exp never expires; the APIs promise tokens that do'),
  symmetric,
  async (api, test) => {
    api.expectRefused(await api.protectedCall(await resigned(api, test, ({ exp: _exp, ...claims }) => claims)));
  },
);

battery(
  'NBF',
  'a correctly signed token that is not valid yet (nbf an hour ahead) is refused',
  inferred('RFC 7519 4.1.5: a JWT must not be accepted before its nbf'),
  symmetric,
  async (api, test) => {
    api.expectRefused(await api.protectedCall(await resigned(api, test, (claims) => ({ ...claims, nbf: now() + 3600 }))));
  },
);

battery(
  'FUTURE',
  'a token issued in the future by the server\'s own clock is refused once that clock is back',
  inferred('an iat beyond clock skew means a forged or mis-clocked token; asymmetric tokens cannot be re-signed, so the clock makes one'),
  asymmetric,
  async (api, test) => {
    const t = contextOf(api, test);
    const control = await t.controlPlane('moves the server clock');
    await control.advanceClock(7200);
    const token = await api.validToken(t);
    await control.resetClock();
    api.expectRefused(await api.protectedCall(token));
  },
);

battery(
  'ISS',
  'a correctly signed token from another issuer is refused',
  inferred('RFC 7519 4.1.1: a token names its issuer; one from elsewhere was not minted for this API'),
  symmetric,
  async (api, test) => {
    api.expectRefused(await api.protectedCall(await resigned(api, test, (claims) => ({ ...claims, iss: 'https://attacker.example' }))));
  },
);

battery(
  'AUD',
  'a correctly signed token for another audience is refused',
  inferred('RFC 7519 4.1.3: a token meant for another audience must be rejected'),
  symmetric,
  async (api, test) => {
    api.expectRefused(await api.protectedCall(await resigned(api, test, (claims) => ({ ...claims, aud: 'some-other-service' }))));
  },
);

battery(
  'KID',
  'a token naming an unknown key id is refused',
  realClients('MACHHUB docs: JWTs are EdDSA (Ed25519) with a `kid` header; Supabase signs with a `kid` too'),
  BEARER_APIS,
  async (api, test) => {
    const t = contextOf(api, test);
    if (api.signing === 'HS256') {
      api.expectRefused(await api.protectedCall(await resigned(api, test, (claims) => claims, 'unknown-key-id')));
      return;
    }
    const token = await api.validToken(t);
    const [, payload, signature] = token.split('.');
    const header = Buffer.from(JSON.stringify({ ...decodeProtectedHeader(token), kid: 'unknown-key-id' })).toString('base64url');
    api.expectRefused(await api.protectedCall(`${header}.${payload}.${signature}`));
  },
);

battery(
  'CROSS',
  "tokens of the three other APIs are refused",
  inferred('each API signs with its own key and audience; a token minted by one must open nothing in another'),
  BEARER_APIS,
  async (api, test) => {
    for (const other of BEARER_APIS.filter((candidate) => candidate !== api)) {
      const foreign = await other.validToken(contextOf(other, test));
      api.expectRefused(await api.protectedCall(foreign));
    }
  },
);

battery(
  'GARBAGE',
  'garbage credentials are refused in the API\'s own shape, never with a 5xx',
  inferred('bad input gets a clear error in the API\'s own shape; a crash on a header is a denial of service'),
  BEARER_APIS,
  async (api) => {
    for (const value of ['garbage', 'a.b.c', 'e30.e30.', '....', 'eyJhbGciOiJIUzI1NiJ9.%%%.@@@', 'Bearer', '\u00e9t\u00e9']) {
      api.expectRefused(await api.protectedCall(value));
    }
  },
);

battery(
  'OVERSIZE',
  'an oversized credential is refused without a 5xx and the server keeps answering',
  inferred('a server must bound what it reads from a header; an 8 KB token is refused like any bad one, a 20 KB header may be cut off at the HTTP layer (431)'),
  BEARER_APIS,
  async (api, test) => {
    api.expectRefused(await api.protectedCall(`eyJ${'A'.repeat(8000)}.eyJ${'B'.repeat(100)}.${'C'.repeat(40)}`));
    const huge = await api.protectedCall('x'.repeat(20_000));
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expectStatus(await api.protectedCall(await api.validToken(contextOf(api, test))), 200);
  },
);
