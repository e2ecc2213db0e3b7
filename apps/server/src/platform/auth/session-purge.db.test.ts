import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { createUser } from '../../../test/support/test-auth.js';
import { loadConfig } from '../config.js';
import { JobRunner } from '../jobs/index.js';
import { buildModuleRegistry } from '../module-registry.js';
import { Lifecycle } from '../lifecycle.js';
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

    const ids = await Promise.all([
      scheduleSessionPurge(db.db),
      scheduleSessionPurge(db.db),
      scheduleSessionPurge(db.db),
    ]);
    expect(ids.filter((x) => x !== null)).toHaveLength(1);

    const config = loadConfig({ ...process.env, DATABASE_URL: '' }, { seedDemo: false });
    const ran = await new JobRunner({
      ctx: { config, database: db, registry: buildModuleRegistry([platformModule]), lifecycle: new Lifecycle() },
      log: silent,
      pollMs: 10,
    }).drain();
    expect(ran).toBe(1);
    const left = await sql<{
      expires_at: Date;
    }>`SELECT expires_at FROM user_session WHERE user_id = ${user.id}`.execute(db.db);
    expect(left.rows).toHaveLength(1);
    expect(new Date(left.rows[0].expires_at).getTime()).toBe(live.expiresAt.getTime());

    const next = await sql<{ status: string; in_minutes: number }>`
      SELECT status, extract(epoch FROM run_at - now()) / 60 AS in_minutes FROM job WHERE kind = ${SESSION_PURGE_JOB} ORDER BY id`.execute(
      db.db,
    );
    expect(next.rows.map((r) => r.status)).toEqual(['done', 'pending']);
    expect(Number(next.rows[1].in_minutes)).toBeGreaterThan(55);
    expect(await scheduleSessionPurge(db.db)).toBeNull();
  });
});
