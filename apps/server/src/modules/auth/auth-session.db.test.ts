import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor, signIn, TEST_PASSWORD } from '../../../test/support/test-auth.js';
import { SESSION_COOKIE, hashSessionToken } from '../../platform/auth/session-store.js';

for (const engine of ENGINES) {
  describe(`sessions and password sign-in [${engine}]`, () => {
    const t = useTestApp(engine);

    test('signs in, reports the person with their units, and signs out', async () => {
      const units = await createUnitTree(t().database.db);
      const user = await createUser(t().database.db, { grants: [{ role: 'caseworker', unitId: units.centreA }] });
      const s = await signIn(t().app, user.username, user.password);

      const me = await s.inject({ method: 'GET', url: '/api/auth/me' });
      expect(me.statusCode).toBe(200);
      const body = me.json();
      expect(body.user).toMatchObject({ id: user.id, kind: 'staff', username: user.username });
      expect(body.authMethod).toBe('password');
      expect(body.units.map((u: { id: string }) => u.id).sort()).toEqual(
        [units.centreA, units.teamA1, units.teamA2].sort(),
      );
      expect(body.units.find((u: { id: string }) => u.id === units.teamA1).roles).toEqual(['caseworker']);

      const out = await s.inject({ method: 'POST', url: '/api/auth/logout' });
      expect(out.statusCode).toBe(204);
      expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      const audit = await t()
        .database.db.selectFrom('audit_log')
        .select('action')
        .where('subject_user_id', '=', user.id)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['sign_in', 'sign_out']);
    });

    test('the session cookie is HTTP-only, SameSite=Lax and only its hash is stored', async () => {
      const user = await createUser(t().database.db);
      const csrf = await t().app.inject({ method: 'GET', url: '/api/auth/csrf' });
      const res = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
      });
      expect(csrf.statusCode).toBe(200);
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      expect(Buffer.from(cookie.value, 'base64url')).toHaveLength(32);
      const stored = await t()
        .database.db.selectFrom('user_session')
        .select('token_hash')
        .where('user_id', '=', user.id)
        .execute();
      expect(stored).toEqual([{ token_hash: hashSessionToken(cookie.value) }]);
    });

    test('a wrong password and an unknown user get the same answer', async () => {
      const user = await createUser(t().database.db);
      const wrong = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: 'nope' },
      });
      const unknown = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody-here', password: 'nope' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().error).toEqual(unknown.json().error);
      expect(wrong.cookies.some((c) => c.name === SESSION_COOKIE)).toBe(false);
      const failed = await t()
        .database.db.selectFrom('audit_log')
        .select(['subject_user_id'])
        .where('action', '=', 'sign_in_failed')
        .execute();
      expect(failed.map((f) => f.subject_user_id)).toEqual(expect.arrayContaining([user.id, null]));
    });

    test('a deactivated user cannot sign in, and their open session stops working', async () => {
      const user = await createUser(t().database.db);
      const s = await sessionFor(t().app, t().database.db, user.id);
      await t().database.db.updateTable('app_user').set({ active: false }).where('id', '=', user.id).execute();
      expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      const res = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(401);
    });

    test('an expired session gives 401 and clears the cookie', async () => {
      const user = await createUser(t().database.db);
      const s = await sessionFor(t().app, t().database.db, user.id);
      expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      await t()
        .database.db.updateTable('user_session')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('user_id', '=', user.id)
        .execute();
      const res = await s.inject({ method: 'GET', url: '/api/auth/me' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    });

    test('a session older than the absolute maximum is refused even while in use', async () => {
      const user = await createUser(t().database.db);
      const s = await sessionFor(t().app, t().database.db, user.id);
      const maxMinutes = t().ctx.config.sessionMaxMinutes;
      await t()
        .database.db.updateTable('user_session')
        .set({ created_at: new Date(Date.now() - (maxMinutes + 1) * 60_000) } as never)
        .where('user_id', '=', user.id)
        .execute();
      expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    });

    test('sign-in replaces a session the browser already had', async () => {
      const user = await createUser(t().database.db);
      const before = await sessionFor(t().app, t().database.db, user.id);
      const res = await before.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect((await before.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    });

    test('active unit must be a unit the person has a role on; locale is stored', async () => {
      const units = await createUnitTree(t().database.db);
      const user = await createUser(t().database.db, { grants: [{ role: 'teamlead', unitId: units.teamA1 }] });
      const s = await sessionFor(t().app, t().database.db, user.id);
      const ok = await s.inject({ method: 'PUT', url: '/api/auth/me/active-unit', payload: { unitId: units.teamA1 } });
      expect(ok.statusCode).toBe(204);
      const other = await s.inject({
        method: 'PUT',
        url: '/api/auth/me/active-unit',
        payload: { unitId: units.teamB1 },
      });
      expect(other.statusCode).toBe(403);
      const locale = await s.inject({ method: 'PUT', url: '/api/auth/me/locale', payload: { locale: 'sv' } });
      expect(locale.statusCode).toBe(204);
      const me = (await s.inject({ method: 'GET', url: '/api/auth/me' })).json();
      expect(me.activeUnitId).toBe(units.teamA1);
      expect(me.user.locale).toBe('sv');
      const denied = await t()
        .database.db.selectFrom('audit_log')
        .selectAll()
        .where('actor_user_id', '=', user.id)
        .where('action', '=', 'denied')
        .execute();
      expect(denied).toHaveLength(1);
      expect(denied[0].details).toMatchObject({ unitId: units.teamB1, route: '/api/auth/me/active-unit' });
    });
  });
}
