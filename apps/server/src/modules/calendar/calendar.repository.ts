import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import './calendar.tables.js';

export interface ClosureRow {
  day: string;
  reason: string;
  created_by: string | null;
  created_at: Date;
}

export const calendarRepository = {
  async closures(db: Executor, year?: number): Promise<ClosureRow[]> {
    let q = db.selectFrom('calendar_closure').selectAll().orderBy('day');
    if (year !== undefined) q = q.where(sql<boolean>`extract(year FROM day) = ${year}`);
    return q.execute();
  },

  /** The closure days as one string, cheap to compare with what a node last built its calendar from. */
  async closureKey(db: Executor): Promise<string> {
    const r = await sql<{
      key: string | null;
    }>`SELECT string_agg(day::text, ',' ORDER BY day) AS key FROM calendar_closure`.execute(db);
    return r.rows[0]?.key ?? '';
  },

  async isClosure(db: Executor, day: string): Promise<boolean> {
    return (
      (await db.selectFrom('calendar_closure').select('day').where('day', '=', day).executeTakeFirst()) !== undefined
    );
  },

  /** False when the day was already a closure day. */
  async add(db: Executor, row: { day: string; reason: string; createdBy: string }): Promise<boolean> {
    const r = await db
      .insertInto('calendar_closure')
      .values({ day: row.day, reason: row.reason, created_by: row.createdBy })
      .onConflict((oc) => oc.column('day').doNothing())
      .returning('day')
      .executeTakeFirst();
    return r !== undefined;
  },

  async remove(db: Executor, day: string): Promise<ClosureRow | undefined> {
    return db.deleteFrom('calendar_closure').where('day', '=', day).returningAll().executeTakeFirst();
  },
};
