/**
 * The calendar the service-goal clocks count in: Danish public holidays, Grundlovsdag and Christmas Eve, on which
 * offices close, and the authority's own closure days from the database.
 *
 * Every use reads the closure days first (one small query) and takes the calendar built from exactly those days, so
 * a day added on another node counts on this one at the next read: there is no "calendar this node loaded last".
 * What is kept in memory is only the calendars by the closure days they were built from — a pure function's results,
 * right on any node — so several nodes (or several apps in one process) never disagree about a deadline.
 */
import { createBusinessCalendar, type BusinessCalendar } from '@sagsgang/clock';
import type { Executor } from '../../platform/db/transaction.js';
import { calendarRepository } from './calendar.repository.js';

const build = (closures: string[]) => createBusinessCalendar({ closeObservances: true, extraClosedDays: closures });

// A closure change makes one new key; a few cover the moments around a change, when nodes may still read the old.
const MAX_KEPT = 8;
const built = new Map<string, BusinessCalendar>();

/** The calendar of these closure days (a comma list of ISO days), built once per list. */
export function calendarForClosureKey(key: string): BusinessCalendar {
  let calendar = built.get(key);
  if (!calendar) {
    calendar = build(key ? key.split(',') : []);
    if (built.size >= MAX_KEPT) built.delete(built.keys().next().value!);
    built.set(key, calendar);
  }
  return calendar;
}

/** The calendar with the closure days as they are now in the database (seen from this transaction). */
export async function loadAuthorityCalendar(db: Executor): Promise<BusinessCalendar> {
  return calendarForClosureKey(await calendarRepository.closureKey(db));
}
