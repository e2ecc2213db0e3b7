/**
 * The backtest by calendar snapshots: every Monday 00:00 UTC, each case that has started and is not yet decided
 * gets one forecast from what was known then, and the forecast is scored against when the case was decided.
 * People looking at open cases meet long cases for longer; snapshots weigh the forecasts the way they are met.
 *
 * Method (one case per trace: start = its first event, decision = its last): today's estimator (forecastDecision)
 * gets the durations of the `historySize` cases decided most recently, strictly before the snapshot; the survival
 * estimator gets its window of experience with the open cases censored at their current age. Evaluated are the
 * snapshots from the later of 25% of the log's span and its 100th decision, up to the log's end minus the log-wide
 * 90% duration, where the log's end is the 99.5% quantile of decision times. Snapshots after that are reported
 * apart: the cases open there are cut off by the extraction, so their outcomes are biased short.
 */
import { BacktestTally, type EstimatorFigures, type OpenBoundCounting } from './backtest-figures.js';
import { forecastDecision, type ForecastConfidence } from './decision-forecast.js';
import { percentileCont, percentileContSorted, sortedNumbers } from './quantiles.js';
import { DEFAULT_WINDOW_DAYS } from './survival-forecast.js';
import { forecastFromWeeklyCurves, weeklySurvivalCurvesOf } from './weekly-survival.js';

const DAY_MS = 86_400_000;

/** One case of a log: its id, and its first and last event (epoch milliseconds; Infinity while still open). */
export interface CaseSpan {
  caseId: string;
  start: number;
  end: number;
}

export interface SnapshotBacktestOptions {
  /** Today's estimator: the most recent decided cases it is given; default 500. */
  historySize?: number;
  /** Below this many comparable cases a forecast is flagged low (both estimators); default 20. */
  minSample?: number;
  /** The upper quantile stated; default 0.9. */
  upperQuantile?: number;
  /** Decisions beyond the age a weekday-of-receipt curve needs before the survival estimator uses it; default 100. */
  minStratum?: number;
  /** The survival estimator's window of experience in days; default 365. */
  windowDays?: number;
  /** How a "more than N days" bound counts in the coverage; default 'excluded' (see OpenBoundCounting). */
  openCountsAs?: OpenBoundCounting;
  /** Return the survival estimator's forecasts of the evaluated span, one row each. */
  keepForecasts?: boolean;
  /**
   * Snapshots between these moments (epoch ms) instead of the method's evaluated span, and none reported apart:
   * for replaying a live history (e.g. its last 12 months), where cases still open have `end: Infinity`.
   */
  evaluate?: { from: number; to: number };
  /** Also run today's estimator beside the survival one (the comparison the command prints); default true. */
  compareCurrent?: boolean;
}

/** The moments the backtest used, epoch ms (evaluateFrom is Infinity when the log has under 100 decisions). */
export interface SnapshotSpan {
  firstStart: number;
  logEnd: number;
  duration90Days: number;
  evaluateFrom: number;
  evaluateTo: number;
  snapshots: number;
  laterSnapshots: number;
}

/** One forecast of the survival estimator, as the --forecasts file writes it. */
export interface SnapshotForecastRow {
  caseId: string;
  asOf: number;
  elapsedDays: number;
  medianDays: number;
  upperDays: number;
  medianOpen: boolean;
  upperOpen: boolean;
  confidence: Exclude<ForecastConfidence, 'none'>;
}

export interface EstimatorPair {
  /** Today's estimator: forecastDecision over the most recent decided cases. */
  current: EstimatorFigures;
  /** The period product-limit estimator. */
  survival: EstimatorFigures;
}

export interface SnapshotBacktestResult extends EstimatorPair {
  cases: number;
  /** Spans not usable (no finite start or end, or an end before the start). */
  skipped: number;
  span: SnapshotSpan;
  /** Snapshots after the evaluated span, up to the log's end. */
  later: EstimatorPair;
  forecasts?: SnapshotForecastRow[];
}

/** Every Monday 00:00 UTC at or after `from` (epoch ms) up to `to`. Day 4 of the epoch was a Monday. */
export function mondays(from: number, to: number): number[] {
  const day = Math.ceil(from / DAY_MS);
  const first = day + ((((4 - day) % 7) + 7) % 7);
  const out: number[] = [];
  for (let d = first; d * DAY_MS <= to; d += 7) out.push(d * DAY_MS);
  return out;
}

/** The evaluated span of a log, as the method defines it. */
export function snapshotSpan(spans: readonly CaseSpan[]): Omit<SnapshotSpan, 'snapshots' | 'laterSnapshots'> {
  const ends = sortedNumbers(spans.map((s) => s.end));
  const firstStart = spans.reduce((m, s) => Math.min(m, s.start), Infinity);
  const logEnd = percentileContSorted(ends, 0.995) ?? NaN;
  const duration90Days = percentileCont(
    spans.map((s) => (s.end - s.start) / DAY_MS),
    0.9,
  )!;
  const evaluateFrom = ends.length >= 100 ? Math.max(firstStart + 0.25 * (logEnd - firstStart), ends[99]) : Infinity;
  return { firstStart, logEnd, duration90Days, evaluateFrom, evaluateTo: logEnd - duration90Days * DAY_MS };
}

