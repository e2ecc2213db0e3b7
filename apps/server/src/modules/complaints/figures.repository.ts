import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

export interface FiguresWindow {
  from: string;
  to: string;
  units: readonly string[];
  caseTypeId?: string;
}

const ofType = (w: FiguresWindow, caseId: ReturnType<typeof sql.ref>) =>
  w.caseTypeId
    ? sql`EXISTS (SELECT 1 FROM case_file ft WHERE ft.id = ${caseId} AND ft.case_type_id = ${w.caseTypeId})`
    : sql`true`;

const localDay = (col: ReturnType<typeof sql.ref>) => sql`(${col} AT TIME ZONE 'Europe/Copenhagen')::date`;
const quarterOf = (day: ReturnType<typeof sql>) => sql`to_char(${day}, 'YYYY-"Q"Q')`;
const unitsArray = (units: readonly string[]) => sql`${[...units]}::uuid[]`;

/** The complaints figures, each a count over the complaint rows and the cases' clock rows of the units. */
export const complaintFiguresRepository = {
  /** Complaints received and cases decided, per case type, unit and quarter. */
  async perQuarter(db: Executor, w: FiguresWindow) {
    const received = localDay(sql.ref('c.received_at'));
    const r = await sql<{
      case_type_id: string;
      case_type_code: string;
      unit_id: string;
      quarter: string;
      complaints: number;
      decisions: number;
    }>`
      WITH complaints AS (
        SELECT f.case_type_id, c.unit_id, ${quarterOf(received)} AS quarter, count(*)::int AS n
        FROM complaint c JOIN case_file f ON f.id = c.case_id
        WHERE c.unit_id = ANY(${unitsArray(w.units)}) AND ${received} BETWEEN ${w.from}::date AND ${w.to}::date
          AND ${ofType(w, sql.ref('c.case_id'))}
        GROUP BY 1, 2, 3
      ), decisions AS (
        SELECT k.case_type_id, k.unit_id, ${quarterOf(sql`k.decided_date`)} AS quarter, count(*)::int AS n
        FROM case_clock k
        WHERE k.unit_id = ANY(${unitsArray(w.units)}) AND k.decided_date BETWEEN ${w.from}::date AND ${w.to}::date
          AND ${ofType(w, sql.ref('k.case_id'))}
        GROUP BY 1, 2, 3
      )
      SELECT coalesce(c.case_type_id, d.case_type_id) AS case_type_id, t.code AS case_type_code,
             coalesce(c.unit_id, d.unit_id) AS unit_id, coalesce(c.quarter, d.quarter) AS quarter,
             coalesce(c.n, 0) AS complaints, coalesce(d.n, 0) AS decisions
      FROM complaints c FULL JOIN decisions d
        ON d.case_type_id = c.case_type_id AND d.unit_id = c.unit_id AND d.quarter = c.quarter
      JOIN case_type t ON t.id = coalesce(c.case_type_id, d.case_type_id)
      ORDER BY quarter, case_type_code, unit_id`.execute(db);
    return r.rows;
  },

  /** The reconsiderations, forwardings, appeal outcomes and answers that fall in the window. */
  async handling(db: Executor, w: FiguresWindow) {
    const inWindow = (col: string) => sql`${localDay(sql.ref(col))} BETWEEN ${w.from}::date AND ${w.to}::date`;
    const r = await sql<{
      decision_complaints: number;
      reconsidered: number;
      changed_by_authority: number;
      forwarded: number;
      median_days_to_forwarding: number | null;
      upheld: number;
      changed: number;
      reversed: number;
      remitted: number;
      dismissed: number;
    }>`
      SELECT
        count(*) FILTER (WHERE c.kind = 'decision' AND ${inWindow('c.received_at')})::int AS decision_complaints,
        count(*) FILTER (WHERE c.reconsidered_at IS NOT NULL AND ${inWindow('c.reconsidered_at')})::int AS reconsidered,
        count(*) FILTER (WHERE c.reconsideration IN ('changed', 'partly_changed') AND ${inWindow('c.reconsidered_at')})::int
          AS changed_by_authority,
        count(*) FILTER (WHERE c.forwarded_at IS NOT NULL AND ${inWindow('c.forwarded_at')})::int AS forwarded,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY
          ${localDay(sql.ref('c.forwarded_at'))} - ${localDay(sql.ref('c.received_at'))})
          FILTER (WHERE c.forwarded_at IS NOT NULL AND ${inWindow('c.forwarded_at')}) AS median_days_to_forwarding,
        count(*) FILTER (WHERE c.appeal_outcome = 'upheld' AND c.appeal_decided_on BETWEEN ${w.from}::date AND ${w.to}::date)::int AS upheld,
        count(*) FILTER (WHERE c.appeal_outcome = 'changed' AND c.appeal_decided_on BETWEEN ${w.from}::date AND ${w.to}::date)::int AS changed,
        count(*) FILTER (WHERE c.appeal_outcome = 'reversed' AND c.appeal_decided_on BETWEEN ${w.from}::date AND ${w.to}::date)::int AS reversed,
        count(*) FILTER (WHERE c.appeal_outcome = 'remitted' AND c.appeal_decided_on BETWEEN ${w.from}::date AND ${w.to}::date)::int AS remitted,
        count(*) FILTER (WHERE c.appeal_outcome = 'dismissed' AND c.appeal_decided_on BETWEEN ${w.from}::date AND ${w.to}::date)::int AS dismissed
      FROM complaint c
      WHERE c.unit_id = ANY(${unitsArray(w.units)}) AND ${ofType(w, sql.ref('c.case_id'))}`.execute(db);
    return r.rows[0];
  },

  async procedureByCause(db: Executor, w: FiguresWindow) {
    const r = await sql<{ cause: string; answered: number; justified: number }>`
      SELECT c.procedure_cause AS cause, count(*)::int AS answered,
             count(*) FILTER (WHERE c.procedure_outcome IN ('justified', 'partly_justified'))::int AS justified
      FROM complaint c
      WHERE c.unit_id = ANY(${unitsArray(w.units)}) AND c.answered_at IS NOT NULL
        AND ${localDay(sql.ref('c.answered_at'))} BETWEEN ${w.from}::date AND ${w.to}::date
      GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db);
    return r.rows;
  },

  /** The advisor's findings still open that concern the units, by their next action's due date. */
  async openFindings(db: Executor, units: readonly string[], today: string) {
    const r = await sql<{ id: string; title: string; next_due: string | null; overdue_actions: number }>`
      SELECT f.id, f.title,
             min(a.due_date) FILTER (WHERE a.done_at IS NULL) AS next_due,
             count(a.id) FILTER (WHERE a.done_at IS NULL AND a.due_date < ${today}::date)::int AS overdue_actions
      FROM advisor_finding f LEFT JOIN advisor_action a ON a.finding_id = f.id
      WHERE f.status <> 'closed' AND f.unit_ids && ${unitsArray(units)}
      GROUP BY f.id, f.title
      ORDER BY next_due NULLS LAST, f.title`.execute(db);
    return r.rows;
  },
};
