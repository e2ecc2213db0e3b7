import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { IndicatorCase, IndicatorFilter } from '../../platform/indicators.js';
import { wholeMonths } from './period-months.js';

const scope = (f: IndicatorFilter): RawBuilder<unknown> =>
  f.caseTypeId
    ? sql`unit_id = ANY(${f.unitIds}::uuid[]) AND case_type_id = ${f.caseTypeId}`
    : sql`unit_id = ANY(${f.unitIds}::uuid[])`;

/** Whole months from the roll-ups of migration 0012, the part-months at the period's edges from the clock rows. */
function periodParts(f: IndicatorFilter, column: 'decided_date' | 'received_date') {
  const { first, end } = wholeMonths(f.from, f.to);
  return {
    rolled: sql`month >= ${first}::date AND month < ${end}::date`,
    edge: sql`${sql.ref(column)} BETWEEN ${f.from}::date AND ${f.to}::date
      AND (${sql.ref(column)} < ${first}::date OR ${sql.ref(column)} >= ${end}::date)`,
  };
}

interface CaseRow {
  case_id: string;
  reference: string;
  case_type_id: string;
  unit_id: string;
  measure: number | null;
}

const toCases = (rows: CaseRow[]): IndicatorCase[] =>
  rows.map((r) => ({
    caseId: r.case_id,
    reference: r.reference,
    caseTypeId: r.case_type_id,
    unitId: r.unit_id,
    measure: r.measure,
  }));

/** The figures the cases module offers to goals and reports, read from the clock rows and their roll-ups. */
export const indicatorRepository = {
  /** Decided cases that count for or against the goal, as a histogram of processing days. */
  async decidedHistogram(db: Executor, f: IndicatorFilter) {
    const { rolled, edge } = periodParts(f, 'decided_date');
    const r = await sql<{ days: number; within: number; cases: number }>`
      SELECT processing_days AS days, coalesce(sum(cases) FILTER (WHERE goal_met), 0)::int AS within, sum(cases)::int AS cases
      FROM (
        SELECT processing_days, goal_met, cases FROM case_figures_decided WHERE ${scope(f)} AND ${rolled}
        UNION ALL
        SELECT processing_days, goal_met, 1 FROM case_clock
        WHERE ${scope(f)} AND goal_met IS NOT NULL AND processing_days IS NOT NULL AND ${edge}
      ) d GROUP BY processing_days`.execute(db);
    return r.rows;
  },

  /** Cases received in the period, how many were screened, and how many of those were fully informed. */
  async received(db: Executor, f: IndicatorFilter) {
    const { rolled, edge } = periodParts(f, 'received_date');
    const r = await sql<{ screened: number; informed: number }>`
      SELECT coalesce(sum(screened), 0)::int AS screened, coalesce(sum(informed), 0)::int AS informed FROM (
        SELECT screened, informed FROM case_figures_received WHERE ${scope(f)} AND ${rolled}
        UNION ALL
        SELECT (fully_informed_on_receipt IS NOT NULL)::int, (fully_informed_on_receipt IS TRUE)::int FROM case_clock
        WHERE ${scope(f)} AND ${edge}
      ) r`.execute(db);
    return r.rows[0];
  },

  /** Open cases today, and those whose running clock has passed its deadline. */
  async slipping(db: Executor, f: IndicatorFilter, today: string) {
    const r = await sql<{ open: number; slipping: number }>`
      SELECT count(*)::int AS open,
             count(*) FILTER (WHERE paused_since IS NULL AND deadline < ${today}::date)::int AS slipping
      FROM case_clock WHERE decided_at IS NULL AND ${scope(f)}`.execute(db);
    return r.rows[0];
  },

  /** Decided cases of the period: those that missed the goal (`missed`) or all, longest first. */
  async decidedCases(db: Executor, f: IndicatorFilter, onlyMissed: boolean, limit: number) {
    const r = await sql<CaseRow>`
      SELECT k.case_id, c.reference, k.case_type_id, k.unit_id, k.processing_days AS measure
      FROM case_clock k JOIN case_file c ON c.id = k.case_id
      WHERE k.decided_date BETWEEN ${f.from}::date AND ${f.to}::date AND k.goal_met IS NOT NULL
        AND k.unit_id = ANY(${f.unitIds}::uuid[]) ${f.caseTypeId ? sql`AND k.case_type_id = ${f.caseTypeId}` : sql``}
        ${onlyMissed ? sql`AND k.goal_met = false` : sql``}
      ORDER BY k.processing_days DESC, c.reference LIMIT ${limit}`.execute(db);
    return toCases(r.rows);
  },

  /** Cases received in the period that were screened and not found fully informed. */
  async notInformedCases(db: Executor, f: IndicatorFilter, limit: number) {
    const r = await sql<CaseRow>`
      SELECT k.case_id, c.reference, k.case_type_id, k.unit_id, NULL::int AS measure
      FROM case_clock k JOIN case_file c ON c.id = k.case_id
      WHERE k.received_date BETWEEN ${f.from}::date AND ${f.to}::date AND k.fully_informed_on_receipt = false
        AND k.unit_id = ANY(${f.unitIds}::uuid[]) ${f.caseTypeId ? sql`AND k.case_type_id = ${f.caseTypeId}` : sql``}
      ORDER BY k.received_date, c.reference LIMIT ${limit}`.execute(db);
    return toCases(r.rows);
  },

  /** Open cases whose running clock has passed its deadline, the longest overdue first (measure: days over). */
  async slippingCases(db: Executor, f: IndicatorFilter, today: string, limit: number) {
    const r = await sql<CaseRow>`
      SELECT k.case_id, c.reference, k.case_type_id, k.unit_id, (${today}::date - k.deadline)::int AS measure
      FROM case_clock k JOIN case_file c ON c.id = k.case_id
      WHERE k.decided_at IS NULL AND k.paused_since IS NULL AND k.deadline < ${today}::date
        AND k.unit_id = ANY(${f.unitIds}::uuid[]) ${f.caseTypeId ? sql`AND k.case_type_id = ${f.caseTypeId}` : sql``}
      ORDER BY k.deadline, c.reference LIMIT ${limit}`.execute(db);
    return toCases(r.rows);
  },
};
