/**
 * An authority's business calendar: which local dates are working days.
 *
 * Closed: Saturdays and Sundays, the country's holidays of type 'public' in date-holidays, the observances the
 * authority chooses to close on, and the authority's own closure days. Each year's closed days and a running count
 * of working days are built once and cached, so the day arithmetic is a table lookup and a binary search.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { dayFromCivil, fromDayNumber, isIsoDate, toDayNumber, weekdayOf, type IsoDate } from './local-date.js';
import { timeZone, type TimeZone } from './time-zone.js';

/** The observances most Danish authorities close on: Grundlovsdag (5 June) and Christmas Eve (24 December). */
export const DK_CUSTOMARY_CLOSED_OBSERVANCES: readonly string[] = ['06-05', '12-24'];

export interface CalendarOptions {
  /** ISO 3166 country code for date-holidays; default 'DK'. */
  country?: string;
  /** IANA time zone that instants are read in; default 'Europe/Copenhagen'. */
  timeZone?: string;
  /** The authority's own closure days (ISO dates), e.g. '2026-12-31'. Malformed entries are ignored. */
  extraClosedDays?: readonly IsoDate[];
  /**
   * Observance days (not public holidays) on which the authority is closed. `true` means the customary Danish pair
   * DK_CUSTOMARY_CLOSED_OBSERVANCES (Grundlovsdag, Christmas Eve); an array lists the observances by 'MM-DD' of
   * their date (e.g. ['12-24'] or ['05-01']). Default false: only public holidays close.
   */
  closeObservances?: boolean | readonly string[];
  /** Weekdays that are closed, 0 = Sunday … 6 = Saturday; default [0, 6]. */
  weekendDays?: readonly number[];
}

interface YearTable {
  start: number; // day number of 1 January
  closed: Uint8Array; // 1 = closed, by day of year
  /** cum[i] = working days among the first i days of the year; cum[length] = the year's total. */
  cum: Int32Array;
}

const holidayCache = new Map<string, { date: IsoDate; type: string; name: string }[]>();
const engines = new Map<string, Holidays>();
// date-holidays reads the data of every country when loaded (≈0.4 s): load it when a calendar first needs a
// holiday, so users of the package that never do (the backtest command) start without that wait.
const requireHere = createRequire(import.meta.url);
let holidaysClass: typeof Holidays | undefined;

function holidaysOf(country: string, year: number, language?: string): { date: IsoDate; type: string; name: string }[] {
  const key = `${country}:${year}:${language ?? ''}`;
  let list = holidayCache.get(key);
  if (!list) {
    let engine = engines.get(country);
    if (!engine) {
      holidaysClass ??= requireHere('date-holidays') as typeof Holidays;
      engine = new holidaysClass(country);
      engines.set(country, engine);
    }
    list = engine.getHolidays(year, language).map((h) => ({ date: h.date.slice(0, 10), type: h.type, name: h.name }));
    holidayCache.set(key, list);
  }
  return list;
}

export class BusinessCalendar {
  readonly country: string;
  readonly zone: TimeZone;
  private readonly extraClosed: Set<number>;
  private readonly closedObservances: Set<string>;
  private readonly weekend: Set<number>;
  private readonly years = new Map<number, YearTable>();

  constructor(options: CalendarOptions = {}) {
    this.country = options.country ?? 'DK';
    this.zone = timeZone(options.timeZone ?? 'Europe/Copenhagen');
    this.extraClosed = new Set((options.extraClosedDays ?? []).filter(isIsoDate).map(toDayNumber));
    const obs = options.closeObservances;
    this.closedObservances = new Set(obs === true ? DK_CUSTOMARY_CLOSED_OBSERVANCES : obs ? obs : []);
    this.weekend = new Set(options.weekendDays ?? [0, 6]);
    // A week without a working day would make the working-day arithmetic search forever.
    if ([0, 1, 2, 3, 4, 5, 6].every((d) => this.weekend.has(d))) throw new RangeError('Every weekday is closed');
  }

  /**
   * Holidays that close the authority in a year (public ones plus the chosen observances), sorted by date; names in
   * `language` where date-holidays has it, else in the country's own language.
   */
  closingHolidays(year: number, language?: string): { date: IsoDate; name: string; type: string }[] {
    return holidaysOf(this.country, year, language).filter(
      (h) => h.type === 'public' || (h.type === 'observance' && this.closedObservances.has(h.date.slice(5))),
    );
  }

