import crypto from 'node:crypto';
import {
  AUDIT_PURPOSES,
  type TAppointmentType,
  type TBookAppointment,
  type TBookingView,
  type TSlot,
} from '@sagsgang/contracts';
import { addCalendarDays, localDateOf, toDayNumber } from '@sagsgang/clock';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { hasRole, type Principal } from '../../platform/auth/principal.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { loadAuthorityCalendar } from '../calendar/index.js';
import { bookingsRepository as repo, type AppointmentTypeRow, type BookingRow } from './bookings.repository.js';
import { instantOf, isoWeekday, localPartsOf } from './local-time.js';

export const BOOKING_MAIL_JOB = 'contacts.booking-mail';
export interface BookingMailPayload {
  bookingId: string;
  kind: 'confirmation' | 'reminder' | 'cancellation';
}

const QUARTER_MS = 15 * 60_000;
const MAX_DAYS_AHEAD = 120;
const REMINDER_BEFORE_MS = 24 * 3_600_000;

export const toAppointmentType = (r: AppointmentTypeRow): TAppointmentType => ({
  id: r.id,
  code: r.code,
  name: { da: r.name_da, en: r.name_en },
  topicCode: r.topic_code,
  unitId: r.unit_id,
  durationMin: r.duration_min,
  channel: r.channel as TAppointmentType['channel'],
});

export const toBookingView = (r: BookingRow): TBookingView => ({
  id: r.id,
  appointmentTypeId: r.appointment_type_id,
  appointmentName: { da: r.name_da, en: r.name_en },
  channel: r.channel as TBookingView['channel'],
  staffId: r.staff_id,
  staffName: r.staff_name,
  citizenId: r.citizen_id,
  citizenName: r.citizen_name,
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  status: r.status as TBookingView['status'],
});

export async function listAppointmentTypes(db: Executor): Promise<TAppointmentType[]> {
  return (await repo.appointmentTypes(db)).map(toAppointmentType);
}

async function typeOrFail(db: Executor, id: string): Promise<AppointmentTypeRow> {
  const t = await repo.appointmentType(db, id);
  if (!t) throw new AppError('not_found', 'No such appointment type.');
  return t;
}

/** What decides whether a time can be booked: working hours, absences and the authority's calendar. */
async function bookability(db: Executor, type: AppointmentTypeRow, from: string, to: string) {
  const staff = await repo.bookableStaff(db, [type.unit_id]);
  const ids = [...new Set(staff.map((s) => s.user_id))];
  const [absences, calendar] = await Promise.all([repo.absences(db, ids, from, to), loadAuthorityCalendar(db)]);
  const names = new Map(staff.map((s) => [s.user_id, s.display_name]));
  /** The staff member's working windows on a local date (none on a closed weekday or an absence). */
  const windows = (staffId: string, date: string) => {
    const weekday = isoWeekday(toDayNumber(date));
    if (weekday <= 5 && !calendar.isWorkingDay(date)) return [];
    if (absences.some((a) => a.user_id === staffId && a.from_day <= date && a.to_day >= date)) return [];
    return staff.filter((s) => s.user_id === staffId && s.weekday === weekday);
  };
  return { ids, names, windows };
}

