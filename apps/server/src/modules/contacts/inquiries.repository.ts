import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { InquiryTable } from './contacts.tables.js';
import './contacts.tables.js';

export interface InquiryRow {
  id: string;
  received_at: Date;
  channel: string;
  topic_code: string;
  unit_id: string;
  citizen_id: string | null;
  citizen_name: string | null;
  business_cvr: string | null;
  case_id: string | null;
  case_reference: string | null;
  note: string;
  result: string;
  referred_to: string | null;
  forwarded_unit_id: string | null;
  forwarded_user_id: string | null;
  due_date: string | null;
  answer: string | null;
  answered_at: Date | null;
  outside_hours: boolean;
}

/** What narrows a list of inquiries (the drill-down behind a figure). */
export interface InquiryFilter {
  unitIds: readonly string[];
  /** Local dates, both included. */
  from: string;
  to: string;
  channel?: string;
  topicCode?: string;
  unitId?: string;
  month?: string;
  weekday?: number;
  hour?: number;
  firstContact?: 'yes' | 'no';
}

const LOCAL = sql.raw(`'Europe/Copenhagen'`);
const DIGITAL = new Set(['email', 'web_form', 'self_service']);

function viewQuery(db: Executor) {
  return db
    .selectFrom('inquiry as i')
    .leftJoin('app_user as u', 'u.id', 'i.citizen_id')
    .leftJoin('case_file as c', 'c.id', 'i.case_id')
    .select([
      'i.id',
      'i.received_at',
      'i.channel',
      'i.topic_code',
      'i.unit_id',
      'i.citizen_id',
      'u.display_name as citizen_name',
      'i.business_cvr',
      'i.case_id',
      'c.reference as case_reference',
      'i.note',
      'i.result',
      'i.referred_to',
      'i.forwarded_unit_id',
      'i.forwarded_user_id',
      sql<string | null>`to_char(i.due_date, 'YYYY-MM-DD')`.as('due_date'),
      'i.answer',
      'i.answered_at',
      'i.outside_hours',
    ]);
}

/** `WHERE` of the figures and their drill-down: the same predicate, so a figure and the rows behind it agree. */
function filterSql(f: InquiryFilter) {
  const parts = [
    sql`i.unit_id = ANY(${[...f.unitIds]}::uuid[])`,
    sql`i.received_at >= (${f.from}::date)::timestamp AT TIME ZONE ${LOCAL}`,
    sql`i.received_at < (${f.to}::date + 1)::timestamp AT TIME ZONE ${LOCAL}`,
  ];
  if (f.channel) parts.push(sql`i.channel = ${f.channel}`);
  if (f.topicCode) parts.push(sql`i.topic_code = ${f.topicCode}`);
  if (f.unitId) parts.push(sql`i.unit_id = ${f.unitId}`);
  if (f.month) parts.push(sql`to_char(i.received_at AT TIME ZONE ${LOCAL}, 'YYYY-MM') = ${f.month}`);
  if (f.weekday) parts.push(sql`extract(isodow FROM i.received_at AT TIME ZONE ${LOCAL}) = ${f.weekday}`);
  if (f.hour !== undefined) parts.push(sql`extract(hour FROM i.received_at AT TIME ZONE ${LOCAL}) = ${f.hour}`);
  if (f.firstContact === 'yes') parts.push(sql`i.result = 'resolved'`);
  if (f.firstContact === 'no') parts.push(sql`i.result IN ('forwarded', 'referred')`);
  return sql.join(parts, sql` AND `);
}

export type FigureDimension =
  'total' | 'channel' | 'topic' | 'unit' | 'month' | 'weekday_hour' | 'outside_hours' | 'topic_month' | 'unit_month';

export interface FigureGroup {
  dim: FigureDimension;
  key: string;
  n: number;
  resolved: number;
  decided: number;
  digital: number;
}

