import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUser, sessionFor, TEST_PASSWORD } from '../../../test/support/test-auth.js';
import { CSRF_COOKIE } from '../../platform/auth/auth-plugin.js';
import { SESSION_COOKIE } from '../../platform/auth/session-store.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

for (const engine of ENGINES) {
  describe(`sign-in safety [${engine}]`, () => {
    const t = useTestApp(engine, { loginRateLimit: { max: 3, addressMax: 50, windowMinutes: 15 } });

    async function csrf(): Promise<{ cookie: string; token: string }> {
      const res = await t().app.inject({ method: 'GET', url: '/api/auth/csrf' });
      const secret = res.cookies.find((c) => c.name === CSRF_COOKIE)!;
      expect(secret.httpOnly).toBe(true);
      return { cookie: `${CSRF_COOKIE}=${secret.value}`, token: res.json().token };
    }

    async function sessionCount(userId: string): Promise<number> {
      const rows = await t()
        .database.db.selectFrom('user_session')
        .select('token_hash')
        .where('user_id', '=', userId)
        .execute();
      return rows.length;
    }

    test('a form sign-in with its CSRF token redirects to the same-site returnTo', async () => {
      const user = await createUser(t().database.db);
      const c = await csrf();
      const payload = new URLSearchParams({
        username: user.username,
        password: TEST_PASSWORD,
        _csrf: c.token,
        returnTo: '/cases?mine=1',
      });
      const res = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { ...FORM, cookie: c.cookie },
        payload: payload.toString(),
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/cases?mine=1');
      expect(res.cookies.some((k) => k.name === SESSION_COOKIE)).toBe(true);
    });

    test('a form sign-in never redirects off the site', async () => {
      const user = await createUser(t().database.db);
      const c = await csrf();
      const payload = new URLSearchParams({
        username: user.username,
        password: TEST_PASSWORD,
        _csrf: c.token,
        returnTo: '//evil.example/',
      });
      const res = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { ...FORM, cookie: c.cookie },
        payload: payload.toString(),
      });
      expect(res.headers.location).toBe('/');
    });

    test('a wrong password in the form goes back to the sign-in page with an error flag', async () => {
      const user = await createUser(t().database.db);
      const c = await csrf();
      const payload = new URLSearchParams({
        username: user.username,
        password: 'wrong',
        _csrf: c.token,
        returnTo: '/x',
      });
      const res = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { ...FORM, cookie: c.cookie },
        payload: payload.toString(),
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?error=invalid&returnTo=%2Fx');
      expect(await sessionCount(user.id)).toBe(0);
    });

    test('a form sign-in without a CSRF token is refused (login CSRF) and sent back to the page as expired', async () => {
      const user = await createUser(t().database.db);
      const payload = new URLSearchParams({ username: user.username, password: TEST_PASSWORD, returnTo: '/x' });
      const res = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: FORM,
        payload: payload.toString(),
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?error=expired&returnTo=%2Fx');
      expect(res.headers['set-cookie'] ?? '').not.toContain('sagsgang_session=');
      expect(await sessionCount(user.id)).toBe(0);
    });

    test('a cookie-authenticated change without the CSRF header is refused and changes nothing', async () => {
      const user = await createUser(t().database.db);
      const s = await sessionFor(t().app, t().database.db, user.id);
      const res = await t().app.inject({
        method: 'PUT',
        url: '/api/auth/me/locale',
        headers: { cookie: s.cookie },
        payload: { locale: 'en' },
      });
      expect(res.statusCode).toBe(403);
      const forged = await s.inject({
        method: 'PUT',
        url: '/api/auth/me/locale',
        headers: { 'x-csrf-token': 'forged' },
        payload: { locale: 'en' },
      });
      expect(forged.statusCode).toBe(403);
      const row = await t()
        .database.db.selectFrom('app_user')
        .select('locale')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(row.locale).toBe('da');
    });

    test('sign-in is rate limited per address and user name with a JSON 429', async () => {
      const user = await createUser(t().database.db);
      const attempt = () =>
        t().app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: user.username, password: 'wrong' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
      // Another user name from the same address is still let through.
      const other = await createUser(t().database.db);
      const ok = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: other.username, password: TEST_PASSWORD },
      });
      expect(ok.statusCode).toBe(200);
    });

    describe('bad input gets a 4xx JSON answer and stores nothing', () => {
      test('malformed JSON', async () => {
        const res = await t().app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: '{"username": "a",',
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'validation', message: 'The request body is not valid JSON.' });
      });

      test('unknown fields', async () => {
        const user = await createUser(t().database.db);
        const res = await t().app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: user.username, password: TEST_PASSWORD, admin: true },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toContain('admin');
        expect(await sessionCount(user.id)).toBe(0);
        const s = await sessionFor(t().app, t().database.db, user.id);
        const locale = await s.inject({
          method: 'PUT',
          url: '/api/auth/me/locale',
          payload: { locale: 'en', extra: 1 },
        });
        expect(locale.statusCode).toBe(400);
      });

      test('missing fields name the field', async () => {
        const res = await t().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toContain('/password');
      });

      test('an oversized body', async () => {
        const user = await createUser(t().database.db);
        const res = await t().app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: user.username, password: 'x'.repeat(2 * 1024 * 1024) },
        });
        expect(res.statusCode).toBe(413);
        expect(res.json().error.code).toBe('payload_too_large');
        expect(await sessionCount(user.id)).toBe(0);
      });

      test('a content type the endpoint does not take', async () => {
        const res = await t().app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'text/plain' },
          payload: 'username=a',
        });
        expect(res.statusCode).toBe(415);
        expect(res.json().error.code).toBe('unsupported_media_type');
      });
    });
  });
}
