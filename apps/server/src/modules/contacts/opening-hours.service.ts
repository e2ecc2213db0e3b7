import type { Executor } from '../../platform/db/transaction.js';
import { loadAuthorityCalendar } from '../calendar/index.js';
import { topicsRepository as repo } from './topics.repository.js';
import { hoursOn, isOpenAt, localPartsOf, type DayException, type WeeklyHours } from './local-time.js';

export interface SiteHours {
  site: string;
  channel: 'counter' | 'phone';
  week: WeeklyHours[];
  exceptions: (DayException & { reason: string })[];
}

/** Opening and phone hours of every site and channel, with the exceptions between two dates. */
export async function openingHours(db: Executor, from: string, to: string): Promise<SiteHours[]> {
  const [rows, exceptions] = await Promise.all([repo.openingHours(db), repo.openingExceptions(db, from, to)]);
  const out = new Map<string, SiteHours>();
  const entry = (site: string, channel: string) => {
    const key = `${site}\u0000${channel}`;
    let e = out.get(key);
    if (!e) out.set(key, (e = { site, channel: channel as SiteHours['channel'], week: [], exceptions: [] }));
    return e;
  };
  for (const r of rows)
    entry(r.site, r.channel).week.push({ weekday: r.weekday, opensMin: r.opens_min, closesMin: r.closes_min });
  for (const x of exceptions)
    entry(x.site, x.channel).exceptions.push({
      day: typeof x.day === 'string' ? x.day : localPartsOf(new Date(x.day)).date,
      opensMin: x.opens_min,
      closesMin: x.closes_min,
      reason: x.reason,
    });
  return [...out.values()];
}

/**
 * A test of "was anything open" for inquiries: a counter inquiry against counter hours, a phone call against phone
 * hours, anything else (mail, web form, self-service, letter) against either.
 */
export async function openingTest(db: Executor, from: string, to: string) {
  const [sites, calendar] = await Promise.all([openingHours(db, from, to), loadAuthorityCalendar(db)]);
  const closed = (date: string) => !calendar.isWorkingDay(date);
  return (channel: string, at: Date): boolean => {
    const relevant = sites.filter((s) => s.channel === channel || (channel !== 'counter' && channel !== 'phone'));
    if (relevant.length === 0) return true;
    return relevant.some((s) => isOpenAt(at, s.week, s.exceptions, closed));
  };
}

/** The hours of each site and channel on the days from `from`, for the portal. */
export async function hoursForDays(db: Executor, from: string, days: string[]) {
  const [sites, calendar] = await Promise.all([
    openingHours(db, from, days[days.length - 1] ?? from),
    loadAuthorityCalendar(db),
  ]);
  const closed = (date: string) => !calendar.isWorkingDay(date);
  return sites.map((s) => ({
    ...s,
    days: days.map((d) => ({
      day: d,
      hours: hoursOn(d, s.week, s.exceptions, closed),
      reason: s.exceptions.find((e) => e.day === d)?.reason ?? null,
    })),
  }));
}
