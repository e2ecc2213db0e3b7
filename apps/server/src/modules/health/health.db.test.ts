import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';

for (const engine of ENGINES) {
  describe(`health [${engine}]`, () => {
    const t = useTestApp(engine);

    test('readiness (and its older address) reports the database reachable and the schema current', async () => {
      for (const url of ['/api/health/ready', '/api/health']) {
        const res = await t().app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ status: 'ok', database: 'ok', migrations: 'ok', files: 'unchecked', engine });
      }
    });

    test('liveness answers without the database', async () => {
      const res = await t().app.inject({ method: 'GET', url: '/api/health/live' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    });

    test('readiness fails when the schema is behind the code', async () => {
      const { pool } = t().database;
      const { rows } = await pool.query<{ name: string }>('SELECT max(name) AS name FROM schema_migration');
      const latest = rows[0]!.name;
      await pool.query('DELETE FROM schema_migration WHERE name = $1', [latest]);
      try {
        const res = await t().app.inject({ method: 'GET', url: '/api/health/ready' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ status: 'unavailable', database: 'ok', migrations: 'behind' });
      } finally {
        await pool.query('INSERT INTO schema_migration (name) VALUES ($1)', [latest]);
      }
    });

    test('unknown addresses give a JSON 404 with a request id', async () => {
      const res = await t().app.inject({ method: 'GET', url: '/api/nowhere' });
      expect(res.statusCode).toBe(404);
      const body = res.json();
      expect(body.error.code).toBe('not_found');
      expect(body.requestId).toBe(res.headers['x-request-id']);
    });

    test('serves the OpenAPI document', async () => {
      const res = await t().app.inject({ method: 'GET', url: '/api/docs/json' });
      expect(res.statusCode).toBe(200);
      expect(res.json().paths['/api/health']).toBeDefined();
    });

    test('sends security headers', async () => {
      const res = await t().app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });
  });
}
