import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUser, sessionFor } from '../../../test/support/test-auth.js';

for (const engine of ENGINES) {
  describe(`CSRF refusal [${engine}]`, () => {
    const t = useTestApp(engine);

    test('a change without a valid CSRF token is refused with reason csrf, which the client retries on', async () => {
      const user = await createUser(t().database.db);
      const s = await sessionFor(t().app, t().database.db, user.id);
      for (const token of [undefined, 'not-the-token']) {
        const headers: Record<string, string> = { cookie: s.cookie, 'content-type': 'application/json' };
        if (token) headers['x-csrf-token'] = token;
        const res = await t().app.inject({
          method: 'PUT',
          url: '/api/auth/me/locale',
          headers,
          payload: { locale: 'en' },
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().error).toMatchObject({ code: 'forbidden', details: { reason: 'csrf' } });
      }
      const ok = await s.inject({ method: 'PUT', url: '/api/auth/me/locale', payload: { locale: 'en' } });
      expect(ok.statusCode).toBeLessThan(300);
    });

    test('a refusal of the person carries no csrf reason, so the client does not retry it', async () => {
      const user = await createUser(t().database.db);
      const s = await sessionFor(t().app, t().database.db, user.id);
      const res = await s.inject({
        method: 'POST',
        url: '/api/units',
        payload: { parentId: user.id, kind: 'team', code: 'no-admin', nameDa: 'X', nameEn: 'X' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect(res.json().error.details?.reason).not.toBe('csrf');
    });
  });
}
