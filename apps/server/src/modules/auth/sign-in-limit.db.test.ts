import { beforeEach, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { CAN_RUN_NODES, useAppNodes } from '../../../test/support/app-nodes.js';
import { createUser, TEST_PASSWORD } from '../../../test/support/test-auth.js';
import type { Executor } from '../../platform/db/transaction.js';

const LIMIT = { max: 3, addressMax: 6, windowMinutes: 15 };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function signIn(app: FastifyInstance, username: string, password: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });
}

async function auditRows(db: Executor, action: string) {
  const { rows } = await sql<{ ip: string | null; subject_user_id: string | null; details: Record<string, unknown> }>`
    SELECT ip, subject_user_id, details FROM audit_log WHERE action = ${action} ORDER BY id`.execute(db);
  return rows;
}

for (const engine of ENGINES) {
  describe(`sign-in limit, no proxy trusted (the default) [${engine}]`, () => {
    const t = useTestApp(engine, { loginRateLimit: LIMIT });
    // Every request here comes from one address: each test starts with no attempts counted.
    beforeEach(async () => {
      await sql`DELETE FROM sign_in_throttle`.execute(t().database.db);
    });

    test('a forged X-Forwarded-For is ignored: the audit log and the limit use the socket address', async () => {
      const user = await createUser(t().database.db);
      const forged = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}` });
      for (let i = 0; i < LIMIT.max; i++)
        expect((await signIn(t().app, user.username, 'wrong', forged(i))).statusCode).toBe(401);
      // A fresh forged address per attempt does not buy a fresh count.
      const limited = await signIn(t().app, user.username, 'wrong', forged(99));
      expect(limited.statusCode).toBe(429);
      const failed = (await auditRows(t().database.db, 'sign_in_failed')).filter((r) => r.subject_user_id === user.id);
      expect(failed.map((r) => r.ip)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
    });

    test('a lock-out answers 429 with Retry-After and a clear message, is audited once, and costs no password check', async () => {
      const user = await createUser(t().database.db);
      for (let i = 0; i < LIMIT.max; i++) expect((await signIn(t().app, user.username, 'wrong')).statusCode).toBe(401);
      const limited = await signIn(t().app, user.username, TEST_PASSWORD);
      expect(limited.statusCode).toBe(429);
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(LIMIT.windowMinutes * 60 - 5);
      expect(retryAfter).toBeLessThanOrEqual(LIMIT.windowMinutes * 60);
      expect(limited.json().error).toMatchObject({
        code: 'rate_limited',
        message: 'Too many sign-in attempts. Try again in 15 minutes.',
        details: { retryAfterSeconds: retryAfter },
      });
      // Even the right password is refused while locked, and no session is made.
      expect(limited.cookies.find((c) => c.name === 'sagsgang_session')).toBeUndefined();
      expect((await signIn(t().app, user.username, TEST_PASSWORD)).statusCode).toBe(429);
      const locks = (await auditRows(t().database.db, 'sign_in_locked')).filter((r) => r.subject_user_id === user.id);
      expect(locks).toHaveLength(1);
      expect(locks[0]).toMatchObject({ ip: '127.0.0.1', details: { scope: 'account', method: 'password' } });
      // The user name typed is never stored in clear.
      const keys = await sql<{ key: string }>`SELECT key FROM sign_in_throttle`.execute(t().database.db);
      expect(keys.rows.some((r) => r.key.includes(user.username.toLowerCase()))).toBe(false);
    });

    test('the HTML form lands on the sign-in page, which says in Danish or English when to try again', async () => {
      const user = await createUser(t().database.db);
      for (let i = 0; i <= LIMIT.max; i++) await signIn(t().app, user.username, 'wrong');
      const csrf = await t().app.inject({ method: 'GET', url: '/api/auth/csrf' });
      const cookie = csrf.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const res = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { ...FORM, cookie },
        payload: new URLSearchParams({
          username: user.username,
          password: 'wrong',
          _csrf: csrf.json().token,
        }).toString(),
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?error=rate_limited&retryMinutes=15');
      const da = await t().app.inject({ method: 'GET', url: res.headers.location as string });
      expect(da.body).toContain('Af hensyn til sikkerheden kan du prøve igen om 15 min.');
      const en = await t().app.inject({ method: 'GET', url: `${res.headers.location as string}&lang=en` });
      expect(en.body).toContain('For your security, you can try again in 15 min.');
    });

    test('a successful sign-in gives the account its attempts back', async () => {
      const user = await createUser(t().database.db);
      // Two rounds: more failures than the limit in all, never more than it between two successes.
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < LIMIT.max - 1; i++)
          expect((await signIn(t().app, user.username, 'wrong')).statusCode).toBe(401);
        expect((await signIn(t().app, user.username, TEST_PASSWORD)).statusCode).toBe(200);
      }
    });

    test('each lock-out within a day lasts twice as long as the one before', async () => {
      const user = await createUser(t().database.db);
      const lockOut = async () => {
        for (let i = 0; i < LIMIT.max; i++) await signIn(t().app, user.username, 'wrong');
        const res = await signIn(t().app, user.username, 'wrong');
        expect(res.statusCode).toBe(429);
        return Number(res.headers['retry-after']);
      };
      const endLock = async () => {
        await sql`UPDATE sign_in_throttle SET locked_until = now() - interval '1 second', window_started_at = now() - interval '1 hour'
            WHERE locked_until > now()`.execute(t().database.db);
        // Only the account's back-off is looked at here; the address would reach its own limit on the way.
        await sql`DELETE FROM sign_in_throttle WHERE key LIKE 'address:%'`.execute(t().database.db);
      };
      const first = await lockOut();
      await endLock();
      const second = await lockOut();
      await endLock();
      const third = await lockOut();
      expect(first).toBeGreaterThan(15 * 60 - 5);
      expect(second).toBeGreaterThan(30 * 60 - 5);
      expect(second).toBeLessThanOrEqual(30 * 60);
      expect(third).toBeGreaterThan(60 * 60 - 5);
      expect(third).toBeLessThanOrEqual(60 * 60);
    });

    test('one address trying many accounts is locked out as an address, and the lock-out is audited', async () => {
      const users = await Promise.all(Array.from({ length: LIMIT.addressMax + 1 }, () => createUser(t().database.db)));
      const codes: number[] = [];
      for (const u of users) codes.push((await signIn(t().app, u.username, 'wrong')).statusCode);
      expect(codes.filter((c) => c === 401)).toHaveLength(LIMIT.addressMax);
      expect(codes.at(-1)).toBe(429);
      const locks = await auditRows(t().database.db, 'sign_in_locked');
      expect(locks.at(-1)).toMatchObject({ ip: '127.0.0.1', subject_user_id: null, details: { scope: 'address' } });
    });

    test('concurrent attempts on one node get exactly the allowed number through', async () => {
      const user = await createUser(t().database.db);
      const results = await Promise.all(Array.from({ length: 8 }, () => signIn(t().app, user.username, 'wrong')));
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 401)).toHaveLength(LIMIT.max);
      expect(codes.filter((c) => c === 429)).toHaveLength(8 - LIMIT.max);
    });
  });

  describe(`sign-in limit behind one trusted proxy hop [${engine}]`, () => {
    const t = useTestApp(engine, { loginRateLimit: LIMIT, trustProxy: 1 });

    test("the proxy's X-Forwarded-For is honoured in the audit log, and the account limit holds across addresses", async () => {
      const user = await createUser(t().database.db);
      const from = (ip: string) => ({ 'x-forwarded-for': `198.51.100.7, ${ip}` });
      for (let i = 0; i < LIMIT.max; i++)
        expect((await signIn(t().app, user.username, 'wrong', from(`203.0.113.${i}`))).statusCode).toBe(401);
      const failed = (await auditRows(t().database.db, 'sign_in_failed')).filter((r) => r.subject_user_id === user.id);
      // One hop: the address the proxy saw (the last in the list), not what the client wrote before it.
      expect(failed.map((r) => r.ip)).toEqual(['203.0.113.0', '203.0.113.1', '203.0.113.2']);
      expect((await signIn(t().app, user.username, 'wrong', from('203.0.113.50'))).statusCode).toBe(429);
      const locks = (await auditRows(t().database.db, 'sign_in_locked')).filter((r) => r.subject_user_id === user.id);
      expect(locks.map((r) => r.ip)).toEqual(['203.0.113.50']);
    });
  });
}

for (const engine of ENGINES) {
  describe(`sign-in behind proxies named by address and CIDR [${engine}]`, () => {
    const t = useTestApp(engine, { loginRateLimit: LIMIT, trustProxy: ['127.0.0.1', '10.0.0.0/8'] });

    test('the client is the first address, from the server outwards, that is not a trusted proxy', async () => {
      const user = await createUser(t().database.db);
      // Through the inner proxy 10.1.2.3: the address it saw is the client's.
      await signIn(t().app, user.username, 'wrong', { 'x-forwarded-for': '192.0.2.77, 203.0.113.9, 10.1.2.3' });
      // A hop that is not a trusted proxy is where belief stops, whatever it claims before it.
      await signIn(t().app, user.username, 'wrong', { 'x-forwarded-for': '203.0.113.9, 198.51.100.1' });
      const failed = (await auditRows(t().database.db, 'sign_in_failed')).filter((r) => r.subject_user_id === user.id);
      expect(failed.map((r) => r.ip)).toEqual(['203.0.113.9', '198.51.100.1']);
    });
  });
}

describe.skipIf(!CAN_RUN_NODES)('sign-in limit over two app nodes on one PostgreSQL', () => {
  const nodes = useAppNodes(2, { loginRateLimit: LIMIT });
  beforeEach(async () => {
    await sql`DELETE FROM sign_in_throttle`.execute(nodes()[0]!.database.db);
  });

  test('two nodes together allow what one node allows, however the attempts are spread and timed', async () => {
    const [a, b] = nodes();
    const user = await createUser(a!.database.db);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn((i % 2 === 0 ? a : b)!.app, user.username, 'wrong')),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(LIMIT.max);
    expect(codes.filter((c) => c === 429)).toHaveLength(12 - LIMIT.max);
    // The lock set through either node holds on the other, and was audited once.
    expect((await signIn(a!.app, user.username, TEST_PASSWORD)).statusCode).toBe(429);
    expect((await signIn(b!.app, user.username, TEST_PASSWORD)).statusCode).toBe(429);
    const locks = (await auditRows(a!.database.db, 'sign_in_locked')).filter((r) => r.subject_user_id === user.id);
    expect(locks).toHaveLength(1);
  });

  test('a success on one node gives the attempts back on the other', async () => {
    const [a, b] = nodes();
    const user = await createUser(a!.database.db);
    for (let i = 0; i < LIMIT.max - 1; i++) expect((await signIn(a!.app, user.username, 'wrong')).statusCode).toBe(401);
    expect((await signIn(b!.app, user.username, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < LIMIT.max; i++) expect((await signIn(a!.app, user.username, 'wrong')).statusCode).toBe(401);
    expect((await signIn(b!.app, user.username, 'wrong')).statusCode).toBe(429);
  });
});
