import type { Executor } from '../../../platform/db/transaction.js';
import { eventLogRepository as repo } from '../event-log.repository.js';

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
  const rows = await repo.decided(db, caseTypeId, { limit, decidedBefore: before });
  return rows.map((row) => ({
    durationDays: Number(row.duration_days),
    receivedDate: row.received_date,
    decidedDate: row.decided_date,
    phases: row.phases ?? [],
  }));
}
