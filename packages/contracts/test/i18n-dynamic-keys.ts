import { z } from 'zod';
import {
  ACCEPTED_FILE_TYPES,
  APPEAL_OUTCOMES,
  PROCEDURE_CAUSES,
  COMPLAINT_KINDS,
  COMPLAINT_STATES,
  COMPLAINT_CHANNELS,
  RECONSIDERATION_RESULTS,
  PROCEDURE_OUTCOMES,
  FINDING_SOURCES,
  FINDING_STATUSES,
  BOOKING_STATUSES,
  INQUIRY_CHANNELS,
  INQUIRY_RESULTS,
  SUPERVISION_REASON_KINDS,
  SUPERVISION_SCHEDULES,
  INITIATIVE_KINDS,
  INITIATIVE_STATUSES,
  SUPERVISION_ANSWERS,
  SURVEY_GROUPINGS,
  APPOINTMENT_CHANNELS,
  ACCESS_REFUSAL_REASONS,
  ADMIN_REFUSAL_REASONS,
  ANALYSIS_STATUSES,
  ANSWER_TYPES,
  AUDIT_ACTIONS,
  AUDIT_PURPOSES,
  BALL_STATES,
  CASE_ACTIVITIES,
  CASE_OPERATIONS,
  CASE_STATES,
  CASE_TYPE_RULES,
  CHANNELS,
  INVALID_STATE_REASONS,
  DECISION_OUTCOMES,
  DOCUMENT_DIRECTIONS,
  DOCUMENT_TYPES,
  DURATION_UNITS,
  LOCALES,
  ZCaseDocument,
  ZCasePath,
  ZClockState,
  ZDeviation,
  ZMappingRow,
  ZTaskLink,
  ZUserListQuery,
  ZUserView,
  type ErrorCode,
} from '../src/index.js';

/**
 * A translation key the code builds at run time, as the scan sees it (`cases:state_${…}`), with every value the
 * `${…}` can take where a constant list says so. Open sets name why they cannot be listed; for those the test
 * only checks that the catalogue has some key of that shape.
 */
export interface DynamicKey {
  shape: string;
  values: readonly string[] | { open: string };
}

const enumValues = (schema: z.ZodType): readonly string[] => {
  const inner = schema instanceof z.ZodDefault ? schema.def.innerType : schema;
  return (inner as z.ZodEnum).options as readonly string[];
};

const ERROR_CODES = {
  validation: 1,
  unauthenticated: 1,
  forbidden: 1,
  not_found: 1,
  conflict: 1,
  invalid_state: 1,
  payload_too_large: 1,
  unsupported_media_type: 1,
  rate_limited: 1,
  internal: 1,
} satisfies Record<ErrorCode, 1>;

// Copied from where the web app defines them; the comment names the place, so a new value is added here too.
const USER_LOCALES_OFFERED = ['da', 'en']; // new-user-page.tsx
const METRICS = ['passed', 'skipped', 'deviating', 'wait', 'deadline']; // navigator/heat-overlay.ts
const ANALYSIS_PHASES = ['conformance', 'cases', 'discovery', 'saving']; // server navigator/analysis/analysis-types.ts
const ANALYSIS_VIEWS = ['model', 'discovered', 'variants', 'units', 'people']; // navigator/analysis-page.tsx
const CASE_FILTERS = ['element', 'metric', 'flow', 'variant', 'unit', 'state', 'activity']; // analysis-cases-page.tsx
const BALL_SHAPES = ['circle', 'triangle', 'square', 'diamond']; // navigator/ball-sprites.ts
const FORM_HINTS = ['notNumber', 'required']; // cases/case-type-form-fields.ts
const FILE_REFUSALS = ['required', 'type', 'too_large', 'empty', 'incomplete']; // cases/case-actions.tsx
const ERRORS_BY_CODE = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'network',
]; // errors/error-text.ts
const AUDIT_ENTITY_TYPES = [
  'case',
  'case_document',
  'application',
  'complaint',
  'case_type',
  'user',
  'role_grant',
  'unit',
  'calendar_closure',
  'user_session',
  'audit_log',
  'route',
]; // admin/audit-query.ts
// server applications/case-journal.ts: APPLICANT_EVENTS and JOURNAL_ONLY
const JOURNAL_EVENTS = CASE_ACTIVITIES;

