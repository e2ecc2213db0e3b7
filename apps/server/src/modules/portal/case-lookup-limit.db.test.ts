import { describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor, signIn } from '../../../test/support/test-auth.js';
import {
  applicantPrincipal,
  makeCaseType,
  makeUnit,
  submitFamilyReunification,
} from '../../../test/support/case-factories.js';

const LIMIT = { max: 3, addressMax: 100, windowMinutes: 15 };

for (const engine of ENGINES) {
  describe(`case look-ups by reference are limited [${engine}]`, () => {
    const t = useTestApp(engine, { loginRateLimit: LIMIT });

    test('guessing references locks the applicant out with 429, audited once; their own case never counts', async () => {
      const db = t().database.db;
      const unit = await makeUnit(db);
      const type = await makeCaseType(db, unit.code, 'family-reunification');
      const applicant = await createUser(db, { kind: 'applicant' });
      const me = applicantPrincipal(applicant.id);
      const sent = await submitFamilyReunification(db, me, type.code);
      const s = await sessionFor(t().app, db, applicant.id);
      const look = async (reference: string) =>
        (await s.inject({ method: 'GET', url: `/mine-sager/${reference}`, headers: { accept: 'text/html' } }))
          .statusCode;

      // Their own case, many times: never limited.
      for (let i = 0; i < LIMIT.max + 2; i++) expect(await look(sent.reference)).toBe(200);
      const guesses = [];
      for (let i = 0; i <= LIMIT.max; i++) guesses.push(await look(`2026-99999${i}`));
      expect(guesses).toEqual([404, 404, 404, 429]);
      // Locked: even their own case waits now (the lock is on the person, not the reference).
      expect(await look(sent.reference)).toBe(429);
      const audit = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM audit_log
        WHERE action = 'denied' AND entity_type = 'case_lookup' AND subject_user_id = ${applicant.id}`.execute(db);
      expect(audit.rows[0]!.n).toBe(1);

      // Another applicant from the same address is not locked by the first one's guesses.
      const other = await createUser(db, { kind: 'applicant' });
      const s2 = await sessionFor(t().app, db, other.id);
      const res = await s2.inject({
        method: 'GET',
        url: `/mine-sager/${sent.reference}`,
        headers: { accept: 'text/html' },
      });
      expect(res.statusCode).toBe(404);

      // An administrator lifts the lock-out, as for a sign-in lock-out: the applicant reaches their case again.
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const adminSession = await signIn(t().app, admin.username, admin.password);
      const lifted = await adminSession.inject({ method: 'POST', url: `/api/users/${applicant.id}/sign-in-lock/lift` });
      expect(lifted.statusCode).toBe(200);
      expect(lifted.json()).toEqual({ wasLocked: true });
      expect(await look(sent.reference)).toBe(200);
    });

    test('opening their own case, in many tabs at once, counts nothing and writes nothing', async () => {
      const db = t().database.db;
      const unit = await makeUnit(db);
      const type = await makeCaseType(db, unit.code, 'family-reunification');
      const applicant = await createUser(db, { kind: 'applicant' });
      const sent = await submitFamilyReunification(db, applicantPrincipal(applicant.id), type.code);
      const s = await sessionFor(t().app, db, applicant.id);
      await sql`DELETE FROM sign_in_throttle`.execute(db);
      const statuses = await Promise.all(
        Array.from({ length: 4 * LIMIT.max }, () =>
          s.inject({ method: 'GET', url: `/mine-sager/${sent.reference}`, headers: { accept: 'text/html' } }),
        ),
      );
      expect(statuses.map((r) => r.statusCode)).toEqual(Array.from({ length: 4 * LIMIT.max }, () => 200));
      const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sign_in_throttle`.execute(db);
      expect(rows.rows[0]!.n).toBe(0);
      // A guess still counts at once, before its 404.
      expect(
        (await s.inject({ method: 'GET', url: '/mine-sager/2026-999990', headers: { accept: 'text/html' } }))
          .statusCode,
      ).toBe(404);
      const counted = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM sign_in_throttle WHERE attempts = 1`.execute(db);
      expect(counted.rows[0]!.n).toBe(2);
    });
  });
}