/** The free times of an appointment type over the next days, every bookable staff member's, in order. */
export async function freeSlots(
  db: Executor,
  q: { appointmentTypeId: string; from: string; days: number; now?: Date },
): Promise<TSlot[]> {
  const type = await typeOrFail(db, q.appointmentTypeId);
  const days = Math.min(Math.max(1, q.days), 31);
  const to = addCalendarDays(q.from, days - 1);
  const b = await bookability(db, type, q.from, to);
  const now = (q.now ?? new Date()).getTime();
  const taken = new Set(
    (await repo.takenSlots(db, b.ids, instantOf(q.from, 0), instantOf(addCalendarDays(to, 1), 0))).map(
      (s) => `${s.staff_id}|${new Date(s.slot_start).getTime()}`,
    ),
  );
  const out: TSlot[] = [];
  for (let d = q.from; d <= to; d = addCalendarDays(d, 1)) {
    for (const staffId of b.ids) {
      for (const w of b.windows(staffId, d)) {
        for (let m = w.starts_min; m + type.duration_min <= w.ends_min; m += type.duration_min) {
          const start = instantOf(d, m).getTime();
          if (start <= now) continue;
          let free = true;
          for (let t = start; t < start + type.duration_min * 60_000; t += QUARTER_MS)
            if (taken.has(`${staffId}|${t}`)) free = false;
          if (free)
            out.push({
              staffId,
              staffName: b.names.get(staffId) ?? '',
              startsAt: new Date(start).toISOString(),
              endsAt: new Date(start + type.duration_min * 60_000).toISOString(),
            });
        }
      }
    }
  }
  return out.sort((a, c) => a.startsAt.localeCompare(c.startsAt) || a.staffName.localeCompare(c.staffName));
}

