/**
 * The four bearer-token APIs as the cross-API battery sees them: how to get a valid token, how to
 * present it on a protected call, and what a refusal looks like in that API's own shape.
 */
import type { JWK } from 'jose';
import { expect, type TestContext } from 'vitest';
import { API_NAMES, loadSpec, type ApiName } from '../../specs/apis.ts';
import type { ConformanceSuite, RuleContext } from '../harness/conformance.ts';
import { expectStatus } from '../harness/expect-http.ts';
import type { HttpResponse } from '../harness/http.ts';
import { CLOCK_LEEWAY_SECONDS, decodeJwt, decodeProtectedHeader, signEdDsa, signHs256 } from '../harness/jwt.ts';
import { registerSecret } from '../harness/redact.ts';
import { enclaive, seededUserToken } from '../enclaive/suite.ts';
import { machhub, tokenOf as machhubToken } from '../machhub/suite.ts';
import { loginToken as vntanaToken, vntana } from '../vntana/suite.ts';
import { tokenOf as vinmakeToken, vinmake } from '../vinmake/suite.ts';

export interface SecuredCall {
  operationId: string;
  method: string;
  /** Path and query, ready to send. */
  path: string;
}

/** The spec's secured operations as calls, each path parameter filled by `fill`. */
function securedCallsOf(suite: ConformanceSuite, fill: (name: string) => string, keep: (operationId: string) => boolean = () => true): SecuredCall[] {
  return suite.spec
    .operations()
    .filter((operation) => operation.secured && keep(operation.operationId))
    .map(({ operationId, method, path }) => ({ operationId, method, path: path.replace(/\{([^}]+)\}/g, (_whole, name: string) => fill(name)) }));
}

/** The operations a vendor sentence or client fact names (`x-source`), leaving out the spec's own additions. */
function documentedOperationsOf(api: ApiName): Set<string> {
  const sourced = new Set<string>();
  for (const item of Object.values(loadSpec(api).paths)) {
    for (const operation of Object.values(item)) {
      const candidate = operation as { operationId?: string; 'x-source'?: unknown };
      if (candidate?.operationId && typeof candidate['x-source'] === 'string') sourced.add(candidate.operationId);
    }
  }
  return sourced;
}

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const bearerHeader = (token: string) => ({ authorization: `Bearer ${token}` });

export interface BearerApi {
  name: ApiName;
  title: string;
  suite: ConformanceSuite;
  /** Signing: a symmetric secret, or an asymmetric key whose public half is published. */
  signing: 'HS256' | 'EdDSA';
  /** For an asymmetric API: the variable an operator puts the private key (JWK) in, to re-sign tokens. */
  privateKeyEnv?: string;
  lifetimeSeconds: number;
  validToken(t: RuleContext): Promise<string>;
  /** The headers that present a token. */
  credential(token: string): Record<string, string>;
  protectedCall(token: string): Promise<HttpResponse>;
  /** Every operation the spec secures, as a call: path ids filled with ids of no record. */
  securedCalls(): SecuredCall[];
  expectRefused(response: HttpResponse): void;
}

/**
 * How each API hands out and checks bearer tokens; null for an API that has none (the battery then
 * leaves it out). Keyed by the catalog's names, so a new API must say which it is.
 */
