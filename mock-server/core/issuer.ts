/**
 * One token issuer per API: it alone signs, fixes the standard claims (iss, aud, iat, exp) from the
 * injected clock, and verifies. Built on jose; the algorithm list is pinned so `alg: none` and
 * algorithm confusion never verify.
 */
import {
  SignJWT,
  calculateJwkThumbprint,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { Clock } from './clock.ts';

/** An asymmetric key is generated unless its private JWK is given (e.g. one kept in a state file). */
export type SigningKeySpec = { alg: 'HS256'; secret: string } | { alg: 'EdDSA' | 'ES256' | 'RS256'; privateJwk?: JWK };

export interface IssuerOptions {
  key: SigningKeySpec;
  issuer: string;
  audience: string;
  lifetimeSeconds: number;
  clock: Clock;
  /** Key id put in every token header; by default the key's JWK thumbprint, so one key keeps one id across restarts. */
  kid?: string;
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
  /** Signs the claims with iss, aud, iat and exp added; exp is `lifetimeSeconds` from now unless told otherwise. */
  issue(claims: JWTPayload & { sub: string }, options?: { lifetimeSeconds?: number }): Promise<IssuedToken>;
  verify(token: string): Promise<JWTPayload>;
  /** The checks of exp, nbf and iat against the clock alone, for claims read some other way. */
  checkTimes(payload: JWTPayload): JWTPayload;
  /** Public keys as a JWKS; empty for a symmetric key, whose secret is never published. */
  jwks(): { keys: JWK[] };
}

/** Tokens whose signature and fixed claims were checked; enough for every live session of a busy mock. */
const VERIFIED_CACHE_SIZE = 2_048;

export async function createIssuer(options: IssuerOptions): Promise<Issuer> {
  const { key, issuer, audience, lifetimeSeconds, clock } = options;
  let signingKey: CryptoKey;
  let verifyingKey: CryptoKey;
  let publicJwk: JWK | undefined;
  // The same token comes back on every call of a session: its signature (a crypto round trip through
  // the thread pool) is checked once; the time claims are checked against the clock on every use.
  const verified = new Map<string, JWTPayload>();
  if (key.alg === 'HS256') {
    // Imported once: handing jose raw bytes would import the key again on every sign and verify.
    signingKey = verifyingKey = await crypto.subtle.importKey('raw', new TextEncoder().encode(key.secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
  } else if (key.privateJwk) {
    const { d: _private, ...publicPart } = key.privateJwk;
    signingKey = (await importJWK(key.privateJwk, key.alg)) as CryptoKey;
    verifyingKey = (await importJWK(publicPart, key.alg)) as CryptoKey;
    publicJwk = publicPart;
  } else {
    const pair = await generateKeyPair(key.alg, { extractable: true });
    signingKey = pair.privateKey;
    verifyingKey = pair.publicKey;
    publicJwk = await exportJWK(pair.publicKey);
  }
  const kid =
    options.kid ??
    (await calculateJwkThumbprint(publicJwk ?? { kty: 'oct', k: Buffer.from(key.alg === 'HS256' ? key.secret : '').toString('base64url') }));
  const publicJwks: JWK[] = publicJwk ? [{ ...publicJwk, kid, alg: key.alg, use: 'sig' }] : [];

  return {
    alg: key.alg,
    kid,
    issuer,
    audience,
    lifetimeSeconds,
    async issue(claims, issueOptions) {
      const iat = clock.nowSeconds();
      const exp = iat + (issueOptions?.lifetimeSeconds ?? lifetimeSeconds);
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
        // A token seen before had its header, signature and fixed claims checked then.
        const known = verified.get(token);
        if (known) return checkTimes(known, clock.nowSeconds());
        const header = decodeProtectedHeader(token);
        // A kid names the key; a token naming another key was not signed by this issuer.
        if (header.kid !== undefined && header.kid !== kid) throw new TokenRejected('invalid');
        const { payload } = await jwtVerify(token, verifyingKey, {
          algorithms: [key.alg],
          issuer,
          audience,
          currentDate: clock.now(),
          requiredClaims: ['sub', 'iat', 'exp'],
        });
        if ((payload.iat as number) > clock.nowSeconds() + IAT_LEEWAY_SECONDS) throw new TokenRejected('not-yet-valid');
        remember(verified, token, payload);
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
    checkTimes: (payload) => checkTimes(payload, clock.nowSeconds()),
    jwks: () => ({ keys: publicJwks }),
  };
}

function remember(cache: Map<string, JWTPayload>, token: string, payload: JWTPayload): void {
  if (cache.size >= VERIFIED_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(token, payload);
}

/** The checks jose makes of exp, nbf (no tolerance) and ours of iat, for a token verified before. */
function checkTimes(payload: JWTPayload, now: number): JWTPayload {
  if (typeof payload.exp === 'number' && payload.exp <= now) throw new TokenRejected('expired');
  if (typeof payload.nbf === 'number' && payload.nbf > now) throw new TokenRejected('not-yet-valid');
  if (typeof payload.iat === 'number' && payload.iat > now + IAT_LEEWAY_SECONDS) throw new TokenRejected('not-yet-valid');
  return payload;
}
