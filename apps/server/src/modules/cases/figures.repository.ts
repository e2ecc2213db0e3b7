import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

export interface FiguresFilter {
  unitIds: string[];
  caseTypeId?: string;
  from: string;
  to: string;
  today: string;
  breachWithinDays: number;
}

const scope = (f: FiguresFilter): RawBuilder<unknown> =>
  f.caseTypeId ? sql`unit_id = ANY(${f.unitIds}::uuid[]) AND case_type_id = ${f.caseTypeId}` : sql`unit_id = ANY(${f.unitIds}::uuid[])`;

/**
 * Service-goal figures straight from the derived clock rows: one narrow row per case, so the figures are a few
 * hash aggregations, never a replay of the event log. Withdrawn cases (goal_met null) count neither for nor
 * against the goal.
 */
export const figuresRepository = {
  /**
   * One pass over the clock rows of the period, grouped three ways at once (GROUPING SETS): by processing day (the
   * histogram the percentiles and the distribution come from), by month of decision (the compliance series), and
   * by case type alone (receipts and "fully informed on receipt"). `g` tells the sets apart: 1 day, 2 month, 3 type.
   */
  async period(db: Executor, f: FiguresFilter) {
    const decidedIn = sql`(decided_date BETWEEN ${f.from}::date AND ${f.to}::date AND goal_met IS NOT NULL)`;
    const receivedIn = sql`(received_date BETWEEN ${f.from}::date AND ${f.to}::date)`;
    const r = await sql<{
      case_type_id: string; g: number; days: number | null; month: string | null; decided: number; within_goal: number;
      received: number; screened: number; informed: number;
    }>`
      SELECT case_type_id, GROUPING(processing_days, date_trunc('month', decided_date))::int AS g, processing_days AS days,
             to_char(date_trunc('month', decided_date), 'YYYY-MM') AS month,
             count(*) FILTER (WHERE d)::int AS decided, count(*) FILTER (WHERE d AND goal_met)::int AS within_goal,
             count(*) FILTER (WHERE r)::int AS received, count(fully_informed_on_receipt) FILTER (WHERE r)::int AS screened,
             count(*) FILTER (WHERE r AND fully_informed_on_receipt)::int AS informed
      FROM (
        SELECT case_type_id, processing_days, decided_date, goal_met, fully_informed_on_receipt, ${decidedIn} AS d, ${receivedIn} AS r
        FROM case_clock WHERE ${scope(f)} AND (${decidedIn} OR ${receivedIn})
      ) x
      GROUP BY GROUPING SETS ((case_type_id, processing_days), (case_type_id, date_trunc('month', decided_date)), (case_type_id))`.execute(db);
    return r.rows;
  },

  /** Open cases by clock state as of today, and those that breach within N days unless decided. */
  async open(db: Executor, f: FiguresFilter) {
    const r = await sql<{ case_type_id: string; not_started: number; paused: number; breached: number; warning: number; running: number; soon: number }>`
      SELECT case_type_id,
        count(*) FILTER (WHERE clock_start_date IS NULL)::int AS not_started,
        count(*) FILTER (WHERE clock_start_date IS NOT NULL AND paused_since IS NOT NULL)::int AS paused,
        count(*) FILTER (WHERE paused_since IS NULL AND deadline < ${f.today}::date)::int AS breached,
        count(*) FILTER (WHERE paused_since IS NULL AND deadline >= ${f.today}::date AND warn_date <= ${f.today}::date)::int AS warning,
        count(*) FILTER (WHERE paused_since IS NULL AND deadline >= ${f.today}::date AND warn_date > ${f.today}::date)::int AS running,
        count(*) FILTER (WHERE paused_since IS NULL AND deadline >= ${f.today}::date
                          AND deadline < ${f.today}::date + ${f.breachWithinDays}::int)::int AS soon
      FROM case_clock WHERE decided_at IS NULL AND ${scope(f)}
      GROUP BY case_type_id`.execute(db);
    return r.rows;
  },

  async caseTypes(db: Executor) {
    const r = await sql<{ id: string; code: string; name: unknown; target_share: number; goal_days: number }>`
      SELECT t.id, t.code, v.definition->'name' AS name, v.target_share, v.goal_days
      FROM case_type t JOIN case_type_version v ON v.case_type_id = t.id AND v.version = t.current_version ORDER BY t.code`.execute(db);
    return r.rows;
  },
};
