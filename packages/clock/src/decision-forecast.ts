/**
 * An honest expected decision date for an open case, from how long similar closed cases took.
 *
 * Conditioning: a case that has already waited t days is compared only with past cases that were still undecided
 * after t days (duration > t); the forecast is the quantiles of their remaining time (duration − t). Without this,
 * a case that has waited long would be promised a date that similar cases had already passed.
 */
import { addCalendarDays, isIsoDate, type IsoDate } from './local-date.js';
import { percentileContSorted, sortedNumbers, upperBoundRank } from './quantiles.js';

/** A closed similar case: days from clock start to decision, and optionally the phases it passed through. */
export interface SimilarCase {
  durationDays: number;
  phases?: readonly string[];
}

export interface ForecastInput {
  /** Durations (days) of similar closed cases, or cases with their phases. */
  history: readonly (number | SimilarCase)[];
  /** Days the open case has already spent since its start. */
  elapsedDays: number;
  /** The open case's current phase: only past cases that went through it are used. */
  phase?: string;
  /** Today's local date, to turn remaining days into dates. */
  asOfDate?: IsoDate;
  /** Below this many comparable cases the forecast is flagged low-confidence and its upper bound widened; default 20. */
  minSample?: number;
  /** The upper quantile stated, default 0.9 ("9 of 10 similar cases were decided by …"). */
  upperQuantile?: number;
}

export type ForecastConfidence = 'normal' | 'low' | 'none';

export interface DecisionForecast {
  /** Similar cases after the phase filter. */
  sampleSize: number;
  /** Of those, the cases still undecided after elapsedDays — the ones the forecast rests on. */
  conditionalSampleSize: number;
  medianRemainingDays: number | null;
  upperRemainingDays: number | null;
  /** asOfDate + the remaining days rounded up ("decided by"). */
  medianDate: IsoDate | null;
  upperDate: IsoDate | null;
  confidence: ForecastConfidence;
  /** True when the upper bound was widened because of a small sample. */
  widened: boolean;
  note: 'no_similar_cases' | 'small_sample' | null;
}

const durationOf = (c: number | SimilarCase): number => (typeof c === 'number' ? c : c.durationDays);

/** Remaining days of the comparable cases (duration > elapsed), sorted ascending, and the phase-filtered count. */
export function remainingTimes(input: Pick<ForecastInput, 'history' | 'elapsedDays' | 'phase'>): {
  remaining: Float64Array;
  sampleSize: number;
} {
  const t = Math.max(0, input.elapsedDays);
  const out: number[] = [];
  let sampleSize = 0;
  for (const c of input.history) {
    if (input.phase !== undefined && (typeof c === 'number' || !c.phases?.includes(input.phase))) continue;
    const d = durationOf(c);
    if (!(d >= 0)) continue;
    sampleSize++;
    if (d > t) out.push(d - t);
  }
  return { remaining: sortedNumbers(out), sampleSize };
}

/**
 * The median and upper (default 90%) remaining time for an open case. With fewer than minSample comparable cases
 * the upper bound is the distribution-free 90%-confidence upper bound of the quantile (an order statistic; for
 * under ~22 cases that is the longest observed), flagged 'low'. With none, no forecast: show only the goal.
 */
export function forecastDecision(input: ForecastInput): DecisionForecast {
  const minSample = input.minSample ?? 20;
  const q = input.upperQuantile ?? 0.9;
  const { remaining, sampleSize } = remainingTimes(input);
  const n = remaining.length;
  const toDate = (days: number | null): IsoDate | null =>
    days === null || !input.asOfDate || !isIsoDate(input.asOfDate)
      ? null
      : addCalendarDays(input.asOfDate, Math.ceil(days - 1e-9));
  if (n === 0) {
    return {
      sampleSize,
      conditionalSampleSize: 0,
      medianRemainingDays: null,
      upperRemainingDays: null,
      medianDate: null,
      upperDate: null,
      confidence: 'none',
      widened: false,
      note: 'no_similar_cases',
    };
  }
  const median = percentileContSorted(remaining, 0.5)!;
  let upper = percentileContSorted(remaining, q)!;
  const small = n < minSample;
  if (small) upper = Math.max(upper, remaining[Math.min(upperBoundRank(n, q, 0.9), n) - 1]);
  return {
    sampleSize,
    conditionalSampleSize: n,
    medianRemainingDays: median,
    upperRemainingDays: upper,
    medianDate: toDate(median),
    upperDate: toDate(upper),
    confidence: small ? 'low' : 'normal',
    widened: small,
    note: small ? 'small_sample' : null,
  };
}
