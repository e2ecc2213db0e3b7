import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import './cases.tables.js';

export interface DecidedRow {
  case_type_id: string;
  duration_days: number;
  received_date: string;
  decided_date: string;
  phases: string[];
}

export interface DecidedQuery {
  caseTypeIds: readonly string[];
  /** At most this many per case type, the most recently decided. */
  limit: number;
  /** Only cases decided before this local date (the backtest replays the past). */
  decidedBefore?: string;
}

/**
 * The forecast's read: per case type, its most recent decided cases from the clock rows, each type one range of
 * case_clock_forecast_idx (LATERAL … LIMIT), so the cost follows the window, not the history or the event log.
 */
export function recentDecidedQuery(q: DecidedQuery): RawBuilder<DecidedRow> {
  return sql<DecidedRow>`
    SELECT t.id AS case_type_id, d.duration_days, d.received_date::text AS received_date,
           d.decided_date::text AS decided_date, d.phases
    FROM unnest(${[...q.caseTypeIds]}::uuid[]) AS t(id)
    CROSS JOIN LATERAL (
      SELECT (k.decided_date - k.received_date) AS duration_days, k.received_date, k.decided_date, k.phases
      FROM case_clock k
      WHERE k.case_type_id = t.id AND k.decided_date IS NOT NULL AND k.decided_date < ${q.decidedBefore ?? '9999-12-31'}::date
      ORDER BY k.decided_date DESC, k.case_id DESC
      LIMIT ${q.limit}
    ) d`;
}

export const forecastRepository = {
  async recentDecided(executor: Executor, q: DecidedQuery): Promise<DecidedRow[]> {
    if (q.caseTypeIds.length === 0) return [];
    return (await recentDecidedQuery(q).execute(executor)).rows;
  },

  /** The case types' forecast versions; a type with no decided case yet has none (read as 0). */
  async versions(executor: Executor, caseTypeIds: readonly string[]): Promise<Map<string, number>> {
    if (caseTypeIds.length === 0) return new Map();
    const rows = await executor
      .selectFrom('case_forecast_version')
      .select(['case_type_id', 'version'])
      .where('case_type_id', 'in', [...caseTypeIds])
      .execute();
    return new Map(rows.map((r) => [r.case_type_id, Number(r.version)]));
  },
};
