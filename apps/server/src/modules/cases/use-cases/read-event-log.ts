import type { Executor } from '../../../platform/db/transaction.js';
import { eventLogRepository as repo, type CaseLog, type EventLogQuery } from '../event-log.repository.js';

export type { EventLogQuery };
/** One case's events in order, for process analysis (the navigator) and exports. */
export type LoggedCase = CaseLog;

/** Reads the event log of a case type, one entry per case with its events in order. */
export function readEventLog(db: Executor, q: EventLogQuery): Promise<LoggedCase[]> {
  return repo.caseLogs(db, q);
}
