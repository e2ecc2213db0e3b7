/**
 * The survival estimate with the authority's weekly rhythm: besides the curve of all cases, one curve per weekday of
 * receipt. A case received on a Wednesday that has waited t days stands at the same point of the week as the cases
 * received on Wednesdays had stood at age t, so where work moves in weekly batches (a payment run, a weekly board)
 * their curve says when it moves next, and the curve of all cases, which mixes every point of the week, does not.
 *
 * A weekday's curve is used only where it rests on enough decisions beyond the case's age (minStratum, default
 * 100); otherwise the forecast falls back on the curve of all cases. The choice looks at sample sizes only, never at
 * how earlier forecasts fared.
 */
import { beyond, survivalCurve, type SurvivalCurve } from './survival-curve.js';
import {
  experienceObservations,
  forecastFromCurve,
  type SurvivalForecast,
  type SurvivalForecastOptions,
  type SurvivalHistory,
} from './survival-forecast.js';

/** Decisions beyond the elapsed age a weekday's curve needs before it is used; below, all cases are used. */
export const DEFAULT_MIN_STRATUM = 100;

/** Day 0 of the day scale (1970-01-01) was a Thursday. */
const THURSDAY = 3;

/** The weekday (0 = Monday … 6 = Sunday) of a moment on the day scale (epoch days, fractions allowed). */
export function weekdayOfDay(day: number): number {
  return (((Math.floor(day) + THURSDAY) % 7) + 7) % 7;
}

/** The curve of all cases, and one per weekday of receipt. */
export interface WeeklySurvivalCurves {
  all: SurvivalCurve;
  /** Indexed by weekday, 0 = Monday. */
  byWeekday: readonly SurvivalCurve[];
}

/** Builds the window's curve of all cases and its seven weekday curves (starts on the epoch-day scale). */
export function weeklySurvivalCurvesOf(history: SurvivalHistory): WeeklySurvivalCurves {
  const observations = experienceObservations(history);
  const buckets: (typeof observations)[] = Array.from({ length: 7 }, () => []);
  for (const o of observations) buckets[weekdayOfDay(o.start)].push(o);
  return { all: survivalCurve(observations), byWeekday: buckets.map((b) => survivalCurve(b)) };
}

export interface WeeklyForecastOptions extends SurvivalForecastOptions {
  /** When the case was received or started, on the same day scale as the history. */
  startDay: number;
  /** See DEFAULT_MIN_STRATUM. */
  minStratum?: number;
}

/** The forecast from the case's weekday curve where it rests on enough decisions, else from the curve of all. */
export function forecastFromWeeklyCurves(
  curves: WeeklySurvivalCurves,
  options: WeeklyForecastOptions,
): SurvivalForecast & { basis: 'weekday' | 'all' } {
  const own = curves.byWeekday[weekdayOfDay(options.startDay)];
  const enough = beyond(own, Math.max(0, options.elapsedDays)).decided >= (options.minStratum ?? DEFAULT_MIN_STRATUM);
  return enough
    ? { ...forecastFromCurve(own, options), basis: 'weekday' }
    : { ...forecastFromCurve(curves.all, options), basis: 'all' };
}
