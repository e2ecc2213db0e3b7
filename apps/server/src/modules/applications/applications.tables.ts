import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ApplicationTable {
  id: Generated<string>;
  applicant_id: string;
  case_type_id: string;
  case_type_version_id: string;
  answers: ColumnType<Record<string, string>, string | undefined, string>;
  status: ColumnType<'draft' | 'submitted', 'draft' | undefined, 'draft' | 'submitted'>;
  idempotency_key: string;
  case_id: string | null;
  case_reference: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  submitted_at: Date | string | null;
}

export interface ApplicantDocumentTable {
  id: Generated<string>;
  application_id: string | null;
  case_id: string | null;
  requirement_code: string | null;
  answers_event_seq: number | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
  removed_at: Date | string | null;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    application: ApplicationTable;
    applicant_document: ApplicantDocumentTable;
  }
}
