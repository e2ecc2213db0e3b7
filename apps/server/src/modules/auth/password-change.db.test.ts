import { describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, signIn } from '../../../test/support/test-auth.js';
import { hashPassword } from '../../platform/auth/password.js';

const NEW = 'lange dage ved fjorden';

for (const engine of ENGINES) {
  describe(`changing a password [${engine}]`, () => {
    const t = useTestApp(engine);

    test('without the current password it is refused (regression), with it the new one works', async () => {
      const db = t().database.db;
      const user = await createUser(db);
      const s = await signIn(t().app, user.username, user.password);
      const other = await signIn(t().app, user.username, user.password);
      const missing = await s.inject({ method: 'POST', url: '/api/auth/me/password', payload: { newPassword: NEW } });
      expect(missing.statusCode).toBe(400);
      const wrong = await s.inject({
        method: 'POST',
        url: '/api/auth/me/password',
        payload: { currentPassword: 'not it', newPassword: NEW },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.details[0]).toMatchObject({ path: 'currentPassword' });
      const ok = await s.inject({
        method: 'POST',
        url: '/api/auth/me/password',
        payload: { currentPassword: user.password, newPassword: NEW },
      });
      expect(ok.statusCode).toBe(204);
      // This session goes on; the other one ended; the old password no longer signs in.
      expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      expect((await other.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      await expect(signIn(t().app, user.username, user.password)).rejects.toThrow(/401/);
      await signIn(t().app, user.username, NEW);
      const audit = await sql<{
        purpose: string;
      }>`SELECT purpose FROM audit_log WHERE action = 'update' AND subject_user_id = ${user.id}`.execute(db);
      expect(audit.rows.map((r) => r.purpose)).toEqual(['Password changed by its holder']);
    });

    test('the new password must pass the policy', async () => {
      const user = await createUser(t().database.db);
      const s = await signIn(t().app, user.username, user.password);
      for (const [newPassword, rule] of [
        ['aaaaaaaaaaaa', 'repetitive'],
        [`x-${user.username}-x`, 'contains_username'],
        ['password1234', 'common'],
        ['short', 'too_short'],
      ] as const) {
        const res = await s.inject({
          method: 'POST',
          url: '/api/auth/me/password',
          payload: { currentPassword: user.password, newPassword },
        });
        expect(res.statusCode, newPassword).toBe(400);
        expect(res.json().error.details[0].params.rule).toBe(rule);
      }
    });

    test('an administrator cannot set their own password through user administration (regression)', async () => {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const s = await signIn(t().app, admin.username, admin.password);
      const own = await s.inject({ method: 'PATCH', url: `/api/users/${admin.id}`, payload: { password: NEW } });
      expect(own.statusCode).toBe(409);
      expect(own.json().error.details.reason).toBe('own_password_needs_current');
      const cw = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const weak = await s.inject({
        method: 'PATCH',
        url: `/api/users/${cw.id}`,
        payload: { password: 'aaaaaaaaaaaa' },
      });
      expect(weak.statusCode).toBe(400);
      const fine = await s.inject({ method: 'PATCH', url: `/api/users/${cw.id}`, payload: { password: NEW } });
      expect(fine.statusCode).toBe(204);
    });

    test('a hash made at an older cost is upgraded at sign-in', async () => {
      const db = t().database.db;
      const user = await createUser(db, { password: null });
      const old = await hashPassword(NEW, { logN: 11, r: 8, p: 1 });
      await db.updateTable('app_user').set({ password_hash: old }).where('id', '=', user.id).execute();
      await signIn(t().app, user.username, NEW);
      const row = await db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).not.toBe(old);
      expect(row.password_hash!.startsWith('scrypt$10$8$1$')).toBe(true); // the cost tests run at
      await signIn(t().app, user.username, NEW);
    });
  });
}
