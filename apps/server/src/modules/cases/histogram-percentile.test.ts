import { expect, test } from 'vitest';
import fc from 'fast-check';
import { percentileFromHistogram } from './histogram-percentile.js';

/** percentile_cont as PostgreSQL defines it, over the expanded values. */
function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const rank = p * (v.length - 1);
  const lo = Math.floor(rank);
  return v[lo] + (rank - lo) * (v[Math.ceil(rank)] - v[lo]);
}

test('known answers', () => {
  expect(percentileFromHistogram([], 0.5)).toBeNull();
  expect(percentileFromHistogram([{ value: 10, count: 1 }], 0.9)).toBe(10);
  expect(
    percentileFromHistogram(
      [
        { value: 1, count: 1 },
        { value: 3, count: 1 },
      ],
      0.5,
    ),
  ).toBe(2);
  expect(
    percentileFromHistogram(
      [
        { value: 5, count: 3 },
        { value: 1, count: 1 },
      ],
      0.5,
    ),
  ).toBe(5);
});

test('equals percentile_cont over the expanded values', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ value: fc.integer({ min: 0, max: 400 }), count: fc.integer({ min: 0, max: 20 }) }), {
        maxLength: 30,
      }),
      fc.constantFrom(0, 0.25, 0.5, 0.75, 0.9, 1),
      (bins, p) => {
        const merged = new Map<number, number>();
        for (const b of bins) merged.set(b.value, (merged.get(b.value) ?? 0) + b.count);
        const values = [...merged].flatMap(([v, c]) => Array<number>(c).fill(v));
        const got = percentileFromHistogram(
          [...merged].map(([value, count]) => ({ value, count })),
          p,
        );
        const want = percentileCont(values, p);
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, 9);
      },
    ),
  );
});
