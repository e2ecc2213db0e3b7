import {
  FIRST_CONTACT_TARGET,
  type TContactFigures,
  type TDrillDownQuery,
  type TInquiryList,
} from '@sagsgang/contracts';
import { addCalendarDays, toDayNumber } from '@sagsgang/clock';
import { AppError } from '../../platform/errors.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { IndicatorDefinition, IndicatorFilter } from '../../platform/indicators.js';
import { loadAuthorityCalendar } from '../calendar/index.js';
import {
  inquiriesRepository as repo,
  type FigureDimension,
  type FigureGroup,
  type InquiryFilter,
} from './inquiries.repository.js';
import { bookingsRepository as bookings } from './bookings.repository.js';
import { toInquiryView, topicMap } from './inquiries.service.js';
import { isoWeekday } from './local-time.js';

const MAX_DAYS = 3 * 366;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function checkPeriod(from: string, to: string): void {
  if (to < from) throw new AppError('validation', 'to: lies before from', [{ path: '/to', message: 'before from' }]);
  if (toDayNumber(to) - toDayNumber(from) > MAX_DAYS)
    throw new AppError('validation', 'to: at most three years at a time', [{ path: '/to', message: 'too long' }]);
}

type Row = TContactFigures['byChannel'][number];

/** Rows of one dimension; `share` is first-contact resolution among the inquiries that had a result. */
function rowsOf(groups: FigureGroup[], dim: FigureDimension, shareOf: (g: FigureGroup) => number | null): Row[] {
  return groups.filter((g) => g.dim === dim).map((g) => ({ key: g.key, count: g.n, share: shareOf(g) }));
}
const fcr = (g: FigureGroup) => share(g.resolved, g.decided);

/** The share of the offered quarter hours that were booked: the staff's working hours on the authority's working days. */
async function utilisation(db: Executor, unitIds: readonly string[], from: string, to: string, bookedMinutes: number) {
  const staff = await bookings.bookableStaff(db, unitIds);
  if (staff.length === 0) return null;
  const calendar = await loadAuthorityCalendar(db);
  const absences = await bookings.absences(db, [...new Set(staff.map((s) => s.user_id))], from, to);
  let offered = 0;
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
    const weekday = isoWeekday(toDayNumber(d));
    if (weekday <= 5 && !calendar.isWorkingDay(d)) continue;
    for (const s of staff) {
      if (s.weekday !== weekday) continue;
      if (absences.some((a) => a.user_id === s.user_id && a.from_day <= d && a.to_day >= d)) continue;
      offered += s.ends_min - s.starts_min;
    }
  }
  return offered > 0 ? Math.min(1, bookedMinutes / offered) : null;
}

/** Every figure of the citizen-service page for the units the reader may see, from the inquiry rows. */
export async function contactFigures(
  db: Executor,
  q: { unitIds: readonly string[]; from: string; to: string },
): Promise<TContactFigures> {
  checkPeriod(q.from, q.to);
  const filter: InquiryFilter = { unitIds: q.unitIds, from: q.from, to: q.to };
  const [groups, forwarded, b] = await Promise.all([
    repo.figureGroups(db, filter),
    repo.forwardedInTime(db, filter),
    bookings.figures(db, q),
  ]);
  const total = groups.find((g) => g.dim === 'total');
  return {
    from: q.from,
    to: q.to,
    total: total?.n ?? 0,
    target: FIRST_CONTACT_TARGET,
    firstContact: {
      resolved: total?.resolved ?? 0,
      basis: total?.decided ?? 0,
      share: total ? fcr(total) : null,
    },
    byChannel: rowsOf(groups, 'channel', fcr),
    byTopic: rowsOf(groups, 'topic', fcr),
    byUnit: rowsOf(groups, 'unit', fcr),
    heatMap: rowsOf(groups, 'weekday_hour', () => null),
    outsideHours: rowsOf(groups, 'outside_hours', () => null),
    firstContactByMonth: rowsOf(groups, 'month', fcr),
    firstContactByTopic: rowsOf(groups, 'topic_month', fcr),
    firstContactByUnit: rowsOf(groups, 'unit_month', fcr),
    channelShift: rowsOf(groups, 'month', (g) => share(g.digital, g.n)),
    forwarded: {
      answeredInTime: forwarded.inTime,
      basis: forwarded.basis,
      share: share(forwarded.inTime, forwarded.basis),
    },
    bookings: {
      total: b.total,
      noShows: b.noShows,
      noShowShare: share(b.noShows, b.ended),
      medianLeadDays: b.medianLeadDays === null ? null : Math.round(b.medianLeadDays * 10) / 10,
      utilisation: await utilisation(db, q.unitIds, q.from, q.to, b.bookedMinutes),
    },
  };
}

/** The inquiries behind a figure: the same filter the figure counted, newest first. */
export async function drillDown(
  db: Executor,
  q: TDrillDownQuery & { unitIds: readonly string[] },
): Promise<TInquiryList> {
  checkPeriod(q.from, q.to);
  if (q.unitId && !q.unitIds.includes(q.unitId))
    throw new AppError('forbidden', 'You do not have access to this unit.');
  const [{ rows, total }, topics] = await Promise.all([repo.list(db, q, q.limit), topicMap(db)]);
  return { items: rows.map((r) => toInquiryView(r, topics)), total };
}

async function computeShare(db: Executor, f: IndicatorFilter, pick: (total: FigureGroup) => [number, number]) {
  const groups = await repo.figureGroups(db, { unitIds: f.unitIds, from: f.from, to: f.to });
  const total = groups.find((g) => g.dim === 'total');
  if (!total) return { value: null, basis: 0 };
  const [part, whole] = pick(total);
  return { value: share(part, whole), basis: whole };
}

export const firstContactResolution: IndicatorDefinition = {
  id: 'contacts.first-contact-resolution',
  labelKey: 'contacts:indicatorFirstContact',
  descriptionKey: 'contacts:indicatorFirstContactHelp',
  unit: 'share',
  compute: (db, f) => computeShare(db, f, (t) => [t.resolved, t.decided]),
};

export const channelShift: IndicatorDefinition = {
  id: 'contacts.channel-shift',
  labelKey: 'contacts:indicatorChannelShift',
  descriptionKey: 'contacts:indicatorChannelShiftHelp',
  unit: 'share',
  compute: (db, f) => computeShare(db, f, (t) => [t.digital, t.n]),
};
