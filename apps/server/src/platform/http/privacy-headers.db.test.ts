import { describe, expect, test } from 'vitest';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor } from '../../../test/support/test-auth.js';
import { loadConfig } from '../config.js';

describe('headers on every answer [pglite]', () => {
  const t = useTestApp('pglite');

  test('personal-data JSON is never cached; the framing rule and the permissions policy are on every answer', async () => {
    const { app, database } = t();
    const units = await createUnitTree(database.db);
    const worker = await createUser(database.db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
    const s = await sessionFor(app, database.db, worker.id);
    for (const url of ['/api/auth/me', '/api/cases', '/api/my/cases', '/api/units']) {
      const res = await s.inject({ method: 'GET', url });
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['permissions-policy'], url).toContain('camera=()');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.headers['permissions-policy']).toContain('geolocation=()');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    // Served over plain http here: no HSTS promise.
    expect(page.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('an https public address [pglite]', () => {
  const t = useTestApp('pglite', { publicUrl: 'https://sager.example.dk', secureCookies: true });

  test('asks browsers for https only', async () => {
    const res = await t().app.inject({ method: 'GET', url: '/' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  test('makes cookies Secure whenever PUBLIC_URL is https, production or not', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://sager.example.dk' }).secureCookies).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:3000' }).secureCookies).toBe(false);
  });
});
