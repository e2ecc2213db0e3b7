/**
 * Calibration of the expected decision the portal shows ("9 of 10 similar cases were decided by …; half by …") on
 * the demo authority's generated history, long tail included, by the method the back office shows: every Monday
 * of the last 12 months, each case then open gets the survival forecast from what was known then, and each promise
 * whose date has passed is scored against the decision (computeForecastCalibration, i.e. @sagsgang/clock's
 * snapshot backtest). Also printed: what a case page's forecast costs once the curve is in memory.
 *
 * Ideal: 90% for the "9 of 10" date, 50% for the "half" date. Size: BENCH_FORECAST_CASES (default 20,000).
 * Figures are printed, never asserted.
 */
import { sql } from 'kysely';
import { computeForecastCalibration, expectedDecision } from '../src/modules/cases/index.js';
import { generateDemoHistory } from '../src/modules/demo/index.js';
import { benchDatabase } from './bench-support.js';

const CASES = Number(process.env.BENCH_FORECAST_CASES ?? 20_000);
const NOW = new Date('2026-11-01T12:00:00Z');

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

async function main() {
  const db = await benchDatabase('pglite');
  const t0 = performance.now();
  const made = await generateDemoHistory(db.db, { cases: CASES, seed: 2026, now: NOW });
  console.log(
    `demo history: ${made.cases} cases, ${made.events} events, ${made.openCases} open (${(made.millis / 1000).toFixed(1)} s)`,
  );
  const types = (
    await sql<{ id: string; code: string }>`
      SELECT DISTINCT t.id, t.code FROM case_type t JOIN case_clock k ON k.case_type_id = t.id ORDER BY t.code`.execute(
      db.db,
    )
  ).rows;
  const rows: Record<string, string | number>[] = [];
  const total = { upperDue: 0, upperHeld: 0, medianDue: 0, medianHeld: 0, upperOpen: 0, forecasts: 0 };
  for (const t of types) {
    const started = performance.now();
    const c = await computeForecastCalibration(db.db, t.id, NOW);
    const ms = performance.now() - started;
    total.upperDue += c.all.upper.due;
    total.upperHeld += c.all.upper.held;
    total.medianDue += c.all.median.due;
    total.medianHeld += c.all.median.held;
    total.upperOpen += c.all.upperOpen;
    total.forecasts += c.all.forecasts;
    rows.push({
      'case type': t.code,
      cases: c.historyCases,
      forecasts: c.all.forecasts,
      '9 of 10 held': `${pct(c.all.upper.share)} of ${c.all.upper.due}`,
      'half held': `${pct(c.all.median.share)} of ${c.all.median.due}`,
      '"more than"': c.all.upperOpen,
      ...Object.fromEntries(
        c.bands.map((b) => [`9/10 ${b.fromDays}${b.toDays === null ? '+' : `–${b.toDays}`} d`, pct(b.upper.share)]),
      ),
      'compute ms': Math.round(ms),
    });
  }
  console.table(rows);
  console.log(
    `all case types, last 12 months: ${total.forecasts} forecasts; "9 of 10" date held ${pct(total.upperHeld / total.upperDue)} of ${total.upperDue} due, "half" date ${pct(total.medianHeld / total.medianDue)} of ${total.medianDue} (ideal 90% and 50%); ${total.upperOpen} said "more than N days"`,
  );
  // A case page's forecast with the curve in memory: the version check only.
  const input = {
    caseTypeId: types[0].id,
    phaseCode: null,
    receivedDate: '2026-09-01',
    today: '2026-11-01',
    goalDate: null,
    paused: false,
    decided: false,
  };
  await expectedDecision(db.db, input);
  const n = 200;
  const started = performance.now();
  for (let i = 0; i < n; i++) await expectedDecision(db.db, input);
  console.log(`case page forecast, curve in memory: ${((performance.now() - started) / n).toFixed(2)} ms per page`);
  console.log(`total ${((performance.now() - t0) / 1000) | 0} s`);
  await db.close();
}

await main();