const BEARER_SCHEMES = {
  vinmake: {
    name: 'vinmake',
    title: 'VinMake',
    suite: vinmake,
    signing: 'HS256',
    lifetimeSeconds: 3600,
    validToken: (t) => vinmakeToken(t, 'client'),
    credential: bearerHeader,
    protectedCall: (token) => vinmake.http.get('/auth/test/client', { headers: bearerHeader(token) }),
    securedCalls: () => securedCallsOf(vinmake, () => UNKNOWN_UUID),
    expectRefused(response) {
      expectStatus(response, 401);
      expect(typeof response.json<{ detail?: unknown }>().detail).toBe('string');
    },
  },
  machhub: {
    name: 'machhub',
    title: 'MACHHUB',
    suite: machhub,
    signing: 'EdDSA',
    privateKeyEnv: 'MACHHUB_SIGNING_JWK',
    lifetimeSeconds: 86_400,
    validToken: (t) => machhubToken(t, 'operator'),
    credential: bearerHeader,
    protectedCall: (token) => machhub.http.get('/machhub/auth/me', { headers: bearerHeader(token) }),
    securedCalls: () => securedCallsOf(machhub, (name) => ({ recordId: 'products:p1', scope: 'all' })[name] ?? 'x'),
    // The documents fix 401 for bad credentials at login only; a refused token may be 401 or 403.
    expectRefused: (response) => expectStatus(response, 401, 403),
  },
  vntana: {
    name: 'vntana',
    title: 'VNTANA',
    suite: vntana,
    signing: 'HS256',
    lifetimeSeconds: 30 * 86_400,
    validToken: (t) => vntanaToken(t, 'member'),
    credential: (token) => ({ 'x-auth-token': `Bearer ${token}` }),
    protectedCall: (token) => vntana.http.get('/v1/organizations', { headers: { 'x-auth-token': `Bearer ${token}` } }),
    // The spec's own additions (no x-source) are left out: the documents do not say how they refuse.
    securedCalls: () => {
      const documented = documentedOperationsOf('vntana');
      return securedCallsOf(vntana, () => UNKNOWN_UUID, (operationId) => documented.has(operationId));
    },
    // VNTANA's clients: "Expired, missing or out-of-scope tokens: 403 FORBIDDEN"; other members may ride along.
    expectRefused(response) {
      expectStatus(response, 403);
      expect(response.json<{ errors?: unknown }>().errors).toContain('FORBIDDEN');
    },
  },
  enclaive: {
    name: 'enclaive',
    title: 'enclaive',
    suite: enclaive,
    signing: 'HS256',
    lifetimeSeconds: 3600,
    validToken: (t) => seededUserToken(t),
    credential: bearerHeader,
    protectedCall: (token) => enclaive.http.get('/api/teams/current', { headers: bearerHeader(token) }),
    // resend-email-verification refuses a missing capcha with 400 whoever asks: the call carries one.
    securedCalls: () =>
      securedCallsOf(enclaive, () => '65a000000000000000000000').map((call) =>
        call.operationId === 'resendEmailVerification' ? { ...call, path: `${call.path}?capcha=solved` } : call,
      ),
    // enclaive publishes no error shape or status for a refused token.
    expectRefused: (response) => expectStatus(response, 401, 403),
  },
} satisfies Record<ApiName, BearerApi | null>;

const ALL_BEARER_APIS: BearerApi[] = API_NAMES.map((name): BearerApi | null => BEARER_SCHEMES[name]).filter((scheme): scheme is BearerApi => scheme !== null);

/** Whether the run covers an API: CONFORMANCE_APIS names the APIs of a run, unset means all. */
export function apiInRun(name: string): boolean {
  const wanted = process.env.CONFORMANCE_APIS?.split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  return !wanted || wanted.length === 0 || wanted.includes(name);
}

/** The bearer-token APIs this run covers. */
export const BEARER_APIS: BearerApi[] = ALL_BEARER_APIS.filter((api) => apiInRun(api.name));

/** The rule context of one API inside a cross-API rule. */
export function contextOf(api: BearerApi, test: TestContext): RuleContext {
  return api.suite.contextFor(test);
}

const now = () => Math.floor(Date.now() / 1000);

/**
 * The API's valid token, re-signed after `change` with what its operator gave the run: the HS256
 * secret, or the private key (JWK) of an asymmetric API.
 */
export async function resigned(api: BearerApi, test: TestContext, change: (claims: Record<string, unknown>) => Record<string, unknown>, kid?: string): Promise<string> {
  const t = contextOf(api, test);
  if (api.signing === 'HS256') {
    const secret = t.jwtSecret();
    const token = await api.validToken(t);
    return signHs256(change(decodeJwt(token)), secret, kid ?? decodeProtectedHeader(token).kid);
  }
  const jwk = privateKeyOf(api);
  if (!jwk) return t.skip('needs-secret', `re-signs a token: set ${api.privateKeyEnv} to the private key (JWK) ${api.title} signs with`);
  const token = await api.validToken(t);
  return signEdDsa(change(decodeJwt(token)), jwk, kid ?? decodeProtectedHeader(token).kid);
}

export function privateKeyOf(api: BearerApi): JWK | undefined {
  const text = api.privateKeyEnv ? process.env[api.privateKeyEnv] : undefined;
  if (!text) return undefined;
  const jwk = JSON.parse(text) as JWK;
  registerSecret(jwk.d);
  return jwk;
}

/**
 * A token past its lifetime: re-signed with exp an hour ago where the run has the signing secret or
 * key, else a fresh one with the mock's clock moved past the lifetime (the caller resets the clock).
 */
export async function expiredToken(api: BearerApi, test: TestContext): Promise<string> {
  const t = contextOf(api, test);
  if (api.signing === 'HS256' ? t.target.jwtSecret : privateKeyOf(api)) {
    return resigned(api, test, (claims) => ({ ...claims, iat: now() - 7200, exp: now() - 3600 }));
  }
  const control = await t.findControlPlane();
  if (!control) {
    if (api.signing === 'HS256') t.jwtSecret();
    return t.skip('needs-secret', `needs the private key ${api.title} signs with (set ${api.privateKeyEnv}) or a mock whose clock can be moved past the lifetime`);
  }
  const token = await api.validToken(t);
  await control.advanceClock(api.lifetimeSeconds + CLOCK_LEEWAY_SECONDS);
  return token;
}
