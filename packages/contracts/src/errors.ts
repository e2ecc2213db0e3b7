import { z } from 'zod';

/** The codes of the API's error body `{ error: { code, message, details }, requestId }`, shared by server and web. */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal';

/** The `details` of a `rate_limited` answer: how long until the next attempt may be made (also in Retry-After). */
export interface RateLimitDetails {
  retryAfterSeconds: number;
}
export const ERROR_CODES = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_state',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
] as const satisfies readonly ErrorCode[];

/** The one body of every error answer: the code says what went wrong, `details` what a client can act on. */
export const ZErrorBody = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
  requestId: z.string(),
});

/** The steps on a case that `invalid_state` can refuse; the back office words each in the reader's language. */
export const CASE_OPERATIONS = [
  'screen',
  'request_information',
  'register_information',
  'start_hearing',
  'register_hearing_reply',
  'change_phase',
  'extend_deadline',
  'decide',
  'close',
  'reassign',
  'add_document',
  'record_automatic_screening',
] as const;
export type CaseOperation = (typeof CASE_OPERATIONS)[number];

/** Why a step was refused beyond the case's state alone. */
export const INVALID_STATE_REASONS = [
  'same_phase',
  'extension_not_allowed',
  'no_deadline',
  'request_pending',
  'no_request_pending',
  'no_hearing_pending',
] as const;
export type InvalidStateReason = (typeof INVALID_STATE_REASONS)[number];

/**
 * Why the administration of units and users refused a change (`details.reason` of its `invalid_state`, `conflict`
 * or `forbidden`); the back office words each in the reader's language.
 */
export const ADMIN_REFUSAL_REASONS = [
  'deactivate_self',
  'own_password_needs_current',
  'remove_own_admin',
  'staff_only_roles',
  'user_outside_reach',
  'roles_outside_reach',
  'unit_not_administered',
  'team_has_no_subunits',
  'authority_cannot_move',
  'move_below_itself',
  'authority_cannot_delete',
  'unit_not_empty',
  'unit_referenced',
  'unit_code_taken',
] as const;
export type AdminRefusalReason = (typeof ADMIN_REFUSAL_REASONS)[number];

/**
 * Why a read or change was refused for want of a working need (`details.reason` of a `forbidden`): a case file
 * outside one's casework opens only by breaking the glass; a workflow is changed only by its unit's analysts.
 */
export const ACCESS_REFUSAL_REASONS = ['work_need_required', 'workflow_not_editable'] as const;
export type AccessRefusalReason = (typeof ACCESS_REFUSAL_REASONS)[number];

/**
 * Rules a case-type definition breaks beyond a single field's type or size, as `params.rule` of a `custom` field
 * issue; the back office words each in the reader's language.
 */
export const CASE_TYPE_RULES = [
  'warn_at_ascending',
  'choice_needs_option',
  'option_codes_unique',
  'date_bounds_order',
  'phases_out_of_order',
  'phase_codes_unique',
  'requirement_codes_unique',
  'condition_required',
  'outcomes_unique',
  'extension_maximum_required',
  'extension_maximum_not_allowed',
  'goal_exceeds_legal_maximum',
  'appeal_required',
  'unknown_unit',
  'unknown_case_type',
] as const;
export type CaseTypeRule = (typeof CASE_TYPE_RULES)[number];

/**
 * Rules the applicant's own forms break that the portal shows on the form again rather than refusing the request,
 * as `params.rule` of a `custom` field issue of a `validation` error.
 */
export const APPLICANT_FORM_RULES = [
  'answer_or_document_required',
  'complaint_kind_required',
  'complaint_text_required',
] as const;
export type ApplicantFormRule = (typeof APPLICANT_FORM_RULES)[number];

/** The field issues of a `validation` error's details that carry one of `rules`, in order. */
export function issuesWithRule<R extends string>(
  details: unknown,
  rules: readonly R[],
): (FieldIssueDetail & { params: { rule: R } })[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is FieldIssueDetail & { params: { rule: R } } =>
      typeof d === 'object' &&
      d !== null &&
      (rules as readonly unknown[]).includes((d as FieldIssueDetail).params?.rule),
  );
}

/** One problem with a field as the API's `validation` details carry it (`path` like `/grants/0/unitId`); `keyword` is zod's issue code. */
export interface FieldIssueDetail {
  path: string;
  message: string;
  /** zod's issue code: `too_small`, `invalid_format`, `custom`, … */
  keyword?: string;
  params?: Record<string, unknown>;
}

/** The details of an `invalid_state` refusal of a step on a case: which step, the case's state, and why if more. */
export interface InvalidStateDetails {
  operation: CaseOperation;
  state: string;
  reason?: InvalidStateReason;
}

/**
 * The details of a `forbidden` because the request's CSRF token is missing, expired or from elsewhere: the client
 * fetches a new token and tries once more.
 */
export interface CsrfRefusalDetails {
  reason: 'csrf';
}

/** The details of a `conflict` because the record changed since the client read it. */
export interface StaleVersionDetails {
  reason: 'stale_version';
  currentVersion?: number;
}
