import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { AppointmentTypeTable, StaffAvailabilityTable } from './contacts.tables.js';
import './contacts.tables.js';

export interface AppointmentTypeRow {
  id: string;
  code: string;
  name_da: string;
  name_en: string;
  topic_code: string;
  unit_id: string;
  duration_min: number;
  channel: string;
}

export interface BookingRow {
  id: string;
  appointment_type_id: string;
  name_da: string;
  name_en: string;
  channel: string;
  staff_id: string;
  staff_name: string;
  staff_email: string | null;
  citizen_id: string | null;
  citizen_name: string;
  citizen_email: string | null;
  citizen_account_email: string | null;
  citizen_locale: string | null;
  starts_at: Date;
  ends_at: Date;
  status: string;
  booked_at: Date;
  sequence: number;
}

const SLOT_MS = 15 * 60_000;

function bookingQuery(db: Executor) {
  return db
    .selectFrom('booking as b')
    .innerJoin('appointment_type as t', 't.id', 'b.appointment_type_id')
    .innerJoin('app_user as s', 's.id', 'b.staff_id')
    .leftJoin('app_user as cu', 'cu.id', 'b.citizen_id')
    .select([
      'cu.email as citizen_account_email',
      'cu.locale as citizen_locale',
      'b.id',
      'b.appointment_type_id',
      't.name_da',
      't.name_en',
      't.channel',
      'b.staff_id',
      's.display_name as staff_name',
      's.email as staff_email',
      'b.citizen_id',
      'b.citizen_name',
      'b.citizen_email',
      'b.starts_at',
      'b.ends_at',
      'b.status',
      'b.booked_at',
      'b.sequence',
    ]);
}

