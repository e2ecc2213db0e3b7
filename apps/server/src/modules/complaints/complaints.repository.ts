import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { TComplaintListQuery } from '@sagsgang/contracts';
import type { ComplaintTable } from './complaints.tables.js';
import './complaints.tables.js';

export type ComplaintRow = Selectable<ComplaintTable>;
export type ComplaintListRow = ComplaintRow & {
  case_reference: string;
  case_type_code: string;
  case_type_id: string;
  case_assignee_id: string | null;
  handler_name: string | null;
};

/** Who may see which complaints: all in `units`, or those on cases `caseworkerId` handles or the complaints they handle. */
export interface ComplaintScope {
  units: readonly string[];
  caseworkerId?: string;
  complainantId?: string;
}

function listQuery(db: Executor) {
  return db
    .selectFrom('complaint as c')
    .innerJoin('case_file as f', 'f.id', 'c.case_id')
    .innerJoin('case_type as t', 't.id', 'f.case_type_id')
    .leftJoin('app_user as h', 'h.id', 'c.handler_id')
    .selectAll('c')
    .select([
      'f.reference as case_reference',
      't.code as case_type_code',
      't.id as case_type_id',
      'f.assignee_id as case_assignee_id',
      'h.display_name as handler_name',
    ]);
}

const quarterStart = (q: string) => `${q.slice(0, 4)}-${String((Number(q.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`;

export const complaintsRepository = {
  async insert(db: Executor, c: Insertable<ComplaintTable>): Promise<string> {
    const r = await db.insertInto('complaint').values(c).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  async find(db: Executor, id: string): Promise<ComplaintListRow | undefined> {
    return listQuery(db).where('c.id', '=', id).executeTakeFirst() as Promise<ComplaintListRow | undefined>;
  },

  async findForUpdate(db: Executor, id: string): Promise<ComplaintRow | undefined> {
    return db.selectFrom('complaint').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** Applies a change only to the version the user saw; undefined when someone else changed it first. */
  async update(
    db: Executor,
    id: string,
    expectedVersion: number,
    changes: Updateable<ComplaintTable>,
  ): Promise<ComplaintRow | undefined> {
    return db
      .updateTable('complaint')
      .set({ ...changes, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
  },

  async list(db: Executor, scope: ComplaintScope, q: Partial<TComplaintListQuery>): Promise<ComplaintListRow[]> {
    let query = listQuery(db);
    if (scope.complainantId) query = query.where('c.complainant_id', '=', scope.complainantId);
    else {
      const units = [...scope.units];
      const worker = scope.caseworkerId;
      query = query.where((eb) => {
        const ors = [];
        if (units.length > 0) ors.push(eb('c.unit_id', 'in', units));
        if (worker) ors.push(eb('f.assignee_id', '=', worker), eb('c.handler_id', '=', worker));
        return ors.length > 0 ? eb.or(ors) : eb.val(false);
      });
    }
    if (q.state) query = query.where('c.state', '=', q.state);
    if (q.kind) query = query.where('c.kind', '=', q.kind);
    if (q.caseTypeId) query = query.where('f.case_type_id', '=', q.caseTypeId);
    if (q.unitId) query = query.where('c.unit_id', '=', q.unitId);
    if (q.appealOutcome) query = query.where('c.appeal_outcome', '=', q.appealOutcome);
    if (q.cause) query = query.where('c.procedure_cause', '=', q.cause);
    if (q.quarter) {
      const from = quarterStart(q.quarter);
      query = query
        .where(sql<boolean>`c.received_at >= ${from}::date`)
        .where(sql<boolean>`c.received_at < ${from}::date + interval '3 months'`);
    }
    return query
      .orderBy('c.received_at', 'desc')
      .orderBy('c.id')
      .limit(q.limit ?? 100)
      .execute() as Promise<ComplaintListRow[]>;
  },

  async deadlines(db: Executor): Promise<{ kind: string; amount: number; unit: string }[]> {
    return db.selectFrom('complaint_deadline').selectAll().execute();
  },

  async setDeadline(db: Executor, d: { kind: string; amount: number; unit: string }): Promise<void> {
    await db
      .insertInto('complaint_deadline')
      .values(d)
      .onConflict((oc) => oc.column('kind').doUpdateSet({ amount: d.amount, unit: d.unit }))
      .execute();
  },

  /** Bulk insert for generated history. */
  async insertMany(db: Executor, rows: Insertable<ComplaintTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('complaint')
        .values(rows.slice(i, i + 500))
        .execute();
  },
};