export const DYNAMIC_KEYS: DynamicKey[] = [
  { shape: 'admin:action_${…}', values: AUDIT_ACTIONS },
  { shape: 'admin:entity_${…}', values: AUDIT_ENTITY_TYPES },
  { shape: 'admin:kindFilter_${…}', values: enumValues(ZUserListQuery.shape.kind) },
  { shape: 'admin:kind_${…}', values: enumValues(ZUserView.shape.kind) },
  { shape: 'admin:locale_${…}', values: [...LOCALES, ...USER_LOCALES_OFFERED] },
  { shape: 'admin:purpose_${…}', values: Object.keys(AUDIT_PURPOSES) },
  { shape: 'applications:goal_${…}', values: DURATION_UNITS },
  { shape: 'goals:state.${…}', values: ['met', 'not_met', 'no_data'] },
  { shape: 'goals:area.${…}', values: ['employment', 'service', 'staff', 'economy'] },
  { shape: 'goals:indicator.${…}', values: { open: 'the id of an indicator a module registers' } },
  { shape: 'goals:indicator.${…}.about', values: { open: 'the id of an indicator a module registers' } },
  { shape: 'goals:report.title.${…}', values: ['committee', 'finance'] },
  { shape: 'caseTypes:answerType_${…}', values: ANSWER_TYPES },
  { shape: 'caseTypes:field_${…}', values: { open: 'a form path segment; the editor falls back to the name itself' } },
  {
    shape: 'caseTypes:field_${…}_n',
    values: { open: 'a form path segment; the editor falls back to the name itself' },
  },
  { shape: 'caseTypes:fileType_${…}', values: ACCEPTED_FILE_TYPES.map((type) => type.split('/')[1] ?? type) },
  { shape: 'caseTypes:hint_${…}', values: FORM_HINTS },
  { shape: 'caseTypes:lang_${…}', values: LOCALES },
  { shape: 'cases:activity_${…}', values: CASE_ACTIVITIES },
  { shape: 'cases:channel_${…}', values: CHANNELS },
  { shape: 'cases:clock_${…}', values: ZClockState.options },
  { shape: 'cases:dir_${…}', values: DOCUMENT_DIRECTIONS },
  { shape: 'cases:doc_${…}', values: DOCUMENT_TYPES },
  { shape: 'cases:fileRefused_${…}', values: FILE_REFUSALS },
  { shape: 'cases:outcome_${…}', values: DECISION_OUTCOMES },
  { shape: 'cases:source_${…}', values: enumValues(ZCaseDocument.shape.source).filter((s) => s !== 'casework') },
  { shape: 'cases:state_${…}', values: CASE_STATES },
  { shape: 'cases:unit_${…}', values: DURATION_UNITS },
  { shape: 'errors:${…}', values: ERRORS_BY_CODE }, // web errors/error-text.ts: BY_CODE
  { shape: 'errors:admin_${…}', values: ADMIN_REFUSAL_REASONS },
  { shape: 'errors:access_${…}', values: ACCESS_REFUSAL_REASONS },
  { shape: 'errors:op_${…}', values: CASE_OPERATIONS },
  { shape: 'errors:reason_${…}', values: INVALID_STATE_REASONS },
  { shape: 'errors:rule_${…}', values: CASE_TYPE_RULES },
  { shape: 'myCases:error_${…}', values: Object.keys(ERROR_CODES) },
  { shape: 'myCases:event_${…}', values: JOURNAL_EVENTS },
  { shape: 'myCases:outcome_${…}', values: DECISION_OUTCOMES },
  { shape: 'myCases:state_${…}', values: CASE_STATES },
  { shape: 'navigator:dev_${…}', values: enumValues(ZDeviation.shape.kind) },
  { shape: 'navigator:filter_${…}', values: CASE_FILTERS },
  { shape: 'navigator:m_${…}', values: METRICS },
  { shape: 'navigator:phase_${…}', values: ANALYSIS_PHASES },
  { shape: 'navigator:shape_${…}', values: BALL_SHAPES },
  { shape: 'navigator:state_${…}', values: BALL_STATES },
  { shape: 'navigator:status_${…}', values: ANALYSIS_STATUSES },
  { shape: 'navigator:stepStatus_${…}', values: enumValues(ZCasePath.shape.steps.element.shape.status) },
  { shape: 'navigator:view_${…}', values: ANALYSIS_VIEWS },
  { shape: 'workflows:how_${…}', values: enumValues(ZMappingRow.shape.how) },
  { shape: 'workflows:linkKind_${…}', values: enumValues(ZTaskLink.shape.kind) },
  { shape: 'complaints:appealOutcome_${…}', values: APPEAL_OUTCOMES },
  { shape: 'complaints:cause_${…}', values: PROCEDURE_CAUSES },
  { shape: 'complaints:kind_${…}', values: COMPLAINT_KINDS },
  { shape: 'complaints:state_${…}', values: COMPLAINT_STATES },
  { shape: 'complaints:channel_${…}', values: COMPLAINT_CHANNELS },
  { shape: 'complaints:deadlineStatus_${…}', values: { open: 'the deadline states of complaints-page.tsx' } },
  { shape: 'complaints:result_${…}', values: RECONSIDERATION_RESULTS },
  { shape: 'complaints:procedureOutcome_${…}', values: PROCEDURE_OUTCOMES },
  { shape: 'complaints:findingSource_${…}', values: FINDING_SOURCES },
  { shape: 'complaints:findingStatus_${…}', values: FINDING_STATUSES },
  { shape: 'complaints:step_${…}', values: { open: 'the portal steps of complaints-portal.ts' } },
  { shape: 'complaints:appeal_${…}', values: APPEAL_OUTCOMES },
  { shape: 'complaints:outcome_${…}', values: { open: 'the outcomes the portal words, complaints-portal.ts' } },
  { shape: 'contacts:status_${…}', values: BOOKING_STATUSES },
  { shape: 'contacts:channel_${…}', values: INQUIRY_CHANNELS },
  { shape: 'contacts:result_${…}', values: INQUIRY_RESULTS },
  { shape: 'contacts:appointmentChannel_${…}', values: APPOINTMENT_CHANNELS },
  { shape: 'contacts:hoursSite_${…}', values: { open: 'the sites an authority names' } },
  { shape: 'contacts:mailSubject_${…}', values: { open: 'the booking mails of contacts.jobs.ts' } },
  { shape: 'contacts:mailBody_${…}', values: { open: 'the booking mails of contacts.jobs.ts' } },
  { shape: 'saml:${…}', values: { open: 'the refusal pages of saml.routes.ts' } },
  { shape: 'saml:level_${…}', values: { open: 'the NSIS levels of the saml module' } },
  { shape: 'saml:reason_${…}', values: { open: 'the refusal reasons of saml.routes.ts' } },
  { shape: 'supervision:reason_${…}', values: SUPERVISION_REASON_KINDS },
  { shape: 'supervision:schedule_${…}', values: SUPERVISION_SCHEDULES },
  { shape: 'supervision:kind_${…}', values: INITIATIVE_KINDS },
  { shape: 'supervision:status_${…}', values: INITIATIVE_STATUSES },
  { shape: 'supervision:answer_${…}', values: SUPERVISION_ANSWERS },
  { shape: 'surveys:by_${…}', values: SURVEY_GROUPINGS },
  { shape: 'surveys:${…}', values: { open: 'the invitation mails of survey-mail.ts' } },
  { shape: 'surveys:closedTitle_${…}', values: { open: 'the closed-link pages of survey-pages.ts' } },
  { shape: 'surveys:problem_${…}', values: { open: 'the answer problems of survey-pages.ts' } },
  { shape: 'surveys:closed_${…}', values: { open: 'the closed-link pages of survey-pages.ts' } },
];

/** The keys an entry stands for, or undefined for an open set. */
export function expand(entry: DynamicKey): string[] | undefined {
  if (!Array.isArray(entry.values)) return undefined;
  return [...new Set(entry.values as readonly string[])].map((value) => entry.shape.replace('${…}', value));
}
