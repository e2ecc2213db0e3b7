import { fromDayNumber, timeZone, toDayNumber, weekdayOf } from '@sagsgang/clock';

const zone = () => timeZone('Europe/Copenhagen');
const DAY_MS = 86_400_000;

/** The instant of a local wall-clock time (minutes after midnight) on a local date, daylight saving included. */
export function instantOf(date: string, minutes: number): Date {
  const z = zone();
  const start = z.startOfDay(toDayNumber(date));
  const guess = start + minutes * 60_000;
  return new Date(guess + (z.offsetAt(start) - z.offsetAt(guess)));
}

/** Local date, ISO weekday (1 = Monday) and minutes after midnight of an instant. */
export function localPartsOf(at: Date): { date: string; weekday: number; minutes: number } {
  const z = zone();
  const ms = at.getTime();
  const day = z.dayOf(ms);
  const local = ms + z.offsetAt(ms);
  const minutes = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  return { date: fromDayNumber(day), weekday: isoWeekday(day), minutes };
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(dayNumber: number): number {
  const w = weekdayOf(dayNumber);
  return w === 0 ? 7 : w;
}

export interface WeeklyHours {
  weekday: number;
  opensMin: number;
  closesMin: number;
}

export interface DayException {
  day: string;
  /** Null: closed all day. */
  opensMin: number | null;
  closesMin: number | null;
}

/**
 * The hours of one local date: an exception for the day wins (closed, or other hours); a day the authority's
 * calendar closes (a public holiday, a closure day) is closed; otherwise the weekday's hours.
 */
export function hoursOn(
  date: string,
  week: readonly WeeklyHours[],
  exceptions: readonly DayException[],
  isClosedDay: (date: string) => boolean,
): { opensMin: number; closesMin: number }[] {
  const exception = exceptions.find((e) => e.day === date);
  if (exception)
    return exception.opensMin === null || exception.closesMin === null
      ? []
      : [{ opensMin: exception.opensMin, closesMin: exception.closesMin }];
  const weekday = isoWeekday(toDayNumber(date));
  if (isClosedDay(date) && weekday <= 5) return [];
  return week.filter((w) => w.weekday === weekday).map((w) => ({ opensMin: w.opensMin, closesMin: w.closesMin }));
}

/** Whether an instant lies inside the opening hours. */
export function isOpenAt(
  at: Date,
  week: readonly WeeklyHours[],
  exceptions: readonly DayException[],
  isClosedDay: (date: string) => boolean,
): boolean {
  const p = localPartsOf(at);
  return hoursOn(p.date, week, exceptions, isClosedDay).some((h) => p.minutes >= h.opensMin && p.minutes < h.closesMin);
}