/** Today's estimator and the survival estimator side by side, over calendar snapshots of one log. */
export function snapshotBacktest(
  input: readonly CaseSpan[],
  options: SnapshotBacktestOptions = {},
): SnapshotBacktestResult {
  // A case still open (end Infinity) counts only where the snapshots are given: the method's span needs decisions.
  const open = (s: CaseSpan): boolean => options.evaluate !== undefined && s.end === Infinity;
  const spans = input.filter(
    (s) => Number.isFinite(s.start) && (Number.isFinite(s.end) || open(s)) && s.end >= s.start,
  );
  const decided = spans.filter((s) => Number.isFinite(s.end));
  const q = options.upperQuantile ?? 0.9;
  const openCountsAs = options.openCountsAs ?? 'excluded';
  const tallies = () => ({ current: new BacktestTally(q, openCountsAs), survival: new BacktestTally(q, openCountsAs) });
  const main = tallies();
  const late = tallies();
  const forecasts: SnapshotForecastRow[] = [];
  const base = decided.length ? snapshotSpan(decided) : null;
  if (base && options.evaluate)
    Object.assign(base, { evaluateFrom: options.evaluate.from, evaluateTo: options.evaluate.to });
  const evaluated = base ? mondays(base.evaluateFrom, base.evaluateTo) : [];
  const later = base && !options.evaluate ? mondays(Math.max(base.evaluateFrom, base.evaluateTo + 1), base.logEnd) : [];
  const history = byDecision(spans);
  const snapshot = (at: number, into: ReturnType<typeof tallies>, third: number, keep: boolean): void =>
    forecastSnapshot({ spans, history, at, into, third, keep: keep ? forecasts : null, options });
  const length = base ? base.evaluateTo - base.evaluateFrom : 0;
  for (const at of evaluated) {
    const third = length > 0 ? Math.min(2, Math.floor((3 * (at - base!.evaluateFrom)) / length)) : 0;
    snapshot(at, main, third, options.keepForecasts === true);
  }
  for (const at of later) snapshot(at, late, 0, false);
  return {
    cases: spans.length,
    skipped: input.length - spans.length,
    span: {
      ...(base ?? { firstStart: NaN, logEnd: NaN, duration90Days: NaN, evaluateFrom: NaN, evaluateTo: NaN }),
      snapshots: evaluated.length,
      laterSnapshots: later.length,
    },
    current: main.current.figures(),
    survival: main.survival.figures(),
    later: { current: late.current.figures(), survival: late.survival.figures() },
    ...(options.keepForecasts ? { forecasts } : {}),
  };
}

interface DecisionOrder {
  /** Decision times ascending (ties by start, then case id), and the durations in days in that order. */
  ends: Float64Array;
  durations: number[];
}

function byDecision(spans: readonly CaseSpan[]): DecisionOrder {
  const order = [...spans].sort(
    (a, b) => a.end - b.end || a.start - b.start || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
  );
  return { ends: Float64Array.from(order, (s) => s.end), durations: order.map((s) => (s.end - s.start) / DAY_MS) };
}

/** Index of the first value ≥ x in an ascending array. */
function firstAtOrAfter(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface SnapshotWork {
  spans: readonly CaseSpan[];
  history: DecisionOrder;
  at: number;
  into: { current: BacktestTally; survival: BacktestTally };
  third: number;
  keep: SnapshotForecastRow[] | null;
  options: SnapshotBacktestOptions;
}

/** Forecasts every case open at one snapshot with both estimators and tallies the outcomes. */
function forecastSnapshot(w: SnapshotWork): void {
  const { at, options } = w;
  const k = firstAtOrAfter(w.history.ends, at); // decided strictly before the snapshot
  const recent = w.history.durations.slice(Math.max(0, k - (options.historySize ?? 500)), k);
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const windowFrom = at - windowDays * DAY_MS;
  const experience: { start: number; decision: number }[] = [];
  for (const s of w.spans) {
    if (s.start < at && s.end >= windowFrom) experience.push({ start: s.start / DAY_MS, decision: s.end / DAY_MS });
  }
  const curves = weeklySurvivalCurvesOf({ asOf: at / DAY_MS, decided: experience, windowDays });
  for (const s of w.spans) {
    if (!(s.start <= at && s.end > at)) continue;
    const elapsedDays = (at - s.start) / DAY_MS;
    const actual = (s.end - at) / DAY_MS;
    const now =
      options.compareCurrent === false
        ? null
        : forecastDecision({
            history: recent,
            elapsedDays,
            minSample: options.minSample,
            upperQuantile: options.upperQuantile,
          });
    if (now && now.confidence !== 'none') {
      w.into.current.add({
        caseId: s.caseId,
        confidence: now.confidence,
        median: now.medianRemainingDays!,
        upper: now.upperRemainingDays!,
        medianOpen: false,
        upperOpen: false,
        actual,
        third: w.third,
      });
    }
    const f = forecastFromWeeklyCurves(curves, {
      elapsedDays,
      startDay: s.start / DAY_MS,
      minStratum: options.minStratum,
      minSample: options.minSample,
      upperQuantile: options.upperQuantile,
    });
    if (f.confidence === 'none') continue;
    w.into.survival.add({
      caseId: s.caseId,
      confidence: f.confidence,
      median: f.medianRemainingDays!,
      upper: f.upperRemainingDays!,
      medianOpen: f.medianOpen,
      upperOpen: f.upperOpen,
      actual,
      third: w.third,
    });
    w.keep?.push({
      caseId: s.caseId,
      asOf: at,
      elapsedDays,
      medianDays: f.medianRemainingDays!,
      upperDays: f.upperRemainingDays!,
      medianOpen: f.medianOpen,
      upperOpen: f.upperOpen,
      confidence: f.confidence,
    });
  }
}
