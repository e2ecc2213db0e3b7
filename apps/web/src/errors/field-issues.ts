import { CASE_TYPE_CODE_PATTERN, KLE_TOPIC_PATTERN } from '@sagsgang/contracts';
import { CASE_TYPE_RULES, type FieldIssueDetail } from '@sagsgang/contracts/errors';
import { ApiError } from '../api/client.js';
import type { Translate } from '../i18n/i18n.js';

/** A text to show: a catalogue key with values, or the server's own words when there is no better one. */
export type IssueText = { key: string; values?: Record<string, string | number> } | { raw: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isIssue(value: unknown): value is FieldIssueDetail {
  return isRecord(value) && typeof value.path === 'string' && typeof value.message === 'string';
}

/** The field a path names, without the leading slash: `grants/0/unitId`; `''` for the request as a whole. */
export const fieldOf = (path: string) => path.replace(/^\/+/, '');

/** Every issue the error's details carry, in the server's order; none for errors without them. */
export function allIssues(error: unknown): FieldIssueDetail[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.filter(isIssue);
}

/**
 * The server's refusal by field: `validation` and `conflict` answers name the fields in their details. Errors
 * without such details (a refused permission, a lost connection) give an empty map.
 */
export function fieldIssues(error: unknown): Map<string, FieldIssueDetail> {
  const out = new Map<string, FieldIssueDetail>();
  for (const d of allIssues(error)) {
    const field = fieldOf(d.path);
    if (field && !out.has(field)) out.set(field, d);
  }
  return out;
}

// Refusals the server words for a particular field, by their message.
const BY_MESSAGE: Record<string, string> = {
  'is taken': 'admin:errUsernameTaken',
  'already closed': 'admin:errDayClosed',
  'already a closure day': 'admin:errDayIsClosure',
  'not a real date': 'errors:date',
  'is not a real date': 'errors:date',
};

/** A refinement's own params (`{ rule: 'required' }`) sit one level down, under zod's `params`. */
function paramsOf(issue: FieldIssueDetail): Record<string, unknown> {
  const params = issue.params ?? {};
  return issue.keyword === 'custom' && isRecord(params.params) ? params.params : params;
}

const NUMERIC = new Set(['number', 'int', 'bigint']);
const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  (list as readonly unknown[]).includes(value);

// Patterns whose form can be said in words, by the pattern as zod reports it ("/^…$/").
const BY_PATTERN: Record<string, string> = {
  [String(CASE_TYPE_CODE_PATTERN)]: 'errors:codeFormat',
  [String(KLE_TOPIC_PATTERN)]: 'errors:topicCodeFormat',
};

/** A rule's own values (`{ order: 1, previous: 2 }`) that its sentence can show. */
function ruleValues(params: Record<string, unknown>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).filter(
      (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
    ),
  );
}

function sizeText(issue: FieldIssueDetail, params: Record<string, unknown>): IssueText {
  const origin = String(params.origin ?? '');
  if (issue.keyword === 'too_small') {
    const n = Number(params.minimum);
    if (origin === 'array' || origin === 'set') return { key: 'errors:tooFew', values: { n } };
    if (NUMERIC.has(origin))
      return { key: params.inclusive === false ? 'errors:above' : 'errors:tooSmall', values: { n } };
    return n <= 1 ? { key: 'errors:required' } : { key: 'errors:tooShort', values: { n } };
  }
  const n = Number(params.maximum);
  if (origin === 'array' || origin === 'set') return { key: 'errors:tooMany', values: { n } };
  if (NUMERIC.has(origin)) return { key: params.inclusive === false ? 'errors:below' : 'errors:tooBig', values: { n } };
  return { key: 'errors:tooLong', values: { n } };
}

/** The issue in the reader's language where the kind of problem is known, else the server's message. */
export function issueText(issue: FieldIssueDetail): IssueText {
  const field = fieldOf(issue.path);
  const params = paramsOf(issue);
  const known = BY_MESSAGE[issue.message];
  if (known) return { key: known };
  if (/within \d+ years/.test(issue.message)) return { key: 'admin:errDayRange' };
  switch (issue.keyword) {
    case 'invalid_type':
      return params.expected === 'int' ? { key: 'errors:wholeNumber' } : { key: 'errors:required' };
    case 'too_small':
    case 'too_big':
      return sizeText(issue, params);
    case 'invalid_value':
      return { key: 'errors:choice' };
    case 'invalid_format':
      if (params.format === 'email') return { key: 'errors:email' };
      if (field === 'username') return { key: 'admin:errUsernameChars' };
      if (field === 'day' || params.format === 'date') return { key: 'errors:date' };
      if (typeof params.pattern === 'string' && BY_PATTERN[params.pattern]) return { key: BY_PATTERN[params.pattern]! };
      return { raw: issue.message };
    case 'custom':
      if (params.rule === 'required') return { key: 'errors:required' };
      if (isOneOf(CASE_TYPE_RULES, params.rule))
        return { key: `errors:rule_${params.rule}`, values: ruleValues(params) };
      return { raw: issue.message };
    default:
      return { raw: issue.message };
  }
}

/** The text for a field's issue, in the reader's language where the kind of problem is known. */
export function issueMessage(issue: FieldIssueDetail | undefined, t: Translate): string | undefined {
  if (!issue) return undefined;
  const text = issueText(issue);
  return 'key' in text ? t(text.key, text.values) : text.raw;
}
