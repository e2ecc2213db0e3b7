import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

export interface GoalRow {
  id: string;
  unit_id: string;
  indicator_id: string;
  case_type_id: string | null;
  area: 'employment' | 'service' | 'staff' | 'economy';
  period_kind: string;
  period: string;
  period_from: string;
  period_to: string;
  target: number;
  baseline: number | null;
}

export interface ContractRow {
  id: string;
  unit_id: string;
  year: number;
  version: number;
  goal_ids: string[];
  created_by: string;
  created_at: Date;
  approved_by: string | null;
  approved_at: Date | null;
}

export interface ReportRow {
  id: string;
  unit_id: string;
  committee: 'committee' | 'finance';
  period: string;
  period_from: string;
  period_to: string;
  status: 'queued' | 'running' | 'issued' | 'failed';
  progress: number;
  figures: unknown;
  fingerprint: string | null;
  issued_at: Date | null;
}

const GOAL_COLUMNS = sql`id, unit_id, indicator_id, case_type_id, area, period_kind, period,
  to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to, target, baseline`;
const REPORT_COLUMNS = sql`id, unit_id, committee, period, to_char(period_from, 'YYYY-MM-DD') AS period_from,
  to_char(period_to, 'YYYY-MM-DD') AS period_to, status, progress, figures, fingerprint, issued_at`;

