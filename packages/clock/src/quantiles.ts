/**
 * Percentiles by linear interpolation between closest ranks — the method of PostgreSQL's percentile_cont (and
 * R type 7, NumPy's default): position h = p·(n − 1) in the sorted values, interpolated between floor and ceil.
 */

/** Numbers sorted ascending in a typed array (numeric order, unlike Array#sort's default); NaNs dropped. */
export function sortedNumbers(values: readonly number[]): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (const v of values) if (v === v) out[n++] = v;
  return out.subarray(0, n).sort();
}

/** percentile_cont(p) of ascending values; null for an empty list; p is clamped to [0, 1]. */
export function percentileContSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = Math.min(1, Math.max(0, p)) * (n - 1);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** percentile_cont(p) of unsorted values; null when there are none. */
export function percentileCont(values: readonly number[], p: number): number | null {
  return percentileContSorted(sortedNumbers(values), p);
}

/**
 * 1-based rank k of the order statistic that bounds the q-quantile from above with at least `confidence`
 * (distribution-free: P(X(k) >= quantile) = P(Binomial(n, q) <= k − 1)). Returns n + 1 when even the sample
 * maximum is not a bound with that confidence.
 */
export function upperBoundRank(n: number, q: number, confidence: number): number {
  let cdf = 0;
  let term = Math.pow(1 - q, n); // P(Binomial = 0)
  for (let k = 1; k <= n; k++) {
    cdf += term; // P(Binomial <= k - 1)
    if (cdf >= confidence) return k;
    term *= ((n - k + 1) / k) * (q / (1 - q));
  }
  return n + 1;
}
