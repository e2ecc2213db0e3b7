// The survey figures and their uncertainty. Pure: no I/O, no framework.
import { wilsonFromCounts, Z95 } from '../../platform/statistics/proportion-intervals.js';

export interface Interval {
  low: number;
  high: number;
}

/**
 * The Wilson score interval for a share of `successes` out of `n` (95% unless `z` says otherwise). Unlike the plain
 * normal (Wald) interval it stays inside [0, 1] and keeps close to its stated coverage for small samples and shares
 * near 0 or 1.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval {
  if (n <= 0) throw new RangeError('a share needs at least one answer');
  if (successes < 0 || successes > n) throw new RangeError('successes must lie between 0 and n');
  const { lower, upper } = wilsonFromCounts(successes, n, z);
  // At 0 or n the bounds are exactly 0 or 1; rounding would leave 1e-17 either side.
  return { low: successes === 0 ? 0 : lower, high: successes === n ? 1 : upper };
}

// Two-sided 95% quantiles of Student's t for 1–30 degrees of freedom; beyond 30 the normal's is close enough.
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The 95% quantile of Student's t with `df` degrees of freedom (tabled to 30, then 1.96 in the limit). */
export function t95(df: number): number {
  if (df < 1) throw new RangeError('needs at least one degree of freedom');
  if (df <= 30) return T95[df - 1]!;
  // A smooth step from t(30) towards the normal quantile: within 0.003 of the true value from 31 on.
  return Z95 + (T95[29]! - Z95) * (30 / df);
}

/** The mean of scale answers with its 95% t interval (null interval for a single answer). */
export function meanWithInterval(values: readonly number[]): { mean: number; interval: Interval | null } {
  const n = values.length;
  if (n === 0) throw new RangeError('a mean needs at least one answer');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, interval: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = t95(n - 1) * Math.sqrt(variance / n);
  return { mean, interval: { low: mean - half, high: mean + half } };
}

/** A scale answer counts as satisfied at 4 or 5. */
export const SATISFIED_FROM = 4;
