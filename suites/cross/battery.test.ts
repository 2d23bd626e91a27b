import type { JSONWebKeySet } from 'jose';
import { afterEach, beforeAll, expect, type TestContext } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { decodeJwt, decodeProtectedHeader, signHs256, withAlgNone, withEditedClaims, withFlippedSignature, withoutSignature } from '../harness/jwt.ts';
import { inferred, ruleFactory, seed, standard, type Citation } from '../harness/rule.ts';
import { apiInRun, BEARER_APIS, contextOf, expiredToken, resigned, type BearerApi } from './bearer-apis.ts';

const rule = ruleFactory('cross', (test: TestContext) => test);

beforeAll(async () => {
  for (const api of BEARER_APIS) await (await api.suite.findControlPlane())?.reset();
});
afterEach(async () => {
  for (const api of BEARER_APIS) await (await api.suite.findControlPlane())?.resetClock();
});

const SIGNED = standard('RFC 7515 §5.2 and RFC 7519 §7.2: a JWS whose signature does not validate MUST be rejected; the documents: VinMake "VinMake uses Supabase Auth with JWT"; MACHHUB "MACHHUB verifies the token’s signature on every request"; enclaive "JWTs are signed with a secret key, which ensures that they are tamper-proof."');
const EXPIRY = standard('RFC 7519 §4.1.4: the JWT MUST NOT be accepted for processing on or after its exp; the documents: VinMake "Access tokens expire after 1 hour."; enclaive "They also contain an expiration date, which helps to prevent them from being used after they have expired."');

type Ids = Partial<Record<BearerApi['name'], string>>;

/**
 * One rule per attack and API, each id written here. An API the run does not cover has no rule;
 * a VNTANA server may issue opaque tokens (its documents never call them JWTs), and then the rules
 * about a JWT's structure do not arise for it.
 */
function battery(ids: Ids, title: string, citation: Citation, body: (api: BearerApi, test: TestContext) => Promise<void>, options: { jwtOnly?: boolean } = {}) {
  for (const api of BEARER_APIS) {
    const id = ids[api.name];
    if (!id) continue;
    rule(
      id,
      `${api.title}: ${title}`,
      citation,
      async (test) => {
        if (options.jwtOnly) await requireJwt(api, test);
        await body(api, test);
      },
      { api: api.name, tags: ['jwt', 'cross'] },
    );
  }
}

async function requireJwt(api: BearerApi, test: TestContext): Promise<void> {
  const t = contextOf(api, test);
  const token = await api.validToken(t);
  if (token.split('.').length !== 3) t.skip('not-applicable', `${api.title} issues tokens that are not JWTs, so attacks on a JWT's parts do not apply`);
}

const now = () => Math.floor(Date.now() / 1000);

const ALL = (area: string): Ids => ({ vinmake: `X-${area}-001`, machhub: `X-${area}-002`, vntana: `X-${area}-003`, enclaive: `X-${area}-004` });
const SYMMETRIC = (area: string): Ids => ({ vinmake: `X-${area}-001`, vntana: `X-${area}-003`, enclaive: `X-${area}-004` });

battery(
  ALL('VALID'),
  "a fresh token passes the protected call (the battery's control)",
  seed('VinMake: "Add the token to the Authorization header for all API calls"; MACHHUB: "Authorization: Bearer <jwt>"; VNTANA clients send "X-AUTH-TOKEN: Bearer <token>"; enclaive: "users must include their JWT in the Authorization header of their HTTP requests"'),
  async (api, test) => {
    expectStatus(await api.protectedCall(await api.validToken(contextOf(api, test))), 200);
  },
);

battery(ALL('NONE'), 'a token re-headed as alg "none" without signature is refused', SIGNED, async (api, test) => {
  api.expectRefused(await api.protectedCall(withAlgNone(await api.validToken(contextOf(api, test)))));
}, { jwtOnly: true });

battery(
  { machhub: 'X-CONFUSION-002' },
  'a token signed HS256 with the published public key (algorithm confusion) is refused',
  standard('RFC 8725 §3.1: libraries MUST enable the caller to specify a supported set of algorithms and MUST NOT use any other algorithms; MACHHUB signs EdDSA'),
  async (api, test) => {
    const t = contextOf(api, test);
    const token = await api.validToken(t);
    const jwks = await api.suite.http.get('/.well-known/jwks.json');
    if (jwks.status !== 200) return t.skip('not-applicable', 'the target publishes no JWKS at /.well-known/jwks.json, so no public key can be misused');
    const [key] = jwks.json<JSONWebKeySet>().keys;
    const publicKeyText = JSON.stringify(key);
    for (const secret of [String(key?.x), publicKeyText]) {
      api.expectRefused(await api.protectedCall(await signHs256(decodeJwt(token), secret, key?.kid)));
    }
  },
  { jwtOnly: true },
);

battery(ALL('TAMPER'), 'a token whose payload was edited is refused', SIGNED, async (api, test) => {
  api.expectRefused(await api.protectedCall(withEditedClaims(await api.validToken(contextOf(api, test)), { sub: 'someone-else' })));
}, { jwtOnly: true });

