import {
  ACCESS_REFUSAL_REASONS,
  ADMIN_REFUSAL_REASONS,
  CASE_OPERATIONS,
  INVALID_STATE_REASONS,
} from '@sagsgang/contracts/errors';
import { ApiError } from '../api/client.js';
import type { Translate } from '../i18n/i18n.js';
import { allIssues, fieldOf, issueMessage } from './field-issues.js';

/** One problem with a field, worded; `label` is the field's name on the page where the caller knows it. */
export interface IssueLine {
  field: string;
  label?: string;
  text: string;
}

/** An error as the page shows it. */
export interface ErrorText {
  /** The sentence in the reader's language; the server's own words only when its code is not one we know. */
  text: string;
  /** Problems with single fields, each worded; empty for errors that name no field. */
  issues: IssueLine[];
  /** The server's own words, kept for support behind the sentence (they are English). */
  serverMessage?: string;
  /**
   * Set instead of `serverMessage` where the sentence is only general (a refusal that names no field, a clash or a
   * state this client cannot word): then the server's words are the reason, and the page shows them beside it.
   */
  serverReason?: string;
  /** The request's id in the server's log. */
  requestId?: string;
}

export interface ErrorTextOptions {
  /** The page's label of each field the server may name, by its path without the leading slash (or its first part). */
  labels?: Record<string, string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  (list as readonly unknown[]).includes(value);

/** A refused step on a case: which step, in which state, and why when the state alone does not say it. */
function invalidStateText(details: unknown, t: Translate): string {
  if (!isRecord(details) || !isOneOf(CASE_OPERATIONS, details.operation)) return t('errors:invalid_state');
  if (isOneOf(INVALID_STATE_REASONS, details.reason)) return t(`errors:reason_${details.reason}`);
  const state = typeof details.state === 'string' ? details.state : '';
  return t('errors:invalidStateCase', {
    operation: t(`errors:op_${details.operation}`),
    state: t(`cases:state_${state}`, { defaultValue: state.replaceAll('_', ' ') }),
  });
}

const BY_CODE = new Set([
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'network',
]);

/** The refusal of a change to units or users, by its reason; undefined for any other error. */
function adminRefusal(error: ApiError): string | undefined {
  const reason = isRecord(error.details) ? error.details.reason : undefined;
  return isOneOf(ADMIN_REFUSAL_REASONS, reason) ? reason : undefined;
}

/** A refusal for want of a working need (a case file, another unit's workflow), by its reason. */
export function accessRefusal(error: unknown): (typeof ACCESS_REFUSAL_REASONS)[number] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'forbidden') return undefined;
  const reason = isRecord(error.details) ? error.details.reason : undefined;
  return isOneOf(ACCESS_REFUSAL_REASONS, reason) ? reason : undefined;
}

/** True where the code's sentence is all there is to say; false where it is general and the server knows more. */
function isSpecific(error: ApiError, issues: readonly IssueLine[]): boolean {
  const details = isRecord(error.details) ? error.details : {};
  if (adminRefusal(error) || accessRefusal(error)) return true;
  switch (error.code) {
    case 'validation':
      return issues.length > 0;
    case 'conflict':
      return issues.length > 0 || details.reason === 'stale_version';
    case 'invalid_state':
      return isOneOf(CASE_OPERATIONS, details.operation);
    default:
      return true;
  }
}

/** The sentence for the error's code, or undefined for a code this client does not know. */
function codeText(error: ApiError, t: Translate): string | undefined {
  const admin = adminRefusal(error);
  if (admin) return t(`errors:admin_${admin}`);
  const access = accessRefusal(error);
  if (access) return t(`errors:access_${access}`);
  switch (error.code) {
    case 'conflict':
      return isRecord(error.details) && error.details.reason === 'stale_version'
        ? t('errors:conflictStale')
        : t('errors:conflict');
    case 'invalid_state':
      return invalidStateText(error.details, t);
    case 'rate_limited': {
      const seconds = isRecord(error.details) ? error.details.retryAfterSeconds : undefined;
      return typeof seconds === 'number' && seconds > 0
        ? t('errors:rateLimitedMinutes', { minutes: Math.ceil(seconds / 60) })
        : t('errors:rate_limited');
    }
    case 'internal':
      return error.requestId ? t('errors:internalRef', { ref: error.requestId }) : t('errors:internal');
    default:
      return BY_CODE.has(error.code) ? t(`errors:${error.code}`) : undefined;
  }
}

function issueLines(error: ApiError, t: Translate, labels: Record<string, string>): IssueLine[] {
  return allIssues(error).map((issue) => {
    const field = fieldOf(issue.path);
    // "legalRules/0" is the first line of the field the page calls "legalRules".
    return { field, label: labels[field] ?? labels[field.split('/')[0]!], text: issueMessage(issue, t)! };
  });
}

/**
 * Any error from the API client in the reader's language: a sentence per error code, field problems per kind of
 * problem, and the server's own message kept for support. An error that is not the API's (one the page made
 * itself, already in words) is shown as it is.
 */
export function errorText(error: unknown, t: Translate, options: ErrorTextOptions = {}): ErrorText {
  if (!(error instanceof ApiError)) return { text: error instanceof Error ? error.message : String(error), issues: [] };
  const issues = issueLines(error, t, options.labels ?? {});
  const sentence = codeText(error, t);
  if (sentence === undefined) return { text: error.message, issues, requestId: error.requestId };
  const text = issues.length > 0 ? t('errors:validationSummary') : sentence;
  if (!isSpecific(error, issues)) return { text, issues, serverReason: error.message, requestId: error.requestId };
  // The client's own words about a lost connection say nothing more than the sentence.
  return {
    text,
    issues,
    serverMessage: error.code === 'network' ? undefined : error.message,
    requestId: error.requestId,
  };
}

/** One field problem as a line: "Klagevejledning: Skal udfyldes." */
export const issueLine = (issue: IssueLine) =>
  issue.field ? `${issue.label ?? issue.field}: ${issue.text}` : issue.text;

/** The error as one line of text, for places that show a plain message (a status line, a notice). */
export function errorSentence(error: unknown, t: Translate, options: ErrorTextOptions = {}): string {
  const e = errorText(error, t, options);
  return [e.text, ...(e.serverReason ? [e.serverReason] : []), ...e.issues.map(issueLine)].join(' ');
}

/** True for a request the page cancelled itself (it left the page, or asked again): nothing to show. */
export const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';