/** The goals module's tables (migration 0500): goals, result contracts, hand-entered figures, committee reports. */
export const goalsRepository = {
  async upsertManualValue(
    db: Executor,
    v: { indicatorId: string; unitId: string; period: string; from: string; to: string; value: number; by: string },
  ) {
    const r = await sql<{ id: string; entered_at: Date }>`
      INSERT INTO goal_manual_value (indicator_id, unit_id, period, period_from, period_to, value, entered_by)
      VALUES (${v.indicatorId}, ${v.unitId}, ${v.period}, ${v.from}::date, ${v.to}::date, ${v.value}, ${v.by})
      ON CONFLICT (indicator_id, unit_id, period)
        DO UPDATE SET value = EXCLUDED.value, entered_by = EXCLUDED.entered_by, entered_at = now()
      RETURNING id, entered_at`.execute(db);
    return r.rows[0];
  },

  /** Hand-entered values of one unit whose period lies within [from, to]. */
  async manualValues(db: Executor, indicatorId: string, unitId: string, from: string, to: string) {
    const r = await sql<{ value: number }>`
      SELECT value FROM goal_manual_value WHERE indicator_id = ${indicatorId} AND unit_id = ${unitId}
        AND period_from >= ${from}::date AND period_to <= ${to}::date`.execute(db);
    return r.rows.map((x) => x.value);
  },

  async insertGoal(db: Executor, g: Omit<GoalRow, 'id'> & { created_by: string }): Promise<string | null> {
    const r = await sql<{ id: string }>`
      INSERT INTO goal (unit_id, indicator_id, case_type_id, area, period_kind, period, period_from, period_to,
                        target, baseline, created_by)
      VALUES (${g.unit_id}, ${g.indicator_id}, ${g.case_type_id}, ${g.area}, ${g.period_kind}, ${g.period},
              ${g.period_from}::date, ${g.period_to}::date, ${g.target}, ${g.baseline}, ${g.created_by})
      ON CONFLICT DO NOTHING RETURNING id`.execute(db);
    return r.rows[0]?.id ?? null;
  },

  /** Goals of the period set on any of `unitIds`. */
  async goalsOf(db: Executor, unitIds: readonly string[], period: string): Promise<GoalRow[]> {
    const r = await sql<GoalRow>`SELECT ${GOAL_COLUMNS} FROM goal
      WHERE unit_id = ANY(${unitIds}::uuid[]) AND period = ${period} ORDER BY area, indicator_id, id`.execute(db);
    return r.rows;
  },

  async goalsById(db: Executor, ids: readonly string[]): Promise<GoalRow[]> {
    const r = await sql<GoalRow>`SELECT ${GOAL_COLUMNS} FROM goal WHERE id = ANY(${ids}::uuid[])
      ORDER BY area, indicator_id, id`.execute(db);
    return r.rows;
  },

  async latestContractVersion(db: Executor, unitId: string, year: number): Promise<number> {
    const r = await sql<{ v: number | null }>`SELECT max(version) AS v FROM result_contract
      WHERE unit_id = ${unitId} AND year = ${year}`.execute(db);
    return r.rows[0]?.v ?? 0;
  },

  async insertContract(
    db: Executor,
    c: { unitId: string; year: number; version: number; goalIds: string[]; by: string },
  ): Promise<ContractRow> {
    const r = await sql<ContractRow>`
      INSERT INTO result_contract (unit_id, year, version, goal_ids, created_by)
      VALUES (${c.unitId}, ${c.year}, ${c.version}, ${c.goalIds}::uuid[], ${c.by}) RETURNING *`.execute(db);
    return r.rows[0];
  },

  async contract(db: Executor, id: string, forUpdate = false): Promise<ContractRow | undefined> {
    const r = await sql<ContractRow>`SELECT * FROM result_contract WHERE id = ${id}
      ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(db);
    return r.rows[0];
  },

  async contractsOf(db: Executor, unitIds: readonly string[]): Promise<ContractRow[]> {
    const r = await sql<ContractRow>`SELECT * FROM result_contract WHERE unit_id = ANY(${unitIds}::uuid[])
      ORDER BY year DESC, unit_id, version DESC`.execute(db);
    return r.rows;
  },

  async approveContract(db: Executor, id: string, by: string): Promise<ContractRow> {
    const r = await sql<ContractRow>`UPDATE result_contract SET approved_by = ${by}, approved_at = now()
      WHERE id = ${id} AND approved_at IS NULL RETURNING *`.execute(db);
    return r.rows[0];
  },

  async insertReport(
    db: Executor,
    r: { unitId: string; committee: string; period: string; from: string; to: string; by: string },
  ): Promise<string> {
    const x = await sql<{ id: string }>`
      INSERT INTO committee_report (unit_id, committee, period, period_from, period_to, status, requested_by)
      VALUES (${r.unitId}, ${r.committee}, ${r.period}, ${r.from}::date, ${r.to}::date, 'queued', ${r.by})
      RETURNING id`.execute(db);
    return x.rows[0].id;
  },

  async report(db: Executor, id: string): Promise<ReportRow | undefined> {
    const r = await sql<ReportRow>`SELECT ${REPORT_COLUMNS} FROM committee_report WHERE id = ${id}`.execute(db);
    return r.rows[0];
  },

  async reportsOf(db: Executor, unitIds: readonly string[]): Promise<ReportRow[]> {
    const r = await sql<ReportRow>`SELECT ${REPORT_COLUMNS} FROM committee_report
      WHERE unit_id = ANY(${unitIds}::uuid[]) ORDER BY requested_at DESC LIMIT 100`.execute(db);
    return r.rows;
  },

  async reportFile(db: Executor, id: string, kind: 'pdf' | 'xlsx'): Promise<Buffer | null> {
    const r = await sql<{ file: Buffer | null }>`SELECT ${sql.ref(kind)} AS file FROM committee_report
      WHERE id = ${id} AND status = 'issued'`.execute(db);
    return r.rows[0]?.file ?? null;
  },

  async setReportProgress(db: Executor, id: string, status: 'running' | 'failed', progress: number) {
    await sql`UPDATE committee_report SET status = ${status}, progress = ${progress}
      WHERE id = ${id} AND status <> 'issued'`.execute(db);
  },

  /** Freezes the report: its figures and files are kept as issued; an issued report is never written again. */
  async issueReport(
    db: Executor,
    id: string,
    r: { figures: unknown; fingerprint: string; xlsx: Buffer; pdf: Buffer },
  ): Promise<boolean> {
    const x = await sql`UPDATE committee_report SET status = 'issued', progress = 100, issued_at = now(),
        figures = ${JSON.stringify(r.figures)}::jsonb, fingerprint = ${r.fingerprint}, xlsx = ${r.xlsx}, pdf = ${r.pdf}
      WHERE id = ${id} AND status <> 'issued'`.execute(db);
    return Number(x.numAffectedRows ?? 0) === 1;
  },

  async deleteFailedReport(db: Executor, id: string) {
    await sql`DELETE FROM committee_report WHERE id = ${id} AND status = 'failed'`.execute(db);
  },
};
