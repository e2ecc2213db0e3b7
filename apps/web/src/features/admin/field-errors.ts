import { ApiError } from '../../api/client.js';

/** One problem the server found with a field, as its error details carry it (`path` like `/grants/0/unitId`). */
export interface FieldIssue {
  path: string;
  message: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** A text to show: a catalogue key with values, or the server's own words when there is no better one. */
export type IssueText = { key: string; values?: Record<string, string | number> } | { raw: string };

function isIssue(value: unknown): value is FieldIssue {
  const v = value as FieldIssue | null;
  return typeof v === 'object' && v !== null && typeof v.path === 'string' && typeof v.message === 'string';
}

/** The field a path names, without the leading slash: `grants/0/unitId`; `''` for the request as a whole. */
export const fieldOf = (path: string) => path.replace(/^\/+/, '');

/**
 * The server's refusal by field: `validation` and `conflict` answers name the fields in their details. Errors
 * without such details (a refused permission, a lost connection) give an empty map.
 */
export function fieldIssues(error: unknown): Map<string, FieldIssue> {
  const out = new Map<string, FieldIssue>();
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return out;
  for (const d of error.details) {
    if (!isIssue(d)) continue;
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
  'not a real date': 'admin:errDate',
};

/** The issue in the reader's language where the kind of problem is known, else the server's message. */
export function issueText(issue: FieldIssue): IssueText {
  const field = fieldOf(issue.path);
  const params = issue.params ?? {};
  const known = BY_MESSAGE[issue.message];
  if (known) return { key: known };
  if (/within \d+ years/.test(issue.message)) return { key: 'admin:errDayRange' };
  switch (issue.keyword) {
    case 'invalid_type':
      return { key: 'admin:errRequired' };
    case 'too_small':
      if (params.origin === 'array') return { key: 'admin:errTooFew', values: { n: Number(params.minimum) } };
      return Number(params.minimum) <= 1 ? { key: 'admin:errRequired' } : { key: 'admin:errTooShort', values: { n: Number(params.minimum) } };
    case 'too_big':
      return { key: 'admin:errTooLong', values: { n: Number(params.maximum) } };
    case 'invalid_format':
      if (params.format === 'email') return { key: 'admin:errEmail' };
      if (field === 'username') return { key: 'admin:errUsernameChars' };
      if (field === 'day') return { key: 'admin:errDate' };
      return { raw: issue.message };
    default:
      return { raw: issue.message };
  }
}
