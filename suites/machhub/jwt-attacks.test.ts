/**
 * MACHHUB-specific token forgeries. The generic attacks (alg none, tampered payload, flipped or
 * stripped signature, algorithm confusion, garbage, oversize, expiry) run in suites/cross/battery.
 */
import { bearer } from '../harness/http.ts';
import { withEditedClaims } from '../harness/jwt.ts';
import { seed } from '../harness/rule.ts';
import { expectRefused, http, rule, startFromSeed, tokenOf } from './suite.ts';

startFromSeed();

rule(
  'MH-JWT-002',
  "An operator's token edited into the superuser group is refused on an admin endpoint: 401 or 403",
  seed('MACHHUB verifies the token’s signature on every request; the claims carry the user identity used for permission checks.'),
  async (t) => {
    const forged = withEditedClaims(await tokenOf(t, 'operator'), { groups: ['superuser'] });
    expectRefused(await http.get('/api/api-key/get-all', { headers: bearer(forged) }));
  },
);
