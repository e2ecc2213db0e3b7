import type { ColumnType, Generated } from 'kysely';

type Stamp = ColumnType<Date, Date | string, Date | string>;
type Day = ColumnType<string, string, string>;

export interface ComplaintTable {
  id: Generated<string>;
  case_id: string;
  complainant_id: string | null;
  kind: 'procedure' | 'decision';
  text: string;
  channel: Generated<string>;
  created_at: Generated<Date>;
  unit_id: string;
  decision_event_id: number | null;
  handler_id: string | null;
  registered_by: string | null;
  received_at: ColumnType<Date, Date | string | undefined, Date | string>;
  state: Generated<string>;
  response_deadline: Day | null;
  warn_date: Day | null;
  reclassified_reason: string | null;
  reconsidered_at: Stamp | null;
  reconsideration: string | null;
  reconsideration_reasons: string | null;
  forwarded_at: Stamp | null;
  appeal_body: string | null;
  forwarding_letter: string | null;
  appeal_outcome: string | null;
  appeal_decided_on: Day | null;
  appeal_reasons: string | null;
  answered_at: Stamp | null;
  answer_letter: string | null;
  procedure_outcome: string | null;
  procedure_cause: string | null;
  version: Generated<number>;
}

export interface ComplaintDeadlineTable {
  kind: string;
  amount: number;
  unit: string;
}

export interface AdvisorFindingTable {
  id: Generated<string>;
  source: string;
  report_year: number | null;
  complaint_id: string | null;
  title: string;
  recommendation: string;
  unit_ids: string[];
  case_type_ids: string[];
  responsible_id: string | null;
  status: Generated<string>;
  found_on: Day;
  closed_at: Stamp | null;
  created_at: Generated<Date>;
}

export interface AdvisorActionTable {
  id: Generated<string>;
  finding_id: string;
  description: string;
  due_date: Day;
  done_at: Stamp | null;
  created_at: Generated<Date>;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    complaint: ComplaintTable;
    complaint_deadline: ComplaintDeadlineTable;
    advisor_finding: AdvisorFindingTable;
    advisor_action: AdvisorActionTable;
  }
}
