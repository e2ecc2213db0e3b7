/**
 * Casework benchmarks, printed side by side for PGlite and PostgreSQL (when DATABASE_URL is set):
 *   - demo history generation rate (cases and events per second);
 *   - the work queue of a unit with 100,000 open cases (target < 50 ms on PostgreSQL);
 *   - service-goal figures over 1,000,000 closed cases (target < 1 s on PostgreSQL).
 * Sizes: BENCH_HISTORY_CASES, BENCH_QUEUE_CASES, BENCH_FIGURE_CASES; BENCH_ENGINES=postgres to run one engine.
 * Figures are printed, never asserted.
 */
import { sql } from 'kysely';
import { expandScope, type Principal } from '../src/platform/auth/principal.js';
import { getServiceGoalFigures, getWorkQueue } from '../src/modules/cases/index.js';
import { generateDemoHistory } from '../src/modules/demo/index.js';
import { figuresRepository } from '../src/modules/cases/figures.repository.js';
import { benchDatabase, insertSyntheticCases, timeIt } from './bench-support.js';

const HISTORY = Number(process.env.BENCH_HISTORY_CASES ?? 20_000);
const QUEUE = Number(process.env.BENCH_QUEUE_CASES ?? 100_000);
const FIGURES = Number(process.env.BENCH_FIGURE_CASES ?? 1_000_000);
const engines = (process.env.BENCH_ENGINES?.split(',') ??
  (process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'])) as ('pglite' | 'postgres')[];

type Row = Record<string, string | number>;
const results: Row[] = [];
const record = (engine: string, measure: string, value: string) => {
  results.push({ engine, measure, value });
  console.log(`[${engine}] ${measure}: ${value}`);
};

async function unitsAndTypes(db: Awaited<ReturnType<typeof benchDatabase>>) {
  const units = (await sql<{ id: string; parent_id: string | null }>`SELECT id, parent_id FROM unit`.execute(db.db))
    .rows;
  const types = (
    await sql<{ caseTypeId: string; versionId: string; unitId: string }>`
    SELECT t.id AS "caseTypeId", v.id AS "versionId", v.unit_id AS "unitId" FROM case_type t JOIN case_type_version v ON v.case_type_id = t.id`.execute(
      db.db,
    )
  ).rows;
  return { units, types };
}

function staff(
  unitId: string,
  units: { id: string; parent_id: string | null }[],
  role: 'caseworker' | 'quality',
): Principal {
  const grants = [{ role, unitId }];
  return {
    userId: '00000000-0000-4000-8000-000000000000',
    kind: 'staff',
    displayName: 'Bench',
    locale: 'da',
    grants,
    scope: expandScope(
      grants,
      units.map((u) => ({ id: u.id, parentId: u.parent_id })),
    ),
  };
}

async function benchEngine(engine: 'pglite' | 'postgres') {
  const db = await benchDatabase(engine);
  try {
    const h = await generateDemoHistory(db.db, { cases: HISTORY, seed: 1 });
    record(
      engine,
      `demo history, ${h.cases} cases / ${h.events} events`,
      `${(h.millis / 1000).toFixed(1)} s = ${Math.round(h.cases / (h.millis / 1000))} cases/s, ${Math.round(h.events / (h.millis / 1000))} events/s`,
    );
    const { units, types } = await unitsAndTypes(db);
    const bigUnit = types[0].unitId;
    let t = performance.now();
    await insertSyntheticCases(db, {
      count: QUEUE,
      unitIds: [bigUnit],
      typeIds: types.filter((x) => x.unitId === bigUnit),
      open: true,
    });
    record(engine, `load ${QUEUE} open cases into one unit`, `${((performance.now() - t) / 1000).toFixed(1)} s`);
    const worker = staff(bigUnit, units, 'caseworker');
    const q = (query: object) => () => getWorkQueue(db.db, worker, { limit: 50, offset: 0, ...query });
    const open = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM case_clock WHERE unit_id = ${bigUnit} AND decided_at IS NULL`.execute(db.db);
    record(engine, `work queue, first page of ${open.rows[0].n} open cases`, fmt(await timeIt(20, q({}))));
    record(engine, 'work queue, breached only', fmt(await timeIt(20, q({ risk: 'breached' }))));
    record(engine, 'work queue, page 20 (offset 950)', fmt(await timeIt(10, q({ offset: 950 }))));

    t = performance.now();
    await insertSyntheticCases(db, {
      count: FIGURES,
      unitIds: [...new Set(types.map((x) => x.unitId))],
      typeIds: types,
      open: false,
    });
    record(engine, `load ${FIGURES} closed cases`, `${((performance.now() - t) / 1000).toFixed(1)} s`);
    const authority = units.find((u) => u.parent_id === null)!.id;
    const reader = staff(authority, units, 'quality');
    const closed = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM case_clock WHERE decided_at IS NOT NULL`.execute(db.db);
    const all = () => getServiceGoalFigures(db.db, reader, { from: '2020-01-01', breachWithinDays: 14 });
    const f = await all();
    record(
      engine,
      `service-goal figures over ${closed.rows[0].n} decided cases (${f.rows.length} case types, all periods)`,
      fmt(await timeIt(5, all)),
    );
    // The same period figures by one scan of the clock rows, as before the roll-ups: the side-by-side baseline.
    const scope = [...(reader.scope.quality ?? [])];
    const period = { unitIds: scope, from: '2020-01-01', to: '2100-01-01', today: '2100-01-01', breachWithinDays: 14 };
    record(
      engine,
      'the period figures alone, from the monthly roll-ups',
      fmt(await timeIt(5, () => figuresRepository.period(db.db, period))),
    );
    record(
      engine,
      'the same by scanning case_clock (no roll-ups): baseline',
      fmt(await timeIt(5, () => scanPeriodFigures(db, scope, period.from, period.to))),
    );
    const year = () => getServiceGoalFigures(db.db, reader, { breachWithinDays: 14 });
    record(engine, 'service-goal figures, last 12 months', fmt(await timeIt(5, year)));
    const one = () =>
      getServiceGoalFigures(db.db, reader, {
        caseTypeId: types[0].caseTypeId,
        from: '2020-01-01',
        breachWithinDays: 14,
      });
    record(engine, 'service-goal figures, one case type, all periods', fmt(await timeIt(5, one)));
  } finally {
    await db.close();
  }
}

/** The decided and received figures of a period in one pass over case_clock, grouped three ways. */
function scanPeriodFigures(db: Awaited<ReturnType<typeof benchDatabase>>, unitIds: string[], from: string, to: string) {
  const decided = sql`(decided_date BETWEEN ${from}::date AND ${to}::date AND goal_met IS NOT NULL)`;
  const received = sql`(received_date BETWEEN ${from}::date AND ${to}::date)`;
  return sql`
    SELECT case_type_id, GROUPING(processing_days, date_trunc('month', decided_date))::int AS g, processing_days,
           to_char(date_trunc('month', decided_date), 'YYYY-MM') AS month,
           count(*) FILTER (WHERE d)::int AS decided, count(*) FILTER (WHERE d AND goal_met)::int AS within_goal,
           count(*) FILTER (WHERE r)::int AS received, count(*) FILTER (WHERE r AND fully_informed_on_receipt)::int AS informed
    FROM (SELECT case_type_id, processing_days, decided_date, goal_met, fully_informed_on_receipt, ${decided} AS d, ${received} AS r
          FROM case_clock WHERE unit_id = ANY(${unitIds}::uuid[]) AND (${decided} OR ${received})) x
    GROUP BY GROUPING SETS ((case_type_id, processing_days), (case_type_id, date_trunc('month', decided_date)), (case_type_id))`.execute(
    db.db,
  );
}

const fmt = (t: { median: number; p95: number }) => `median ${t.median} ms, p95 ${t.p95} ms`;

for (const engine of engines) await benchEngine(engine);
console.log('\nSummary');
console.table(results);
