import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import type { Executor } from '../src/platform/db/transaction.js';
import { openThrowawayPostgres } from '../test/support/throwaway-postgres.js';

/** A fresh migrated database on the engine: PGlite in memory, or a throwaway database on DATABASE_URL. */
export async function benchDatabase(engine: 'pglite' | 'postgres'): Promise<Database> {
  if (engine === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db.pool);
    return db;
  }
  return openThrowawayPostgres({ prefix: 'sagsgang_bench', poolSize: 4 });
}

/** Median and 95th percentile of `runs` timed calls (after one warm-up), in ms. */
export async function timeIt(runs: number, work: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { median: Math.round(at(0.5) * 10) / 10, p95: Math.round(at(0.95) * 10) / 10 };
}

/**
 * Bulk cases straight in SQL (no events: the queue and the figures read case_file and case_clock only), in batches
 * so neither engine holds a million rows in one statement.
 */
export async function insertSyntheticCases(
  db: Database,
  opts: {
    count: number;
    unitIds: string[];
    typeIds: { caseTypeId: string; versionId: string }[];
    open: boolean;
    batch?: number;
  },
): Promise<void> {
  const batch = opts.batch ?? 100_000;
  const open = sql.lit(opts.open);
  const prefix = sql.lit(opts.open ? 'OPEN-' : 'DONE-');
  for (let start = 0; start < opts.count; start += batch) {
    const n = Math.min(batch, opts.count - start);
    await sql`
      WITH src AS (
        SELECT g AS i, gen_random_uuid() AS id,
               (${opts.unitIds}::uuid[])[1 + (g % ${opts.unitIds.length})] AS unit_id,
               (${opts.typeIds.map((x) => x.caseTypeId)}::uuid[])[1 + ((g / 7) % ${opts.typeIds.length})] AS case_type_id,
               (${opts.typeIds.map((x) => x.versionId)}::uuid[])[1 + ((g / 7) % ${opts.typeIds.length})] AS version_id,
               now() - make_interval(days => (CASE WHEN ${open} THEN (g % 80) ELSE 30 + (g % 700) END)::int, secs => (g % 86400)::float8) AS received_at,
               (abs(hashint4(g)) % 1000) AS h
        FROM generate_series(${start + 1}::int, ${start + n}::int) AS g
      ), files AS (
        INSERT INTO case_file (id, reference, case_type_id, case_type_version_id, unit_id, applicant_name, channel, state, outcome, received_at, version)
        SELECT id, ${prefix} || i, case_type_id, version_id, unit_id, 'Bench ' || i, 'digital',
               CASE WHEN ${open} THEN 'in_progress' ELSE 'closed' END, CASE WHEN ${open} THEN NULL ELSE 'granted' END, received_at, 3
        FROM src RETURNING id
      )
      INSERT INTO case_clock (case_id, case_type_id, unit_id, assignee_id, state, phase_code, received_at, received_date,
        fully_informed_on_receipt, clock_start_date, paused_since, deadline, warn_date, risk_date, decided_at, decided_date,
        outcome, processing_days, goal_met, closed_at)
      SELECT s.id, s.case_type_id, s.unit_id, NULL, CASE WHEN ${open} THEN 'in_progress' ELSE 'closed' END, 'processing',
             s.received_at, s.received_at::date, s.h < 620, s.received_at::date,
             CASE WHEN ${open} AND s.h < 80 THEN now() ELSE NULL END,
             s.received_at::date + 90, s.received_at::date + 68,
             CASE WHEN ${open} AND s.h >= 80 THEN s.received_at::date + 90 ELSE NULL END,
             CASE WHEN ${open} THEN NULL ELSE s.received_at + make_interval(days => (5 + s.h % 110)::int) END,
             CASE WHEN ${open} THEN NULL ELSE (s.received_at + make_interval(days => (5 + s.h % 110)::int))::date END,
             CASE WHEN ${open} THEN NULL ELSE 'granted' END,
             CASE WHEN ${open} THEN NULL ELSE 5 + s.h % 110 END,
             CASE WHEN ${open} THEN NULL ELSE 5 + s.h % 110 <= 90 END,
             CASE WHEN ${open} THEN NULL ELSE s.received_at + make_interval(days => (8 + s.h % 110)::int) END
      FROM src s JOIN files f ON f.id = s.id`.execute(db.db);
  }
  await sql`ANALYZE case_file`.execute(db.db);
  await sql`VACUUM ANALYZE case_clock`.execute(db.db);
}

/** The demo citizen's cases, newest first: what the citizen-page benches ask for. */
export function demoCitizenCases(db: Executor, username = 'borger') {
  return db
    .selectFrom('case_file')
    .innerJoin('app_user', 'app_user.id', 'case_file.applicant_id')
    .select(['case_file.reference', 'case_file.id', 'case_file.state'])
    .where('app_user.username', '=', username)
    .orderBy('case_file.received_at', 'desc')
    .execute();
}

/** The case a citizen-page bench opens: the newest one still open, else the newest. */
export const openOrNewest = <C extends { state: string }>(cases: C[]): C | undefined =>
  cases.find((c) => c.state !== 'decided' && c.state !== 'closed') ?? cases[0];
