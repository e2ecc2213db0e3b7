import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { ClockRow } from './case-clock.js';

export interface BulkCase {
  id: string;
  reference: string;
  case_type_id: string;
  case_type_version_id: string;
  unit_id: string;
  assignee_id: string | null;
  applicant_id?: string | null;
  applicant_name: string;
  channel: string;
  state: string;
  phase_code: string | null;
  outcome: string | null;
  received_at: string;
  version: number;
}

export interface BulkEvent {
  case_id: string;
  seq: number;
  activity: string;
  occurred_at: string;
  actor_id: string | null;
  unit_id: string;
  attributes: Record<string, unknown>;
}

/**
 * Bulk writes for generated history. Each batch travels as one jsonb parameter expanded by jsonb_to_recordset:
 * one statement per table per batch, no parameter-count limit, and the same on PGlite and PostgreSQL.
 */
export const historyRepository = {
  async insertCases(db: Executor, rows: BulkCase[]): Promise<void> {
    if (!rows.length) return;
    await sql`
      INSERT INTO case_file (id, reference, case_type_id, case_type_version_id, unit_id, assignee_id, applicant_id, applicant_name, channel,
                             state, phase_code, outcome, received_at, version, created_at, updated_at)
      SELECT id, reference, case_type_id, case_type_version_id, unit_id, assignee_id, applicant_id, applicant_name, channel, state,
             phase_code, outcome, received_at, version, received_at, received_at
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        id uuid, reference text, case_type_id uuid, case_type_version_id uuid, unit_id uuid, assignee_id uuid,
        applicant_id uuid, applicant_name text, channel text, state text, phase_code text, outcome text, received_at timestamptz, version int)`.execute(
      db,
    );
  },

  async insertEvents(db: Executor, rows: BulkEvent[]): Promise<void> {
    if (!rows.length) return;
    await sql`
      INSERT INTO case_event (case_id, seq, activity, occurred_at, recorded_at, actor_id, unit_id, attributes)
      SELECT case_id, seq, activity, occurred_at, occurred_at, actor_id, unit_id, attributes
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        case_id uuid, seq int, activity text, occurred_at timestamptz, actor_id uuid, unit_id uuid, attributes jsonb)`.execute(
      db,
    );
  },

  async insertClocks(db: Executor, rows: ClockRow[]): Promise<void> {
    if (!rows.length) return;
    await sql`
      INSERT INTO case_clock (case_id, case_type_id, unit_id, assignee_id, state, phase_code, received_at, received_date,
        fully_informed_at, fully_informed_on_receipt, clock_start_date, paused_since, paused_days, deadline, warn_date,
        legal_deadline, risk_date, decided_at, decided_date, outcome, processing_days, goal_met, closed_at, phases)
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        case_id uuid, case_type_id uuid, unit_id uuid, assignee_id uuid, state text, phase_code text, received_at timestamptz,
        received_date date, fully_informed_at timestamptz, fully_informed_on_receipt boolean, clock_start_date date,
        paused_since timestamptz, paused_days int, deadline date, warn_date date, legal_deadline date, risk_date date,
        decided_at timestamptz, decided_date date, outcome text, processing_days int, goal_met boolean, closed_at timestamptz,
        phases text[])`.execute(db);
  },

  /** Moves the reference sequence past generated references so new cases never collide with them. */
  async advanceReferenceSequence(db: Executor, atLeast: number): Promise<void> {
    await sql`SELECT setval('case_reference_seq', GREATEST((SELECT last_value FROM case_reference_seq), ${atLeast}))`.execute(
      db,
    );
  },

  async countCases(db: Executor): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_file`.execute(db);
    return r.rows[0].n;
  },
};
