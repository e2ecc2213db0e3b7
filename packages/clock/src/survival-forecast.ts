/**
 * The expected decision from a survival estimate: a period product-limit curve over a window of experience, in
 * which the cases still open count too (censored at their current age), so a history that lacks the long cases —
 * because they are still open — does not promise short times.
 *
 * Period analysis: the window is the last `windowDays` before the as-of moment. A case decided in the window is a
 * decision at its duration; a case open at the as-of moment is censored at its age; a case already open when the
 * window starts enters at its age then (it tells nothing about the ages it passed before the window).
 */
import type { DecisionForecast } from './decision-forecast.js';
import { addCalendarDays, isIsoDate, type IsoDate } from './local-date.js';
import {
  beyond,
  conditionalQuantile,
  survivalCurve,
  type SurvivalCurve,
  type SurvivalObservation,
} from './survival-curve.js';

/** The default window of experience: 12 months. */
export const DEFAULT_WINDOW_DAYS = 365;

export interface SurvivalHistory {
  /** The forecast moment, in days on the same scale as the starts (e.g. epoch days with fractions). */
  asOf: number;
  /** Cases with a decision; one decided at or after asOf counts as open at asOf. */
  decided: readonly { start: number; decision: number }[];
  /** Cases open at asOf (their age is asOf − start). */
  open?: readonly { start: number }[];
  /** Days of experience before asOf that the curve uses; default 365. */
  windowDays?: number;
}

export interface SurvivalForecastOptions {
  /** Days the open case has already waited. */
  elapsedDays: number;
  /** Today's local date, to turn remaining days into dates. */
  asOfDate?: IsoDate;
  /** Below this many decisions at ages beyond elapsedDays the forecast is flagged low-confidence; default 20. */
  minSample?: number;
  /** The upper quantile stated, default 0.9. */
  upperQuantile?: number;
}

/**
 * A forecast with the fields of DecisionForecast, so a page can show either. When `medianOpen` / `upperOpen` is
 * true the remaining days are a lower bound ("more than N days") and the date is null: the cases seen so far do
 * not tell when, and no date is made up. sampleSize is the cases in the window; conditionalSampleSize the cases
 * seen beyond elapsedDays (decided later, or still open and older).
 */
export interface SurvivalForecast extends DecisionForecast {
  medianOpen: boolean;
  upperOpen: boolean;
  /** Decisions at ages beyond elapsedDays: what the conditional curve rests on. */
  decisionsBeyond: number;
}

/** The observations of the window of experience as of `history.asOf`. */
export function experienceObservations(history: SurvivalHistory): (SurvivalObservation & { start: number })[] {
  const asOf = history.asOf;
  const from = asOf - (history.windowDays ?? DEFAULT_WINDOW_DAYS);
  const out: (SurvivalObservation & { start: number })[] = [];
  const add = (start: number, end: number, decided: boolean): void => {
    if (!(start < asOf) || !(end >= from)) return;
    out.push({ entry: Math.max(0, from - start), exit: end - start, decided, start });
  };
  for (const c of history.decided) {
    if (c.decision < asOf) add(c.start, c.decision, true);
    else add(c.start, asOf, false);
  }
  for (const c of history.open ?? []) add(c.start, asOf, false);
  return out;
}

/** The period product-limit curve of a window of experience. */
export function survivalCurveOf(history: SurvivalHistory): SurvivalCurve {
  return survivalCurve(experienceObservations(history));
}

/** The median and upper remaining time for a case that has waited elapsedDays, read from a built curve. */
export function forecastFromCurve(curve: SurvivalCurve, options: SurvivalForecastOptions): SurvivalForecast {
  const minSample = options.minSample ?? 20;
  const t = Math.max(0, options.elapsedDays);
  const { seen, decided } = beyond(curve, t);
  const toDate = (days: number, open: boolean): IsoDate | null =>
    open || !options.asOfDate || !isIsoDate(options.asOfDate)
      ? null
      : addCalendarDays(options.asOfDate, Math.ceil(days - 1e-9));
  if (seen === 0) {
    return {
      sampleSize: curve.observations,
      conditionalSampleSize: 0,
      decisionsBeyond: 0,
      medianRemainingDays: null,
      upperRemainingDays: null,
      medianDate: null,
      upperDate: null,
      medianOpen: false,
      upperOpen: false,
      confidence: 'none',
      widened: false,
      note: 'no_similar_cases',
    };
  }
  const median = conditionalQuantile(curve, t, 0.5);
  const upper = conditionalQuantile(curve, t, options.upperQuantile ?? 0.9);
  const small = decided < minSample;
  return {
    sampleSize: curve.observations,
    conditionalSampleSize: seen,
    decisionsBeyond: decided,
    medianRemainingDays: median.days,
    upperRemainingDays: upper.days,
    medianDate: toDate(median.days, median.open),
    upperDate: toDate(upper.days, upper.open),
    medianOpen: median.open,
    upperOpen: upper.open,
    confidence: small ? 'low' : 'normal',
    widened: false,
    note: small ? 'small_sample' : null,
  };
}

/** Builds the curve of the window and forecasts one case; build the curve once when forecasting many. */
export function forecastSurvival(input: SurvivalHistory & SurvivalForecastOptions): SurvivalForecast {
  return forecastFromCurve(survivalCurveOf(input), input);
}
