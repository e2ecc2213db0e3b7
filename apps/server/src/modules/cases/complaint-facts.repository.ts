import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

export interface ComplaintCaseRow {
  id: string;
  reference: string;
  unit_id: string;
  assignee_id: string | null;
  applicant_id: string | null;
  applicant_name: string;
  case_type_id: string;
  case_type_code: string;
  definition: unknown;
  state: string;
  outcome: string | null;
  version: number;
  decision_event_id: number | null;
  decided_at: Date | null;
}

/** The facts a complaint about a case needs, with the case's latest decision, in one read. */
export const complaintFactsRepository = {
  async caseFacts(db: Executor, where: { id: string } | { reference: string }): Promise<ComplaintCaseRow | undefined> {
    const cond = 'id' in where ? sql`f.id = ${where.id}` : sql`f.reference = ${where.reference}`;
    const r = await sql<ComplaintCaseRow>`
      SELECT f.id, f.reference, f.unit_id, f.assignee_id, f.applicant_id, f.applicant_name, f.case_type_id,
             t.code AS case_type_code, v.definition, f.state, f.outcome, f.version,
             d.id AS decision_event_id, d.occurred_at AS decided_at
      FROM case_file f
      JOIN case_type t ON t.id = f.case_type_id
      JOIN case_type_version v ON v.id = f.case_type_version_id
      LEFT JOIN LATERAL (
        SELECT e.id, e.occurred_at FROM case_event e
        WHERE e.case_id = f.id AND e.activity = 'decided' ORDER BY e.seq DESC LIMIT 1
      ) d ON true
      WHERE ${cond}`.execute(db);
    return r.rows[0];
  },

  /** Locks the case row so the log's sequence numbers stay unique while an event is appended beside a command. */
  async lockCase(db: Executor, caseId: string): Promise<{ unit_id: string } | undefined> {
    return db.selectFrom('case_file').select('unit_id').where('id', '=', caseId).forUpdate().executeTakeFirst();
  },

  /** Decided cases with what a generated complaint about them needs (for demo history), oldest decision first. */
  async decidedCases(db: Executor) {
    const r = await sql<{
      id: string;
      unit_id: string;
      assignee_id: string | null;
      applicant_id: string | null;
      outcome: string;
      goal_met: boolean | null;
      decided_at: Date;
      appeal_body: string | null;
    }>`
      -- The appeal body once per case-type version: reading it from each case's row would unpack the whole
      -- definition once per case.
      WITH body AS MATERIALIZED (
        SELECT id, definition -> 'appeal' -> 'body' ->> 'da' AS appeal_body FROM case_type_version
      )
      SELECT f.id, f.unit_id, f.assignee_id, f.applicant_id, k.outcome, k.goal_met, k.decided_at, b.appeal_body
      FROM case_clock k
      JOIN case_file f ON f.id = k.case_id
      JOIN body b ON b.id = f.case_type_version_id
      WHERE k.decided_at IS NOT NULL AND k.outcome <> 'withdrawn'
      ORDER BY k.decided_at, f.id`.execute(db);
    return r.rows;
  },

  /** Per case, the last sequence number on its log and its latest decision's event. */
  async logTails(db: Executor, caseIds: readonly string[]) {
    if (caseIds.length === 0) return [];
    const r = await sql<{ case_id: string; last_seq: number; decision_event_id: number | null }>`
      SELECT e.case_id, max(e.seq) AS last_seq, max(e.id) FILTER (WHERE e.activity = 'decided') AS decision_event_id
      FROM case_event e WHERE e.case_id = ANY(${[...caseIds]}::uuid[]) GROUP BY e.case_id`.execute(db);
    return r.rows;
  },
};
