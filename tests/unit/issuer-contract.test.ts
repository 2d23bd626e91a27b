/**
 * The token issuer against its contract, claim by claim: what it signs, which key id it names, and
 * every way a token is refused (and why), with each token fault doing exactly its one wrong thing.
 */
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../mock-server/core/clock.ts';
import { FaultSwitches } from '../../mock-server/core/faults.ts';
import { TokenRejected, createIssuer, type IssuerOptions } from '../../mock-server/core/issuer.ts';
import { TOKEN_FAULTS, issuerWithFaults } from '../../mock-server/core/token-faults.ts';

const SECRET = 's'.repeat(32);
const START = Date.UTC(2026, 5, 1);
const base = { issuer: 'https://issuer.test', audience: 'api', lifetimeSeconds: 3600 };

const newClock = () => new Clock(() => START);
const hs256 = (clock = newClock(), more: Partial<IssuerOptions> = {}) => createIssuer({ ...base, key: { alg: 'HS256', secret: SECRET }, clock, ...more });
/** The issuer with the given token faults on, as an API's mock wraps it. */
const faultyHs256 = async (clock: Clock, ...ids: string[]) => {
  const faults = new FaultSwitches(Object.values(TOKEN_FAULTS));
  faults.set(ids);
  return issuerWithFaults(await hs256(clock), faults, Object.values(TOKEN_FAULTS));
};

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenRejected);
  return (error as TokenRejected).reason;
}

/** A token signed with the issuer's own secret but with claims of our choosing. */
const signed = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', ...header }).sign(new TextEncoder().encode(SECRET));

const nowSeconds = START / 1000;
const validClaims = { sub: 'u', iss: base.issuer, aud: base.audience, iat: nowSeconds, exp: nowSeconds + 60 };

describe('what the issuer signs', () => {
  it('names one key id per key: its thumbprint, the same after a restart, another for another secret', async () => {
    const first = await hs256();
    expect(first.kid).toBe((await hs256()).kid);
    expect(first.kid).not.toBe((await createIssuer({ ...base, key: { alg: 'HS256', secret: 'x'.repeat(32) }, clock: newClock() })).kid);
    expect(first.kid).toMatch(/^[\w-]{43}$/);
    expect(decodeProtectedHeader((await first.issue({ sub: 'u' })).token).kid).toBe(first.kid);
  });

  it('keeps an asymmetric key across a restart when given its private JWK, and never publishes the private part', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const before = await createIssuer({ ...base, key: { alg: 'ES256', privateJwk }, clock: newClock() });
    const after = await createIssuer({ ...base, key: { alg: 'ES256', privateJwk }, clock: newClock() });
    expect(after.kid).toBe(before.kid);
    await expect(after.verify((await before.issue({ sub: 'u' })).token)).resolves.toMatchObject({ sub: 'u' });
    expect(after.jwks().keys).toEqual([expect.not.objectContaining({ d: expect.anything() })]);
    expect(after.jwks().keys[0]).toMatchObject({ kid: after.kid, alg: 'ES256', use: 'sig', kty: 'EC' });
  });

  it('lets the caller\'s claims ride along but fixes iss, aud, iat and exp itself', async () => {
    const issuer = await hs256();
    const { token, iat, exp } = await issuer.issue({ sub: 'u', role: 'admin', iss: 'forged', exp: 1 } as never);
    expect(decodeJwt(token)).toMatchObject({ sub: 'u', role: 'admin', iss: base.issuer, aud: base.audience, iat: nowSeconds, exp: nowSeconds + 3600 });
    expect([iat, exp]).toEqual([nowSeconds, nowSeconds + 3600]);
  });
});

