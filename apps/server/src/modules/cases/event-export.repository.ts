import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

/** Which cases' events to export: the units (already checked), optionally one case type and a period of receipt. */
export interface EventExportFilter {
  unitIds: readonly string[];
  caseTypeId?: string;
  /** Received on or after / on or before these days (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

export interface ExportCaseRow {
  id: string;
  reference: string;
  case_type_id: string;
  unit_id: string;
  received_at: Date;
}

export interface ExportEventRow {
  id: string;
  case_id: string;
  activity: string;
  occurred_at: Date;
  unit_id: string;
}

/** Keyset pages over the event log for exports: a page of cases, then their events, so memory stays bounded. */
export const eventExportRepository = {
  /** One table, in primary-key order: each page is a short index range scan, however deep the export is. */
  async casePage(db: Executor, f: EventExportFilter, afterId: string | null, limit: number) {
    const r = await sql<ExportCaseRow>`
      SELECT f.id, f.reference, f.case_type_id, f.unit_id, f.received_at
      FROM case_file f
      WHERE f.unit_id = ANY(${f.unitIds}::uuid[])
        ${f.caseTypeId ? sql`AND f.case_type_id = ${f.caseTypeId}` : sql``}
        ${f.from ? sql`AND f.received_at >= ${f.from}::date` : sql``}
        ${f.to ? sql`AND f.received_at < (${f.to}::date + 1)` : sql``}
        ${afterId ? sql`AND f.id > ${afterId}` : sql``}
      ORDER BY f.id LIMIT ${limit}`.execute(db);
    return r.rows;
  },

  async eventsOf(db: Executor, caseIds: readonly string[]) {
    const r = await sql<ExportEventRow>`
      SELECT e.id::text AS id, e.case_id, e.activity, e.occurred_at, e.unit_id
      FROM case_event e
      WHERE e.case_id = ANY(${caseIds}::uuid[]) ORDER BY e.case_id, e.seq`.execute(db);
    return r.rows;
  },

  /** Codes of units and case types, to name them in the export (a few hundred rows at most). */
  async codes(db: Executor) {
    const r = await sql<{ id: string; code: string }>`
      SELECT id, code FROM unit UNION ALL SELECT id, code FROM case_type`.execute(db);
    return new Map(r.rows.map((x) => [x.id, x.code]));
  },

  async activities(db: Executor, f: EventExportFilter) {
    const r = await sql<{ activity: string }>`
      SELECT DISTINCT e.activity FROM case_event e JOIN case_file f ON f.id = e.case_id
      WHERE f.unit_id = ANY(${f.unitIds}::uuid[])
        ${f.caseTypeId ? sql`AND f.case_type_id = ${f.caseTypeId}` : sql``}
      ORDER BY 1`.execute(db);
    return r.rows.map((x) => x.activity);
  },
};
