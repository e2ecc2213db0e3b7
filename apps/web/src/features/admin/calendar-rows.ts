import type { TCalendarYear } from '@sagsgang/contracts';

export interface CalendarRow {
  day: string;
  kind: 'holiday' | 'closure';
  /** The holiday's name in the reader's language, or the reason the authority gave for closing. */
  text: string;
}

/** Public holidays and closure days of a year as one list by date (a day is never both: the server refuses that). */
export function calendarRows(calendar: Pick<TCalendarYear, 'holidays' | 'closures'>, locale: string): CalendarRow[] {
  const rows: CalendarRow[] = [
    ...calendar.holidays.map((h) => ({
      day: h.day,
      kind: 'holiday' as const,
      text: locale === 'da' ? h.name : h.nameEn,
    })),
    ...calendar.closures.map((c) => ({ day: c.day, kind: 'closure' as const, text: c.reason })),
  ];
  return rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.kind.localeCompare(b.kind)));
}

/** The year to show: from the address bar when it is a sensible year, else this year. */
export function yearFromSearch(search: string, today = new Date()): number {
  const value = Number(new URLSearchParams(search).get('year'));
  return Number.isInteger(value) && value >= 1900 && value <= 2200 ? value : today.getFullYear();
}