/** Appointment types, staff availability, bookings and the quarter-hour slots that keep bookings apart. */
export const bookingsRepository = {
  async appointmentTypes(db: Executor): Promise<AppointmentTypeRow[]> {
    return db
      .selectFrom('appointment_type')
      .select(['id', 'code', 'name_da', 'name_en', 'topic_code', 'unit_id', 'duration_min', 'channel'])
      .where('active', '=', true)
      .orderBy('code')
      .execute();
  },

  async appointmentType(db: Executor, id: string): Promise<AppointmentTypeRow | undefined> {
    return db
      .selectFrom('appointment_type')
      .select(['id', 'code', 'name_da', 'name_en', 'topic_code', 'unit_id', 'duration_min', 'channel'])
      .where('id', '=', id)
      .where('active', '=', true)
      .executeTakeFirst();
  },

  async insertAppointmentType(db: Executor, row: Insertable<AppointmentTypeTable>): Promise<string> {
    const r = await db.insertInto('appointment_type').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  async setAvailability(db: Executor, userId: string, rows: StaffAvailabilityTable[]): Promise<void> {
    await db.deleteFrom('staff_availability').where('user_id', '=', userId).execute();
    if (rows.length) await db.insertInto('staff_availability').values(rows).execute();
  },

  async addAbsence(db: Executor, a: { userId: string; fromDay: string; toDay: string; reason: string }) {
    await db
      .insertInto('staff_absence')
      .values({ user_id: a.userId, from_day: a.fromDay, to_day: a.toDay, reason: a.reason })
      .execute();
  },

  /** Staff who hold a role on the unit (or a unit above it) and have working hours, with their hours. */
  async bookableStaff(db: Executor, unitIds: readonly string[]) {
    return db
      .selectFrom('staff_availability as a')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select(['a.user_id', 'u.display_name', 'a.weekday', 'a.starts_min', 'a.ends_min'])
      .where('u.active', '=', true)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('role_grant as g')
            .select('g.id')
            .whereRef('g.user_id', '=', 'a.user_id')
            .where('g.unit_id', 'in', [...unitIds]),
        ),
      )
      .orderBy('u.display_name')
      .execute();
  },

  async availabilityOf(db: Executor, userId: string) {
    return db.selectFrom('staff_availability').selectAll().where('user_id', '=', userId).execute();
  },

  async absences(db: Executor, userIds: readonly string[], from: string, to: string) {
    if (userIds.length === 0) return [];
    return db
      .selectFrom('staff_absence')
      .select([
        'user_id',
        sql<string>`to_char(from_day, 'YYYY-MM-DD')`.as('from_day'),
        sql<string>`to_char(to_day, 'YYYY-MM-DD')`.as('to_day'),
      ])
      .where('user_id', 'in', [...userIds])
      .where('to_day', '>=', from)
      .where('from_day', '<=', to)
      .execute();
  },

  /** The taken quarter hours of the staff between two instants. */
  async takenSlots(db: Executor, userIds: readonly string[], from: Date, to: Date) {
    if (userIds.length === 0) return [];
    return db
      .selectFrom('booking_slot')
      .select(['staff_id', 'slot_start'])
      .where('staff_id', 'in', [...userIds])
      .where('slot_start', '>=', from)
      .where('slot_start', '<', to)
      .execute();
  },

  /**
   * Inserts the booking and every quarter hour it holds. Two bookings of one time collide on booking_slot's primary
   * key: the second insert fails with a unique violation (23505), whichever transaction commits first.
   */
  async insertBooking(
    db: Executor,
    b: {
      appointmentTypeId: string;
      staffId: string;
      citizenId: string | null;
      citizenName: string;
      citizenEmail: string | null;
      startsAt: Date;
      endsAt: Date;
      bookedBy: string | null;
      rebookedFrom?: string;
      sequence?: number;
    },
  ): Promise<string> {
    const r = await db
      .insertInto('booking')
      .values({
        appointment_type_id: b.appointmentTypeId,
        staff_id: b.staffId,
        citizen_id: b.citizenId,
        citizen_name: b.citizenName,
        citizen_email: b.citizenEmail,
        starts_at: b.startsAt,
        ends_at: b.endsAt,
        status: 'booked',
        booked_by: b.bookedBy,
        rebooked_from: b.rebookedFrom ?? null,
        sequence: b.sequence ?? 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const slots = [];
    for (let t = b.startsAt.getTime(); t < b.endsAt.getTime(); t += SLOT_MS)
      slots.push({ staff_id: b.staffId, slot_start: new Date(t), booking_id: r.id });
    await db.insertInto('booking_slot').values(slots).execute();
    return r.id;
  },

  /** Bulk insert of past bookings (history imports); a cancelled one holds no slots. */
  async insertMany(
    db: Executor,
    rows: readonly {
      appointmentTypeId: string;
      staffId: string;
      citizenId: string | null;
      citizenName: string;
      startsAt: Date;
      endsAt: Date;
      bookedAt: Date;
      status: string;
    }[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const ids = await db
        .insertInto('booking')
        .values(
          chunk.map((b) => ({
            appointment_type_id: b.appointmentTypeId,
            staff_id: b.staffId,
            citizen_id: b.citizenId,
            citizen_name: b.citizenName,
            citizen_email: null,
            starts_at: b.startsAt,
            ends_at: b.endsAt,
            status: b.status,
            booked_by: null,
            booked_at: b.bookedAt,
            cancelled_at: b.status === 'cancelled' ? b.bookedAt : null,
          })),
        )
        .returning('id')
        .execute();
      const slots = [];
      for (let k = 0; k < chunk.length; k++) {
        if (chunk[k].status === 'cancelled') continue;
        for (let t = chunk[k].startsAt.getTime(); t < chunk[k].endsAt.getTime(); t += SLOT_MS)
          slots.push({ staff_id: chunk[k].staffId, slot_start: new Date(t), booking_id: ids[k].id });
      }
      for (let k = 0; k < slots.length; k += 3000)
        await db
          .insertInto('booking_slot')
          .values(slots.slice(k, k + 3000))
          .execute();
    }
  },

  async byId(db: Executor, id: string): Promise<BookingRow | undefined> {
    return bookingQuery(db).where('b.id', '=', id).executeTakeFirst();
  },

  async lock(db: Executor, id: string) {
    return db.selectFrom('booking').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** Ends a booking (cancelled, attended, no-show); a cancelled one frees its quarter hours. */
  async setStatus(db: Executor, id: string, status: string, at: Date): Promise<void> {
    await db
      .updateTable('booking')
      .set({ status, ...(status === 'cancelled' ? { cancelled_at: at } : {}) })
      .where('id', '=', id)
      .execute();
    if (status === 'cancelled') await db.deleteFrom('booking_slot').where('booking_id', '=', id).execute();
  },

  async ofCitizen(db: Executor, citizenId: string): Promise<BookingRow[]> {
    return bookingQuery(db).where('b.citizen_id', '=', citizenId).orderBy('b.starts_at', 'desc').limit(200).execute();
  },

  async ofStaff(db: Executor, staffIds: readonly string[], from: Date): Promise<BookingRow[]> {
    if (staffIds.length === 0) return [];
    return bookingQuery(db)
      .where('b.staff_id', 'in', [...staffIds])
      .where('b.starts_at', '>=', from)
      .orderBy('b.starts_at')
      .limit(2000)
      .execute();
  },

  /** Lead time, no-shows and the share of offered quarter hours that were booked, for bookings in the period. */
  async figures(db: Executor, q: { unitIds: readonly string[]; from: string; to: string }) {
    const r = await sql<{
      total: string;
      no_shows: string;
      ended: string;
      median_lead: number | null;
      booked_min: string;
    }>`
      SELECT count(*) FILTER (WHERE b.status <> 'cancelled') AS total,
             count(*) FILTER (WHERE b.status = 'no_show') AS no_shows,
             count(*) FILTER (WHERE b.status IN ('attended', 'no_show')) AS ended,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM b.starts_at - b.booked_at) / 86400)
               FILTER (WHERE b.status <> 'cancelled') AS median_lead,
             coalesce(sum(extract(epoch FROM b.ends_at - b.starts_at) / 60) FILTER (WHERE b.status <> 'cancelled'), 0) AS booked_min
      FROM booking b JOIN appointment_type t ON t.id = b.appointment_type_id
      WHERE t.unit_id = ANY(${[...q.unitIds]}::uuid[])
        AND b.starts_at >= (${q.from}::date)::timestamp AT TIME ZONE 'Europe/Copenhagen'
        AND b.starts_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen'`.execute(db);
    const row = r.rows[0];
    return {
      total: Number(row?.total ?? 0),
      noShows: Number(row?.no_shows ?? 0),
      ended: Number(row?.ended ?? 0),
      medianLeadDays: row?.median_lead === null || row?.median_lead === undefined ? null : Number(row.median_lead),
      bookedMinutes: Number(row?.booked_min ?? 0),
    };
  },

  /** The staff whose bookings are offered for appointment types of the units: their weekly minutes, for utilisation. */
  async weeklyOfferedMinutes(db: Executor, unitIds: readonly string[]): Promise<number> {
    const r = await sql<{ m: string | null }>`
      SELECT sum(a.ends_min - a.starts_min) AS m FROM staff_availability a
      WHERE a.user_id IN (SELECT DISTINCT b.staff_id FROM booking b JOIN appointment_type t ON t.id = b.appointment_type_id
                          WHERE t.unit_id = ANY(${[...unitIds]}::uuid[]))`.execute(db);
    return Number(r.rows[0]?.m ?? 0);
  },

  async insertFeedToken(db: Executor, userId: string, tokenHash: string): Promise<void> {
    await db
      .updateTable('calendar_feed_token')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
    await db.insertInto('calendar_feed_token').values({ token_hash: tokenHash, user_id: userId }).execute();
  },

  async revokeFeedTokens(db: Executor, userId: string): Promise<number> {
    const r = await db
      .updateTable('calendar_feed_token')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  async feedOwner(db: Executor, tokenHash: string): Promise<string | undefined> {
    const r = await db
      .selectFrom('calendar_feed_token')
      .select('user_id')
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return r?.user_id;
  },
};
