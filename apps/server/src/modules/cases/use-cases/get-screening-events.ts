import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/transaction.js';

/** A received case with its screenings: the automatic checks on receipt and the caseworker's first verdict. */
export interface ScreeningEventRow {
  caseTypeId: string;
  caseTypeCode: string;
  /** Receipt month in the authority's zone, YYYY-MM. */
  month: string;
  automatic: boolean | null;
  verdict: boolean | null;
}

/**
 * One row per case received in [from, to) in the given units: what the automatic screening found and what the
 * caseworker's first verdict said. The applications capability turns these into "fully informed on receipt".
 */
export async function getScreeningEvents(
  db: Executor,
  f: { unitIds: string[]; from: string; to: string; caseTypeId?: string },
): Promise<ScreeningEventRow[]> {
  if (f.unitIds.length === 0) return [];
  const r = await sql<{
    case_type_id: string;
    code: string;
    month: string;
    automatic: boolean | null;
    verdict: boolean | null;
  }>`
    SELECT c.case_type_id, t.code, to_char(c.received_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM') AS month,
      (SELECT (e.attributes->>'fullyInformed')::boolean FROM case_event e
        WHERE e.case_id = c.id AND e.activity = 'screened_automatically' ORDER BY e.seq LIMIT 1) AS automatic,
      (SELECT (e.attributes->>'fullyInformed')::boolean FROM case_event e
        WHERE e.case_id = c.id AND e.activity = 'screened' ORDER BY e.seq LIMIT 1) AS verdict
    FROM case_file c JOIN case_type t ON t.id = c.case_type_id
    WHERE c.unit_id = ANY(${f.unitIds}::uuid[])
      AND c.received_at >= ${f.from}::date AND c.received_at < ${f.to}::date
      ${f.caseTypeId ? sql`AND c.case_type_id = ${f.caseTypeId}` : sql``}`.execute(db);
  return r.rows.map((x) => ({
    caseTypeId: x.case_type_id,
    caseTypeCode: x.code,
    month: x.month,
    automatic: x.automatic,
    verdict: x.verdict,
  }));
}
