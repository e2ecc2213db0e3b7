/** Sample design: the size from a wanted margin of error, and the allocation of a sample over strata. Pure. */
import { Z95 } from '../../../platform/statistics/proportion-intervals.js';

export interface SampleSizeInput {
  /** The wanted half-width of the 95% interval, e.g. 0.05 for ±5 points. */
  margin: number;
  /** The population's size; the finite-population correction shrinks the sample when it is small. */
  populationSize: number;
  /** The error rate expected; 0.5 (the default) is the worst case and always enough. */
  expectedRate?: number;
}

/** Cases to review for a 95% interval no wider than ±margin: n₀ = z²p(1−p)/e², then n = n₀ / (1 + (n₀ − 1)/N). */
export function sampleSizeForMargin(input: SampleSizeInput): number {
  const p = input.expectedRate ?? 0.5;
  const { margin, populationSize: N } = input;
  if (!(margin > 0 && margin < 1)) throw new RangeError('margin must lie between 0 and 1');
  if (!(p > 0 && p < 1)) throw new RangeError('expectedRate must lie between 0 and 1');
  if (!Number.isInteger(N) || N < 1) throw new RangeError('populationSize must be a positive whole number');
  const n0 = (Z95 * Z95 * p * (1 - p)) / (margin * margin);
  return Math.min(N, Math.ceil(n0 / (1 + (n0 - 1) / N)));
}

export type Allocation = 'proportional' | 'equal';

export interface Stratum {
  key: string;
  size: number;
}

/**
 * How many of `n` cases to draw in each stratum: in proportion to its size (largest remainders) or the same in
 * each; never more than a stratum holds, and at least two where a stratum has two (a stratum's variance needs two),
 * when n allows it. The result sums to n.
 */
export function allocateSample(strata: readonly Stratum[], n: number, allocation: Allocation): Map<string, number> {
  const total = strata.reduce((s, h) => s + h.size, 0);
  if (!Number.isInteger(n) || n < 1) throw new RangeError('sample size must be a positive whole number');
  if (n > total) throw new RangeError(`sample size ${n} exceeds the population of ${total}`);
  const result = new Map(strata.map((h) => [h.key, 0]));
  const cap = new Map(strata.map((h) => [h.key, h.size]));
  const floor = new Map(strata.map((h) => [h.key, Math.min(2, h.size)]));
  const minimumTotal = [...floor.values()].reduce((a, b) => a + b, 0);
  const useFloor = n >= minimumTotal;
  const weights = new Map(strata.map((h) => [h.key, allocation === 'equal' ? (h.size > 0 ? 1 : 0) : h.size]));
  let left = n;
  if (useFloor) {
    for (const h of strata) {
      result.set(h.key, floor.get(h.key)!);
      left -= floor.get(h.key)!;
    }
  }
  // Share out what is left in rounds by weight (capped strata drop out), rounding by largest remainder.
  while (left > 0) {
    const open = strata.filter((h) => result.get(h.key)! < cap.get(h.key)! && weights.get(h.key)! > 0);
    const weightSum = open.reduce((s, h) => s + weights.get(h.key)!, 0);
    const targets = open.map((h) => {
      const ideal = allocation === 'equal' ? n / open.length : (n * h.size) / total;
      const wanted = Math.max(0, ideal - result.get(h.key)!);
      return { h, wanted };
    });
    const wantedSum = targets.reduce((s, t) => s + t.wanted, 0);
    const shares = targets.map(({ h, wanted }) => {
      const raw = wantedSum > 0 ? (left * wanted) / wantedSum : (left * weights.get(h.key)!) / weightSum;
      const room = cap.get(h.key)! - result.get(h.key)!;
      return { h, whole: Math.min(room, Math.floor(raw)), rest: raw - Math.floor(raw), room };
    });
    let given = 0;
    for (const s of shares) {
      result.set(s.h.key, result.get(s.h.key)! + s.whole);
      given += s.whole;
    }
    left -= given;
    const byRest = shares.filter((s) => result.get(s.h.key)! < cap.get(s.h.key)!).sort((a, b) => b.rest - a.rest);
    for (const s of byRest) {
      if (left === 0 || (given > 0 && s.rest === 0)) break;
      result.set(s.h.key, result.get(s.h.key)! + 1);
      left -= 1;
    }
  }
  return result;
}
