import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { expect } from 'vitest';
import type { RuleContext } from '../harness/conformance.ts';
import { decodeJwt, decodeProtectedHeader } from '../harness/jwt.ts';
import { realClients, seed } from '../harness/rule.ts';
import { http, rule, spec, startFromSeed, tokenOf } from './suite.ts';

startFromSeed();

const DOCS_CLAIMS = realClients('claims `iss` (default `machhub.localhost`), `aud` `idt_machhub_edge`, `exp`, `iat`, plus `user_id`, `username`, groups, domains');

async function publishedKeys(t: RuleContext): Promise<JSONWebKeySet> {
  const response = await http.get('/.well-known/jwks.json');
  if (response.status === 404) t.skip('not-applicable', 'the target publishes no JWKS at /.well-known/jwks.json');
  spec.expectMatches('getJwks', response);
  return response.json<JSONWebKeySet>();
}

rule(
  'MH-TOKEN-001',
  'tkn is an EdDSA-signed JWS with a kid header',
  realClients('Docs: JWTs are EdDSA (Ed25519) with a `kid` header'),
  async (t) => {
    const header = decodeProtectedHeader(await tokenOf(t, 'admin'));
    expect(header.alg).toBe('EdDSA');
    expect(typeof header.kid).toBe('string');
    expect(header.kid?.length).toBeGreaterThan(0);
  },
);

rule(
  'MH-TOKEN-002',
  "tkn's signature verifies against the published Ed25519 key of its kid",
  seed('MACHHUB verifies the token’s signature on every request; the claims carry the user identity used for permission checks.'),
  async (t) => {
    const token = await tokenOf(t, 'operator');
    const keys = await publishedKeys(t);
    const { kid } = decodeProtectedHeader(token);
    expect(keys.keys.map((key) => key.kid)).toContain(kid);
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys), { algorithms: ['EdDSA'] });
    expect(payload.username).toBe(t.account('operator').username);
  },
);

rule(
  'MH-TOKEN-003',
  'The published key set holds only public keys',
  realClients('Docs: JWTs are EdDSA (Ed25519) with a `kid` header'),
  async (t) => {
    for (const key of (await publishedKeys(t)).keys) {
      expect(key).not.toHaveProperty('d');
      expect(key.kty).toBe('OKP');
      expect(key.crv).toBe('Ed25519');
    }
  },
);

rule('MH-TOKEN-004', 'The audience is idt_machhub_edge and an issuer is named', DOCS_CLAIMS, async (t) => {
  const claims = decodeJwt(await tokenOf(t, 'operator'));
  expect(claims.aud === 'idt_machhub_edge' || (Array.isArray(claims.aud) && claims.aud.includes('idt_machhub_edge'))).toBe(true);
  expect(typeof claims.iss).toBe('string');
  expect(claims.iss?.length).toBeGreaterThan(0);
});

rule('MH-TOKEN-005', 'The claims carry user_id, username and the groups of the user', DOCS_CLAIMS, async (t) => {
  const admin = decodeJwt(await tokenOf(t, 'admin'));
  expect(admin.username).toBe(t.account('admin').username);
  expect(typeof admin.user_id).toBe('string');
  expect(admin.groups).toContain('superuser');
  const operator = decodeJwt(await tokenOf(t, 'operator'));
  expect(operator.user_id).not.toBe(admin.user_id);
  expect(operator.groups).not.toContain('superuser');
});

rule(
  'MH-TOKEN-006',
  'A token lives 24 hours: exp - iat is 86400',
  realClients('lifetime 24 h by default; no refresh tokens'),
  async (t) => {
    const { iat, exp } = decodeJwt(await tokenOf(t, 'operator'));
    expect((exp as number) - (iat as number)).toBe(86_400);
  },
);
