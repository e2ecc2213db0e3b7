import { AppError } from '../../platform/errors.js';
import { commonPasswords } from './common-passwords.js';

/** Why a chosen password is refused, as a code the pages and the API turn into a sentence. */
export type PasswordProblem = 'too_short' | 'contains_username' | 'common' | 'repetitive';

export const MIN_PASSWORD_LENGTH = 12;

/** Words anyone guessing a password here tries first (NIST SP 800-63B: context-specific words). */
const CONTEXT_WORDS = ['sagsgang'];

/**
 * One character or one short run repeated ('aaaaaaaaaaaa', 'abcabcabcabc'), or a straight run up or down the
 * alphabet or the digits ('123456789012' is not one, as it wraps; 'abcdefghijkl' is).
 */
function isRepetitive(chars: string[]): boolean {
  for (let period = 1; period <= 3; period++) {
    if (chars.every((c, i) => c === chars[i % period])) return true;
  }
  const codes = chars.map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step);
}

/**
 * The rules of NIST SP 800-63B for a chosen password: at least 12 characters, no composition rules (they make
 * passwords harder to remember, not to guess), not one of the common or breached passwords the project ships
 * (case-insensitively, also with digits and symbols trimmed off the end), not a repetition or a run, and not
 * containing the user name. Length counts characters as people see them, so "æøå" is three.
 */
export function passwordProblem(password: string, username: string | null): PasswordProblem | undefined {
  const normalized = password.normalize('NFC');
  const chars = [...normalized];
  if (chars.length < MIN_PASSWORD_LENGTH) return 'too_short';
  const lower = normalized.toLowerCase();
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && lower.includes(name)) return 'contains_username';
  if (isRepetitive([...lower])) return 'repetitive';
  const common = commonPasswords();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (common.has(lower) || (stem.length >= 6 && common.has(stem))) return 'common';
  if (CONTEXT_WORDS.some((w) => lower.includes(w))) return 'common';
  return undefined;
}

/** The rule broken, in English for the API's error details (the pages word it from the code). */
export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
  contains_username: 'must not contain the user name',
  common: 'is too common: it is on a list of passwords found in breaches',
  repetitive: 'is a repetition or a run of characters',
};

/** Refuses a chosen password that breaks a rule, as a `validation` error naming the field and the rule. */
export function assertPasswordAcceptable(password: string, username: string | null, field = 'password'): void {
  const problem = passwordProblem(password, username);
  if (!problem) return;
  throw new AppError('validation', `${field}: ${PASSWORD_PROBLEM_TEXT[problem]}`, [
    { path: field, message: PASSWORD_PROBLEM_TEXT[problem], keyword: 'custom', params: { rule: problem } },
  ]);
}
