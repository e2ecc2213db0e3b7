/** Why a chosen password is refused, as a code the pages and the API turn into a sentence. */
export type PasswordProblem = 'too_short' | 'contains_username';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * The length rule and the user-name rule of NIST SP 800-63B: no composition rules (they make passwords harder to
 * remember, not to guess). Length counts characters as people see them, so "æøå" is three.
 */
export function passwordProblem(password: string, username: string | null): PasswordProblem | undefined {
  if ([...password.normalize('NFC')].length < MIN_PASSWORD_LENGTH) return 'too_short';
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && password.toLowerCase().includes(name)) return 'contains_username';
  return undefined;
}
