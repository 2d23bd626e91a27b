import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { expect } from 'vitest';
import type { RuleContext } from '../harness/conformance.ts';
import { decodeJwt, decodeProtectedHeader } from '../harness/jwt.ts';
import { inferred, realClients } from '../harness/rule.ts';
import { http, rule, spec, startFromSeed, tokenLifetime, tokenOf } from './suite.ts';

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
  "tkn's signature verifies against the Ed25519 key of its kid published at /.well-known/jwks.json",
  inferred('no document names a key set or its path; where a server publishes one there, it should verify the tokens it issues'),
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
  'A key set published at /.well-known/jwks.json holds only public Ed25519 keys',
  inferred('no document names a key set or its path; a published private key would let anyone sign tokens'),
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

rule('MH-TOKEN-005', 'The claims carry user_id and the username of the user, user_id differing between users', DOCS_CLAIMS, async (t) => {
  const admin = decodeJwt(await tokenOf(t, 'admin'));
  expect(admin.username).toBe(t.account('admin').username);
  expect(typeof admin.user_id).toBe('string');
  const operator = decodeJwt(await tokenOf(t, 'operator'));
  expect(operator.username).toBe(t.account('operator').username);
  expect(operator.user_id).not.toBe(admin.user_id);
});

rule(
  'MH-TOKEN-007',
  "A groups claim names the superuser group in the admin's token and not in the operator's",
  inferred('the docs list "groups" among the claims without naming the claim or saying whether it holds group names or ids'),
  async (t) => {
    expect(decodeJwt(await tokenOf(t, 'admin')).groups).toContain('superuser');
    expect(decodeJwt(await tokenOf(t, 'operator')).groups).not.toContain('superuser');
  },
);

rule(
  'MH-TOKEN-006',
  'A token lives 24 hours by default (or the fixture fact tokenLifetimeSeconds): exp - iat',
  realClients('lifetime 24 h by default; no refresh tokens'),
  async (t) => {
    const { iat, exp } = decodeJwt(await tokenOf(t, 'operator'));
    expect((exp as number) - (iat as number)).toBe(tokenLifetime(t));
  },
);
