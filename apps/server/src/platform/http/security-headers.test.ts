import { describe, expect, test } from 'vitest';
import Fastify from 'fastify';
import { registerSecurityHeaders, securityHeadersOf } from './security-headers.js';

const options = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
  xFrameOptions: { action: 'deny' as const },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

describe('security headers worked out once', () => {
  test('are the headers helmet writes for the same options', () => {
    const headers = new Map(securityHeadersOf(options));
    expect(headers.get('content-security-policy')).toBe("default-src 'self';frame-ancestors 'none'");
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  test('leave out what is switched off, and refuse a directive helmet refuses', () => {
    expect(
      new Map(securityHeadersOf({ ...options, strictTransportSecurity: false })).has('strict-transport-security'),
    ).toBe(false);
    expect(() => securityHeadersOf({ contentSecurityPolicy: { directives: { defaultSrc: ['self'] } } })).toThrow();
  });

  test('are on every answer, errors and unknown addresses included, and a route may still set its own', async () => {
    const app = Fastify({ logger: false });
    registerSecurityHeaders(app, options);
    app.get('/ok', async () => ({ ok: true }));
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    app.get('/framed', async (_req, reply) => reply.header('x-frame-options', 'SAMEORIGIN').send('x'));
    for (const url of ['/ok', '/boom', '/missing']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toBe("default-src 'self';frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
    expect((await app.inject({ method: 'GET', url: '/framed' })).headers['x-frame-options']).toBe('SAMEORIGIN');
    await app.close();
  });
});
