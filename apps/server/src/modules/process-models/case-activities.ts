import type { Executor } from '../../platform/db/transaction.js';

/**
 * The activities recorded for a case type's cases, for the mapping screen. The cases module owns the event log;
 * until it offers this list, only the activities already in the mapping are shown.
 */
export async function knownActivities(_db: Executor, _caseTypeCode: string | null): Promise<string[]> {
  return [];
}