describe('what the issuer refuses', () => {
  it('takes a token until the second its exp arrives', async () => {
    const clock = newClock();
    const issuer = await hs256(clock);
    const { token } = await issuer.issue({ sub: 'u' });
    clock.advance(3599);
    await expect(issuer.verify(token)).resolves.toMatchObject({ sub: 'u' });
    clock.advance(1);
    expect(await reasonOf(issuer.verify(token))).toBe('expired');
  });

  it('refuses a token from the future beyond a minute of clock skew, and takes one within it', async () => {
    const issuer = await hs256();
    expect(await reasonOf(issuer.verify(await signed({ ...validClaims, iat: nowSeconds + 61, exp: nowSeconds + 3600 })))).toBe('not-yet-valid');
    await expect(issuer.verify(await signed({ ...validClaims, iat: nowSeconds + 60 }))).resolves.toMatchObject({ sub: 'u' });
  });

  it('refuses a token before its nbf, the first time and when it comes back', async () => {
    const clock = newClock();
    const issuer = await hs256(clock);
    const later = await signed({ ...validClaims, nbf: nowSeconds + 30 });
    expect(await reasonOf(issuer.verify(later))).toBe('not-yet-valid');
    clock.advance(30);
    await expect(issuer.verify(later)).resolves.toMatchObject({ sub: 'u' });
    clock.advance(-31);
    expect(await reasonOf(issuer.verify(later))).toBe('not-yet-valid');
  });

  it('refuses tokens without sub, iat or exp, or for another issuer or audience, as invalid', async () => {
    const issuer = await hs256();
    for (const name of ['sub', 'iat', 'exp'] as const) {
      const { [name]: _left, ...claims } = validClaims;
      expect(await reasonOf(issuer.verify(await signed(claims))), `without ${name}`).toBe('invalid');
    }
    expect(await reasonOf(issuer.verify(await signed({ ...validClaims, iss: 'elsewhere' })))).toBe('invalid');
    expect(await reasonOf(issuer.verify(await signed({ ...validClaims, aud: 'elsewhere' })))).toBe('invalid');
  });

  it('refuses a token naming another key id, and takes one naming none', async () => {
    const issuer = await hs256();
    expect(await reasonOf(issuer.verify(await signed(validClaims, { kid: 'someone-else' })))).toBe('invalid');
    await expect(issuer.verify(await signed(validClaims))).resolves.toMatchObject({ sub: 'u' });
    await expect(issuer.verify(await signed(validClaims, { kid: issuer.kid }))).resolves.toMatchObject({ sub: 'u' });
  });

  it('refuses HS256 signed with an asymmetric issuer\'s published key (algorithm confusion)', async () => {
    const issuer = await createIssuer({ ...base, key: { alg: 'EdDSA' }, clock: newClock() });
    const published = JSON.stringify(issuer.jwks().keys[0]);
    const confused = await new SignJWT(validClaims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(published));
    expect(await reasonOf(issuer.verify(confused))).toBe('invalid');
  });

  it('refuses garbage of every shape as invalid', async () => {
    const issuer = await hs256();
    for (const token of ['', 'a', 'a.b', 'a.b.c', '..', `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.e30.`]) {
      expect(await reasonOf(issuer.verify(token)), JSON.stringify(token)).toBe('invalid');
    }
  });
});

describe('each token fault does its one wrong thing', () => {
  const unsigned = (claims: object) => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
  const forged = async () => {
    const [header, payload] = (await signed(validClaims)).split('.');
    return `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
  };

  it('wrong-token-lifetime: tokens live twice as long', async () => {
    const issuer = await faultyHs256(newClock(), TOKEN_FAULTS.wrongLifetime.id);
    const { iat, exp } = await issuer.issue({ sub: 'u' });
    expect(exp - iat).toBe(7200);
  });

  it('accept-expired-token: an expired token passes, a forged one still does not', async () => {
    const clock = newClock();
    const issuer = await faultyHs256(clock, TOKEN_FAULTS.acceptExpired.id);
    const { token } = await issuer.issue({ sub: 'u' });
    await issuer.verify(token);
    clock.advance(7200);
    await expect(issuer.verify(token)).resolves.toMatchObject({ sub: 'u' });
    expect(await reasonOf(issuer.verify(await forged()))).toBe('invalid');
  });

  it('accept-alg-none: an unsigned token passes, a forged signature still does not', async () => {
    const issuer = await faultyHs256(newClock(), TOKEN_FAULTS.acceptAlgNone.id);
    await expect(issuer.verify(unsigned(validClaims))).resolves.toMatchObject({ sub: 'u' });
    expect(await reasonOf(issuer.verify(await forged()))).toBe('invalid');
  });

  it('skip-signature-check: any signature passes, but an expired token is still refused', async () => {
    const clock = newClock();
    const issuer = await faultyHs256(clock, TOKEN_FAULTS.skipSignature.id);
    await expect(issuer.verify(await forged())).resolves.toMatchObject({ sub: 'u' });
    clock.advance(61);
    expect(await reasonOf(issuer.verify(await forged()))).toBe('expired');
    expect(await reasonOf(issuer.verify('not-a-token'))).toBe('invalid');
  });

  it('no fault: the same tokens are refused', async () => {
    const issuer = await hs256();
    expect(await reasonOf(issuer.verify(unsigned(validClaims)))).toBe('invalid');
    expect(await reasonOf(issuer.verify(await forged()))).toBe('invalid');
  });
});
