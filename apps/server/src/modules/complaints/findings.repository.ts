import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { AdvisorActionTable, AdvisorFindingTable } from './complaints.tables.js';
import './complaints.tables.js';

export const findingsRepository = {
  async insert(db: Executor, f: Insertable<AdvisorFindingTable>): Promise<string> {
    const r = await db.insertInto('advisor_finding').values(f).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  async insertActions(db: Executor, rows: Insertable<AdvisorActionTable>[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('advisor_action').values(rows).execute();
  },

  /** Findings concerning any of `units`, newest first, with the responsible manager's name and every action. */
  async list(db: Executor, units: readonly string[], id?: string) {
    let q = db
      .selectFrom('advisor_finding as f')
      .leftJoin('app_user as u', 'u.id', 'f.responsible_id')
      .selectAll('f')
      .select('u.display_name as responsible_name')
      .where(sql<boolean>`f.unit_ids && ${[...units]}::uuid[]`);
    if (id) q = q.where('f.id', '=', id);
    const findings = await q.orderBy('f.found_on', 'desc').orderBy('f.id').limit(500).execute();
    const actions =
      findings.length === 0
        ? []
        : await db
            .selectFrom('advisor_action')
            .selectAll()
            .where(
              'finding_id',
              'in',
              findings.map((f) => f.id),
            )
            .orderBy('due_date')
            .orderBy('id')
            .execute();
    return { findings, actions };
  },

  async setStatus(db: Executor, id: string, status: string, at: Date): Promise<boolean> {
    const r = await db
      .updateTable('advisor_finding')
      .set({ status, closed_at: status === 'closed' ? at : null })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  async findAction(db: Executor, actionId: string) {
    return db
      .selectFrom('advisor_action as a')
      .innerJoin('advisor_finding as f', 'f.id', 'a.finding_id')
      .select(['a.id', 'a.finding_id', 'f.unit_ids'])
      .where('a.id', '=', actionId)
      .executeTakeFirst();
  },

  async setActionDone(db: Executor, actionId: string, at: Date | null): Promise<void> {
    await db.updateTable('advisor_action').set({ done_at: at }).where('id', '=', actionId).execute();
  },
};
