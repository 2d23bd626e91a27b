/**
 * The four bearer-token APIs as the cross-API battery sees them: how to get a valid token, how to
 * present it on a protected call, and what a refusal looks like in that API's own shape.
 */
import { expect, type TestContext } from 'vitest';
import type { ConformanceSuite, RuleContext } from '../harness/conformance.ts';
import { expectStatus, expectText } from '../harness/expect-http.ts';
import type { HttpResponse } from '../harness/http.ts';
import { enclaive, seededUserToken } from '../enclaive/suite.ts';
import { machhub, tokenOf as machhubToken } from '../machhub/suite.ts';
import { loginToken as vntanaToken, vntana } from '../vntana/suite.ts';
import { tokenOf as vinmakeToken, vinmake } from '../vinmake/suite.ts';

export interface BearerApi {
  name: string;
  suite: ConformanceSuite;
  /** Signing: a symmetric secret, or an asymmetric key whose public half is published. */
  signing: 'HS256' | 'EdDSA';
  lifetimeSeconds: number;
  validToken(t: RuleContext): Promise<string>;
  protectedCall(token: string): Promise<HttpResponse>;
  expectRefused(response: HttpResponse): void;
}

export const BEARER_APIS: BearerApi[] = [
  {
    name: 'vinmake',
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
  {
    name: 'machhub',
    suite: machhub,
    signing: 'EdDSA',
    lifetimeSeconds: 86_400,
    validToken: (t) => machhubToken(t, 'operator'),
    protectedCall: (token) => machhub.http.get('/machhub/auth/me', { headers: { authorization: `Bearer ${token}` } }),
    expectRefused: (response) => expectText(response, 401),
  },
  {
    name: 'vntana',
    suite: vntana,
    signing: 'HS256',
    lifetimeSeconds: 30 * 86_400,
    validToken: (t) => vntanaToken(t, 'member'),
    protectedCall: (token) => vntana.http.get('/v1/organizations', { headers: { 'x-auth-token': `Bearer ${token}` } }),
    expectRefused(response) {
      expectStatus(response, 403);
      expect(response.json()).toEqual({ success: false, errors: ['FORBIDDEN'] });
    },
  },
  {
    name: 'enclaive',
    suite: enclaive,
    signing: 'HS256',
    lifetimeSeconds: 3600,
    validToken: (t) => seededUserToken(t),
    protectedCall: (token) => enclaive.http.get('/api/teams/current', { headers: { authorization: `Bearer ${token}` } }),
    expectRefused(response) {
      expectStatus(response, 401);
      expect(response.json<{ statusCode?: unknown }>().statusCode).toBe(401);
    },
  },
];

/** The rule context of one API inside a cross-API rule. */
export function contextOf(api: BearerApi, test: TestContext): RuleContext {
  return api.suite.contextFor(test);
}
