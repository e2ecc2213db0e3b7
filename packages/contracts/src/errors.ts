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

/** The steps on a case that `invalid_state` can refuse; the back office words each in the reader's language. */
export const CASE_OPERATIONS = [
  'screen', 'request_information', 'register_information', 'start_hearing', 'register_hearing_reply', 'change_phase',
  'extend_deadline', 'decide', 'close', 'reassign', 'add_document', 'record_automatic_screening',
] as const;
export type CaseOperation = (typeof CASE_OPERATIONS)[number];

/** Why a step was refused beyond the case's state alone. */
export const INVALID_STATE_REASONS = [
  'same_phase', 'extension_not_allowed', 'no_deadline', 'request_pending', 'no_request_pending', 'no_hearing_pending',
] as const;
export type InvalidStateReason = (typeof INVALID_STATE_REASONS)[number];

/** The details of an `invalid_state` refusal of a step on a case: which step, the case's state, and why if more. */
export interface InvalidStateDetails {
  operation: CaseOperation;
  state: string;
  reason?: InvalidStateReason;
}

/** The details of a `conflict` because the record changed since the client read it. */
export interface StaleVersionDetails {
  reason: 'stale_version';
  currentVersion?: number;
}
