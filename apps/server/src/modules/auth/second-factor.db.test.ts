import { describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { generateSync } from 'otplib';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, signIn, withNewSession } from '../../../test/support/test-auth.js';

const LIMIT = { max: 4, addressMax: 1000, windowMinutes: 15 };

for (const engine of ENGINES) {
  describe(`second factor [${engine}]`, () => {
    const t = useTestApp(engine, { mfaRequiredRoles: ['admin'], loginRateLimit: LIMIT });

    async function enrolledAdmin() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const pending = await signIn(t().app, admin.username, admin.password);
      const begun = await pending.inject({ method: 'GET', url: '/api/auth/second-factor/totp' });
      expect(begun.statusCode).toBe(200);
      const secret = begun.json().secret as string;
      const confirmed = await pending.inject({
        method: 'POST',
        url: '/api/auth/second-factor/totp',
        payload: { code: generateSync({ secret }) },
      });
      expect(confirmed.statusCode).toBe(200);
      return {
        admin,
        secret,
        recoveryCodes: confirmed.json().recoveryCodes as string[],
        full: withNewSession(pending, confirmed),
      };
    }

    test('an administrator without a factor is half signed in: nothing but enrolling works', async () => {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const res = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: admin.username, password: admin.password },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ userId: admin.id, secondFactor: 'enrol' });
      const pending = await signIn(t().app, admin.username, admin.password);
      expect((await pending.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      expect((await pending.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);
      const enrol = await pending.inject({ method: 'GET', url: '/api/auth/second-factor/totp' });
      expect(enrol.statusCode).toBe(200);
      expect(enrol.json().otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
      expect(enrol.json().qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    });

    test('a caseworker (not a required role) signs in with the password alone', async () => {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const cw = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const s = await signIn(t().app, cw.username, cw.password);
      expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    });

    test('enrolling with a code gives ten recovery codes, stored hashed, and a full session', async () => {
      const { admin, recoveryCodes, full } = await enrolledAdmin();
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      const me = await full.inject({ method: 'GET', url: '/api/auth/me' });
      expect(me.statusCode).toBe(200);
      expect(me.json().authMethod).toBe('password+totp');
      const stored = await sql<{
        code_hash: string;
      }>`SELECT code_hash FROM user_recovery_code WHERE user_id = ${admin.id}`.execute(t().database.db);
      expect(stored.rows).toHaveLength(10);
      expect(stored.rows.some((r) => recoveryCodes.some((c) => r.code_hash.includes(c.replace(/-/g, ''))))).toBe(false);
      const audit = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'create' AND entity_type = 'user_totp' AND subject_user_id = ${admin.id}`.execute(
        t().database.db,
      );
      expect(audit.rows[0]!.n).toBe(1);
    });

    test('once enrolled, the password alone is not enough; a wrong code is refused and the right one signs in', async () => {
      const { admin, secret } = await enrolledAdmin();
      const pending = await signIn(t().app, admin.username, admin.password);
      expect((await pending.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      const wrong = await pending.inject({
        method: 'POST',
        url: '/api/auth/second-factor',
        payload: { code: '000000' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('unauthenticated');
      // The enrolment used this time step's code: the same code cannot be used again (no replay).
      const replay = await pending.inject({
        method: 'POST',
        url: '/api/auth/second-factor',
        payload: { code: generateSync({ secret }) },
      });
      expect(replay.statusCode).toBe(401);
      const next = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
      const ok = await pending.inject({ method: 'POST', url: '/api/auth/second-factor', payload: { code: next } });
      expect(ok.statusCode).toBe(200);
      const full = withNewSession(pending, ok);
      expect((await full.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      // The half-signed-in token was replaced, not upgraded.
      expect((await pending.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    });

    test('a recovery code works once', async () => {
      const { admin, recoveryCodes } = await enrolledAdmin();
      const first = await signIn(t().app, admin.username, admin.password);
      const code = recoveryCodes[3]!.toUpperCase();
      const ok = await first.inject({ method: 'POST', url: '/api/auth/second-factor', payload: { code } });
      expect(ok.statusCode).toBe(200);
      expect((await withNewSession(first, ok).inject({ method: 'GET', url: '/api/auth/me' })).json().authMethod).toBe(
        'password+recovery_code',
      );
      const second = await signIn(t().app, admin.username, admin.password);
      const again = await second.inject({ method: 'POST', url: '/api/auth/second-factor', payload: { code } });
      expect(again.statusCode).toBe(401);
    });

    test('guessing codes locks out like guessing passwords, audited', async () => {
      const { admin } = await enrolledAdmin();
      const pending = await signIn(t().app, admin.username, admin.password);
      const answers: number[] = [];
      for (let i = 0; i <= LIMIT.max; i++)
        answers.push(
          (await pending.inject({ method: 'POST', url: '/api/auth/second-factor', payload: { code: `12345${i}` } }))
            .statusCode,
        );
      expect(answers).toEqual([401, 401, 401, 401, 429]);
      const locks = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sign_in_locked' AND subject_user_id = ${admin.id}`.execute(
        t().database.db,
      );
      expect(locks.rows[0]!.n).toBe(1);
    });
  });
}
