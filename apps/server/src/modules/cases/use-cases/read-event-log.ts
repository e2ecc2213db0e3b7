import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/transaction.js';

const SEP = '\u001f';

/** Which cases' event logs to read: one case type, in the given units, received in an optional period. */
export interface EventLogQuery {
  caseTypeCode: string;
  /** The units whose cases are read; the caller has checked the reader may see them. Empty reads nothing. */
  unitIds: string[];
  /** Received on or after / on or before these dates (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

/** One case's events in order, for process analysis (the navigator) and exports. */
export interface LoggedCase {
  caseId: string;
  reference: string;
  unitName: string;
  /** The service-goal deadline (YYYY-MM-DD), when the clock has one. */
  deadline: string | null;
  activities: string[];
  /** Epoch milliseconds, one per activity. */
  times: number[];
  /** Who recorded each event (display name), null for the system. */
  actors: (string | null)[];
}

/**
 * Reads the event log of a case type, one row per case with its events aggregated in order — a tenth of the rows
 * an event per row would take, which is what makes 100,000 cases quick to read.
 */
export async function readEventLog(db: Executor, q: EventLogQuery): Promise<LoggedCase[]> {
  if (q.unitIds.length === 0) return [];
  // Each list travels as one string split here: much cheaper to parse than PostgreSQL array literals.
  const { rows } = await sql<
    Omit<LoggedCase, 'activities' | 'times' | 'actors'> & { activities: string; times: string; actors: string }
  >`
    SELECT f.id AS "caseId", f.reference, u.name_da AS "unitName", c.deadline::text AS deadline,
      string_agg(e.activity, ${SEP} ORDER BY e.occurred_at, e.seq) AS activities,
      string_agg(((extract(epoch FROM e.occurred_at) * 1000)::bigint)::text, ',' ORDER BY e.occurred_at, e.seq) AS times,
      string_agg(coalesce(a.display_name, ''), ${SEP} ORDER BY e.occurred_at, e.seq) AS actors
    FROM case_file f
    JOIN case_type t ON t.id = f.case_type_id
    JOIN unit u ON u.id = f.unit_id
    JOIN case_event e ON e.case_id = f.id
    LEFT JOIN app_user a ON a.id = e.actor_id
    LEFT JOIN case_clock c ON c.case_id = f.id
    WHERE t.code = ${q.caseTypeCode}
      AND f.unit_id = ANY(${q.unitIds}::uuid[])
      ${q.from ? sql`AND f.received_at >= ${q.from}::date` : sql``}
      ${q.to ? sql`AND f.received_at < (${q.to}::date + 1)` : sql``}
    GROUP BY f.id, f.reference, u.name_da, c.deadline
    ORDER BY min(f.received_at), f.id`.execute(db);
  return rows.map((r) => ({
    ...r,
    activities: r.activities.split(SEP),
    times: r.times.split(',').map(Number),
    actors: r.actors.split(SEP).map((a) => a || null),
  }));
}
