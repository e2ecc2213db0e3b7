import type { ColumnType, Generated } from 'kysely';

type Created = ColumnType<Date, Date | string | undefined, never>;

export interface SupervisionProgrammeTable {
  id: Generated<string>;
  unit_id: string;
  title: string;
  focus_area: string;
  reason_kind: string;
  reason: string;
  legal_basis: string;
  schedule: string;
  score_levels: ColumnType<string[], string, string>;
  case_type_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: Created;
}

export interface SupervisionCriterionTable {
  id: Generated<string>;
  programme_id: string;
  position: number;
  code: string;
  text: string;
  guidance: string;
  allows_na: boolean;
}

export interface SupervisionReviewerTable {
  programme_id: string;
  user_id: string;
}

export interface SupervisionSampleTable {
  id: Generated<string>;
  programme_id: string;
  label: string;
  population: ColumnType<Record<string, unknown>, string, never>;
  design: string;
  stratify_by: string | null;
  allocation: string | null;
  size: number;
  margin: ColumnType<number | null, number | null, never>;
  seed: string;
  population_size: number;
  follow_up_of: string | null;
  initiative_id: string | null;
  drawn_by: string | null;
  drawn_at: Created;
}

export interface SupervisionPopulationCaseTable {
  sample_id: string;
  case_id: string;
  stratum: string;
  unit_id: string;
}

export interface SupervisionSampleCaseTable {
  id: Generated<string>;
  sample_id: string;
  case_id: string;
  reference: string;
  stratum: string;
  unit_id: string;
  case_type_id: string;
  assignee_id: string | null;
  handler_ids: ColumnType<string[], string[], never>;
  replaced_at: Date | null;
  replaced_reason: string | null;
  replaced_by: string | null;
  replacement_for: string | null;
}

export interface SupervisionReviewTable {
  sample_case_id: string;
  reviewer_id: string;
  holistic_score: number;
  follow_up: boolean;
  follow_up_note: string;
  reviewed_at: Created;
}

export interface SupervisionAnswerTable {
  sample_case_id: string;
  criterion_id: string;
  answer: string;
  comment: string;
}

export interface SupervisionAuditRemarkTable {
  id: Generated<string>;
  unit_id: string;
  year: number;
  report: string;
  remark: string;
  created_by: string | null;
  created_at: Created;
}

export interface SupervisionInitiativeTable {
  id: Generated<string>;
  programme_id: string | null;
  audit_remark_id: string | null;
  criterion_id: string | null;
  sample_id: string | null;
  kind: string;
  title: string;
  owner_id: string;
  due_date: ColumnType<string, string, string>;
  status: Generated<string>;
  completed_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Created;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    supervision_programme: SupervisionProgrammeTable;
    supervision_criterion: SupervisionCriterionTable;
    supervision_reviewer: SupervisionReviewerTable;
    supervision_sample: SupervisionSampleTable;
    supervision_population_case: SupervisionPopulationCaseTable;
    supervision_sample_case: SupervisionSampleCaseTable;
    supervision_review: SupervisionReviewTable;
    supervision_answer: SupervisionAnswerTable;
    supervision_audit_remark: SupervisionAuditRemarkTable;
    supervision_initiative: SupervisionInitiativeTable;
  }
}
