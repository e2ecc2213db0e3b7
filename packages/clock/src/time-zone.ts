/**
 * Instants (epoch ms) to local dates in an IANA time zone, and back, DST-correct.
 *
 * Intl.DateTimeFormat is the source of truth for the zone's rules, but calling it per event would dominate the
 * clock's cost. So each UTC year's offset transitions are found once with Intl (a daily scan, then a bisection to
 * the minute) and cached; afterwards an offset lookup is a comparison or two.
 */
import { fromDayNumber, toDayNumber, type IsoDate } from './local-date.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

interface YearOffsets {
  begin: number;
  end: number;
  /** Offset (ms) in force at the start of the UTC year. */
  initial: number;
  /** Instants at which the offset changes, ascending, with the offset from then on. */
  at: number[];
  offset: number[];
}

export interface TimeZone {
  readonly name: string;
  /** Offset of local time from UTC at an instant, in ms (Copenhagen: 3_600_000 in winter, 7_200_000 in summer). */
  offsetAt(ms: number): number;
  /** Local day number of an instant. */
  dayOf(ms: number): number;
  /** First instant of a local day. */
  startOfDay(dayNumber: number): number;
  /** Last millisecond of a local day (the instant a deadline on that day expires). */
  endOfDay(dayNumber: number): number;
}

function intlOffset(format: Intl.DateTimeFormat, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts = format.formatToParts(whole);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return local - whole;
}

function scanYear(format: Intl.DateTimeFormat, year: number): YearOffsets {
  const begin = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const initial = intlOffset(format, begin);
  const result: YearOffsets = { begin, end, initial, at: [], offset: [] };
  let previous = initial;
  for (let t = begin; t < end; t += DAY_MS) {
    const next = Math.min(t + DAY_MS, end);
    const off = intlOffset(format, next);
    if (off === previous) continue;
    let lo = t;
    let hi = next; // offset(lo) = previous, offset(hi) = off; find the first minute with the new offset
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (intlOffset(format, mid) === previous) lo = mid;
      else hi = mid;
    }
    result.at.push(hi);
    result.offset.push(off);
    previous = off;
  }
  return result;
}

const zones = new Map<string, TimeZone>();

/** A cached, DST-aware view of an IANA time zone (default Europe/Copenhagen). Throws RangeError on an unknown zone. */
export function timeZone(name = 'Europe/Copenhagen'): TimeZone {
  const cached = zones.get(name);
  if (cached) return cached;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const years = new Map<number, YearOffsets>();
  let last: YearOffsets | undefined; // the year looked up last: events of a case cluster in time
  const offsetAt = (ms: number): number => {
    if (!last || ms < last.begin || ms >= last.end) {
      const year = new Date(ms).getUTCFullYear();
      last = years.get(year);
      if (!last) {
        last = scanYear(format, year);
        years.set(year, last);
      }
    }
    let off = last.initial;
    for (let i = 0; i < last.at.length && last.at[i] <= ms; i++) off = last.offset[i];
    return off;
  };
  const dayOf = (ms: number): number => Math.floor((ms + offsetAt(ms)) / DAY_MS);
  const startOfDay = (dayNumber: number): number => {
    const utcMidnight = dayNumber * DAY_MS;
    let guess = utcMidnight - offsetAt(utcMidnight);
    guess = utcMidnight - offsetAt(guess);
    if (dayOf(guess) === dayNumber && dayOf(guess - 1) === dayNumber - 1) return guess;
    // Rare: local midnight falls in a DST gap or overlap. Bisect for the first instant of the local day.
    let lo = utcMidnight - 16 * 3_600_000;
    let hi = utcMidnight + 16 * 3_600_000;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (dayOf(mid) >= dayNumber) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  const zone: TimeZone = {
    name,
    offsetAt,
    dayOf,
    startOfDay,
    endOfDay: (dayNumber) => startOfDay(dayNumber + 1) - 1,
  };
  zones.set(name, zone);
  return zone;
}

/** Local ISO date of an instant in a zone. */
export function localDateOf(instant: Date | number, zoneName = 'Europe/Copenhagen'): IsoDate {
  return fromDayNumber(timeZone(zoneName).dayOf(typeof instant === 'number' ? instant : instant.getTime()));
}

/** Epoch ms of the last millisecond of a local date in a zone (end of the day a deadline falls on). */
export function endOfLocalDay(date: IsoDate, zoneName = 'Europe/Copenhagen'): number {
  return timeZone(zoneName).endOfDay(toDayNumber(date));
}

/** Epoch ms of the first instant of a local date in a zone. */
export function startOfLocalDay(date: IsoDate, zoneName = 'Europe/Copenhagen'): number {
  return timeZone(zoneName).startOfDay(toDayNumber(date));
}
