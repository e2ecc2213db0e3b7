/**
 * Calibration of the decision forecast: replay past cases at an "as of" moment and count how often the stated
 * ranges held. Time order is respected — each forecast sees only cases decided before its own as-of moment.
 *
 * The as-of point must be chosen without knowing the outcome (a fixed calendar snapshot, or a random elapsed
 * time drawn independently of the duration); picking e.g. "halfway through each case" biases the coverage.
 */
import { forecastDecision, type ForecastConfidence } from './decision-forecast.js';
import { isIsoDate, toDayNumber, type IsoDate } from './local-date.js';

export interface BacktestCase {
  /** Clock start: an ISO date, or a day number on any fixed scale. */
  start: IsoDate | number;
  /** Days from start to decision (fractions allowed). */
  durationDays: number;
  /** Days after start at which the forecast is made; cases already decided by then are skipped. */
  asOfDays: number;
}

export interface Coverage {
  evaluated: number;
  /** Share whose actual remaining time was within the median forecast (ideal 0.5). */
  coverage50: number | null;
  /** Share within the upper bound (ideal: the upper quantile, 0.9). */
  coverage90: number | null;
}

export interface BacktestResult extends Coverage {
  /** Cases not evaluated: decided by their as-of point, or with no history to forecast from. */
  skipped: number;
  byConfidence: Record<Exclude<ForecastConfidence, 'none'>, Coverage>;
}

export interface BacktestOptions {
  minSample?: number;
  upperQuantile?: number;
  /** Use only the most recent this-many decided cases as history (default 500): recent cases are the relevant ones. */
  window?: number;
  /**
   * Evaluate only forecasts made at or after this moment (ISO date or day number); earlier cases still serve as
   * history. Early in a record only the quick cases have been decided yet, so forecasts there run short — skip
   * a burn-in of a few typical durations.
   */
  evaluateFrom?: IsoDate | number;
}

const tally = (): { n: number; in50: number; in90: number } => ({ n: 0, in50: 0, in90: 0 });
const coverageOf = (t: { n: number; in50: number; in90: number }): Coverage => ({
  evaluated: t.n,
  coverage50: t.n ? t.in50 / t.n : null,
  coverage90: t.n ? t.in90 / t.n : null,
});

/** Coverage of the 50% and 90% forecast ranges over past cases, each forecast made as of its own as-of point. */
export function backtestForecast(cases: readonly BacktestCase[], options: BacktestOptions = {}): BacktestResult {
  const window = options.window ?? 500;
  const rows = cases
    .map((c) => ({ start: dayOf(c.start), d: c.durationDays, t: c.asOfDays }))
    .filter((r) => Number.isFinite(r.start) && r.d >= 0 && r.t >= 0);
  const decided = rows.map((r) => ({ at: r.start + r.d, d: r.d })).sort((a, b) => a.at - b.at);
  const all = tally();
  const by = { normal: tally(), low: tally() };
  let skipped = cases.length - rows.length;
  const from = dayOf(options.evaluateFrom ?? -Infinity);
  for (const r of rows) {
    const asOf = r.start + r.t;
    if (r.d <= r.t || !(asOf >= from)) {
      skipped++;
      continue;
    }
    const k = firstAtOrAfter(decided, asOf); // decided[0..k) were decided strictly before asOf
    const history = decided.slice(Math.max(0, k - window), k).map((x) => x.d);
    const f = forecastDecision({
      history,
      elapsedDays: r.t,
      minSample: options.minSample,
      upperQuantile: options.upperQuantile,
    });
    if (f.confidence === 'none') {
      skipped++;
      continue;
    }
    const actual = r.d - r.t;
    for (const t of [all, by[f.confidence]]) {
      t.n++;
      if (actual <= f.medianRemainingDays!) t.in50++;
      if (actual <= f.upperRemainingDays!) t.in90++;
    }
  }
  return { ...coverageOf(all), skipped, byConfidence: { normal: coverageOf(by.normal), low: coverageOf(by.low) } };
}

const dayOf = (x: IsoDate | number): number => (typeof x === 'number' ? x : isIsoDate(x) ? toDayNumber(x) : NaN);

function firstAtOrAfter(sorted: readonly { at: number }[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].at < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
