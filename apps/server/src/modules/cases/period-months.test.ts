import { expect, test } from 'vitest';
import fc from 'fast-check';
import { wholeMonths } from './period-months.js';

test('whole months inside a period', () => {
  expect(wholeMonths('2025-01-01', '2025-12-31')).toEqual({ first: '2025-01-01', end: '2026-01-01' });
  expect(wholeMonths('2025-01-15', '2025-12-30')).toEqual({ first: '2025-02-01', end: '2025-12-01' });
  expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual({ first: '2024-02-01', end: '2024-03-01' });
  expect(wholeMonths('2025-02-01', '2025-02-28')).toEqual({ first: '2025-02-01', end: '2025-03-01' });
  // No whole month: the range is empty (first >= end), so every day comes from the clock rows.
  expect(wholeMonths('2025-03-05', '2025-03-20')).toEqual({ first: '2025-04-01', end: '2025-03-01' });
  expect(wholeMonths('2025-12-02', '2026-01-30')).toEqual({ first: '2026-01-01', end: '2026-01-01' });
});

test('every day of a period is either in a whole month or at an edge, exactly when its whole month is inside', () => {
  const day = fc
    .integer({ min: 0, max: 3000 })
    .map((n) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10));
  fc.assert(
    fc.property(day, day, (a, b) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      const { first, end } = wholeMonths(from, to);
      for (
        let d = new Date(`${from}T00:00:00Z`);
        d.toISOString().slice(0, 10) <= to;
        d.setUTCDate(d.getUTCDate() + 1)
      ) {
        const iso = d.toISOString().slice(0, 10);
        const monthStart = `${iso.slice(0, 7)}-01`;
        const monthEnd = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
        // A day is counted from the roll-ups exactly when its whole month lies inside the period.
        expect(iso >= first && iso < end).toBe(monthStart >= from && monthEnd <= to);
      }
    }),
    { numRuns: 200 },
  );
});
