/**
 * percentile_cont over a histogram of whole days: the same answer as PostgreSQL's
 * `percentile_cont(p) WITHIN GROUP (ORDER BY days)` over the individual cases, without sorting a million rows.
 */
export interface Bin {
  value: number;
  count: number;
}

/** The value at 0-based rank `index` of the sorted values the bins stand for (bins sorted by value). */
function valueAt(bins: readonly Bin[], index: number): number {
  let seen = 0;
  for (const b of bins) {
    seen += b.count;
    if (index < seen) return b.value;
  }
  return bins[bins.length - 1].value;
}

/** Continuous percentile (linear interpolation between ranks), p in [0, 1]; null when there are no values. */
export function percentileFromHistogram(bins: readonly Bin[], p: number): number | null {
  const sorted = bins.filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((sum, b) => sum + b.count, 0);
  if (n === 0) return null;
  const rank = p * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = valueAt(sorted, lo);
  return a + (rank - lo) * (valueAt(sorted, hi) - a);
}
