import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { calendarDaysBetween } from './local-date.js';
import { forecastFromCurve, survivalCurveOf } from './survival-forecast.js';
import { forecastFromWeeklyCurves, weekdayOfDay, weeklySurvivalCurvesOf } from './weekly-survival.js';

const epochDay = (date: string): number => calendarDaysBetween('1970-01-01', date);

describe('weekday of a day', () => {
  test('1970-01-01 was a Thursday and 2026-12-07 a Monday, fractions of a day and days before 1970 too', () => {
    expect(weekdayOfDay(0)).toBe(3);
    expect(weekdayOfDay(epochDay('2026-12-07'))).toBe(0);
    expect(weekdayOfDay(epochDay('2026-12-13') + 0.99)).toBe(6);
    expect(weekdayOfDay(-1)).toBe(2);
  });
});

/** Cases received every day for a year: those received on Mondays are decided after one day, the rest after ten. */
function weeklyBatchHistory() {
  const asOf = epochDay('2026-12-07');
  const decided: { start: number; decision: number }[] = [];
  for (let day = asOf - 360; day < asOf - 12; day++)
    for (let k = 0; k < 3; k++) decided.push({ start: day, decision: day + (weekdayOfDay(day) === 0 ? 1 : 10) });
  return { asOf, decided };
}

describe('forecast from the weekday curves', () => {
  test("a Monday case's forecast comes from the Monday cases where they are enough, else from all cases", () => {
    const history = weeklyBatchHistory();
    const curves = weeklySurvivalCurvesOf(history);
    const monday = epochDay('2026-11-30');
    const own = forecastFromWeeklyCurves(curves, { elapsedDays: 0.5, startDay: monday });
    expect(own.basis).toBe('weekday');
    expect(own.medianRemainingDays).toBeCloseTo(0.5);
    const tuesday = forecastFromWeeklyCurves(curves, { elapsedDays: 0.5, startDay: monday + 1 });
    expect(tuesday.basis).toBe('weekday');
    expect(tuesday.medianRemainingDays).toBeCloseTo(9.5);
    // 3 cases a day on ~50 Mondays: 150 decisions, under a minimum of 1000, so the curve of all cases answers.
    const pooled = forecastFromWeeklyCurves(curves, { elapsedDays: 0.5, startDay: monday, minStratum: 1000 });
    expect(pooled.basis).toBe('all');
    const { basis: _basis, ...withoutBasis } = pooled;
    expect(withoutBasis).toEqual(forecastFromCurve(survivalCurveOf(history), { elapsedDays: 0.5 }));
  });

  test('the weekday curves split the observations of the curve of all cases', () => {
    const arbitraryCase = fc
      .record({
        start: fc.double({ min: 0, max: 400, noNaN: true }),
        length: fc.double({ min: 0.01, max: 200, noNaN: true }),
      })
      .map(({ start, length }) => ({ start: 20_000 + start, decision: 20_000 + start + length }));
    fc.assert(
      fc.property(
        fc.array(arbitraryCase, { maxLength: 60 }),
        fc.integer({ min: 30, max: 400 }),
        (decided, windowDays) => {
          const history = { asOf: 20_400, decided, windowDays };
          const curves = weeklySurvivalCurvesOf(history);
          const parts = curves.byWeekday.reduce((n, c) => n + c.observations, 0);
          expect(parts).toBe(curves.all.observations);
          expect(curves.all.observations).toBe(survivalCurveOf(history).observations);
        },
      ),
    );
  });
});
