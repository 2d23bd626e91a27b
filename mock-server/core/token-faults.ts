/**
 * Token bugs every API's issuer can be made to have. Each wraps the issuer's issue or verify; the
 * issuer itself holds no fault checks.
 */
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { TokenRejected, type Issuer } from './issuer.ts';
import type { FaultSwitches } from './faults.ts';
import { withFaults, type SeamFault } from './seams.ts';

export type TokenFault = SeamFault<Issuer, Issuer>;

export const TOKEN_FAULTS = {
  acceptExpired: {
    id: 'accept-expired-token',
    description: 'accepts tokens whose exp has passed',
    wraps: { verify: (verify) => async (token) => onRejection(verify, token, 'expired', () => claimsOf(token)) },
  },
  acceptAlgNone: {
    id: 'accept-alg-none',
    description: 'accepts unsigned tokens with alg "none"',
    wraps: {
      verify: (verify, issuer) => async (token) =>
        onRejection(verify, token, 'invalid', (rejection) => {
          if (algorithmOf(token) !== 'none') throw rejection;
          return issuer.checkTimes(claimsOf(token));
        }),
    },
  },
  skipSignature: {
    id: 'skip-signature-check',
    description: 'decodes tokens without checking their signature',
    wraps: { verify: (verify, issuer) => async (token) => onRejection(verify, token, 'invalid', () => issuer.checkTimes(claimsOf(token))) },
  },
  wrongLifetime: {
    id: 'wrong-token-lifetime',
    description: 'issues tokens that live twice the documented lifetime',
    wraps: {
      issue: (issue, issuer) => (claims, options) => issue(claims, { lifetimeSeconds: 2 * (options?.lifetimeSeconds ?? issuer.lifetimeSeconds) }),
    },
  },
} as const satisfies Record<string, TokenFault>;

/** The issuer as the API calls it: the token faults of `catalog` that are on wrap its issue and verify. */
export function issuerWithFaults(issuer: Issuer, faults: FaultSwitches, catalog: readonly TokenFault[]): Issuer {
  return withFaults(issuer, faults, catalog, issuer);
}

/** What a buggy server does on one kind of rejection: something else than refusing the token. */
async function onRejection(
  verify: Issuer['verify'],
  token: string,
  reason: TokenRejected['reason'],
  instead: (rejection: TokenRejected) => JWTPayload,
): Promise<JWTPayload> {
  try {
    return await verify(token);
  } catch (error) {
    if (error instanceof TokenRejected && error.reason === reason) return instead(error);
    throw error;
  }
}

/** The claims read without checking anything; a token that does not even decode stays refused. */
function claimsOf(token: string): JWTPayload {
  try {
    return decodeJwt(token);
  } catch {
    throw new TokenRejected('invalid');
  }
}

function algorithmOf(token: string): string | undefined {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}
