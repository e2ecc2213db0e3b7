/**
 * Calibration of the expected decision date the portal shows ("9 of 10 similar cases were decided by …; half by
 * …"), backtested on the demo authority's generated history:
 *
 *   - portal logic: calendar snapshots every 14 days; every case open at a snapshot gets the forecast the portal
 *     would have shown that day (same case type, same phase when there are enough such cases, time already
 *     spent), from cases decided before that day only. Coverage = share decided by the stated date.
 *   - clock backtest: @sagsgang/clock's backtestForecast per case type, as-of points drawn independently of the
 *     outcome (uniform 0-120 days after receipt).
 *
 * Ideal coverage: 90% for the "9 of 10" date, 50% for the "half" date. Sizes: BENCH_FORECAST_CASES (default
 * 20,000). Figures are printed, never asserted.
 */
import { sql } from 'kysely';
import { addCalendarDays, backtestForecast, calendarDaysBetween, createRng } from './forecast-bench-support.js';
import { forecastFromHistory, getDecidedHistory } from '../src/modules/cases/index.js';
import { generateDemoHistory } from '../src/modules/demo/index.js';
import { benchDatabase } from './bench-support.js';

const CASES = Number(process.env.BENCH_FORECAST_CASES ?? 20_000);
const NOW = new Date('2026-11-01T12:00:00Z');
const BURN_IN_DAYS = 180;
const WINDOW = 500;

interface CaseRow {
  caseTypeId: string;
  code: string;
  received: string;
  decided: string | null;
  phases: { at: string; phase: string }[];
}

async function loadCases(db: Awaited<ReturnType<typeof benchDatabase>>): Promise<CaseRow[]> {
  const rows = await sql<{
    case_id: string;
    case_type_id: string;
    code: string;
    received: string;
    decided: string | null;
  }>`
    SELECT k.case_id, k.case_type_id, t.code, k.received_date::text AS received, k.decided_date::text AS decided
    FROM case_clock k JOIN case_type t ON t.id = k.case_type_id`.execute(db.db);
  const phases = await sql<{ case_id: string; at: string; phase: string }>`
    SELECT case_id, (occurred_at AT TIME ZONE 'Europe/Copenhagen')::date::text AS at, COALESCE(attributes->>'to', attributes->>'phase') AS phase
    FROM case_event WHERE activity IN ('received', 'phase_changed') ORDER BY case_id, seq`.execute(db.db);
  const byCase = new Map<string, { at: string; phase: string }[]>();
  for (const p of phases.rows)
    if (p.phase)
      (byCase.get(p.case_id) ?? byCase.set(p.case_id, []).get(p.case_id)!).push({ at: p.at, phase: p.phase });
  return rows.rows.map((r) => ({
    caseTypeId: r.case_type_id,
    code: r.code,
    received: r.received,
    decided: r.decided,
    phases: byCase.get(r.case_id) ?? [],
  }));
}

function phaseOn(c: CaseRow, day: string): string | null {
  let phase: string | null = null;
  for (const p of c.phases) if (p.at <= day) phase = p.phase;
  return phase;
}

/** The portal's forecast, replayed at calendar snapshots over one case type's history. */
function portalBacktest(cases: CaseRow[], first: string, last: string) {
  const decided = cases.filter((c) => c.decided).sort((a, b) => a.decided!.localeCompare(b.decided!));
  let n = 0,
    in50 = 0,
    in90 = 0,
    byPhase = 0,
    low = 0;
  for (let day = addCalendarDays(first, BURN_IN_DAYS); day < last; day = addCalendarDays(day, 14)) {
    const known = decided.filter((c) => c.decided! < day).slice(-WINDOW);
    const history = known.map((c) => ({
      durationDays: calendarDaysBetween(c.received, c.decided!),
      receivedDate: c.received,
      decidedDate: c.decided!,
      phases: [...new Set(c.phases.map((p) => p.phase))],
    }));
    for (const c of cases) {
      if (c.received > day || (c.decided && c.decided < day) || !c.decided) continue; // open that day, and decided since
      const f = forecastFromHistory(history, {
        phaseCode: phaseOn(c, day),
        receivedDate: c.received,
        today: day,
        goalDate: null,
        paused: false,
        decided: false,
      });
      if (!f.forecast?.medianDate || !f.forecast.upperDate) continue;
      n++;
      if (c.decided <= f.forecast.medianDate) in50++;
      if (c.decided <= f.forecast.upperDate) in90++;
      if (f.basis === 'phase') byPhase++;
      if (f.forecast.confidence === 'low') low++;
    }
  }
  return { n, coverage50: n ? in50 / n : null, coverage90: n ? in90 / n : null, byPhase, low };
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

async function main() {
  const db = await benchDatabase('pglite');
  const t0 = performance.now();
  const made = await generateDemoHistory(db.db, { cases: CASES, seed: 2026, now: NOW });
  console.log(
    `demo history: ${made.cases} cases, ${made.events} events, ${made.openCases} open (${(made.millis / 1000).toFixed(1)} s)`,
  );
  const all = await loadCases(db);
  const first = all.reduce((m, c) => (c.received < m ? c.received : m), '9999-12-31');
  const last = NOW.toISOString().slice(0, 10);
  // Case types in the order of their codes: the as-of draws are taken type after type.
  const codes = new Map(all.map((c) => [c.caseTypeId, c.code]));
  const types = [...codes.keys()].sort((a, b) => codes.get(a)!.localeCompare(codes.get(b)!));
  const rng = createRng(7);
  const rows: Record<string, string | number>[] = [];
  let total = { n: 0, in50: 0, in90: 0 };
  for (const typeId of types) {
    const cases = all.filter((c) => c.caseTypeId === typeId);
    const portal = portalBacktest(cases, first, last);
    // The as-of draws go to the cases in an order fixed by the cases themselves (not by how the database breaks
    // ties between cases decided the same day), so the figures are the same on every engine and every run.
    const history = (await getDecidedHistory(db.db, typeId, { limit: 1_000_000 })).sort(
      (a, b) =>
        b.decidedDate.localeCompare(a.decidedDate) ||
        b.receivedDate.localeCompare(a.receivedDate) ||
        a.durationDays - b.durationDays,
    );
    const clock = backtestForecast(
      history.map((h) => ({ start: h.receivedDate, durationDays: h.durationDays, asOfDays: Math.floor(rng() * 120) })),
      { evaluateFrom: addCalendarDays(first, BURN_IN_DAYS), window: WINDOW },
    );
    total = {
      n: total.n + portal.n,
      in50: total.in50 + (portal.coverage50 ?? 0) * portal.n,
      in90: total.in90 + (portal.coverage90 ?? 0) * portal.n,
    };
    rows.push({
      'case type': cases[0].code,
      forecasts: portal.n,
      '90% range': pct(portal.coverage90),
      '50% (median)': pct(portal.coverage50),
      'by phase': pct(portal.n ? portal.byPhase / portal.n : null),
      'low conf.': portal.low,
      'clock backtest n': clock.evaluated,
      'clock 90%': pct(clock.coverage90),
      'clock 50%': pct(clock.coverage50),
    });
  }
  console.table(rows);
  console.log(
    `portal forecast, all case types: ${total.n} forecasts; covered by the "9 of 10" date ${pct(total.in90 / total.n)}, by the "half" date ${pct(total.in50 / total.n)} (ideal 90% and 50%)`,
  );
  console.log(`total ${((performance.now() - t0) / 1000) | 0} s`);
  await db.close();
}

await main();