export const inquiriesRepository = {
  async insert(db: Executor, row: Insertable<InquiryTable>): Promise<string> {
    const r = await db.insertInto('inquiry').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  /**
   * Bulk insert for history imports: each chunk travels as one JSON parameter (thousands of bind parameters are slow
   * to parse, on PGlite above all).
   */
  async insertMany(db: Executor, rows: Insertable<InquiryTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = JSON.stringify(rows.slice(i, i + 5000));
      await sql`
        INSERT INTO inquiry (received_at, channel, topic_code, unit_id, registered_by, citizen_id, business_cvr, case_id,
                             note, result, referred_to, forwarded_unit_id, forwarded_user_id, due_date, answer,
                             answered_at, answered_by, outside_hours)
        SELECT received_at, channel, topic_code, unit_id, registered_by, citizen_id, business_cvr, case_id, coalesce(note, ''),
               result, referred_to, forwarded_unit_id, forwarded_user_id, due_date, answer, answered_at, answered_by,
               coalesce(outside_hours, false)
        FROM jsonb_to_recordset(${chunk}::jsonb) AS x(
          received_at timestamptz, channel text, topic_code text, unit_id uuid, registered_by uuid, citizen_id uuid,
          business_cvr text, case_id uuid, note text, result text, referred_to text, forwarded_unit_id uuid,
          forwarded_user_id uuid, due_date date, answer text, answered_at timestamptz, answered_by uuid,
          outside_hours boolean)`.execute(db);
    }
  },

  async addEvent(db: Executor, e: { inquiryId: string; activity: string; actorId: string | null }): Promise<void> {
    await db
      .insertInto('inquiry_event')
      .values({ inquiry_id: e.inquiryId, activity: e.activity, actor_id: e.actorId })
      .execute();
  },

  async eventsOf(db: Executor, inquiryId: string) {
    return db
      .selectFrom('inquiry_event')
      .select(['activity', 'occurred_at', 'actor_id'])
      .where('inquiry_id', '=', inquiryId)
      .orderBy('id')
      .execute();
  },

  async byId(db: Executor, id: string): Promise<InquiryRow | undefined> {
    return viewQuery(db).where('i.id', '=', id).executeTakeFirst();
  },

  /** Locks the inquiry for a change (answering a task twice at once must not both win). */
  async lock(db: Executor, id: string) {
    return db.selectFrom('inquiry').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async answer(db: Executor, id: string, a: { answer: string; by: string; at: Date }): Promise<void> {
    await db
      .updateTable('inquiry')
      .set({ answer: a.answer, answered_by: a.by, answered_at: a.at })
      .where('id', '=', id)
      .execute();
  },

  async ofCitizen(db: Executor, citizenId: string): Promise<InquiryRow[]> {
    return viewQuery(db).where('i.citizen_id', '=', citizenId).orderBy('i.received_at', 'desc').limit(200).execute();
  },

  /** Unanswered tasks forwarded to one of the units or to the person; open web-form inquiries of the units. */
  async openTasks(db: Executor, q: { unitIds: readonly string[]; userId: string }): Promise<InquiryRow[]> {
    return viewQuery(db)
      .where('i.answered_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('i.result', '=', 'forwarded'), eb('i.forwarded_user_id', '=', q.userId)]),
          eb.and([
            eb('i.result', '=', 'forwarded'),
            eb('i.forwarded_user_id', 'is', null),
            eb(
              'i.forwarded_unit_id',
              'in',
              q.unitIds.length ? [...q.unitIds] : ['00000000-0000-0000-0000-000000000000'],
            ),
          ]),
          eb.and([
            eb('i.result', '=', 'open'),
            eb('i.unit_id', 'in', q.unitIds.length ? [...q.unitIds] : ['00000000-0000-0000-0000-000000000000']),
          ]),
        ]),
      )
      .orderBy('i.due_date')
      .orderBy('i.received_at')
      .limit(500)
      .execute();
  },

  async list(db: Executor, f: InquiryFilter, limit: number): Promise<{ rows: InquiryRow[]; total: number }> {
    const where = filterSql(f);
    const [rows, total] = await Promise.all([
      viewQuery(db)
        .where(sql<boolean>`${where}`)
        .orderBy('i.received_at', 'desc')
        .limit(limit)
        .execute(),
      sql<{ n: string }>`SELECT count(*) AS n FROM inquiry i WHERE ${where}`.execute(db),
    ]);
    return { rows, total: Number(total.rows[0]?.n ?? 0) };
  },

  /**
   * Every grouping the figures page shows, from two small aggregates of the filtered inquiries (by channel, topic,
   * unit, month and hours; by weekday and hour) rolled up here: per group how many, how many resolved at first
   * contact, how many had a result at all (resolved, forwarded or referred: an open web-form inquiry has none yet),
   * and how many came by a digital channel. Two hash aggregates stay fast over millions of rows, where one pass of
   * GROUPING SETS sorted once per set.
   */
  async figureGroups(db: Executor, f: InquiryFilter): Promise<FigureGroup[]> {
    const where = filterSql(f);
    const [fine, hours] = await Promise.all([
      sql<{ channel: string; topic: string; unit: string; month: string; outside: boolean; result: string; n: string }>`
        SELECT i.channel, i.topic_code AS topic, i.unit_id::text AS unit,
               to_char(date_trunc('month', i.received_at AT TIME ZONE ${LOCAL}), 'YYYY-MM') AS month,
               i.outside_hours AS outside, i.result, count(*) AS n
        FROM inquiry i WHERE ${where}
        GROUP BY 1, 2, 3, 4, 5, 6`.execute(db),
      sql<{ wh: string; n: string }>`
        SELECT extract(isodow FROM i.received_at AT TIME ZONE ${LOCAL})::int || ':' ||
               extract(hour FROM i.received_at AT TIME ZONE ${LOCAL})::int AS wh, count(*) AS n
        FROM inquiry i WHERE ${where} GROUP BY 1`.execute(db),
    ]);
    const groups = new Map<string, FigureGroup>();
    const add = (dim: FigureDimension, key: string, n: number, result: string, channel: string) => {
      const id = `${dim}\u0000${key}`;
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { dim, key, n: 0, resolved: 0, decided: 0, digital: 0 }));
      g.n += n;
      if (result === 'resolved') g.resolved += n;
      if (result !== 'open') g.decided += n;
      if (DIGITAL.has(channel)) g.digital += n;
    };
    for (const r of fine.rows) {
      const n = Number(r.n);
      add('total', '', n, r.result, r.channel);
      add('channel', r.channel, n, r.result, r.channel);
      add('topic', r.topic, n, r.result, r.channel);
      add('unit', r.unit, n, r.result, r.channel);
      add('month', r.month, n, r.result, r.channel);
      add('outside_hours', `${r.channel}|${r.outside ? 'outside' : 'inside'}`, n, r.result, r.channel);
      add('topic_month', `${r.topic}|${r.month}`, n, r.result, r.channel);
      add('unit_month', `${r.unit}|${r.month}`, n, r.result, r.channel);
    }
    for (const r of hours.rows) add('weekday_hour', r.wh, Number(r.n), 'open', '');
    return [...groups.values()].sort((a, b) =>
      a.dim === b.dim ? a.key.localeCompare(b.key) : a.dim.localeCompare(b.dim),
    );
  },

  /** Forwarded inquiries whose due date fell in the period: how many were answered by it (local date). */
  async forwardedInTime(db: Executor, f: InquiryFilter): Promise<{ basis: number; inTime: number }> {
    const r = await sql<{ basis: string; in_time: string }>`
      SELECT count(*) AS basis,
             count(*) FILTER (WHERE i.answered_at IS NOT NULL
                              AND (i.answered_at AT TIME ZONE ${LOCAL})::date <= i.due_date) AS in_time
      FROM inquiry i WHERE ${filterSql(f)} AND i.result = 'forwarded'`.execute(db);
    return { basis: Number(r.rows[0]?.basis ?? 0), inTime: Number(r.rows[0]?.in_time ?? 0) };
  },

  async isApplicant(db: Executor, userId: string): Promise<boolean> {
    const r = await db
      .selectFrom('app_user')
      .select('id')
      .where('id', '=', userId)
      .where('kind', '=', 'applicant')
      .executeTakeFirst();
    return r !== undefined;
  },

  async unitExists(db: Executor, unitId: string): Promise<boolean> {
    return (await db.selectFrom('unit').select('id').where('id', '=', unitId).executeTakeFirst()) !== undefined;
  },

  /** Whether the staff member holds a role on one of the units. */
  async holdsRoleOn(db: Executor, userId: string, unitIds: readonly string[]): Promise<boolean> {
    if (unitIds.length === 0) return false;
    const r = await db
      .selectFrom('role_grant as g')
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .select('g.id')
      .where('g.user_id', '=', userId)
      .where('u.active', '=', true)
      .where('g.unit_id', 'in', [...unitIds])
      .executeTakeFirst();
    return r !== undefined;
  },

  /** The unit of citizen service: the first (by code) on which someone holds the front-line role. */
  async frontlineUnit(db: Executor): Promise<string | undefined> {
    const r = await db
      .selectFrom('role_grant as g')
      .innerJoin('unit as u', 'u.id', 'g.unit_id')
      .select('u.id')
      .where('g.role', '=', 'frontline')
      .orderBy('u.code')
      .executeTakeFirst();
    return r?.id;
  },

  async count(db: Executor): Promise<number> {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM inquiry`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },
};