battery(ALL('SIG'), 'a token with one signature character changed is refused', SIGNED, async (api, test) => {
  api.expectRefused(await api.protectedCall(withFlippedSignature(await api.validToken(contextOf(api, test)))));
}, { jwtOnly: true });

battery(ALL('STRIP'), 'a token stripped of its signature is refused', SIGNED, async (api, test) => {
  api.expectRefused(await api.protectedCall(withoutSignature(await api.validToken(contextOf(api, test)))));
}, { jwtOnly: true });

battery(
  ALL('EXPIRED'),
  'a token past its exp is refused (re-signed with the operator\'s secret, or aged by the mock clock)',
  EXPIRY,
  async (api, test) => {
    api.expectRefused(await api.protectedCall(await expiredToken(api, test)));
  },
  { jwtOnly: true },
);

battery(
  SYMMETRIC('NOEXP'),
  'a correctly signed token without exp is refused',
  inferred('a token without exp never expires; the APIs promise tokens that do'),
  async (api, test) => {
    api.expectRefused(await api.protectedCall(await resigned(api, test, ({ exp: _exp, ...claims }) => claims)));
  },
  { jwtOnly: true },
);

battery(
  SYMMETRIC('NBF'),
  'a correctly signed token that is not valid yet (nbf an hour ahead) is refused',
  inferred('RFC 7519 §4.1.5 makes nbf binding only where a server processes it, and no document says the APIs do'),
  async (api, test) => {
    api.expectRefused(await api.protectedCall(await resigned(api, test, (claims) => ({ ...claims, nbf: now() + 3600 }))));
  },
  { jwtOnly: true },
);

battery(
  { machhub: 'X-FUTURE-002' },
  'a token issued in the future by the server\'s own clock is refused once that clock is back',
  inferred('an iat beyond clock skew means a forged or mis-clocked token; asymmetric tokens cannot be re-signed, so the clock makes one'),
  async (api, test) => {
    const t = contextOf(api, test);
    const control = await t.controlPlane('makes a token in the future by moving the server clock');
    await control.advanceClock(7200);
    const token = await api.validToken(t);
    await control.resetClock();
    api.expectRefused(await api.protectedCall(token));
  },
  { jwtOnly: true },
);

battery(
  SYMMETRIC('ISS'),
  'a correctly signed token from another issuer is refused',
  inferred('RFC 7519 §4.1.1 leaves processing of iss to the application; a token from elsewhere was not minted for this API'),
  async (api, test) => {
    api.expectRefused(await api.protectedCall(await resigned(api, test, (claims) => ({ ...claims, iss: 'https://attacker.example' }))));
  },
  { jwtOnly: true },
);

battery(
  SYMMETRIC('AUD'),
  'a correctly signed token for another audience is refused',
  inferred('RFC 7519 §4.1.3: a token for another audience must be rejected where the server identifies itself by aud; no document says these servers do'),
  async (api, test) => {
    api.expectRefused(await api.protectedCall(await resigned(api, test, (claims) => ({ ...claims, aud: 'some-other-service' }))));
  },
  { jwtOnly: true },
);

battery(
  ALL('KID'),
  'a token naming an unknown key id is refused',
  inferred('MACHHUB docs give its JWTs a kid header and Supabase signs with one too; an HS256 server with a single secret may ignore kid'),
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
  { jwtOnly: true },
);

battery(
  ALL('CROSS'),
  'tokens of the other APIs in the run are refused',
  inferred('each API signs with its own key and audience; a token minted by one must open nothing in another'),
  async (api, test) => {
    const others = BEARER_APIS.filter((candidate) => candidate !== api && apiInRun(candidate.name));
    if (others.length === 0) contextOf(api, test).skip('not-applicable', 'no other API is in this run to take a token from');
    for (const other of others) {
      const foreign = await other.validToken(contextOf(other, test));
      api.expectRefused(await api.protectedCall(foreign));
    }
  },
);

battery(
  ALL('GARBAGE'),
  'garbage credentials are refused in the API\'s own shape, never with a 5xx',
  inferred('bad input gets a clear error in the API\'s own shape; a crash on a header is a denial of service'),
  async (api) => {
    for (const value of ['garbage', 'a.b.c', 'e30.e30.', '....', 'eyJhbGciOiJIUzI1NiJ9.%%%.@@@', 'Bearer', '\u00e9t\u00e9']) {
      api.expectRefused(await api.protectedCall(value));
    }
  },
);

battery(
  ALL('OVERSIZE'),
  'an oversized credential is refused without a 5xx and the server keeps answering',
  inferred('a server must bound what it reads from a header; an 8 KB token is refused like any bad one, a 20 KB header may be cut off at the HTTP layer (431)'),
  async (api, test) => {
    api.expectRefused(await api.protectedCall(`eyJ${'A'.repeat(8000)}.eyJ${'B'.repeat(100)}.${'C'.repeat(40)}`));
    const huge = await api.protectedCall('x'.repeat(20_000));
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expectStatus(await api.protectedCall(await api.validToken(contextOf(api, test))), 200);
  },
);
