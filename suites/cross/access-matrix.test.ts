/**
 * The access matrix of every API, generated from its spec: each operation the spec secures, called
 * with credentials that must not pass (a credential that is no token, a token with a changed
 * signature, a token past its lifetime), is refused the way that API refuses a bad credential. Each
 * suite proves the refusal of a missing credential on every operation, and the battery each attack
 * on one call; this proves every operation has the guard.
 */
import { afterEach, beforeAll, type TestContext } from 'vitest';
import { bodyless } from '../harness/http.ts';
import { withFlippedSignature } from '../harness/jwt.ts';
import { ruleFactory, seed, standard } from '../harness/rule.ts';
import { BEARER_APIS, contextOf, expiredToken, type BearerApi } from './bearer-apis.ts';

const rule = ruleFactory('cross', (test: TestContext) => test);

beforeAll(async () => {
  for (const api of BEARER_APIS) await (await api.suite.findControlPlane())?.reset();
});
afterEach(async () => {
  for (const api of BEARER_APIS) await (await api.suite.findControlPlane())?.resetClock();
});

const NUMBER = { vinmake: '001', machhub: '002', vntana: '003', enclaive: '004' } as const;
const EXPIRED_NUMBER = { vinmake: '011', machhub: '012', vntana: '013', enclaive: '014' } as const;

const SIGNED = standard('RFC 7515 §5.2 and RFC 7519 §7.2: a JWS whose signature does not validate MUST be rejected; a bearer credential that is no token identifies nobody');
const EXPIRY = standard('RFC 7519 §4.1.4: the JWT MUST NOT be accepted for processing on or after its exp; VinMake: "Access tokens expire after 1 hour."');

/** Each secured call with `headers`; what did not refuse, with what it answered. */
async function unrefused(api: BearerApi, credential: string, headers: Record<string, string>): Promise<string[]> {
  const misses: string[] = [];
  for (const call of api.securedCalls()) {
    const response = await api.suite.http.send(call.method.toUpperCase(), call.path, bodyless(call.method) ? { headers } : { headers, json: {} });
    try {
      api.expectRefused(response);
    } catch (error) {
      misses.push(`${call.method.toUpperCase()} ${call.path} with ${credential}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return misses;
}

function expectAllRefused(api: BearerApi, misses: string[]): void {
  if (misses.length > 0) throw new Error(`${misses.length} of ${api.securedCalls().length} secured operations of ${api.title} let a bad credential through:\n${misses.join('\n')}`);
}

for (const api of BEARER_APIS) {
  rule(
    `X-MATRIX-${NUMBER[api.name]}`,
    `${api.title}: every secured operation refuses a credential that is no token and a token with a changed signature`,
    SIGNED,
    async (test) => {
      const token = await api.validToken(contextOf(api, test));
      const misses = await unrefused(api, 'a credential that is no token', api.credential('not-a-token'));
      // A target may issue opaque tokens; a signature can only be changed on a JWT.
      if (token.split('.').length === 3) misses.push(...(await unrefused(api, 'a token with a changed signature', api.credential(withFlippedSignature(token)))));
      expectAllRefused(api, misses);
    },
    { api: api.name, tags: ['matrix', 'cross'] },
  );

  rule(
    `X-MATRIX-${EXPIRED_NUMBER[api.name]}`,
    `${api.title}: every secured operation refuses a token past its lifetime`,
    api.name === 'vinmake' ? seed('Access tokens expire after 1 hour.') : EXPIRY,
    async (test) => {
      const token = await api.validToken(contextOf(api, test));
      if (token.split('.').length !== 3) contextOf(api, test).skip('not-applicable', `${api.title} issues tokens that are not JWTs, so no lifetime can be read or forged`);
      expectAllRefused(api, await unrefused(api, 'an expired token', api.credential(await expiredToken(api, test))));
    },
    { api: api.name, tags: ['matrix', 'cross'] },
  );
}
