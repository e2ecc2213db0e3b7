/**
 * The product-limit (Kaplan–Meier) curve of case durations, with delayed entry (left truncation) and right
 * censoring, and the conditional quantiles of the remaining time read from it.
 *
 * Each observation is one case seen over an interval of its age, in days: from `entry` (0 for a case that started
 * inside the window of experience, its age at the window's start otherwise) to `exit` (its age at the decision, or
 * at the as-of moment when it is still open: censored). A case is at risk at age u when entry < u ≤ exit, so a case
 * still open at u counts at u, and a decision at age u counts only for cases that had entered before u. At each
 * distinct decision age the curve falls by the share of the cases at risk decided there.
 */
import { sortedNumbers } from './quantiles.js';

export interface SurvivalObservation {
  /** Age (days) at which the case came under observation; 0 for a case seen from its start. */
  entry: number;
  /** Age (days) at the decision, or at the as-of moment for a case still open. */
  exit: number;
  /** True when exit is a decision, false when the case was still open (censored). */
  decided: boolean;
}

/** A product-limit curve, built once and read by conditionalQuantile for any elapsed time. */
export interface SurvivalCurve {
  /** Observations used (exit > entry, finite). */
  readonly observations: number;
  /** Distinct ages at which a decision happened, ascending. */
  readonly times: Float64Array;
  /** Cases at risk at each of those ages, and the decisions there. */
  readonly atRisk: Float64Array;
  readonly decisions: Float64Array;
  /** Decisions at ages ≤ times[j], cumulated. */
  readonly decisionsUpTo: Float64Array;
  /**
   * Σ log(1 − d/n) over the steps up to times[j], leaving out steps where every case at risk was decided (d = n);
   * those are counted in zeroSteps instead, so the conditional curve stays exact after a fall to zero.
   */
  readonly logSurvival: Float64Array;
  readonly zeroSteps: Int32Array;
  /** Exit ages of all observations, ascending: how many cases were seen beyond an age. */
  readonly exits: Float64Array;
  /** The largest age seen (decided or open): the curve says nothing beyond it. */
  readonly horizon: number;
}

/** A conditional quantile of the remaining time: `days`, or "more than `days`" when `open`. */
export interface RemainingQuantile {
  days: number;
  /** True when the curve does not fall far enough within the ages seen: the answer is "more than days". */
  open: boolean;
}

/** Relative slack when comparing the conditional survival with 1 − q, so exact shares (5 of 10) count as reached. */
const EPS = 1e-9;

/** Builds the product-limit curve: sorts entries and exits once and sweeps them with a running risk set. */
export function survivalCurve(observations: Iterable<SurvivalObservation>): SurvivalCurve {
  const entries: number[] = [];
  const exits: number[] = [];
  const decidedAt: number[] = [];
  for (const o of observations) {
    const entry = Math.max(0, o.entry);
    if (!Number.isFinite(entry) || !Number.isFinite(o.exit) || !(o.exit > entry)) continue;
    entries.push(entry);
    exits.push(o.exit);
    if (o.decided) decidedAt.push(o.exit);
  }
  const sortedEntries = sortedNumbers(entries);
  const sortedExits = sortedNumbers(exits);
  const events = sortedNumbers(decidedAt);
  const times: number[] = [];
  const atRisk: number[] = [];
  const decisions: number[] = [];
  let entered = 0; // entries < u
  let left = 0; // exits < u
  for (let i = 0; i < events.length;) {
    const u = events[i];
    const first = i;
    while (i < events.length && events[i] === u) i++;
    const d = i - first;
    while (entered < sortedEntries.length && sortedEntries[entered] < u) entered++;
    while (left < sortedExits.length && sortedExits[left] < u) left++;
    times.push(u);
    atRisk.push(entered - left);
    decisions.push(d);
  }
  return withCumulative(times, atRisk, decisions, sortedExits);
}

function withCumulative(times: number[], atRisk: number[], decisions: number[], exits: Float64Array): SurvivalCurve {
  const k = times.length;
  const logSurvival = new Float64Array(k);
  const zeroSteps = new Int32Array(k);
  const decisionsUpTo = new Float64Array(k);
  let log = 0;
  let zeros = 0;
  let total = 0;
  for (let j = 0; j < k; j++) {
    const d = decisions[j];
    const n = atRisk[j];
    if (d >= n) zeros++;
    else log += Math.log1p(-d / n);
    total += d;
    logSurvival[j] = log;
    zeroSteps[j] = zeros;
    decisionsUpTo[j] = total;
  }
  return {
    observations: exits.length,
    times: Float64Array.from(times),
    atRisk: Float64Array.from(atRisk),
    decisions: Float64Array.from(decisions),
    decisionsUpTo,
    logSurvival,
    zeroSteps,
    exits,
    horizon: exits.length ? exits[exits.length - 1] : 0,
  };
}

/** Index of the first value > x in an ascending array (its length when none). */
export function firstAbove(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The q-quantile of the remaining time of a case that has waited `elapsed` days: the smallest r ≥ 0 with
 * S(elapsed + r) / S(elapsed) ≤ 1 − q. When the curve never falls that far within the ages seen, the answer is
 * open: "more than (horizon − elapsed) days".
 */
export function conditionalQuantile(curve: SurvivalCurve, elapsed: number, q: number): RemainingQuantile {
  const t = elapsed > 0 ? elapsed : 0; // NaN too
  if (!(q > 0)) return { days: 0, open: false };
  const target = q >= 1 ? -Infinity : Math.log1p(-q);
  const i0 = firstAbove(curve.times, t);
  const log0 = i0 > 0 ? curve.logSurvival[i0 - 1] : 0;
  const zeros0 = i0 > 0 ? curve.zeroSteps[i0 - 1] : 0;
  const reached = (j: number): boolean =>
    curve.zeroSteps[j] > zeros0 || curve.logSurvival[j] - log0 <= target + EPS * Math.max(1, -target);
  let lo = i0;
  let hi = curve.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  if (lo < curve.times.length) return { days: curve.times[lo] - t, open: false };
  return { days: Math.max(0, curve.horizon - t), open: true };
}

/** Cases seen beyond age t (exit > t), and of those the decisions at ages > t. */
export function beyond(curve: SurvivalCurve, elapsed: number): { seen: number; decided: number } {
  const t = elapsed > 0 ? elapsed : 0; // NaN too
  const seen = curve.observations - firstAbove(curve.exits, t);
  const i0 = firstAbove(curve.times, t);
  const total = curve.times.length ? curve.decisionsUpTo[curve.times.length - 1] : 0;
  return { seen, decided: total - (i0 > 0 ? curve.decisionsUpTo[i0 - 1] : 0) };
}
