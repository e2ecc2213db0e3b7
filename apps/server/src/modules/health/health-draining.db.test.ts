import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';

for (const engine of ENGINES) {
  describe(`health while shutting down [${engine}]`, () => {
    const t = useTestApp(engine);

    test('once draining begins, readiness fails and liveness stays 200', async () => {
      expect((await t().app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
      t().ctx.lifecycle.beginDraining();
      const ready = await t().app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'draining' });
      expect((await t().app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(503);
      expect((await t().app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
    });
  });
}
