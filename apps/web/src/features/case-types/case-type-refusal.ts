import type { Translate } from '../../i18n/i18n.js';
import { errorSentence } from '../../errors/error-text.js';
import { allIssues, issueMessage } from '../../errors/field-issues.js';
import type { FieldError } from './case-type-form-fields.js';

/**
 * The server's refusal of a definition as the editor lists it: each field issue worded in the reader's language by
 * its kind of problem (the server's English only for a kind this client does not know), or one line for the whole
 * definition when the refusal names no field.
 */
export function refusalErrors(error: unknown, t: Translate): FieldError[] {
  const issues = allIssues(error);
  if (issues.length === 0) return [{ path: '(root)', message: errorSentence(error, t) }];
  return issues.map((issue) => ({ path: issue.path, message: issueMessage(issue, t)! }));
}
