/**
 * The four bearer-token APIs as the cross-API battery sees them: how to get a valid token, how to
 * present it on a protected call, and what a refusal looks like in that API's own shape.
 */
import { expect, type TestContext } from 'vitest';
import { API_NAMES, type ApiName } from '../../specs/apis.ts';
import type { ConformanceSuite, RuleContext } from '../harness/conformance.ts';
import { expectStatus } from '../harness/expect-http.ts';
import type { HttpResponse } from '../harness/http.ts';
import { enclaive, seededUserToken } from '../enclaive/suite.ts';
import { machhub, tokenOf as machhubToken } from '../machhub/suite.ts';
import { loginToken as vntanaToken, vntana } from '../vntana/suite.ts';
import { tokenOf as vinmakeToken, vinmake } from '../vinmake/suite.ts';

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
  protectedCall(token: string): Promise<HttpResponse>;
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
    protectedCall: (token) => vinmake.http.get('/auth/test/client', { headers: { authorization: `Bearer ${token}` } }),
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
    protectedCall: (token) => machhub.http.get('/machhub/auth/me', { headers: { authorization: `Bearer ${token}` } }),
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
    protectedCall: (token) => vntana.http.get('/v1/organizations', { headers: { 'x-auth-token': `Bearer ${token}` } }),
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
    protectedCall: (token) => enclaive.http.get('/api/teams/current', { headers: { authorization: `Bearer ${token}` } }),
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
