import type { Executor } from '../../../platform/db/transaction.js';
import { forecastRepository, type DecidedRow } from '../forecast.repository.js';

export interface DecidedCase {
  /** Calendar days from receipt to decision, pauses included: the wait as the applicant lived it. */
  durationDays: number;
  receivedDate: string;
  decidedDate: string;
  /** Every phase the case was in (its first phase and each phase it changed to). */
  phases: string[];
}

export const toDecidedCase = (row: DecidedRow): DecidedCase => ({
  durationDays: Number(row.duration_days),
  receivedDate: row.received_date,
  decidedDate: row.decided_date,
  phases: row.phases ?? [],
});

/**
 * The most recent decided cases of a case type, for the expected-decision forecast and its backtest. Reads the
 * clock rows only (durations and phases are kept there); no personal data leaves.
 */
export async function getDecidedHistory(
  db: Executor,
  caseTypeId: string,
  options: { limit?: number; decidedBefore?: string } = {},
): Promise<DecidedCase[]> {
  const rows = await forecastRepository.recentDecided(db, {
    caseTypeIds: [caseTypeId],
    limit: options.limit ?? 500,
    decidedBefore: options.decidedBefore,
  });
  return rows.map(toDecidedCase);
}
