import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../mock-server/core/clock.ts';
import { TokenRejected, createIssuer } from '../../mock-server/core/issuer.ts';

const base = { issuer: 'https://issuer.test/auth/v1', audience: 'authenticated', lifetimeSeconds: 3600 };
const unsigned = (payload: object) =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenRejected);
  return (error as TokenRejected).reason;
}

describe('HS256 issuer', () => {
  it('issues tokens whose standard claims come from the clock and the options', async () => {
    const clock = new Clock(() => Date.UTC(2026, 0, 1));
    const issuer = await createIssuer({ ...base, key: { alg: 'HS256', secret: 's'.repeat(32) }, clock, kid: 'k1' });
    const { token, iat, exp } = await issuer.issue({ sub: 'user-1', role: 'staff' });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', kid: 'k1', typ: 'JWT' });
    expect(decodeJwt(token)).toMatchObject({ sub: 'user-1', role: 'staff', iss: base.issuer, aud: base.audience, iat, exp });
    expect(iat).toBe(Date.UTC(2026, 0, 1) / 1000);
    expect(exp - iat).toBe(3600);
    await expect(issuer.verify(token)).resolves.toMatchObject({ sub: 'user-1' });
    expect(issuer.jwks().keys).toEqual([]);
  });

  it('rejects a token once the clock passes exp, as expired', async () => {
    const clock = new Clock();
    const issuer = await createIssuer({ ...base, key: { alg: 'HS256', secret: 's'.repeat(32) }, clock });
    const { token } = await issuer.issue({ sub: 'u' });
    clock.advance(3601);
    expect(await rejection(issuer.verify(token))).toBe('expired');
  });

  it('checks the clock again for a token it verified before, and the signature of every new string', async () => {
    const clock = new Clock();
    const issuer = await createIssuer({ ...base, key: { alg: 'HS256', secret: 's'.repeat(32) }, clock });
    const { token } = await issuer.issue({ sub: 'u' });
    await expect(issuer.verify(token)).resolves.toMatchObject({ sub: 'u' });
    const [header, payload, signature = ''] = token.split('.');
    const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await rejection(issuer.verify(flipped))).toBe('invalid');
    clock.advance(3600);
    expect(await rejection(issuer.verify(token))).toBe('expired');
    clock.reset();
    clock.advance(-120);
    expect(await rejection(issuer.verify(token))).toBe('not-yet-valid');
  });

  it('rejects alg none, another secret and another audience as invalid', async () => {
    const clock = new Clock();
    const issuer = await createIssuer({ ...base, key: { alg: 'HS256', secret: 's'.repeat(32) }, clock });
    const other = await createIssuer({ ...base, key: { alg: 'HS256', secret: 'x'.repeat(32) }, clock });
    const otherAudience = await createIssuer({ ...base, audience: 'elsewhere', key: { alg: 'HS256', secret: 's'.repeat(32) }, clock });
    const { token } = await issuer.issue({ sub: 'u' });
    expect(await rejection(issuer.verify(unsigned(decodeJwt(token))))).toBe('invalid');
    expect(await rejection(issuer.verify((await other.issue({ sub: 'u' })).token))).toBe('invalid');
    expect(await rejection(issuer.verify((await otherAudience.issue({ sub: 'u' })).token))).toBe('invalid');
    expect(await rejection(issuer.verify('not.a.jwt'))).toBe('invalid');
  });
});

describe('EdDSA issuer', () => {
  it('publishes its public key as a JWKS that verifies its tokens', async () => {
    const issuer = await createIssuer({ ...base, key: { alg: 'EdDSA' }, clock: new Clock(), kid: 'ed-1' });
    const { token } = await issuer.issue({ sub: 'u' });
    const [key] = issuer.jwks().keys;
    expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: 'ed-1', alg: 'EdDSA', use: 'sig' });
    expect(key).not.toHaveProperty('d');
    const { payload } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), { algorithms: ['EdDSA'] });
    expect(payload.sub).toBe('u');
  });
});
