import { AUDIT_PURPOSES, type TCalendarYear } from '@sagsgang/contracts';
import { isIsoDate, toDayNumber } from '@sagsgang/clock';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { calendarRepository as repo, type ClosureRow } from './calendar.repository.js';
import { loadAuthorityCalendar } from './authority-calendar.js';

/** The job that recomputes the clocks a calendar change touches; the cases module handles it. */
export const CLOCK_RECOMPUTE_JOB = 'cases.recompute-clocks';
export interface ClockRecomputePayload {
  /** Clocks of cases decided before this day cannot change. */
  fromDay: string;
}

const YEARS_AROUND = 5;

const toView = (r: ClosureRow) => ({
  day: r.day,
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

function checkDay(day: string, today: string): void {
  const invalid = (message: string) => new AppError('validation', `day: ${message}`, [{ path: '/day', message }]);
  if (!isIsoDate(day)) throw invalid('not a real date');
  const years = Math.abs(toDayNumber(day) - toDayNumber(today)) / 365;
  if (years > YEARS_AROUND) throw invalid(`must lie within ${YEARS_AROUND} years of today`);
}

export async function calendarYear(db: Executor, year: number): Promise<Omit<TCalendarYear, 'canChange'>> {
  if (!Number.isInteger(year) || year < 1900 || year > 2200)
    throw new AppError('validation', 'year: out of range', [{ path: 'year', message: 'out of range' }]);
  const calendar = await loadAuthorityCalendar(db);
  const closures = await repo.closures(db, year);
  const english = new Map(calendar.closingHolidays(year, 'en').map((h) => [h.date, h.name]));
  return {
    year,
    closures: closures.map(toView),
    holidays: calendar
      .closingHolidays(year)
      .map((h) => ({ day: h.date, name: h.name, nameEn: english.get(h.date) ?? h.name })),
    workingDays: calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`),
  };
}

/** Closes the authority on a day and recomputes, in the background, the clocks of the cases it can touch. */
export async function addClosureDay(
  db: Executor,
  input: { day: string; reason: string; actorId: string; today: string; requestId?: string },
) {
  checkDay(input.day, input.today);
  const alreadyClosure = () =>
    new AppError('conflict', 'day: is already a closure day', [{ path: '/day', message: 'already a closure day' }]);
  return inTransaction(db, async (trx) => {
    // A closure day is also a closed day in the calendar; ask for it first so it gets its own answer.
    if (await repo.isClosure(trx, input.day)) throw alreadyClosure();
    const calendar = await loadAuthorityCalendar(trx);
    if (!calendar.isWorkingDay(input.day)) {
      throw new AppError('validation', 'day: is already closed (a weekend day or a public holiday)', [
        { path: '/day', message: 'already closed' },
      ]);
    }
    if (!(await repo.add(trx, { day: input.day, reason: input.reason, createdBy: input.actorId })))
      throw alreadyClosure();
    return afterChange(trx, 'create', input.day, input.actorId, input.requestId);
  });
}

export async function removeClosureDay(
  db: Executor,
  input: { day: string; actorId: string; today: string; requestId?: string },
) {
  if (!isIsoDate(input.day))
    throw new AppError('validation', 'day: not a real date', [{ path: '/day', message: 'not a real date' }]);
  return inTransaction(db, async (trx) => {
    if (!(await repo.remove(trx, input.day))) throw new AppError('not_found', 'That day is not a closure day.');
    return afterChange(trx, 'delete', input.day, input.actorId, input.requestId);
  });
}

async function afterChange(
  trx: Executor,
  action: 'create' | 'delete',
  day: string,
  actorId: string,
  requestId?: string,
) {
  await recordAudit(trx, {
    actorUserId: actorId,
    action,
    entityType: 'calendar_closure',
    entityId: day,
    purpose: AUDIT_PURPOSES.calendarAdministration,
    requestId: requestId ?? null,
  });
  // Deadlines count from the clock's start, which may lie far before the day; any case still open on it can move.
  const payload: ClockRecomputePayload = { fromDay: day };
  const recomputeJobId = await enqueueJob(trx, { kind: CLOCK_RECOMPUTE_JOB, payload });
  return { day, recomputeJobId };
}
