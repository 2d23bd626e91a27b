/**
 * Salted scrypt password hashes. Verification always does one full scrypt, also for an unknown
 * user, so response time does not reveal which accounts exist.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
/**
 * The scrypt cost. A mock holds fixture passwords, not real ones, and must answer logins at load-test
 * rates (2,000 logins a second on two cores, with the load generator on one of them): N=128 (r=8,
 * p=1) takes about 0.2 ms and 128 KB a hash, where a production N=16384 takes about 28 ms and 16 MB. MOCK_SCRYPT_N (a power of two, 2 to 1048576) raises it; stored hashes carry
 * their own cost, so hashes made at any cost keep verifying.
 */
export const SCRYPT_COST = scryptCostFrom(process.env.MOCK_SCRYPT_N);
const PARAMS: Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>> = { N: SCRYPT_COST, r: 8, p: 1 };

export function scryptCostFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 128;
  const cost = Number(value);
  if (!Number.isInteger(cost) || cost < 2 || cost > 1_048_576 || (cost & (cost - 1)) !== 0) {
    throw new Error(`MOCK_SCRYPT_N must be a power of two from 2 to 1048576, got "${value}"`);
  }
  return cost;
}

function derive(password: string, salt: Buffer, params: typeof PARAMS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { ...params, maxmem: 256 * params.N * params.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Returns `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, PARAMS);
  const { N, r, p } = PARAMS;
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** A hash nobody knows the password of: what an unknown user is checked against. */
const decoyHash = hashPassword(randomBytes(24).toString('base64url'));

/** Constant-time check; `undefined` (no such user) costs the same and answers false. */
export async function verifyPassword(password: string, encoded: string | undefined): Promise<boolean> {
  const known = encoded !== undefined;
  const [scheme, n, r, p, salt, hash] = (encoded ?? (await decoyHash)).split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected) && known;
}

// Hashing is slow on purpose; seed passwords are hashed once per process and reused by every reset.
const seedHashes = new Map<string, Promise<string>>();

/** The hash of a seeded (public, fixture) password, computed once per process. */
export function seedPasswordHash(password: string): Promise<string> {
  let hash = seedHashes.get(password);
  if (!hash) seedHashes.set(password, (hash = hashPassword(password)));
  return hash;
}
