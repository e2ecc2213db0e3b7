/**
 * Local calendar dates ('YYYY-MM-DD', no time zone) and their arithmetic.
 *
 * Internally a date is a day number: whole days since 1970-01-01 in the proleptic Gregorian calendar. Day numbers
 * make "days between" a subtraction and keep the hot path free of Date objects and string parsing.
 */

/** An ISO local date, 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of a civil date; month is 1-12. Works for any proleptic Gregorian date. */
export function dayFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: exact integer arithmetic, no Date allocation.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date [year, month 1-12, day 1-31] of a day number. */
export function civilFromDay(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when the string is a real calendar date in 'YYYY-MM-DD' form (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** Day number of an ISO date; throws RangeError on a malformed date (validate at the edge with isIsoDate). */
export function toDayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${date}`);
  return dayFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** ISO date of a day number. */
export function fromDayNumber(dayNumber: number): IsoDate {
  const [y, m, d] = civilFromDay(dayNumber);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Day of week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Adds whole months with the end-of-month clamp, on day numbers. */
export function addMonthsToDay(dayNumber: number, months: number): number {
  const [y, m, d] = civilFromDay(dayNumber);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return dayFromCivil(year, month, Math.min(d, daysInMonth(year, month)));
}

/** date + n calendar days (n may be negative). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + Math.trunc(days));
}

/** date + n weeks (7 calendar days each). */
export function addCalendarWeeks(date: IsoDate, weeks: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + 7 * Math.trunc(weeks));
}

/**
 * date + n calendar months. Rule: same day-of-month in the target month, clamped to that month's last day when it
 * is shorter (31 January + 1 month = 28 February, or 29 February in a leap year; 31 March - 1 month = 28/29
 * February). The clamp is not undone by later additions: (31 Jan + 1 month) + 1 month = 28 March, whereas
 * 31 Jan + 2 months = 31 March — so always add the whole month count from the original date.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  return fromDayNumber(addMonthsToDay(toDayNumber(date), Math.trunc(months)));
}

/** Calendar days from a to b (b - a; negative when b is earlier). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}
