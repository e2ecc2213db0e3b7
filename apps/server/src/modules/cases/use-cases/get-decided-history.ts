import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/transaction.js';

export interface DecidedCase {
  /** Calendar days from receipt to decision, pauses included: the wait as the applicant lived it. */
  durationDays: number;
  receivedDate: string;
  decidedDate: string;
  /** Every phase the case was in (its first phase and each phase it changed to). */
  phases: string[];
}

/**
 * The most recent decided cases of a case type, for the expected-decision forecast and its backtest. Reads the
 * clock rows and the phase events only; no personal data leaves.
 */
export async function getDecidedHistory(
  db: Executor,
  caseTypeId: string,
  options: { limit?: number; decidedBefore?: string } = {},
): Promise<DecidedCase[]> {
  const limit = options.limit ?? 500;
  const before = options.decidedBefore ?? '9999-12-31';
  const r = await sql<{ duration_days: number; received_date: string; decided_date: string; phases: string[] | null }>`
    SELECT (k.decided_date - k.received_date) AS duration_days, k.received_date::text AS received_date,
           k.decided_date::text AS decided_date,
           ARRAY(SELECT DISTINCT COALESCE(e.attributes->>'to', e.attributes->>'phase') FROM case_event e
                 WHERE e.case_id = k.case_id AND e.activity IN ('received', 'phase_changed')
                   AND COALESCE(e.attributes->>'to', e.attributes->>'phase') IS NOT NULL) AS phases
    FROM case_clock k
    WHERE k.case_type_id = ${caseTypeId} AND k.decided_date IS NOT NULL AND k.decided_date < ${before}::date
    ORDER BY k.decided_date DESC
    LIMIT ${limit}`.execute(db);
  return r.rows.map((row) => ({
    durationDays: Number(row.duration_days),
    receivedDate: row.received_date,
    decidedDate: row.decided_date,
    phases: row.phases ?? [],
  }));
}
