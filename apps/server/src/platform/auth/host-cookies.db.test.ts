import { describe, expect, test } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUser, TEST_PASSWORD } from '../../../test/support/test-auth.js';
import { CSRF_COOKIE } from './auth-plugin.js';
import { SESSION_COOKIE } from './session-store.js';

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name);

for (const engine of ENGINES) {
  for (const [scheme, prefix] of [
    ['https', '__Host-'],
    ['http', ''],
  ] as const) {
    describe(`session and CSRF cookies over ${scheme} [${engine}]`, () => {
      const publicUrl = `${scheme}://sager.example.dk`;
      const t = useTestApp(engine, { publicUrl, secureCookies: scheme === 'https' });
      const sessionName = `${prefix}${SESSION_COOKIE}`;
      const csrfName = `${prefix}${CSRF_COOKIE}`;

      async function csrf(cookie?: string) {
        const res = await t().app.inject({ method: 'GET', url: '/api/auth/csrf', headers: cookie ? { cookie } : {} });
        expect(res.statusCode).toBe(200);
        return { token: res.json().token as string, cookie: cookieOf(res, csrfName) };
      }

      async function signIn() {
        const user = await createUser(t().database.db);
        const before = await csrf();
        expect(before.cookie, `a CSRF cookie named ${csrfName}`).toBeDefined();
        const login = await t().app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { cookie: `${csrfName}=${before.cookie!.value}`, 'x-csrf-token': before.token },
          payload: { username: user.username, password: TEST_PASSWORD },
        });
        expect(login.statusCode).toBe(200);
        return { before, login };
      }

      test(`the cookies are named ${prefix ? 'with' : 'without'} the __Host- prefix, Path=/ and no Domain`, async () => {
        const { before, login } = await signIn();
        const session = cookieOf(login, sessionName);
        expect(session, `a session cookie named ${sessionName}`).toBeDefined();
        for (const cookie of [before.cookie!, session!]) {
          expect(cookie.path).toBe('/');
          expect(cookie.domain).toBeUndefined();
          expect(cookie.httpOnly).toBe(true);
          expect(Boolean(cookie.secure)).toBe(scheme === 'https');
        }
        const unprefixed = scheme === 'https' ? [SESSION_COOKIE, CSRF_COOKIE] : [];
        const prefixed = scheme === 'http' ? [`__Host-${SESSION_COOKIE}`, `__Host-${CSRF_COOKIE}`] : [];
        for (const name of [...unprefixed, ...prefixed]) {
          expect(cookieOf(login, name), `no cookie named ${name}`).toBeUndefined();
        }
      });

      test('sign-in rotates the CSRF secret: the token from before no longer validates a write, a new one does', async () => {
        const { before, login } = await signIn();
        const rotated = cookieOf(login, csrfName);
        expect(rotated, 'sign-in sets a new CSRF secret').toBeDefined();
        const secretBefore = t().app.unsignCookie(before.cookie!.value);
        const secretAfter = t().app.unsignCookie(rotated!.value);
        expect(secretBefore.valid && secretAfter.valid).toBe(true);
        expect(secretAfter.value).not.toBe(secretBefore.value);

        const cookie = `${sessionName}=${cookieOf(login, sessionName)!.value}; ${csrfName}=${rotated!.value}`;
        const write = (token: string) =>
          t().app.inject({
            method: 'PUT',
            url: '/api/auth/me/locale',
            headers: { cookie, 'x-csrf-token': token },
            payload: { locale: 'en' },
          });
        const stale = await write(before.token);
        expect(stale.statusCode).toBe(403);
        expect(stale.json().error).toMatchObject({ code: 'forbidden', details: { reason: 'csrf' } });
        const fresh = await csrf(cookie);
        expect(fresh.cookie, 'the rotated secret is kept, not replaced again').toBeUndefined();
        expect((await write(fresh.token)).statusCode).toBeLessThan(300);

        const me = await t().app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
        expect(me.statusCode).toBe(200);
        expect(me.json().user.locale).toBe('en');

        // Sign-out rotates it again: the token of the signed-in page validates nothing after.
        const logout = await t().app.inject({
          method: 'POST',
          url: '/api/auth/logout',
          headers: { cookie, 'x-csrf-token': fresh.token },
        });
        expect(logout.statusCode).toBe(204);
        const afterLogout = cookieOf(logout, csrfName);
        expect(afterLogout).toBeDefined();
        expect(t().app.unsignCookie(afterLogout!.value).value).not.toBe(secretAfter.value);
        const stillOld = await t().app.inject({
          method: 'POST',
          url: '/api/auth/logout',
          headers: { cookie: `${sessionName}=x; ${csrfName}=${afterLogout!.value}`, 'x-csrf-token': fresh.token },
        });
        expect(stillOld.statusCode).toBe(403);
        expect(stillOld.json().error).toMatchObject({ code: 'forbidden', details: { reason: 'csrf' } });
      });

      if (scheme === 'https') {
        test('an unprefixed session cookie (set by a sibling host or over http) signs nobody in', async () => {
          const { login } = await signIn();
          const token = cookieOf(login, sessionName)!.value;
          const plain = await t().app.inject({
            method: 'GET',
            url: '/api/auth/me',
            headers: { cookie: `${SESSION_COOKIE}=${token}` },
          });
          expect(plain.statusCode).toBe(401);
          const prefixed = await t().app.inject({
            method: 'GET',
            url: '/api/auth/me',
            headers: { cookie: `${sessionName}=${token}` },
          });
          expect(prefixed.statusCode).toBe(200);
        });
      }
    });
  }
}
