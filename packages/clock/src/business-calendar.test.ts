import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { addWorkingDays, createBusinessCalendar, isWorkingDay, workingDaysBetween } from './business-calendar.js';
import { dayFromCivil, fromDayNumber } from './local-date.js';

const dk = createBusinessCalendar();
const dkClosedObservances = createBusinessCalendar({ closeObservances: true });

describe('Danish business calendar', () => {
  test('public holidays 2026 are the ten listed in STACK.md', () => {
    expect(dk.closingHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
    for (const d of [
      '2026-01-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-06',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
    ]) {
      expect(isWorkingDay(dk, d)).toBe(false);
    }
  });

  test("holiday names come in the country's language, or in the one asked for", () => {
    expect(dkClosedObservances.closingHolidays(2027).find((h) => h.date === '2027-12-25')?.name).toBe('Juledag');
    const english = dkClosedObservances.closingHolidays(2027, 'en');
    expect(english.find((h) => h.date === '2027-12-25')?.name).toBe('Christmas Day');
    expect(english.find((h) => h.date === '2027-06-05')?.name).toBe('Constitution Day');
    expect(english.map((h) => h.date)).toEqual(dkClosedObservances.closingHolidays(2027).map((h) => h.date));
  });

  test('Grundlovsdag and Christmas Eve are open unless the authority closes on observances', () => {
    expect(dk.isWorkingDay('2026-06-05')).toBe(true);
    expect(dk.isWorkingDay('2026-12-24')).toBe(true);
    expect(dkClosedObservances.isWorkingDay('2026-06-05')).toBe(false);
    expect(dkClosedObservances.isWorkingDay('2026-12-24')).toBe(false);
    expect(dkClosedObservances.isWorkingDay('2026-05-01')).toBe(true); // 1 May is not in the customary pair
    const mayDay = createBusinessCalendar({ closeObservances: ['05-01'] });
    expect(mayDay.isWorkingDay('2026-05-01')).toBe(false);
    expect(mayDay.isWorkingDay('2026-12-24')).toBe(true);
  });

  test('weekends and extra closure days', () => {
    expect(dk.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(dk.isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(dk.isWorkingDay('2026-03-09')).toBe(true);
    const own = createBusinessCalendar({ extraClosedDays: ['2026-12-31', 'not-a-date'] });
    expect(own.isWorkingDay('2026-12-31')).toBe(false);
    expect(dk.isWorkingDay('2026-12-31')).toBe(true);
  });

  test('10 working days across Easter 2026', () => {
    // Tue 31 Mar: working days after it are 1 Apr, then 7-10 Apr, 13-17 Apr → the 10th is Fri 17 Apr.
    expect(addWorkingDays(dk, '2026-03-31', 10)).toBe('2026-04-17');
    expect(workingDaysBetween(dk, '2026-03-31', '2026-04-17')).toBe(10);
    expect(addWorkingDays(dk, '2026-04-17', -10)).toBe('2026-03-31');
    expect(addWorkingDays(dk, '2026-04-01', 1)).toBe('2026-04-07');
  });

  test('10 working days across Christmas, with and without the observances', () => {
    // Mon 21 Dec 2026: 22, 23, (24), 28, 29, 30, 31 Dec, 4, 5, 6, 7 Jan 2027 (1 Jan is a Friday holiday).
    expect(addWorkingDays(dk, '2026-12-21', 10)).toBe('2027-01-06');
    expect(addWorkingDays(dkClosedObservances, '2026-12-21', 10)).toBe('2027-01-07');
    expect(workingDaysBetween(dk, '2026-12-21', '2027-01-06')).toBe(10);
    expect(workingDaysBetween(dkClosedObservances, '2026-12-21', '2027-01-06')).toBe(9);
  });

  test('n = 0 rolls a closed day forward; the start day is never counted', () => {
    expect(addWorkingDays(dk, '2026-04-03', 0)).toBe('2026-04-07');
    expect(addWorkingDays(dk, '2026-04-07', 0)).toBe('2026-04-07');
    expect(addWorkingDays(dk, '2026-04-04', 1)).toBe('2026-04-07');
    expect(workingDaysBetween(dk, '2026-04-17', '2026-03-31')).toBe(-10);
    expect(workingDaysBetween(dk, '2026-04-17', '2026-04-17')).toBe(0);
  });

  test('rejects a calendar with no working weekday', () => {
    expect(() => createBusinessCalendar({ weekendDays: [0, 1, 2, 3, 4, 5, 6] })).toThrow(RangeError);
  });
});

const day = fc.integer({ min: dayFromCivil(2020, 1, 1), max: dayFromCivil(2035, 12, 31) });

describe('working-day properties', () => {
  test('adding working days always lands on a working day', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), fc.boolean(), (d, n, obs) => {
        const cal = obs ? dkClosedObservances : dk;
        expect(cal.isWorkingDay(cal.addWorkingDays(fromDayNumber(d), n))).toBe(true);
      }),
    );
  });

  test('counting undoes adding, and agrees with a day-by-day count', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 400 }), (d, n) => {
        const start = fromDayNumber(d);
        const end = dk.addWorkingDays(start, n);
        expect(dk.workingDaysBetween(start, end)).toBe(n);
        expect(dk.addWorkingDays(end, -n)).toBe(dk.isWorkingDay(start) ? start : dk.addWorkingDays(start, -1));
        let slow = 0;
        for (let x = d + 1; x <= dk.addWorkingDaysToNumber(d, n); x++) if (dk.isWorkingDayNumber(x)) slow++;
        expect(slow).toBe(n);
      }),
    );
  });

  test('between is additive over a midpoint', () => {
    fc.assert(
      fc.property(day, day, day, (a, b, c) => {
        expect(dk.workingDaysBetweenNumbers(a, c)).toBe(
          dk.workingDaysBetweenNumbers(a, b) + dk.workingDaysBetweenNumbers(b, c),
        );
      }),
    );
  });
});