  private table(year: number): YearTable {
    let t = this.years.get(year);
    if (t) return t;
    const start = dayFromCivil(year, 1, 1);
    const length = dayFromCivil(year + 1, 1, 1) - start;
    const closed = new Uint8Array(length);
    for (let i = 0; i < length; i++) closed[i] = this.weekend.has(weekdayOf(start + i)) ? 1 : 0;
    for (const h of this.closingHolidays(year)) closed[toDayNumber(h.date) - start] = 1;
    for (const d of this.extraClosed) if (d >= start && d < start + length) closed[d - start] = 1;
    const cum = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) cum[i + 1] = cum[i] + (closed[i] ? 0 : 1);
    t = { start, closed, cum };
    this.years.set(year, t);
    return t;
  }

  private tableOfDay(dayNumber: number): YearTable {
    // Estimate the year, then correct by one if the estimate straddles a new year.
    let year = Math.floor(dayNumber / 365.2425) + 1970;
    if (dayNumber < dayFromCivil(year, 1, 1)) year--;
    else if (dayNumber >= dayFromCivil(year + 1, 1, 1)) year++;
    return this.table(year);
  }

  /** Whether a day number is a working day. */
  isWorkingDayNumber(dayNumber: number): boolean {
    const t = this.tableOfDay(dayNumber);
    return t.closed[dayNumber - t.start] === 0;
  }

  /** Working days d with from < d <= to (negative of the reverse count when to < from). */
  workingDaysBetweenNumbers(from: number, to: number): number {
    if (to < from) return 0 - this.workingDaysBetweenNumbers(to, from); // 0 - x, not -x: no -0 when x is 0
    let count = 0;
    let a = from; // count working days in (a, to], a year table at a time
    while (a < to) {
      const t = this.tableOfDay(a + 1);
      const yearEnd = t.start + t.closed.length - 1;
      const b = Math.min(to, yearEnd);
      count += t.cum[b - t.start + 1] - t.cum[a + 1 - t.start];
      a = b;
    }
    return count;
  }

  /**
   * The n-th working day after a day number (n >= 1), before it (n <= -1), or for n = 0 the day itself when it is a
   * working day and otherwise the next working day. The start day itself is never counted.
   */
  addWorkingDaysToNumber(dayNumber: number, n: number): number {
    n = Math.trunc(n);
    if (n === 0) return this.isWorkingDayNumber(dayNumber) ? dayNumber : this.addWorkingDaysToNumber(dayNumber, 1);
    return n > 0 ? this.forward(dayNumber, n) : this.backward(dayNumber, -n);
  }

  private forward(dayNumber: number, n: number): number {
    let t = this.tableOfDay(dayNumber);
    let target = t.cum[dayNumber - t.start + 1] + n; // running count we must reach, within table t
    while (target > t.cum[t.closed.length]) {
      target -= t.cum[t.closed.length];
      t = this.tableOfDay(t.start + t.closed.length);
    }
    return t.start + firstIndexReaching(t.cum, target) - 1;
  }

  private backward(dayNumber: number, n: number): number {
    let t = this.tableOfDay(dayNumber);
    let target = t.cum[dayNumber - t.start] - n + 1; // the day we want has cum[index + 1] === target, working
    while (target < 1) {
      t = this.tableOfDay(t.start - 1);
      target += t.cum[t.closed.length];
    }
    return t.start + firstIndexReaching(t.cum, target) - 1;
  }

  /** Whether an ISO date is a working day. */
  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  /** See addWorkingDaysToNumber: the n-th working day after (or before, n < 0) a date. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    return fromDayNumber(this.addWorkingDaysToNumber(toDayNumber(date), n));
  }

  /** Working days d with from < d <= to; negative when to is before from. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    return this.workingDaysBetweenNumbers(toDayNumber(from), toDayNumber(to));
  }

  /** The next working day on or after a day number. */
  rollForward(dayNumber: number): number {
    return this.addWorkingDaysToNumber(dayNumber, 0);
  }
}

/** Smallest i with cum[i] >= target (cum ascending); the day at index i - 1 is then a working day. */
function firstIndexReaching(cum: Int32Array, target: number): number {
  let lo = 1;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A business calendar; defaults to Denmark, Europe/Copenhagen, weekends closed, public holidays only. */
export function createBusinessCalendar(options: CalendarOptions = {}): BusinessCalendar {
  return new BusinessCalendar(options);
}

/** Whether a date is a working day in a calendar. */
export function isWorkingDay(calendar: BusinessCalendar, date: IsoDate): boolean {
  return calendar.isWorkingDay(date);
}

/** The n-th working day after (n < 0: before) a date; n = 0 rolls a closed day forward. */
export function addWorkingDays(calendar: BusinessCalendar, date: IsoDate, n: number): IsoDate {
  return calendar.addWorkingDays(date, n);
}

/** Working days d with from < d <= to (negative when to < from). */
export function workingDaysBetween(calendar: BusinessCalendar, from: IsoDate, to: IsoDate): number {
  return calendar.workingDaysBetween(from, to);
}
