import { describe, expect, test } from 'vitest';
import { loadConfig, parseTrustProxy } from './config.js';

describe('TRUST_PROXY', () => {
  test('off unless set: no client can choose its own address', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
  });

  test('a whole number is the count of proxy hops to believe', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  test('a comma list of addresses and CIDR ranges, IPv4 and IPv6', () => {
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.10,::1,fd00::/8')).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
      '::1',
      'fd00::/8',
    ]);
  });

  test('anything else stops the start with one line naming the setting and the wrong entry', () => {
    expect(() => parseTrustProxy('true')).toThrow('TRUST_PROXY must be false, a number of proxy hops');
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow('not "10.0.0.0/33"');
    expect(() => parseTrustProxy('10.0.0.1, proxy.local')).toThrow('not "proxy.local"');
    expect(() => parseTrustProxy('1.5')).toThrow('TRUST_PROXY');
  });
});

describe('sign-in limit settings', () => {
  test('per account and per address, with defaults, and refused when not positive', () => {
    expect(loadConfig({}).loginRateLimit).toEqual({ max: 10, addressMax: 50, windowMinutes: 15 });
    expect(loadConfig({ LOGIN_RATE_LIMIT_ADDRESS_MAX: '200' }).loginRateLimit.addressMax).toBe(200);
    expect(() => loadConfig({ LOGIN_RATE_LIMIT_MAX: '0' })).toThrow('LOGIN_RATE_LIMIT_MAX must be a positive number');
  });
});
