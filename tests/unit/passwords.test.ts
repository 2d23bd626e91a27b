import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { SCRYPT_COST, hashPassword, scryptCostFrom, verifyPassword } from '../../mock-server/core/passwords.ts';

// Count scrypt runs: an unknown user must cost one full scrypt, like a wrong password.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const scryptRuns = vi.mocked(crypto.scrypt);

describe('password hashing', () => {
  it('stores a salted scrypt hash, never the password', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(new RegExp(`^scrypt\\$${SCRYPT_COST}\\$8\\$1\\$[\\w-]+\\$[\\w-]+$`));
    expect(hash).not.toContain('correct horse');
    expect(await hashPassword('correct horse')).not.toBe(hash);
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsE', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('answers false for an unknown user after one full scrypt, as for a wrong password', async () => {
    const known = await hashPassword('p');
    await verifyPassword('warm-up', undefined); // builds the decoy hash once
    scryptRuns.mockClear();
    expect(await verifyPassword('p-wrong', known)).toBe(false);
    expect(await verifyPassword('p-wrong', undefined)).toBe(false);
    expect(scryptRuns).toHaveBeenCalledTimes(2);
    const [wrongCall, unknownCall] = scryptRuns.mock.calls;
    expect(unknownCall?.[3]).toMatchObject({ N: SCRYPT_COST, r: 8, p: 1 });
    expect(unknownCall?.[3]).toEqual(wrongCall?.[3]);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('p', 'plain-text')).toBe(false);
  });
});

describe('scrypt cost from MOCK_SCRYPT_N', () => {
  it('defaults to 128 and takes any power of two in range', () => {
    expect(scryptCostFrom(undefined)).toBe(128);
    expect(scryptCostFrom('16384')).toBe(16384);
  });

  it('refuses what is not a power of two in range', () => {
    for (const bad of ['1000', '1', '0', 'abc', '2097152']) expect(() => scryptCostFrom(bad)).toThrow(/MOCK_SCRYPT_N/);
  });
});