/** Refuses a time that is past, too far ahead, not on the quarter hour or outside the staff member's working hours. */
async function checkBookable(db: Executor, type: AppointmentTypeRow, staffId: string, startsAt: Date, now: Date) {
  if (startsAt.getTime() <= now.getTime())
    throw new AppError('validation', 'startsAt: the time has passed', [{ path: '/startsAt', message: 'in the past' }]);
  if (startsAt.getTime() - now.getTime() > MAX_DAYS_AHEAD * 86_400_000)
    throw new AppError('validation', `startsAt: at most ${MAX_DAYS_AHEAD} days ahead`, [
      { path: '/startsAt', message: 'too far ahead' },
    ]);
  if (startsAt.getTime() % QUARTER_MS !== 0)
    throw new AppError('validation', 'startsAt: appointments start on the quarter hour', [
      { path: '/startsAt', message: 'not on the quarter hour' },
    ]);
  const p = localPartsOf(startsAt);
  const b = await bookability(db, type, p.date, p.date);
  if (!b.ids.includes(staffId))
    throw new AppError('validation', 'staffId: does not take this kind of appointment', [
      { path: '/staffId', message: 'not bookable' },
    ]);
  const end = p.minutes + type.duration_min;
  if (!b.windows(staffId, p.date).some((w) => p.minutes >= w.starts_min && end <= w.ends_min))
    throw new AppError('conflict', 'That time is outside the working hours of the person you chose.', {
      reason: 'outside_availability',
    });
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';
const slotTaken = () =>
  new AppError('conflict', 'That time has just been booked by someone else. Please choose another time.', {
    reason: 'slot_taken',
  });

interface Meta {
  requestId?: string;
  now?: Date;
}

/**
 * Books a time: a citizen for themselves, or staff for a citizen. The quarter hours the booking holds are its
 * guarantee: of two bookings of one time, the second fails on their primary key and is refused with 409.
 */
export async function bookAppointment(
  db: Executor,
  principal: Principal,
  input: TBookAppointment,
  meta: Meta = {},
): Promise<TBookingView> {
  const now = meta.now ?? new Date();
  const type = await typeOrFail(db, input.appointmentTypeId);
  const startsAt = new Date(input.startsAt);
  await checkBookable(db, type, input.staffId, startsAt, now);
  const citizen = principal.kind === 'applicant';
  if (!citizen && !input.citizenName)
    throw new AppError('validation', 'citizenName: name the citizen', [{ path: '/citizenName', message: 'required' }]);
  if (!citizen && !hasFrontOfficeRole(principal))
    throw new AppError('forbidden', 'Only citizen service and caseworkers book appointments for citizens.');
  try {
    return await inTransaction(db, async (trx) => {
      const id = await repo.insertBooking(trx, {
        appointmentTypeId: type.id,
        staffId: input.staffId,
        citizenId: citizen ? principal.userId : (input.citizenId ?? null),
        citizenName: citizen ? principal.displayName : input.citizenName!,
        citizenEmail: input.citizenEmail ?? null,
        startsAt,
        endsAt: new Date(startsAt.getTime() + type.duration_min * 60_000),
        bookedBy: principal.userId,
      });
      await afterBooking(trx, principal, id, startsAt, 'create', meta);
      return toBookingView((await repo.byId(trx, id))!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slotTaken();
    throw err;
  }
}

function hasFrontOfficeRole(principal: Principal): boolean {
  return principal.grants.some((g) => g.role === 'frontline' || g.role === 'caseworker' || g.role === 'teamlead');
}

async function afterBooking(
  trx: Executor,
  principal: Principal,
  id: string,
  startsAt: Date,
  action: 'create' | 'update',
  meta: Meta,
) {
  await enqueueJob(trx, { kind: BOOKING_MAIL_JOB, payload: { bookingId: id, kind: 'confirmation' } });
  const remindAt = startsAt.getTime() - REMINDER_BEFORE_MS;
  if (remindAt > (meta.now ?? new Date()).getTime())
    await enqueueJob(trx, {
      kind: BOOKING_MAIL_JOB,
      payload: { bookingId: id, kind: 'reminder' },
      runAt: new Date(remindAt),
    });
  await recordAudit(trx, {
    actorUserId: principal.userId,
    action,
    entityType: 'booking',
    entityId: id,
    purpose: AUDIT_PURPOSES.citizenServiceInquiry,
    requestId: meta.requestId ?? null,
  });
}

/** Whether the principal may change the booking: its citizen, its staff member, or staff of its unit. */
async function ownBooking(db: Executor, principal: Principal, id: string): Promise<BookingRow> {
  const b = await repo.byId(db, id);
  if (!b) throw new AppError('not_found', 'No such booking.');
  if (principal.kind === 'applicant') {
    if (b.citizen_id !== principal.userId) throw new AppError('not_found', 'No such booking.', { audit: 'denied' });
    return b;
  }
  const type = await repo.appointmentType(db, b.appointment_type_id);
  const allowed =
    b.staff_id === principal.userId ||
    (type && hasRole(principal, ['frontline', 'caseworker', 'teamlead'], type.unit_id));
  if (!allowed) throw new AppError('not_found', 'No such booking.');
  return b;
}

/** Cancels a booking that has not begun; its time is free again at once. */
export async function cancelBooking(
  db: Executor,
  principal: Principal,
  id: string,
  meta: Meta = {},
): Promise<TBookingView> {
  const now = meta.now ?? new Date();
  const b = await ownBooking(db, principal, id);
  return inTransaction(db, async (trx) => {
    const locked = await repo.lock(trx, b.id);
    if (locked?.status !== 'booked') throw new AppError('invalid_state', 'Only a booked appointment can be cancelled.');
    if (new Date(locked.starts_at).getTime() <= now.getTime())
      throw new AppError('invalid_state', 'The appointment has begun; it can no longer be cancelled.');
    await repo.setStatus(trx, b.id, 'cancelled', now);
    await enqueueJob(trx, { kind: BOOKING_MAIL_JOB, payload: { bookingId: b.id, kind: 'cancellation' } });
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'update',
      entityType: 'booking',
      entityId: b.id,
      purpose: AUDIT_PURPOSES.citizenServiceInquiry,
      requestId: meta.requestId ?? null,
      details: { status: 'cancelled' },
    });
    return toBookingView((await repo.byId(trx, b.id))!);
  });
}

/** Moves a booking to another time (and staff member): the old one is cancelled and the new one booked together. */
export async function rebookAppointment(
  db: Executor,
  principal: Principal,
  id: string,
  input: { startsAt: string; staffId?: string },
  meta: Meta = {},
): Promise<TBookingView> {
  const now = meta.now ?? new Date();
  const b = await ownBooking(db, principal, id);
  if (b.status !== 'booked') throw new AppError('invalid_state', 'Only a booked appointment can be moved.');
  const type = await typeOrFail(db, b.appointment_type_id);
  const staffId = input.staffId ?? b.staff_id;
  const startsAt = new Date(input.startsAt);
  await checkBookable(db, type, staffId, startsAt, now);
  try {
    return await inTransaction(db, async (trx) => {
      const locked = await repo.lock(trx, b.id);
      if (locked?.status !== 'booked') throw new AppError('invalid_state', 'Only a booked appointment can be moved.');
      await repo.setStatus(trx, b.id, 'cancelled', now);
      const newId = await repo.insertBooking(trx, {
        appointmentTypeId: type.id,
        staffId,
        citizenId: b.citizen_id,
        citizenName: b.citizen_name,
        citizenEmail: b.citizen_email,
        startsAt,
        endsAt: new Date(startsAt.getTime() + type.duration_min * 60_000),
        bookedBy: principal.userId,
        rebookedFrom: b.id,
      });
      await afterBooking(trx, principal, newId, startsAt, 'update', meta);
      return toBookingView((await repo.byId(trx, newId))!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slotTaken();
    throw err;
  }
}

/** Staff record, once the time has come, whether the citizen came. */
export async function recordOutcome(
  db: Executor,
  principal: Principal,
  id: string,
  status: 'attended' | 'no_show',
  meta: Meta = {},
): Promise<TBookingView> {
  if (principal.kind !== 'staff') throw new AppError('forbidden', 'Only staff record whether the citizen came.');
  const now = meta.now ?? new Date();
  const b = await ownBooking(db, principal, id);
  return inTransaction(db, async (trx) => {
    const locked = await repo.lock(trx, b.id);
    if (locked?.status !== 'booked') throw new AppError('invalid_state', 'The booking is not open.');
    if (new Date(locked.starts_at).getTime() > now.getTime())
      throw new AppError('invalid_state', 'The appointment has not begun yet.');
    await repo.setStatus(trx, b.id, status, now);
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'update',
      entityType: 'booking',
      entityId: b.id,
      purpose: AUDIT_PURPOSES.citizenServiceInquiry,
      requestId: meta.requestId ?? null,
      details: { status },
    });
    return toBookingView((await repo.byId(trx, b.id))!);
  });
}

export async function citizenBookings(db: Executor, principal: Principal): Promise<TBookingView[]> {
  return (await repo.ofCitizen(db, principal.userId)).map(toBookingView);
}

export async function staffBookings(db: Executor, principal: Principal, from: string): Promise<TBookingView[]> {
  return (await repo.ofStaff(db, [principal.userId], instantOf(from, 0))).map(toBookingView);
}

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A new private calendar subscription for the staff member; any earlier one stops working. */
export async function createFeedToken(db: Executor, principal: Principal, meta: Meta = {}): Promise<string> {
  if (principal.kind !== 'staff') throw new AppError('forbidden', 'Calendar subscriptions are for staff.');
  const token = crypto.randomBytes(32).toString('base64url');
  await inTransaction(db, async (trx) => {
    await repo.insertFeedToken(trx, principal.userId, hashToken(token));
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'create',
      entityType: 'calendar_feed_token',
      purpose: AUDIT_PURPOSES.citizenServiceInquiry,
      requestId: meta.requestId ?? null,
    });
  });
  return token;
}

export async function revokeFeedTokens(db: Executor, principal: Principal): Promise<number> {
  return repo.revokeFeedTokens(db, principal.userId);
}

/** The bookings behind a subscription token from a month back; undefined for an unknown or revoked token. */
export async function feedBookings(db: Executor, token: string, now = new Date()): Promise<BookingRow[] | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const owner = await repo.feedOwner(db, hashToken(token));
  if (!owner) return undefined;
  const from = instantOf(addCalendarDays(localDateOf(now), -31), 0);
  return (await repo.ofStaff(db, [owner], from)).filter((b) => b.status !== 'cancelled');
}
