import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `date` columns travel as 'YYYY-MM-DD' strings (the pg parser for date is set in cases.repository). */
type LocalDate = ColumnType<string, string, string>;

export interface CaseFileTable {
  id: Generated<string>;
  reference: string;
  case_type_id: string;
  case_type_version_id: string;
  unit_id: string;
  assignee_id: string | null;
  applicant_id: string | null;
  applicant_name: string;
  subject: string | null;
  channel: string;
  state: string;
  phase_code: string | null;
  outcome: string | null;
  received_at: Timestamp;
  version: Generated<number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_id: string;
  seq: number;
  activity: string;
  occurred_at: Timestamp;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
  actor_id: string | null;
  unit_id: string;
  attributes: ColumnType<Record<string, unknown>, string, never>;
}

export interface CaseClockTable {
  case_id: string;
  case_type_id: string;
  unit_id: string;
  assignee_id: string | null;
  state: string;
  phase_code: string | null;
  received_at: Timestamp;
  received_date: LocalDate;
  fully_informed_at: Timestamp | null;
  fully_informed_on_receipt: boolean | null;
  clock_start_date: LocalDate | null;
  paused_since: Timestamp | null;
  paused_days: number;
  deadline: LocalDate | null;
  warn_date: LocalDate | null;
  legal_deadline: LocalDate | null;
  risk_date: LocalDate | null;
  decided_at: Timestamp | null;
  decided_date: LocalDate | null;
  outcome: string | null;
  processing_days: number | null;
  goal_met: boolean | null;
  closed_at: Timestamp | null;
  /** Every phase the case was in, in the order first entered. */
  phases: ColumnType<string[], string[] | undefined, string[]>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Moves in the transaction of every change to a case type's decided cases (a trigger on case_clock). */
export interface CaseForecastVersionTable {
  case_type_id: string;
  version: number;
}

export type DocumentSource = 'casework' | 'application' | 'answer';

export interface CaseDocumentTable {
  id: Generated<string>;
  case_id: string;
  event_id: number | null;
  source: DocumentSource;
  title: string;
  document_type: string;
  direction: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  added_by: string | null;
  added_at: ColumnType<Date, Date | string | undefined, never>;
  /** The requirement an applicant's document answers; null for casework and free attachments. */
  requirement_code: ColumnType<string | null, string | null | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    case_file: CaseFileTable;
    case_document: CaseDocumentTable;
    case_event: CaseEventTable;
    case_clock: CaseClockTable;
    case_forecast_version: CaseForecastVersionTable;
  }
}

/** A time-limited right of one person to read one case file without a working need (migration 0190). */
export interface CaseAccessGrantTable {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  purpose: string;
  reason: ColumnType<string, string | undefined, never>;
  granted_at: ColumnType<Date, Date | string | undefined, never>;
  expires_at: Timestamp;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    case_access_grant: CaseAccessGrantTable;
  }
}
