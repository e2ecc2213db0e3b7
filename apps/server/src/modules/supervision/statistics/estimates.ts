/**
 * Error-rate estimates from a reviewed sample: simple (one stratum) or stratified, with the finite-population
 * correction, and the comparison of two rounds. Pure: no I/O.
 */
import { normalCdf, wilsonInterval, Z95, type Interval } from '../../../platform/statistics/proportion-intervals.js';

export interface StratumResult {
  /** Cases in the stratum's population (N_h). */
  populationSize: number;
  /** Cases reviewed that the criterion applied to (n_h). */
  reviewed: number;
  /** Of those, how many failed it (x_h). */
  errors: number;
}

export interface Estimate extends Interval {
  /** The standard error of the estimate, with the finite-population correction. */
  standardError: number;
  /** Cases reviewed in all, and errors found. */
  reviewed: number;
  errors: number;
  /** The sample size a simple random sample would need for the same precision (the interval is Wilson's on it). */
  effectiveSize: number;
}

/**
 * The stratum-weighted error rate p = Σ W_h p_h (W_h = N_h / N) with its variance
 * V = Σ W_h² (1 − n_h/N_h) p_h(1 − p_h)/(n_h − 1), and a 95% interval: Wilson's on the effective sample size
 * p(1 − p)/V (Korn and Graubard's approach), so the interval stays inside [0, 1] and behaves at rates near 0.
 * A simple random sample is the case of one stratum. Strata where nothing was reviewed are left out (their weight
 * with them); null when nothing at all was reviewed.
 */
export function stratifiedEstimate(strata: readonly StratumResult[], z = Z95): Estimate | null {
  for (const h of strata) {
    if (h.errors < 0 || h.errors > h.reviewed || h.reviewed > h.populationSize)
      throw new RangeError('stratum counts out of range');
  }
  const used = strata.filter((h) => h.reviewed > 0);
  const N = used.reduce((s, h) => s + h.populationSize, 0);
  const reviewed = used.reduce((s, h) => s + h.reviewed, 0);
  const errors = used.reduce((s, h) => s + h.errors, 0);
  if (reviewed === 0) return null;
  let estimate = 0;
  let variance = 0;
  for (const h of used) {
    const w = h.populationSize / N;
    const p = h.errors / h.reviewed;
    estimate += w * p;
    const fpc = 1 - h.reviewed / h.populationSize;
    // One reviewed case says nothing of spread: count it as the binomial variance (no n − 1 correction).
    const spread = h.reviewed > 1 ? (p * (1 - p)) / (h.reviewed - 1) : p * (1 - p);
    variance += w * w * fpc * spread;
  }
  const census = used.every((h) => h.reviewed === h.populationSize);
  const effectiveSize = census
    ? Number.POSITIVE_INFINITY
    : variance > 0 && estimate > 0 && estimate < 1
      ? Math.max(1, (estimate * (1 - estimate)) / variance)
      : effectiveSizeWithoutSpread(used);
  const interval = wilsonInterval(Math.min(1, Math.max(0, estimate)), effectiveSize, z);
  return { ...interval, standardError: Math.sqrt(variance), reviewed, errors, effectiveSize };
}

/** When every stratum found all or nothing, the design effect of the allocation with the FPC stands in. */
function effectiveSizeWithoutSpread(used: readonly StratumResult[]): number {
  const N = used.reduce((s, h) => s + h.populationSize, 0);
  // Var of a stratified mean for a common p, divided by p(1 − p): Σ W_h² (1 − f_h)/n_h.
  const unit = used.reduce((s, h) => {
    const w = h.populationSize / N;
    return s + (w * w * (1 - h.reviewed / h.populationSize)) / h.reviewed;
  }, 0);
  return unit > 0 ? 1 / unit : Number.POSITIVE_INFINITY;
}

/** x errors in n reviewed cases drawn at random from a population of N (N omitted: no correction). */
export function simpleEstimate(x: number, n: number, populationSize?: number, z = Z95): Estimate | null {
  return stratifiedEstimate([{ populationSize: populationSize ?? Number.MAX_SAFE_INTEGER, reviewed: n, errors: x }], z);
}

export interface Comparison {
  /** Later minus earlier. */
  difference: number;
  z: number;
  /** Two-sided p-value of "no change". */
  pValue: number;
  /** True when the change is more than chance at the 5% level. */
  significant: boolean;
}

/** The two-proportion z-test with pooled rate: x1 of n1 against x2 of n2 (two simple samples). */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): Comparison {
  if (!(n1 > 0 && n2 > 0)) throw new RangeError('both samples must hold reviewed cases');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return comparison(p2 - p1, se);
}

/** Two independent estimates (e.g. stratified rounds): z = (p2 − p1) / √(SE1² + SE2²). */
export function compareEstimates(
  earlier: Pick<Estimate, 'estimate' | 'standardError'>,
  later: Pick<Estimate, 'estimate' | 'standardError'>,
): Comparison {
  const se = Math.sqrt(earlier.standardError ** 2 + later.standardError ** 2);
  return comparison(later.estimate - earlier.estimate, se);
}

function comparison(difference: number, se: number): Comparison {
  if (se === 0) {
    const z = difference === 0 ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY;
    return { difference, z, pValue: difference === 0 ? 1 : 0, significant: difference !== 0 };
  }
  const z = difference / se;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { difference, z, pValue, significant: pValue < 0.05 };
}
