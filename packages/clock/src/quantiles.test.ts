import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { percentileCont, percentileContSorted, sortedNumbers, upperBoundRank } from './quantiles.js';

describe('percentile_cont', () => {
  test('agrees with PostgreSQL 15 percentile_cont on the same data', () => {
    // Values from: SELECT percentile_cont(ARRAY[...]) WITHIN GROUP (ORDER BY v) FROM unnest(ARRAY[...]::float8[]) v
    const a = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];
    expect([0, 0.25, 0.5, 0.75, 0.9, 0.95, 1].map((p) => percentileCont(a, p))).toEqual([1, 3, 5, 7.5, 9, 9, 9]);
    expect([0.5, 0.75, 0.9].map((p) => percentileCont([12.5, 40, 7, 91, 33, 60], p))).toEqual([36.5, 55, 75.5]);
    expect(percentileCont([42], 0.9)).toBe(42);
    expect(percentileCont([], 0.5)).toBeNull();
  });

  test('sorts numerically and drops NaN', () => {
    expect([...sortedNumbers([10, 9, 100, Number.NaN, 1])]).toEqual([1, 9, 10, 100]);
  });

  test('quantiles are monotone in p and stay within the data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p1, p2) => {
          const s = sortedNumbers(values);
          const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
          expect(percentileContSorted(s, lo)!).toBeLessThanOrEqual(percentileContSorted(s, hi)!);
          expect(percentileContSorted(s, lo)!).toBeGreaterThanOrEqual(s[0]);
          expect(percentileContSorted(s, hi)!).toBeLessThanOrEqual(s[s.length - 1]);
        },
      ),
    );
  });

  test('order-statistic bound for the 90th percentile', () => {
    // n = 10: P(Bin(10, 0.9) <= 9) = 0.651 < 0.9, so not even the maximum bounds it with 90% confidence.
    expect(upperBoundRank(10, 0.9, 0.9)).toBe(11);
    // n = 22: P(Bin <= 21) = 1 - 0.9^22 = 0.902 → the maximum (rank 22).
    expect(upperBoundRank(22, 0.9, 0.9)).toBe(22);
    expect(upperBoundRank(100, 0.9, 0.9)).toBe(95);
    expect(upperBoundRank(100, 0.5, 0.5)).toBe(51);
  });
});
