import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { endOfLocalDay, localDateOf, startOfLocalDay, timeZone } from './time-zone.js';
import { toDayNumber } from './local-date.js';

const cph = timeZone('Europe/Copenhagen');

describe('Europe/Copenhagen', () => {
  test('offsets in winter and summer, switching at 01:00 UTC on the last Sundays of March and October', () => {
    expect(cph.offsetAt(Date.parse('2026-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(cph.offsetAt(Date.parse('2026-07-15T12:00:00Z'))).toBe(7_200_000);
    expect(cph.offsetAt(Date.parse('2026-03-29T00:59:59.999Z'))).toBe(3_600_000);
    expect(cph.offsetAt(Date.parse('2026-03-29T01:00:00Z'))).toBe(7_200_000);
    expect(cph.offsetAt(Date.parse('2026-10-25T00:59:59.999Z'))).toBe(7_200_000);
    expect(cph.offsetAt(Date.parse('2026-10-25T01:00:00Z'))).toBe(3_600_000);
  });

  test('local dates of instants near midnight', () => {
    expect(localDateOf(Date.parse('2026-03-28T23:30:00Z'))).toBe('2026-03-29'); // 00:30 CET
    expect(localDateOf(Date.parse('2026-06-30T22:00:00Z'))).toBe('2026-07-01'); // 00:00 CEST
    expect(localDateOf(Date.parse('2026-06-30T21:59:59.999Z'))).toBe('2026-06-30');
    expect(localDateOf(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  test('the DST days are 23 and 25 hours long', () => {
    const hours = (d: string): number => (endOfLocalDay(d) + 1 - startOfLocalDay(d)) / 3_600_000;
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-06-01')).toBe(24);
    expect(startOfLocalDay('2026-03-29')).toBe(Date.parse('2026-03-28T23:00:00Z'));
    expect(endOfLocalDay('2026-03-29')).toBe(Date.parse('2026-03-29T21:59:59.999Z'));
    expect(endOfLocalDay('2026-10-25')).toBe(Date.parse('2026-10-25T22:59:59.999Z'));
  });

  test('agrees with Intl for random instants, and days start where the previous one ends', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Copenhagen',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const date = localDateOf(ms);
        expect(date).toBe(fmt.format(ms));
        const day = toDayNumber(date);
        expect(cph.startOfDay(day)).toBeLessThanOrEqual(ms);
        expect(cph.endOfDay(day)).toBeGreaterThanOrEqual(ms);
        expect(cph.dayOf(cph.startOfDay(day) - 1)).toBe(day - 1);
      }),
    );
  });

  test('other zones work too', () => {
    expect(localDateOf(Date.parse('2026-03-08T06:59:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDateOf(Date.parse('2026-03-08T04:59:00Z'), 'America/New_York')).toBe('2026-03-07');
    expect(() => timeZone('Nowhere/Atlantis')).toThrow(RangeError);
  });
});
