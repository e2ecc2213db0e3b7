/**
 * Goals benchmarks, per engine (PGlite, and PostgreSQL when DATABASE_URL is set; BENCH_ENGINES=postgres for one):
 *   - the committee report for the demo authority (its goals on the authority and every team), made by its job;
 *   - the dashboard (5 casework goals, each with 4 periods of trend) and the drill-down over 1,000,000 cases
 *     (target < 1 s on PostgreSQL);
 *   - the event log streamed as XES, OCEL 2.0 and CSV: events per second, MB per second and the peak RSS.
 * Sizes: BENCH_HISTORY_CASES (demo history, default 20,000), BENCH_GOAL_CASES (default 1,000,000 decided cases),
 * BENCH_EXPORT_EVENTS (default 1,000,000). Figures are printed, never asserted.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { buildModuleRegistry } from '../src/platform/module-registry.js';
import { expandScope, type Principal } from '../src/platform/auth/principal.js';
import type { AppContext, JobContext } from '../src/platform/context.js';
import { casesModule } from '../src/modules/cases/index.js';
import { generateDemoHistory } from '../src/modules/demo/index.js';
import { goalsModule } from '../src/modules/goals/index.js';
import { getBreakdown, getDashboard, setGoal } from '../src/modules/goals/goals.service.js';
import { makeCommitteeReport, requestReport } from '../src/modules/goals/committee-report.js';
import { eventLogStream } from '../src/modules/goals/event-log-export.js';
import { benchDatabase, insertSyntheticCases, timeIt } from './bench-support.js';

const HISTORY = Number(process.env.BENCH_HISTORY_CASES ?? 20_000);
const CASES = Number(process.env.BENCH_GOAL_CASES ?? 1_000_000);
const EVENTS = Number(process.env.BENCH_EXPORT_EVENTS ?? 1_000_000);
const engines = (process.env.BENCH_ENGINES?.split(',') ??
  (process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'])) as ('pglite' | 'postgres')[];
const INDICATORS = [
  'cases.decided-within-goal',
  'cases.processing-days-median',
  'cases.processing-days-p90',
  'cases.fully-informed-on-receipt',
  'cases.slipping-now',
];
const META = { requestId: 'bench' };
const record = (engine: string, measure: string, value: string) => console.log(`[${engine}] ${measure}: ${value}`);
const fmt = (t: { median: number; p95: number }) => `median ${t.median} ms, p95 ${t.p95} ms`;

function quarterBefore(d: Date): string {
  const q = new Date(d.getFullYear(), d.getMonth() - 3, 1);
  return `${q.getFullYear()}-Q${Math.floor(q.getMonth() / 3) + 1}`;
}

async function benchEngine(engine: 'pglite' | 'postgres') {
  const database = await benchDatabase(engine);
  const db = database.db;
  const ctx = { database, registry: buildModuleRegistry([casesModule, goalsModule]) } as unknown as AppContext;
  try {
    await generateDemoHistory(db, { cases: HISTORY, seed: 1 });
    const units = (await sql<{ id: string; parent_id: string | null }>`SELECT id, parent_id FROM unit`.execute(db))
      .rows;
    const authority = units.find((u) => u.parent_id === null)!.id;
    const userId = (
      await sql<{ id: string }>`INSERT INTO app_user (kind, username, display_name) VALUES ('staff', 'bench', 'Bench')
        RETURNING id`.execute(db)
    ).rows[0].id;
    const grants = [{ role: 'admin' as const, unitId: authority }];
    const admin: Principal = {
      userId,
      kind: 'staff',
      displayName: 'Bench',
      locale: 'da',
      grants,
      scope: expandScope(
        grants,
        units.map((u) => ({ id: u.id, parentId: u.parent_id })),
      ),
    };
    const period = quarterBefore(new Date());
    for (const unitId of units.map((u) => u.id))
      for (const indicatorId of INDICATORS)
        await setGoal(ctx, admin, { unitId, indicatorId, area: 'service', period, target: 1 }, META);

    // The committee report of the demo authority: every goal of every unit, both files.
    const report = await requestReport(ctx, admin, { unitId: authority, committee: 'committee', period }, META);
    const job = (await sql<{ id: number }>`SELECT id FROM job WHERE kind = 'goals.committee-report'`.execute(db))
      .rows[0];
    const jobContext = {
      ctx,
      log: { info() {}, warn() {}, error() {} },
      signal: new AbortController().signal,
      reportProgress: async () => undefined,
    } as unknown as JobContext;
    let t = performance.now();
    await makeCommitteeReport(
      { id: job.id, kind: 'goals.committee-report', payload: { reportId: report.id }, attempt: 1, maxAttempts: 1 },
      jobContext,
    );
    record(
      engine,
      `committee report, demo authority (${HISTORY} cases, ${units.length * INDICATORS.length} goals, PDF + Excel)`,
      `${((performance.now() - t) / 1000).toFixed(2)} s`,
    );

    // A million decided cases, then the dashboard and the drill-down on them.
    const types = (
      await sql<{ caseTypeId: string; versionId: string; unitId: string }>`
        SELECT t.id AS "caseTypeId", v.id AS "versionId", v.unit_id AS "unitId"
        FROM case_type t JOIN case_type_version v ON v.case_type_id = t.id`.execute(db)
    ).rows;
    t = performance.now();
    await insertSyntheticCases(database, {
      count: CASES,
      unitIds: [...new Set(types.map((x) => x.unitId))],
      typeIds: types,
      open: false,
    });
    record(engine, `load ${CASES} decided cases`, `${((performance.now() - t) / 1000).toFixed(1)} s`);
    const board = () => getDashboard(ctx, admin, { unitId: authority, period });
    const goals = (await board()).goals.length;
    record(engine, `dashboard of the whole authority, ${goals} goals with trends`, fmt(await timeIt(3, board)));
    const one = () => getBreakdown(ctx, admin, { indicatorId: INDICATORS[0], unitId: authority, period });
    record(engine, 'drill-down at the authority (units below and case types)', fmt(await timeIt(5, one)));
    // The event log: synthetic events for the decided cases, then each format streamed to a counting sink.
    const perCase = 5;
    const withEvents = Math.ceil(EVENTS / perCase);
    t = performance.now();
    await sql`
      INSERT INTO case_event (case_id, seq, activity, occurred_at, unit_id)
      SELECT c.id, s, (ARRAY['received', 'screened', 'in_progress', 'decided', 'closed'])[s],
             c.received_at + make_interval(days => s * 3), c.unit_id
      FROM (SELECT id, received_at, unit_id FROM case_file WHERE reference LIKE 'DONE-%' ORDER BY id LIMIT ${withEvents}) c,
           generate_series(1, ${perCase}) s`.execute(db);
    await sql`ANALYZE case_event`.execute(db);
    record(engine, `load ${withEvents * perCase} events`, `${((performance.now() - t) / 1000).toFixed(1)} s`);
    const events = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_event`.execute(db)).rows[0].n;
    for (const format of ['xes', 'ocel', 'csv'] as const) {
      let bytes = 0;
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          done();
        },
      });
      t = performance.now();
      await pipeline(eventLogStream(db, format, { unitIds: units.map((u) => u.id) }), sink);
      const s = (performance.now() - t) / 1000;
      clearInterval(sampler);
      record(
        engine,
        `export ${events} events as ${format}`,
        `${s.toFixed(1)} s = ${Math.round(events / s)} events/s, ${(bytes / 1e6 / s).toFixed(1)} MB/s ` +
          `(${(bytes / 1e6).toFixed(0)} MB), peak RSS ${(peak / 1e6).toFixed(0)} MB`,
      );
    }
  } finally {
    await database.close();
  }
}

for (const engine of engines) await benchEngine(engine);
