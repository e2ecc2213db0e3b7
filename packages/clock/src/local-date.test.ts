import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  addCalendarMonths,
  addCalendarWeeks,
  calendarDaysBetween,
  civilFromDay,
  dayFromCivil,
  fromDayNumber,
  isIsoDate,
  toDayNumber,
  weekdayOf,
} from './local-date.js';

describe('local dates', () => {
  test('day numbers agree with Date.UTC', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2026-04-02')).toBe(Date.UTC(2026, 3, 2) / 86_400_000);
    expect(fromDayNumber(toDayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(weekdayOf(toDayNumber('2026-04-06'))).toBe(1); // Easter Monday 2026 is a Monday
  });

  test('round trip holds for every day from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayFromCivil(1900, 1, 1), max: dayFromCivil(2200, 12, 31) }), (d) => {
        const [y, m, day] = civilFromDay(d);
        expect(dayFromCivil(y, m, day)).toBe(d);
        expect(toDayNumber(fromDayNumber(d))).toBe(d);
        expect(fromDayNumber(d)).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  test('rejects impossible dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
    expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
  });

  test('calendar days and weeks', () => {
    expect(addCalendarDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addCalendarWeeks('2026-03-20', 2)).toBe('2026-04-03');
    expect(calendarDaysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  test('months clamp to the end of the month', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addCalendarMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addCalendarMonths('2026-05-31', 1)).toBe('2026-06-30');
  });

  test('adding months never overshoots the target month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayFromCivil(2000, 1, 1), max: dayFromCivil(2100, 1, 1) }),
        fc.integer({ min: -36, max: 36 }),
        (d, n) => {
          const [y, m] = civilFromDay(d);
          const [y2, m2] = civilFromDay(toDayNumber(addCalendarMonths(fromDayNumber(d), n)));
          expect(y2 * 12 + m2 - (y * 12 + m)).toBe(n);
        },
      ),
    );
  });
});
