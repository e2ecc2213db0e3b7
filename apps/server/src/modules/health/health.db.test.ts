import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';

for (const engine of ENGINES) {
  describe(`health [${engine}]`, () => {
    const t = useTestApp(engine);

    test('reports the database as reachable', async () => {
      const res = await t().app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', database: 'ok', engine });
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
