/**
 * How often a forecast's promises held, by the time the case had already waited when the promise was made: of the
 * forecasts whose stated date has passed, the share of cases decided by it. A promise whose date has not yet come
 * is left out (it has neither held nor failed); one stated as "more than N days" made no date and is left out too.
 */
import type { SnapshotForecastRow } from './snapshot-backtest.js';

const DAY_MS = 86_400_000;

export interface PromiseShare {
  /** Promises whose date has passed by `now`. */
  due: number;
  /** Of those, the case was decided by the date. */
  held: number;
  share: number | null;
}

export interface CalibrationBand {
  /** Days already waited when the promise was made: fromDays ≤ elapsed < toDays (toDays null: no upper end). */
  fromDays: number;
  toDays: number | null;
  forecasts: number;
  /** Distinct cases behind the forecasts. */
  cases: number;
  /** The "9 of 10 by" date, and the "half by" date. */
  upper: PromiseShare;
  median: PromiseShare;
  /** Forecasts that said "more than N days" for the 9-of-10 bound (no date, so not counted as due). */
  upperOpen: number;
}

export interface Calibration {
  all: CalibrationBand;
  bands: CalibrationBand[];
}

/** The default elapsed bands in days: under a month, 1–3 months, 3–6 months, 6–12 months, a year or more. */
export const CALIBRATION_BANDS: readonly number[] = [0, 30, 90, 180, 365];

/**
 * Scores forecasts against outcomes. `decisions` gives each case's decision (epoch ms; Infinity or absent while
 * still open); `now` (epoch ms) decides which dates have passed. A promise held when the decision came at or
 * before asOf + the stated days.
 */
export function calibrationOf(
  rows: readonly SnapshotForecastRow[],
  decisions: ReadonlyMap<string, number>,
  now: number,
  edges: readonly number[] = CALIBRATION_BANDS,
): Calibration {
  const make = (fromDays: number, toDays: number | null) => ({
    band: { fromDays, toDays, forecasts: 0, cases: 0, upper: share(), median: share(), upperOpen: 0 },
    ids: new Set<string>(),
  });
  const all = make(edges[0] ?? 0, null);
  const bands = edges.map((from, i) => make(from, i + 1 < edges.length ? edges[i + 1] : null));
  for (const r of rows) {
    const i = bandIndex(edges, r.elapsedDays);
    const decision = decisions.get(r.caseId) ?? Infinity;
    for (const b of i < 0 ? [all] : [all, bands[i]]) {
      b.band.forecasts++;
      b.ids.add(r.caseId);
      if (r.upperOpen) b.band.upperOpen++;
      score(b.band.upper, r.asOf, r.upperDays, r.upperOpen, decision, now);
      score(b.band.median, r.asOf, r.medianDays, r.medianOpen, decision, now);
    }
  }
  const done = (b: ReturnType<typeof make>): CalibrationBand => ({
    ...b.band,
    cases: b.ids.size,
    upper: withShare(b.band.upper),
    median: withShare(b.band.median),
  });
  return { all: done(all), bands: bands.map(done) };
}

const share = (): PromiseShare => ({ due: 0, held: 0, share: null });
const withShare = (p: PromiseShare): PromiseShare => ({ ...p, share: p.due ? p.held / p.due : null });

function score(p: PromiseShare, asOf: number, days: number, open: boolean, decision: number, now: number): void {
  if (open) return;
  const by = asOf + days * DAY_MS;
  if (by > now) return;
  p.due++;
  if (decision <= by) p.held++;
}

/** The band of an elapsed time: the last edge at or below it (-1 below the first edge). */
function bandIndex(edges: readonly number[], elapsed: number): number {
  let i = -1;
  for (let j = 0; j < edges.length && edges[j] <= elapsed; j++) i = j;
  return i;
}
