import { sql, type QueryCreator, type Selectable, type Updateable } from 'kysely';
import { auditRow, type AuditEntry } from '../../platform/audit/record-audit.js';
import type { DB } from '../../platform/db/schema.js';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { documentsOfCase, type CaseDocumentRow } from './case-documents.repository.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { CaseFileTable } from './cases.tables.js';
import type { ClockRow } from './case-clock.js';
import './cases.tables.js';

export type CaseRow = Selectable<CaseFileTable>;

export interface NewEvent {
  caseId: string;
  activity: string;
  occurredAt: Date;
  actorId: string | null;
  unitId: string;
  attributes: Record<string, unknown>;
}

export interface EventRow {
  id: number;
  seq: number;
  activity: string;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  unitId: string;
  attributes: Record<string, unknown>;
}

/** A case's events in order, with the actor's name. */
function eventsQuery(db: QueryCreator<DB>, caseId: string) {
  return db
    .selectFrom('case_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.seq',
      'e.activity',
      'e.occurred_at as occurredAt',
      'e.actor_id as actorId',
      'u.display_name as actorName',
      'e.unit_id as unitId',
      'e.attributes',
    ])
    .where('e.case_id', '=', caseId)
    .orderBy('e.seq');
}

export const casesRepository = {
  async nextReference(db: Executor, year: number): Promise<string> {
    const r = await sql<{ n: number }>`SELECT nextval('case_reference_seq') AS n`.execute(db);
    return `SAG-${year}-${String(r.rows[0].n).padStart(6, '0')}`;
  },

  async insertCase(db: Executor, row: Omit<CaseRow, 'id' | 'version' | 'created_at' | 'updated_at'>): Promise<CaseRow> {
    return db.insertInto('case_file').values(row).returningAll().executeTakeFirstOrThrow();
  },

  async findCase(db: Executor, caseId: string): Promise<CaseRow | undefined> {
    return db.selectFrom('case_file').selectAll().where('id', '=', caseId).executeTakeFirst();
  },

  async findCaseByReference(db: Executor, reference: string): Promise<CaseRow | undefined> {
    return db.selectFrom('case_file').selectAll().where('reference', '=', reference).executeTakeFirst();
  },

  /**
   * The optimistic check: changes the case only if nobody else has since `expectedVersion`. A concurrent writer
   * waits on the row lock and then finds the version moved on, so at most one of two wins.
   */
  async updateCase(
    db: Executor,
    caseId: string,
    expectedVersion: number,
    changes: Updateable<CaseFileTable>,
  ): Promise<CaseRow | undefined> {
    return db
      .updateTable('case_file')
      .set({ ...changes, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', caseId)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
  },

  /** Appends one event; the caller holds the case row (updateCase), so seq numbers cannot collide. */
  async appendEvent(db: Executor, e: NewEvent): Promise<number> {
    const r = await sql<{ id: number }>`
      INSERT INTO case_event (case_id, seq, activity, occurred_at, actor_id, unit_id, attributes)
      SELECT ${e.caseId}, COALESCE(MAX(seq), 0) + 1, ${e.activity}, ${e.occurredAt}, ${e.actorId}, ${e.unitId}, ${JSON.stringify(e.attributes)}::jsonb
      FROM case_event WHERE case_id = ${e.caseId}
      RETURNING id`.execute(db);
    return r.rows[0].id;
  },

  async eventsOf(db: Executor, caseId: string): Promise<EventRow[]> {
    return eventsQuery(db, caseId).execute();
  },

  /**
   * The events and the documents of a case in one statement (two JSON arrays), for the applicant's case page: one
   * round trip instead of two. JSON carries times as text; they are made Dates again here.
   */
  async eventsAndDocumentsOf(
    db: Executor,
    caseId: string,
  ): Promise<{ events: EventRow[]; documents: CaseDocumentRow[] }> {
    const row = await db
      .selectNoFrom([
        jsonArrayFrom(eventsQuery(db, caseId)).as('events'),
        jsonArrayFrom(documentsOfCase(db, caseId)).as('documents'),
      ])
      .executeTakeFirstOrThrow();
    return {
      events: row.events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
      documents: row.documents.map((d) => ({ ...d, added_at: new Date(d.added_at) })),
    };
  },

  /** The events of a case, and the audit row of the read written in the same statement (one round trip). */
  async eventsOfAudited(db: Executor, caseId: string, audit: AuditEntry): Promise<EventRow[]> {
    // PostgreSQL runs a data-modifying WITH whether or not the query names it; the select never does.
    const audited = db.with('audited', (q) => q.insertInto('audit_log').values(auditRow(audit)).returning('id'));
    return eventsQuery(audited as unknown as QueryCreator<DB>, caseId).execute();
  },

  async upsertClock(db: Executor, row: ClockRow): Promise<void> {
    const { case_id: _id, ...rest } = row;
    await db
      .insertInto('case_clock')
      .values(row)
      .onConflict((oc) => oc.column('case_id').doUpdateSet({ ...rest, updated_at: new Date() }))
      .execute();
  },

  /** Cases whose clock a calendar change on `fromDay` can move, in id order after `after`. */
  async clockIdsFrom(db: Executor, fromDay: string, after: string, limit: number): Promise<string[]> {
    const r = await db
      .selectFrom('case_clock')
      .select('case_id')
      .where('case_id', '>', after)
      .where((eb) => eb.or([eb('decided_date', 'is', null), eb('decided_date', '>=', fromDay)]))
      .orderBy('case_id')
      .limit(limit)
      .execute();
    return r.map((x) => x.case_id);
  },

  async lockCases(db: Executor, ids: string[]): Promise<CaseRow[]> {
    return db.selectFrom('case_file').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute() as Promise<
      CaseRow[]
    >;
  },

  async clockDeadlines(db: Executor, ids: string[]): Promise<Map<string, string | null>> {
    const r = await db.selectFrom('case_clock').select(['case_id', 'deadline']).where('case_id', 'in', ids).execute();
    return new Map(r.map((x) => [x.case_id, x.deadline]));
  },

  async userName(db: Executor, userId: string): Promise<string | null> {
    const r = await db.selectFrom('app_user').select('display_name').where('id', '=', userId).executeTakeFirst();
    return r?.display_name ?? null;
  },

  /** Whether a user may be a case's applicant: an active citizen or business account, never staff. */
  async isActiveApplicant(db: Executor, userId: string): Promise<boolean> {
    const r = await db
      .selectFrom('app_user')
      .select('id')
      .where('id', '=', userId)
      .where('kind', '=', 'applicant')
      .where('active', '=', true)
      .executeTakeFirst();
    return r !== undefined;
  },

  /** Whether a user may be given cases of a unit: an active staff member with a casework role on it or above it. */
  async canHandleUnit(db: Executor, userId: string, unitId: string): Promise<boolean> {
    const r = await sql<{ ok: boolean }>`
      WITH RECURSIVE up AS (
        SELECT id, parent_id FROM unit WHERE id = ${unitId}
        UNION ALL SELECT u.id, u.parent_id FROM unit u JOIN up ON u.id = up.parent_id
      )
      SELECT EXISTS (
        SELECT 1 FROM role_grant g JOIN app_user a ON a.id = g.user_id
        WHERE g.user_id = ${userId} AND a.active AND a.kind = 'staff'
          AND g.role IN ('caseworker', 'teamlead') AND g.unit_id IN (SELECT id FROM up)
      ) AS ok`.execute(db);
    return r.rows[0]?.ok === true;
  },

  /** Active staff with a casework role on any of the units (granted there or above), for assignment lists. */
  async assignees(db: Executor, unitIds: string[]): Promise<{ id: string; name: string; unitIds: string[] }[]> {
    if (unitIds.length === 0) return [];
    const r = await sql<{ id: string; name: string; unit_ids: string[] }>`
      WITH RECURSIVE down AS (
        SELECT g.user_id, g.unit_id AS granted, g.unit_id FROM role_grant g WHERE g.role IN ('caseworker', 'teamlead')
        UNION SELECT d.user_id, d.granted, u.id FROM down d JOIN unit u ON u.parent_id = d.unit_id
      )
      SELECT a.id, a.display_name AS name, array_agg(DISTINCT d.unit_id::text) AS unit_ids
      FROM down d JOIN app_user a ON a.id = d.user_id
      WHERE a.active AND a.kind = 'staff' AND d.unit_id = ANY(${unitIds}::uuid[])
      GROUP BY a.id, a.display_name ORDER BY a.display_name`.execute(db);
    return r.rows.map((x) => ({ id: x.id, name: x.name, unitIds: x.unit_ids }));
  },

  async casesOfApplicant(db: Executor, applicantId: string): Promise<CaseRow[]> {
    return db
      .selectFrom('case_file')
      .selectAll()
      .where('applicant_id', '=', applicantId)
      .orderBy('received_at', 'desc')
      .execute();
  },
};
