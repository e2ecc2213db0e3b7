import { describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, signIn } from '../../../test/support/test-auth.js';

const LIMIT = { max: 2, addressMax: 1000, windowMinutes: 15 };

for (const engine of ENGINES) {
  describe(`an administrator lifts a sign-in lock-out [${engine}]`, () => {
    const t = useTestApp(engine, { loginRateLimit: LIMIT });

    test('the locked user signs in again at once; the lift is audited; others may not lift it', async () => {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const cw = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const adminSession = await signIn(t().app, admin.username, admin.password);
      const attempt = (password: string) =>
        t().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: cw.username, password } });
      for (let i = 0; i < LIMIT.max; i++) expect((await attempt('wrong')).statusCode).toBe(401);
      expect((await attempt(cw.password)).statusCode).toBe(429);

      const teamlead = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const notAdmin = await signIn(t().app, teamlead.username, teamlead.password);
      const refused = await notAdmin.inject({ method: 'POST', url: `/api/users/${cw.id}/sign-in-lock/lift` });
      expect(refused.statusCode).toBe(403);

      const lifted = await adminSession.inject({ method: 'POST', url: `/api/users/${cw.id}/sign-in-lock/lift` });
      expect(lifted.statusCode).toBe(200);
      expect(lifted.json()).toEqual({ wasLocked: true });
      expect((await attempt(cw.password)).statusCode).toBe(200);
      const again = await adminSession.inject({ method: 'POST', url: `/api/users/${cw.id}/sign-in-lock/lift` });
      expect(again.json()).toEqual({ wasLocked: false });
      const audit = await sql<{ details: { wasLocked: boolean } }>`
        SELECT details FROM audit_log WHERE entity_type = 'sign_in_throttle' AND subject_user_id = ${cw.id} ORDER BY id`.execute(
        db,
      );
      expect(audit.rows.map((r) => r.details.wasLocked)).toEqual([true, false]);
    });
  });
}
