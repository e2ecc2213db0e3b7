import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

/** Which cases make up a population: case types, units, a period and states. */
export interface CasePopulationQuery {
  /** The units whose cases count; the caller has checked the reader may see them. Empty reads nothing. */
  unitIds: readonly string[];
  /** Only these case types (all when empty or omitted). */
  caseTypeIds?: readonly string[];
  /** Only cases in these states (all when empty or omitted). */
  states?: readonly string[];
  /** The period, both days included (YYYY-MM-DD), on the day the case was received or decided. */
  from?: string;
  to?: string;
  periodOf?: 'received' | 'decided';
  /** Only these cases (of those units). */
  caseIds?: readonly string[];
}

/** One case of a population, with who handled it (every staff member who recorded an event, and the assignee). */
export interface PopulationCaseRow {
  caseId: string;
  reference: string;
  unitId: string;
  caseTypeId: string;
  caseTypeCode: string;
  state: string;
  assigneeId: string | null;
  /** The day the case was decided (YYYY-MM-DD), when it was. */
  decidedOn: string | null;
  handlerIds: string[];
}

export const populationRepository = {
  async cases(db: Executor, q: CasePopulationQuery): Promise<PopulationCaseRow[]> {
    if (q.unitIds.length === 0) return [];
    const day =
      q.periodOf === 'decided' ? sql`k.decided_date` : sql`(f.received_at AT TIME ZONE 'Europe/Copenhagen')::date`;
    const { rows } = await sql<PopulationCaseRow>`
    SELECT f.id AS "caseId", f.reference, f.unit_id AS "unitId", f.case_type_id AS "caseTypeId",
      t.code AS "caseTypeCode", f.state, f.assignee_id AS "assigneeId", k.decided_date::text AS "decidedOn",
      coalesce((SELECT array_agg(DISTINCT e.actor_id::text) FROM case_event e
        WHERE e.case_id = f.id AND e.actor_id IS NOT NULL), '{}'::text[]) AS "handlerIds"
    FROM case_file f
    JOIN case_type t ON t.id = f.case_type_id
    LEFT JOIN case_clock k ON k.case_id = f.id
    WHERE f.unit_id = ANY(${q.unitIds}::uuid[])
      ${q.caseTypeIds?.length ? sql`AND f.case_type_id = ANY(${q.caseTypeIds}::uuid[])` : sql``}
      ${q.states?.length ? sql`AND f.state = ANY(${q.states}::text[])` : sql``}
      ${q.caseIds ? sql`AND f.id = ANY(${q.caseIds}::uuid[])` : sql``}
      ${q.from ? sql`AND ${day} >= ${q.from}::date` : sql``}
      ${q.to ? sql`AND ${day} <= ${q.to}::date` : sql``}
    ORDER BY f.id`.execute(db);
    return rows.map((r) => ({
      ...r,
      handlerIds: [...new Set([...r.handlerIds, ...(r.assigneeId ? [r.assigneeId] : [])])],
    }));
  },
};
