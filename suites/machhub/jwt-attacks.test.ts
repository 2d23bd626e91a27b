import type { JSONWebKeySet } from 'jose';
import { expectText } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { decodeJwt, signHs256, withAlgNone, withEditedClaims, withFlippedSignature, withoutSignature } from '../harness/jwt.ts';
import { inferred, seed } from '../harness/rule.ts';
import { http, rule, startFromSeed, tokenOf } from './suite.ts';

startFromSeed();

const VERIFIES = seed('MACHHUB verifies the token’s signature on every request; the claims carry the user identity used for permission checks.');

async function refused(token: string): Promise<void> {
  expectText(await http.get('/machhub/products/all', { headers: bearer(token) }), 401);
}

rule('MH-JWT-001', 'A token re-headed as alg "none" is refused with 401', VERIFIES, async (t) => {
  await refused(withAlgNone(await tokenOf(t, 'admin')));
});

rule('MH-JWT-002', "An operator's token edited into the superuser group is refused with 401", VERIFIES, async (t) => {
  const forged = withEditedClaims(await tokenOf(t, 'operator'), { groups: ['superuser'] });
  expectText(await http.get('/api/api-key/get-all', { headers: bearer(forged) }), 401);
});

rule('MH-JWT-003', 'A token with one signature character changed is refused with 401', VERIFIES, async (t) => {
  await refused(withFlippedSignature(await tokenOf(t, 'operator')));
});

rule('MH-JWT-004', 'A token stripped of its signature is refused with 401', VERIFIES, async (t) => {
  await refused(withoutSignature(await tokenOf(t, 'operator')));
});

rule(
  'MH-JWT-005',
  'A token signed HS256 with the published public key (algorithm confusion) is refused with 401',
  inferred('a verifier that lets the token pick HS256 and uses the public key as the HMAC secret accepts tokens anyone can make'),
  async (t) => {
    const token = await tokenOf(t, 'operator');
    const jwks = await http.get('/.well-known/jwks.json');
    if (jwks.status !== 200) return t.skip('not-applicable', 'the target publishes no JWKS to take the public key from');
    const [key] = jwks.json<JSONWebKeySet>().keys;
    const forged = await signHs256({ ...decodeJwt(token), groups: ['superuser'] }, String(key?.x), key?.kid);
    await refused(forged);
  },
);

rule(
  'MH-JWT-006',
  "A token edited to another user's user_id and sub is refused with 401",
  VERIFIES,
  async (t) => {
    const admin = decodeJwt(await tokenOf(t, 'admin'));
    await refused(withEditedClaims(await tokenOf(t, 'operator'), { sub: admin.sub, user_id: admin.user_id, username: admin.username }));
  },
);

rule(
  'MH-JWT-007',
  'Garbage and oversized bearer values answer 401, never 500',
  inferred('bad input gets a clear error in the API\'s own shape; a crash on a header is a denial of service'),
  async () => {
    for (const value of ['garbage', 'a.b.c', 'e30.e30.', 'x'.repeat(6000)]) await refused(value);
  },
);
