import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import { wholeMonths } from './period-months.js';

export interface FiguresFilter {
  unitIds: string[];
  caseTypeId?: string;
  from: string;
  to: string;
  today: string;
  breachWithinDays: number;
}

const scope = (f: FiguresFilter): RawBuilder<unknown> =>
  f.caseTypeId
    ? sql`unit_id = ANY(${f.unitIds}::uuid[]) AND case_type_id = ${f.caseTypeId}`
    : sql`unit_id = ANY(${f.unitIds}::uuid[])`;

/**
 * Service-goal figures straight from the derived clock rows: one narrow row per case, so the figures are a few
 * hash aggregations, never a replay of the event log. Withdrawn cases (goal_met null) count neither for nor
 * against the goal.
 */
export const figuresRepository = {
  /**
   * The period's figures in three groupings (`g`): 1 the processing-days histogram the percentiles and the
   * distribution come from, 2 the compliance series by month of decision, 3 receipts and "fully informed on receipt".
   * Whole months come from the roll-ups kept by the triggers of migration 0012; the part-months at either edge of
   * the period come from the clock rows themselves, through the date indexes.
   */
  async period(db: Executor, f: FiguresFilter) {
    const { first, end } = wholeMonths(f.from, f.to);
    const rolled = sql`month >= ${first}::date AND month < ${end}::date`;
    const edge = (column: string) => sql`${sql.ref(column)} BETWEEN ${f.from}::date AND ${f.to}::date
      AND (${sql.ref(column)} < ${first}::date OR ${sql.ref(column)} >= ${end}::date)`;
    const r = await sql<{
      case_type_id: string;
      g: number;
      days: number | null;
      month: string | null;
      decided: number;
      within_goal: number;
      received: number;
      screened: number;
      informed: number;
    }>`
      WITH decided AS (
        SELECT case_type_id, processing_days, month, goal_met, cases FROM case_figures_decided WHERE ${scope(f)} AND ${rolled}
        UNION ALL
        SELECT case_type_id, processing_days, date_trunc('month', decided_date::timestamp)::date, goal_met, 1 FROM case_clock
        WHERE ${scope(f)} AND goal_met IS NOT NULL AND processing_days IS NOT NULL AND ${edge('decided_date')}
      ), received AS (
        SELECT case_type_id, received, screened, informed FROM case_figures_received WHERE ${scope(f)} AND ${rolled}
        UNION ALL
        SELECT case_type_id, 1, (fully_informed_on_receipt IS NOT NULL)::int, (fully_informed_on_receipt IS TRUE)::int FROM case_clock
        WHERE ${scope(f)} AND ${edge('received_date')}
      )
      SELECT case_type_id, 1 AS g, processing_days AS days, NULL AS month, sum(cases)::int AS decided,
             coalesce(sum(cases) FILTER (WHERE goal_met), 0)::int AS within_goal, 0 AS received, 0 AS screened, 0 AS informed
      FROM decided GROUP BY case_type_id, processing_days
      UNION ALL
      SELECT case_type_id, 2, NULL, to_char(month, 'YYYY-MM'), sum(cases)::int, coalesce(sum(cases) FILTER (WHERE goal_met), 0)::int, 0, 0, 0
      FROM decided GROUP BY case_type_id, month
      UNION ALL
      SELECT case_type_id, 3, NULL, NULL, 0, 0, sum(received)::int, sum(screened)::int, sum(informed)::int
      FROM received GROUP BY case_type_id`.execute(db);
    return r.rows;
  },

  /** Open cases by clock state as of today, and those that breach within N days unless decided. */
  async open(db: Executor, f: FiguresFilter) {
    const r = await sql<{
      case_type_id: string;
      not_started: number;
      paused: number;
      breached: number;
      warning: number;
      running: number;
      soon: number;
    }>`
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
      FROM case_type t JOIN case_type_version v ON v.case_type_id = t.id AND v.version = t.current_version ORDER BY t.code`.execute(
      db,
    );
    return r.rows;
  },
};
