import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { loadConfig } from '../config.js';
import { JobRunner } from '../jobs/index.js';
import type { Database } from './database.js';
import { refreshStatistics, staleTables } from './statistics.js';
import { scheduleStatisticsRefresh, STATISTICS_JOB } from './statistics.jobs.js';
import { buildModuleRegistry } from '../module-registry.js';
import { Lifecycle } from '../lifecycle.js';
import { openFileStorage } from '../files/open-file-storage.js';
import { platformModule } from '../platform-module.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The rows a table holds as far as the planner knows (pg_class.reltuples: -1 when never analysed). */
async function plannedRows(db: Database, table: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = ${table}::regclass`.execute(db.db);
  return Number(r.rows[0].n);
}

/** Writes rows in one connection and asks it to publish its change counts at once, as a busy app would within ~1 s. */
async function bulkInsert(db: Database, table: string, rows: number): Promise<void> {
  await db.db.transaction().execute(async (trx) => {
    await sql`INSERT INTO ${sql.id(table)} (n) SELECT g FROM generate_series(1, ${rows}::int) g`.execute(trx);
    await sql`SELECT pg_stat_force_next_flush()`.execute(trx);
  });
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the statistics view never showed the change');
}

describeEachEngine('planner statistics', (database) => {
  test('migrations leave every table of the schema analysed', async () => {
    const r = await sql<{ relname: string }>`
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.reltuples < 0`.execute(database().db);
    expect(r.rows.map((x) => x.relname)).toEqual([]);
    expect(await plannedRows(database(), 'case_event')).toBe(0);
  });

  test('a bulk load makes its table stale; the refresh analyses it and only it', async () => {
    const db = database();
    await sql`CREATE TABLE stats_probe (n int NOT NULL)`.execute(db.db);
    await sql`ANALYZE stats_probe`.execute(db.db);
    await bulkInsert(db, 'stats_probe', 5000);
    await eventually(async () => (await staleTables(db.db)).some((t) => t.table === 'stats_probe'));
    expect(await plannedRows(db, 'stats_probe')).toBe(0);

    const analysed = await refreshStatistics(db.db);
    expect(analysed.find((t) => t.table === 'stats_probe')).toMatchObject({ changedRows: 5000, plannedRows: 0 });
    expect(await plannedRows(db, 'stats_probe')).toBe(5000);
    expect((await staleTables(db.db)).map((t) => t.table)).not.toContain('stats_probe');
  });

  test('a change below the threshold leaves the statistics alone', async () => {
    const db = database();
    await sql`CREATE TABLE stats_small (n int NOT NULL)`.execute(db.db);
    await bulkInsert(db, 'stats_small', 2000);
    await eventually(async () => (await staleTables(db.db)).some((t) => t.table === 'stats_small'));
    await refreshStatistics(db.db);
    // 2,000 planned rows: the next ANALYZE is due past 50 + 200 changed rows.
    await bulkInsert(db, 'stats_small', 100);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await staleTables(db.db)).map((t) => t.table)).not.toContain('stats_small');
    expect(await plannedRows(db, 'stats_small')).toBe(2000);
  });

  test('the background job refreshes stale tables and queues its next run, once however many nodes start', async () => {
    const db = database();
    await sql`CREATE TABLE stats_job (n int NOT NULL)`.execute(db.db);
    await sql`ANALYZE stats_job`.execute(db.db);
    await bulkInsert(db, 'stats_job', 3000);
    await eventually(async () => (await staleTables(db.db)).some((t) => t.table === 'stats_job'));
    const ids = await Promise.all([scheduleStatisticsRefresh(db.db), scheduleStatisticsRefresh(db.db)]);
    expect(ids.filter((x) => x !== null)).toHaveLength(1);
    const config = loadConfig({ ...process.env, DATABASE_URL: '' }, { seedDemo: false });
    expect(
      await new JobRunner({
        ctx: {
          config,
          database: db,
          registry: buildModuleRegistry([platformModule]),
          lifecycle: new Lifecycle(),
          files: openFileStorage(config),
        },
        log: silent,
      }).drain(),
    ).toBe(1);
    expect(await plannedRows(db, 'stats_job')).toBe(3000);
    const jobs = await sql<{ status: string; result: { analysed: { table: string }[] } | null; in_minutes: number }>`
      SELECT status, result, extract(epoch FROM run_at - now()) / 60 AS in_minutes FROM job
      WHERE kind = ${STATISTICS_JOB} ORDER BY id`.execute(db.db);
    expect(jobs.rows.map((r) => r.status)).toEqual(['done', 'pending']);
    expect(jobs.rows[0].result?.analysed.map((a) => a.table)).toContain('stats_job');
    expect(Number(jobs.rows[1].in_minutes)).toBeGreaterThan(9);
  });
});
