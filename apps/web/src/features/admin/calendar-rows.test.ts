import { describe, expect, test } from 'vitest';
import { calendarRows, yearFromSearch } from './calendar-rows.js';

const year = {
  holidays: [
    { day: '2027-01-01', name: 'Nytårsdag', nameEn: "New Year's Day" },
    { day: '2027-12-25', name: 'Juledag', nameEn: 'Christmas Day' },
  ],
  closures: [{ day: '2027-05-07', reason: 'Flytning', createdAt: '2026-11-30T12:00:00.000Z', createdBy: null }],
};

describe('calendar rows', () => {
  test('holidays and closure days in one list by date, names in the reader’s language', () => {
    expect(calendarRows(year, 'da')).toEqual([
      { day: '2027-01-01', kind: 'holiday', text: 'Nytårsdag' },
      { day: '2027-05-07', kind: 'closure', text: 'Flytning' },
      { day: '2027-12-25', kind: 'holiday', text: 'Juledag' },
    ]);
    expect(calendarRows(year, 'en').map((r) => r.text)).toEqual(["New Year's Day", 'Flytning', 'Christmas Day']);
  });

  test('the year comes from the address bar when sensible', () => {
    const today = new Date(2026, 10, 30);
    expect(yearFromSearch('?year=2028', today)).toBe(2028);
    expect(yearFromSearch('', today)).toBe(2026);
    expect(yearFromSearch('?year=abc', today)).toBe(2026);
    expect(yearFromSearch('?year=99999', today)).toBe(2026);
  });
});
