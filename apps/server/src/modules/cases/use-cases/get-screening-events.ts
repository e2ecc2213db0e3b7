import type { Executor } from '../../../platform/db/transaction.js';
import { eventLogRepository as repo } from '../event-log.repository.js';

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
  const rows = await repo.screenings(db, f);
  return rows.map((x) => ({
    caseTypeId: x.case_type_id,
    caseTypeCode: x.code,
    month: x.month,
    automatic: x.automatic,
    verdict: x.verdict,
  }));
}
