import { describe, expect, test } from 'vitest';
import { defaultScryptParams, hashPassword, PRODUCTION_SCRYPT, TEST_SCRYPT, verifyPassword } from './password.js';

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

  test('the production cost is N=2^15, r=8, p=1, and tests run cheaper', () => {
    expect(PRODUCTION_SCRYPT).toEqual({ logN: 15, r: 8, p: 1 });
    expect(defaultScryptParams({ NODE_ENV: 'production' })).toEqual(PRODUCTION_SCRYPT);
    expect(defaultScryptParams({ NODE_ENV: 'test' })).toEqual(TEST_SCRYPT);
    expect(defaultScryptParams({ NODE_ENV: 'production', PASSWORD_SCRYPT_LOG_N: '17' }).logN).toBe(17);
  });

  test('a malformed or foreign hash never verifies and never throws', async () => {
    for (const bad of ['', 'plain', 'scrypt$99$8$1$abc$def', 'scrypt$10$8$1$c2FsdA==$', '$argon2id$v=19$m=65536']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });
});
