import type { ColumnType, Generated } from 'kysely';
import type { TSurveyDefinition, TSurveyKind } from '@sagsgang/contracts';
import type { AnswerValue } from './survey-answers.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type InvitationStatus = 'scheduled' | 'sent' | 'answered' | 'declined' | 'skipped';

export interface SurveyDefinitionTable {
  id: Generated<string>;
  code: string;
  version: number;
  kind: TSurveyKind;
  definition: Json<TSurveyDefinition>;
  created_at: Generated<Date>;
}

export interface SurveyInvitationTable {
  id: Generated<string>;
  definition_id: string;
  recipient_user_id: string | null;
  case_id: string | null;
  contact_ref: string | null;
  unit_id: string | null;
  case_type_id: string | null;
  outcome: string | null;
  channel: string | null;
  waited_days: number | null;
  status: ColumnType<InvitationStatus, InvitationStatus | undefined, InvitationStatus>;
  token_hash: string | null;
  send_at: Timestamp;
  sent_at: Timestamp | null;
  expires_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface SurveyQuarantineTable {
  user_id: string;
  until: Timestamp;
}

export interface SurveyResponseTable {
  id: Generated<string>;
  definition_id: string;
  unit_id: string | null;
  case_type_id: string | null;
  outcome: string | null;
  channel: string | null;
  waited_days: number | null;
  answered_at: ColumnType<Date, Date | string | undefined, never>;
  answers: Json<Record<string, AnswerValue>>;
}

export interface SurveyFollowUpTable {
  id: Generated<string>;
  response_id: string;
  unit_id: string;
  score: number;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  note: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  closed_at: Timestamp | null;
  closed_by: string | null;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    survey_definition: SurveyDefinitionTable;
    survey_invitation: SurveyInvitationTable;
    survey_quarantine: SurveyQuarantineTable;
    survey_response: SurveyResponseTable;
    survey_follow_up: SurveyFollowUpTable;
  }
}
