import { describe, expect, test } from 'vitest';
import {
  defaultScryptParams,
  hashPassword,
  needsRehash,
  PRODUCTION_SCRYPT,
  scryptCostProblem,
  TEST_SCRYPT,
  verifyPassword,
} from './password.js';

describe('scrypt passwords', () => {
  test('a hash verifies its password and nothing else', async () => {
    const hash = await hashPassword('correct horse battery', TEST_SCRYPT);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await hashPassword('correct horse battery', TEST_SCRYPT)).not.toBe(hash); // salted
  });

  test('the cost travels with the hash, so hashes made at another cost keep verifying', async () => {
    const strong = await hashPassword('pw', { logN: 14, r: 8, p: 1 });
    expect(strong.startsWith('scrypt$14$8$1$')).toBe(true);
    expect(await verifyPassword('pw', strong)).toBe(true);
  });

  test("the production cost is OWASP's N=2^17, r=8, p=1, and tests run cheaper", () => {
    expect(PRODUCTION_SCRYPT).toEqual({ logN: 17, r: 8, p: 1 });
    expect(defaultScryptParams({ NODE_ENV: 'production' })).toEqual(PRODUCTION_SCRYPT);
    expect(defaultScryptParams({ NODE_ENV: 'test' })).toEqual(TEST_SCRYPT);
    expect(defaultScryptParams({ NODE_ENV: 'production', PASSWORD_SCRYPT_LOG_N: '18' }).logN).toBe(18);
    expect(defaultScryptParams({ NODE_ENV: 'development', PASSWORD_SCRYPT_LOG_N: '12' }).logN).toBe(12);
  });

  test('the cost cannot be lowered by the environment in production', () => {
    const lowered = { NODE_ENV: 'production', PASSWORD_SCRYPT_LOG_N: '12' };
    expect(scryptCostProblem(lowered)).toMatch(/cannot lower/);
    expect(() => defaultScryptParams(lowered)).toThrow(/PASSWORD_SCRYPT_LOG_N cannot lower/);
    expect(scryptCostProblem({ NODE_ENV: 'production', PASSWORD_SCRYPT_LOG_N: '17' })).toBeUndefined();
    expect(scryptCostProblem({ PASSWORD_SCRYPT_LOG_N: 'lots' })).toMatch(/whole number/);
  });

  test('the production cost hashes and verifies (128 MiB: within the raised maxmem)', async () => {
    const hash = await hashPassword('correct horse battery', PRODUCTION_SCRYPT);
    expect(hash.startsWith('scrypt$17$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
  });

  test('a hash made at another cost needs rehashing, one at the current cost does not', async () => {
    const old = await hashPassword('pw', TEST_SCRYPT);
    expect(needsRehash(old, PRODUCTION_SCRYPT)).toBe(true);
    expect(needsRehash(old, TEST_SCRYPT)).toBe(false);
    expect(needsRehash('plain', TEST_SCRYPT)).toBe(true);
  });

  test('a malformed or foreign hash never verifies and never throws', async () => {
    for (const bad of ['', 'plain', 'scrypt$99$8$1$abc$def', 'scrypt$10$8$1$c2FsdA==$', '$argon2id$v=19$m=65536']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });
});
