import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import './cases.tables.js';

/** The queue counts open cases up to this many. */
export const QUEUE_COUNT_CAP = 10_000;

export interface QueueFilter {
  unitIds: string[];
  caseTypeId?: string;
  phase?: string;
  state?: string;
  /** A user id, or null for unassigned cases. */
  assigneeId?: string | null;
  risk?: 'breached' | 'warning' | 'paused';
  today: string;
  limit: number;
  offset: number;
}

export interface SummaryRow {
  id: string;
  reference: string;
  case_type_id: string;
  case_type_code: string;
  case_type_name: unknown;
  unit_id: string;
  assignee_id: string | null;
  assignee_name: string | null;
  applicant_id: string | null;
  applicant_name: string;
  subject: string | null;
  state: string;
  phase_code: string | null;
  received_at: Date;
  version: number;
  clock_start_date: string | null;
  deadline: string | null;
  legal_deadline: string | null;
  warn_date: string | null;
  paused_since: Date | null;
  paused_days: number;
  decided_at: Date | null;
  fully_informed_on_receipt: boolean | null;
  /** The case-type version's warning thresholds; null means the defaults. */
  warn_at: number[] | null;
}

function filterSql(f: QueueFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`k.decided_at IS NULL`];
  if (f.caseTypeId) parts.push(sql`k.case_type_id = ${f.caseTypeId}`);
  if (f.phase) parts.push(sql`k.phase_code = ${f.phase}`);
  if (f.state) parts.push(sql`k.state = ${f.state}`);
  if (f.assigneeId === null) parts.push(sql`k.assignee_id IS NULL`);
  else if (f.assigneeId) parts.push(sql`k.assignee_id = ${f.assigneeId}`);
  if (f.risk === 'paused') parts.push(sql`k.paused_since IS NOT NULL`);
  // risk_date is the deadline of a running clock (null when paused or not started): a range the queue index can bound.
  if (f.risk === 'breached') parts.push(sql`k.risk_date < ${f.today}::date`);
  if (f.risk === 'warning') parts.push(sql`k.risk_date >= ${f.today}::date AND k.warn_date <= ${f.today}::date`);
  return sql.join(parts, sql` AND `);
}

export const queueRepository = {
  /**
   * Open cases of the units ordered by deadline risk: running clocks by deadline first, then paused and not yet
   * started ones by receipt. Each unit is read in index order (LATERAL … LIMIT), so the cost follows the page
   * size, not the number of open cases.
   */
  async page(db: Executor, f: QueueFilter): Promise<{ ids: string[]; total: number; totalCapped: boolean }> {
    if (f.unitIds.length === 0) return { ids: [], total: 0, totalCapped: false };
    const where = filterSql(f);
    const take = f.offset + f.limit;
    const rows = await sql<{ case_id: string }>`
      SELECT q.case_id FROM unnest(${f.unitIds}::uuid[]) AS u(id)
      CROSS JOIN LATERAL (
        SELECT k.case_id, k.risk_date, k.received_at FROM case_clock k
        WHERE k.unit_id = u.id AND ${where}
        ORDER BY k.risk_date ASC NULLS LAST, k.received_at ASC LIMIT ${take}
      ) q
      ORDER BY q.risk_date ASC NULLS LAST, q.received_at ASC, q.case_id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(
      db,
    );
    // Counting a hundred thousand open cases costs more than the page itself; past the cap the queue says "10,000+".
    const count = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM case_clock k WHERE k.unit_id = ANY(${f.unitIds}::uuid[]) AND ${where} LIMIT ${QUEUE_COUNT_CAP + 1}
      ) capped`.execute(db);
    const n = count.rows[0]?.n ?? 0;
    return {
      ids: rows.rows.map((r) => r.case_id),
      total: Math.min(n, QUEUE_COUNT_CAP),
      totalCapped: n > QUEUE_COUNT_CAP,
    };
  },

  /** The rows the queue and the case page show, in the order of `ids`. */
  async summariesByIds(db: Executor, ids: string[]): Promise<SummaryRow[]> {
    if (ids.length === 0) return [];
    const r = await sql<SummaryRow>`
      SELECT c.id, c.reference, c.case_type_id, t.code AS case_type_code, v.definition->'name' AS case_type_name,
             c.unit_id, c.assignee_id, a.display_name AS assignee_name, c.applicant_id, c.applicant_name,
             c.subject, c.state, c.phase_code,
             c.received_at, c.version, k.clock_start_date, k.deadline, k.legal_deadline, k.warn_date, k.paused_since,
             k.paused_days, k.decided_at, k.fully_informed_on_receipt, v.definition->'serviceGoal'->'warnAt' AS warn_at
      FROM case_file c
      JOIN case_clock k ON k.case_id = c.id
      JOIN case_type t ON t.id = c.case_type_id
      JOIN case_type_version v ON v.id = c.case_type_version_id
      LEFT JOIN app_user a ON a.id = c.assignee_id
      WHERE c.id = ANY(${ids}::uuid[])`.execute(db);
    const byId = new Map(r.rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)).filter((x): x is SummaryRow => x !== undefined);
  },
};
