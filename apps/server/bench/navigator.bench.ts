/**
 * Navigator benchmark: one analysis of BENCH_NAVIGATOR_CASES (default 100,000) cases of one case type, read from
 * the case log, checked against the demo casework workflow, and stored — on PostgreSQL (DATABASE_URL), and on
 * PGlite too with BENCH_PGLITE=1. Prints the time of each phase; never asserts a time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx --conditions=sagsgang-source apps/server/bench/navigator.bench.ts
 */
import { sql } from 'kysely';
import type { Database } from '../src/platform/db/database.js';
import { demoCaseTypes, generateDemoHistory, seedDemoWorkflows } from '../src/modules/demo/index.js';
import { searchProcessModels } from '../src/modules/process-models/index.js';
import { startAnalysis } from '../src/modules/navigator/use-cases/start-analysis.js';
import { runAnalysis } from '../src/modules/navigator/use-cases/run-analysis.js';
import { getAnalysisInfo } from '../src/modules/navigator/use-cases/read-analysis.js';
import { benchDatabase } from './bench-support.js';

const CASES = Number(process.env.BENCH_NAVIGATOR_CASES ?? 100_000);
const TYPE = 'cash-benefit';
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const DAY = 86_400_000;
const engines = [
  ...(process.env.BENCH_PGLITE === '1' ? (['pglite'] as const) : []),
  ...(process.env.DATABASE_URL ? (['postgres'] as const) : []),
];

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One case's activities as the case system writes them, with the usual deviations now and then. */
function caseActivities(r: () => number): string[] {
  const a = ['received'];
  if (r() > 0.05) a.push('screened');
  for (let k = 0; k < 3 && r() < (k === 0 ? 0.4 : 0.2); k++) a.push('information_requested', 'information_received');
  if (r() < 0.15) a.push('hearing_started', 'hearing_replied');
  if (r() < 0.1) a.splice(1 + Math.floor(r() * (a.length - 1)), 0, 'note_recorded');
  a.push('decided');
  if (r() < 0.03) a.splice(a.length - 2, 0, 'decided');
  a.push('closed');
  return a;
}

/** Bench cases written in bulk (the demo generator is made for realism, not for 100,000 cases in a minute). */
async function insertBenchCases(db: Database, n: number): Promise<void> {
  const t = (
    await sql<{ type: string; version: string; unit: string }>`
    SELECT t.id AS type, v.id AS version, v.unit_id AS unit FROM case_type t JOIN case_type_version v ON v.case_type_id = t.id WHERE t.code = ${TYPE} LIMIT 1`.execute(
      db.db,
    )
  ).rows[0];
  const r = prng(42);
  const origin = Date.UTC(2024, 0, 1);
  for (let start = 0; start < n; start += 10_000) {
    const size = Math.min(10_000, n - start);
    const refs = Array.from({ length: size }, (_, i) => `BENCH-${start + i + 1}`);
    const received = refs.map(() =>
      new Date(origin + Math.floor(r() * 700) * DAY + Math.floor(r() * 8 * 3_600_000)).toISOString(),
    );
    const ids = (
      await sql<{ id: string; reference: string }>`
      INSERT INTO case_file (reference, case_type_id, case_type_version_id, unit_id, applicant_name, channel, state, received_at)
      SELECT ref, ${t.type}::uuid, ${t.version}::uuid, ${t.unit}::uuid, 'Bench', 'digital', 'closed', at::timestamptz
      FROM unnest(${refs}::text[], ${received}::text[]) AS x(ref, at) RETURNING id, reference`.execute(db.db)
    ).rows;
    const ev = { caseId: [] as string[], seq: [] as number[], activity: [] as string[], at: [] as string[] };
    ids.forEach((c, i) => {
      let at = Date.parse(received[i]);
      caseActivities(r).forEach((activity, k) => {
        if (k > 0) at += Math.round((0.1 + -Math.log(1 - r()) * 4) * DAY);
        ev.caseId.push(c.id);
        ev.seq.push(k + 1);
        ev.activity.push(activity);
        ev.at.push(new Date(at).toISOString());
      });
    });
    await sql`
      INSERT INTO case_event (case_id, seq, activity, occurred_at, unit_id)
      SELECT c, s, a, o::timestamptz, ${t.unit}::uuid FROM unnest(${ev.caseId}::uuid[], ${ev.seq}::int[], ${ev.activity}::text[], ${ev.at}::text[]) AS x(c, s, a, o)`.execute(
      db.db,
    );
  }
}

async function prepare(engine: 'pglite' | 'postgres'): Promise<Database> {
  const db = await benchDatabase(engine);
  await generateDemoHistory(db.db, { cases: 10, seed: 1 });
  await seedDemoWorkflows(db.db, demoCaseTypes());
  const t = performance.now();
  await insertBenchCases(db, CASES);
  await sql`ANALYZE`.execute(db.db);
  console.log(`[${engine}] wrote ${CASES} bench cases in ${Math.round(performance.now() - t)} ms`);
  return db;
}

async function benchEngine(engine: 'pglite' | 'postgres') {
  const db = await prepare(engine);
  try {
    for (let run = 1; run <= RUNS; run++) await analyse(engine, db, run);
  } finally {
    await db.close();
  }
}

async function analyse(engine: string, db: Database, run: number) {
  {
    let t = performance.now();
    const [model] = await searchProcessModels(db.db, { caseTypeCode: TYPE });
    const units = (await sql<{ id: string }>`SELECT id FROM unit`.execute(db.db)).rows.map((u) => u.id);
    const phases: string[] = [];
    t = performance.now();
    const info = await startAnalysis(
      db.db,
      { modelId: model.id, population: { kind: 'case-type', caseTypeCode: TYPE, unitIds: [] }, name: 'bench' },
      null,
      async () => null,
      units,
    );
    let last = t;
    let lastPhase = 'read+start';
    const outcome = await runAnalysis(db.db, info.id, {
      onProgress: (p) => {
        if (p.phase === lastPhase) return;
        const now = performance.now();
        phases.push(`${lastPhase} ${Math.round(now - last)} ms`);
        last = now;
        lastPhase = p.phase;
      },
    });
    const total = performance.now() - t;
    phases.push(`${lastPhase} ${Math.round(performance.now() - last)} ms`);
    const done = await getAnalysisInfo(db.db, info.id);
    console.log(
      `[${engine}] run ${run}: analysis of ${done.summary?.cases} cases / ${done.summary?.events} events: ${outcome} in ${Math.round(total)} ms (${phases.join(', ')}); fitness ${done.summary?.logFitness.toFixed(4)}`,
    );
  }
}

if (engines.length === 0) console.log('Set DATABASE_URL (PostgreSQL) and/or BENCH_PGLITE=1.');
for (const engine of engines) await benchEngine(engine);
