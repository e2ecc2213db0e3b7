/**
 * The calendar the service-goal clocks count in: Danish public holidays, Grundlovsdag and Christmas Eve, on which
 * offices close, and the authority's own closure days from the database. A node keeps the calendar it built last
 * and rebuilds it only when the closure days differ, so reading it inside each case command costs one small query.
 */
import { createBusinessCalendar, type BusinessCalendar } from '@sagsgang/clock';
import type { Executor } from '../../platform/db/transaction.js';
import { calendarRepository } from './calendar.repository.js';

const build = (closures: string[]) => createBusinessCalendar({ closeObservances: true, extraClosedDays: closures });

let current: { key: string; calendar: BusinessCalendar } = { key: '', calendar: build([]) };

/** The calendar with the closure days as they are now in the database (seen from this transaction). */
export async function loadAuthorityCalendar(db: Executor): Promise<BusinessCalendar> {
  const key = await calendarRepository.closureKey(db);
  if (key !== current.key) current = { key, calendar: build(key ? key.split(',') : []) };
  return current.calendar;
}

/** The calendar this node loaded last: for formatting dates where no database read is at hand. */
export function authorityCalendar(): BusinessCalendar {
  return current.calendar;
}
