/**
 * One token issuer per API: it alone signs, fixes the standard claims (iss, aud, iat, exp) from the
 * injected clock, and verifies. Built on jose; the algorithm list is pinned so `alg: none` and
 * algorithm confusion never verify.
 */
import { randomUUID } from 'node:crypto';
import {
  SignJWT,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { Clock } from './clock.ts';
import { TOKEN_FAULTS, type FaultSwitches } from './faults.ts';

export type SigningKeySpec = { alg: 'HS256'; secret: string } | { alg: 'EdDSA' | 'ES256' | 'RS256' };

export interface IssuerOptions {
  key: SigningKeySpec;
  issuer: string;
  audience: string;
  lifetimeSeconds: number;
  clock: Clock;
  /** Key id put in every token header; generated when absent. */
  kid?: string;
  /** Switches for the token faults of TOKEN_FAULTS; none when absent. */
  faults?: FaultSwitches;
}

export interface IssuedToken {
  token: string;
  iat: number;
  exp: number;
}

/** Tokens issued up to this far in the future (clock skew) still count as issued now. */
const IAT_LEEWAY_SECONDS = 60;

export type RejectionReason = 'expired' | 'not-yet-valid' | 'invalid';

/** A token that does not verify, with why, for the API to map onto its own error. */
export class TokenRejected extends Error {
  constructor(readonly reason: RejectionReason) {
    super(`token rejected: ${reason}`);
    this.name = 'TokenRejected';
  }
}

export interface Issuer {
  readonly alg: SigningKeySpec['alg'];
  readonly kid: string;
  readonly issuer: string;
  readonly audience: string;
  readonly lifetimeSeconds: number;
  issue(claims: JWTPayload & { sub: string }): Promise<IssuedToken>;
  verify(token: string): Promise<JWTPayload>;
  /** Public keys as a JWKS; empty for a symmetric key, whose secret is never published. */
  jwks(): { keys: JWK[] };
}

export async function createIssuer(options: IssuerOptions): Promise<Issuer> {
  const { key, issuer, audience, lifetimeSeconds, clock, faults } = options;
  const faulty = (fault: { id: string }) => faults?.on(fault.id) ?? false;
  const kid = options.kid ?? randomUUID();
  let signingKey: CryptoKey | Uint8Array;
  let verifyingKey: CryptoKey | Uint8Array;
  const publicJwks: JWK[] = [];
  if (key.alg === 'HS256') {
    signingKey = verifyingKey = new TextEncoder().encode(key.secret);
  } else {
    const pair = await generateKeyPair(key.alg, { extractable: true });
    signingKey = pair.privateKey;
    verifyingKey = pair.publicKey;
    publicJwks.push({ ...(await exportJWK(pair.publicKey)), kid, alg: key.alg, use: 'sig' });
  }

  return {
    alg: key.alg,
    kid,
    issuer,
    audience,
    lifetimeSeconds,
    async issue(claims) {
      const iat = clock.nowSeconds();
      const exp = iat + lifetimeSeconds * (faulty(TOKEN_FAULTS.wrongLifetime) ? 2 : 1);
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: key.alg, typ: 'JWT', kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(signingKey);
      return { token, iat, exp };
    },
    async verify(token) {
      try {
        const header = decodeProtectedHeader(token);
        // A kid names the key; a token naming another key was not signed by this issuer.
        if (header.kid !== undefined && header.kid !== kid) throw new TokenRejected('invalid');
        if (faulty(TOKEN_FAULTS.skipSignature) || (faulty(TOKEN_FAULTS.acceptAlgNone) && header.alg === 'none')) {
          return unverifiedClaims(token, clock, faulty(TOKEN_FAULTS.acceptExpired));
        }
        const { payload } = await jwtVerify(token, verifyingKey, {
          algorithms: [key.alg],
          issuer,
          audience,
          currentDate: clock.now(),
          requiredClaims: ['sub', 'iat', 'exp'],
          // The fault: a clock tolerance of ten years lets any expired token through.
          ...(faulty(TOKEN_FAULTS.acceptExpired) ? { clockTolerance: 10 * 365 * 86_400 } : {}),
        });
        if ((payload.iat as number) > clock.nowSeconds() + IAT_LEEWAY_SECONDS) throw new TokenRejected('not-yet-valid');
        return payload;
      } catch (error) {
        if (error instanceof TokenRejected) throw error;
        if (error instanceof errors.JWTExpired) throw new TokenRejected('expired');
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
          throw new TokenRejected('not-yet-valid');
        }
        throw new TokenRejected('invalid');
      }
    },
    jwks: () => ({ keys: publicJwks }),
  };
}

/** What a buggy server does: read the claims without checking the signature. */
function unverifiedClaims(token: string, clock: Clock, ignoreExpiry: boolean): JWTPayload {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw new TokenRejected('invalid');
  }
  if (!ignoreExpiry && typeof claims.exp === 'number' && claims.exp <= clock.nowSeconds()) throw new TokenRejected('expired');
  return claims;
}
