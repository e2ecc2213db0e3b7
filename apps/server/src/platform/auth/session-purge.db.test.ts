import { describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { createUser } from '../../../test/support/test-auth.js';
import { CAN_RUN_NODES, useAppNodes } from '../../../test/support/app-nodes.js';
import type { Executor } from '../db/transaction.js';
import { loadConfig } from '../config.js';
import { JobRunner } from '../jobs/index.js';
import { buildModuleRegistry } from '../module-registry.js';
import { Lifecycle } from '../lifecycle.js';
import { openFileStorage } from '../files/open-file-storage.js';
import { platformModule } from '../platform-module.js';
import { createSession, hashSessionToken } from './session-store.js';
import { scheduleSessionPurge, SESSION_PURGE_JOB } from './session-purge.jobs.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const policy = { idleMinutes: 30, maxMinutes: 600 };

describeEachEngine('session purge job', (database) => {
  test('is queued once however many nodes start, purges expired sessions only, and queues its next run an hour on', async () => {
    const db = database();
    const user = await createUser(db.db);
    const live = await createSession(db.db, { userId: user.id, authMethod: 'password' }, policy);
    const stale = await createSession(db.db, { userId: user.id, authMethod: 'password' }, policy);
    await sql`UPDATE user_session SET expires_at = now() - interval '1 minute' WHERE token_hash = ${hashSessionToken(stale.token)}`.execute(
      db.db,
    );
    const before = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM user_session WHERE user_id = ${user.id}`.execute(db.db);
    expect(before.rows[0].n).toBe(2);

    // Sign-in counts go too once their window and lock-out are a day past; a recent lock-out is kept.
    await sql`INSERT INTO sign_in_throttle (key, attempts, window_started_at, locked_until, lockouts) VALUES
      ('address:192.0.2.1', 4, now() - interval '3 days', now() - interval '2 days', 1),
      ('address:192.0.2.2', 0, now() - interval '3 days', now() - interval '1 hour', 2),
      ('address:192.0.2.3', 2, now(), NULL, 0)`.execute(db.db);
    const ids = await Promise.all([
      scheduleSessionPurge(db.db),
      scheduleSessionPurge(db.db),
      scheduleSessionPurge(db.db),
    ]);
    expect(ids.filter((x) => x !== null)).toHaveLength(1);

    const config = loadConfig({ ...process.env, DATABASE_URL: '' }, { seedDemo: false });
    const ran = await new JobRunner({
      ctx: {
        config,
        database: db,
        registry: buildModuleRegistry([platformModule]),
        lifecycle: new Lifecycle(),
        files: openFileStorage(config),
      },
      log: silent,
      pollMs: 10,
    }).drain();
    expect(ran).toBe(1);
    const left = await sql<{
      expires_at: Date;
    }>`SELECT expires_at FROM user_session WHERE user_id = ${user.id}`.execute(db.db);
    expect(left.rows).toHaveLength(1);
    expect(new Date(left.rows[0].expires_at).getTime()).toBe(live.expiresAt.getTime());
    const throttles = await sql<{ key: string }>`SELECT key FROM sign_in_throttle ORDER BY key`.execute(db.db);
    expect(throttles.rows.map((r) => r.key)).toEqual(['address:192.0.2.2', 'address:192.0.2.3']);

    const next = await sql<{ status: string; in_minutes: number }>`
      SELECT status, extract(epoch FROM run_at - now()) / 60 AS in_minutes FROM job WHERE kind = ${SESSION_PURGE_JOB} ORDER BY id`.execute(
      db.db,
    );
    expect(next.rows.map((r) => r.status)).toEqual(['done', 'pending']);
    expect(Number(next.rows[1].in_minutes)).toBeGreaterThan(55);
    expect(await scheduleSessionPurge(db.db)).toBeNull();
  });
});

describe.skipIf(!CAN_RUN_NODES)('session purge over two app nodes on one PostgreSQL', () => {
  const nodes = useAppNodes(2);

  async function expireNewSession(db: Executor, userId: string): Promise<string> {
    const session = await createSession(db, { userId, authMethod: 'password' }, policy);
    const hash = hashSessionToken(session.token);
    await sql`UPDATE user_session SET expires_at = now() - interval '1 minute' WHERE token_hash = ${hash}`.execute(db);
    return hash;
  }
  const sessionsOf = async (db: Executor, userId: string) =>
    (
      await sql<{ token_hash: string }>`SELECT token_hash FROM user_session WHERE user_id = ${userId}`.execute(db)
    ).rows.map((r) => r.token_hash);
  const purgeRuns = async (db: Executor) =>
    (
      await sql<{ status: string }>`SELECT status FROM job WHERE kind = ${SESSION_PURGE_JOB} ORDER BY id`.execute(db)
    ).rows.map((r) => r.status);

  test('runs once per period between the nodes, and removes the expired sessions each time', async () => {
    const [a, b] = nodes();
    const db = a!.database.db;
    const user = await createUser(db);
    const live = await createSession(db, { userId: user.id, authMethod: 'password' }, policy);
    await expireNewSession(db, user.id);
    await expireNewSession(b!.database.db, user.id);
    // Both nodes start at once and each keeps the hourly purge queued.
    await Promise.all([scheduleSessionPurge(db), scheduleSessionPurge(b!.database.db)]);
    const runners = [a!, b!].map((n) => new JobRunner({ ctx: n.ctx, log: silent, pollMs: 10 }));
    const drainBoth = async () => (await Promise.all(runners.map((r) => r.drain()))).reduce((x, y) => x + y, 0);

    expect(await drainBoth()).toBe(1);
    expect(await sessionsOf(b!.database.db, user.id)).toEqual([hashSessionToken(live.token)]);
    expect(await purgeRuns(db)).toEqual(['done', 'pending']);

    // Within the hour neither node runs it again, and a node restarting does not queue a second one.
    const laterStale = await expireNewSession(db, user.id);
    expect(await Promise.all([scheduleSessionPurge(db), scheduleSessionPurge(b!.database.db)])).toEqual([null, null]);
    expect(await drainBoth()).toBe(0);
    expect(await sessionsOf(db, user.id)).toContain(laterStale);

    // The hour is up: again exactly one run between the two nodes.
    await sql`UPDATE job SET run_at = now() WHERE kind = ${SESSION_PURGE_JOB} AND status = 'pending'`.execute(db);
    expect(await drainBoth()).toBe(1);
    expect(await sessionsOf(db, user.id)).toEqual([hashSessionToken(live.token)]);
    expect(await purgeRuns(db)).toEqual(['done', 'done', 'pending']);
  });
});
