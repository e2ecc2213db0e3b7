import { describe, expect, test } from 'vitest';
import { commonPasswords } from './common-passwords.js';
import { passwordProblem } from './password-policy.js';

describe('password policy (NIST SP 800-63B)', () => {
  test('twelve of one letter is refused as a repetition (regression: it was accepted)', () => {
    expect(passwordProblem('aaaaaaaaaaaa', 'kim')).toBe('repetitive');
    expect(passwordProblem('abcabcabcabc', 'kim')).toBe('repetitive');
    expect(passwordProblem('abcdefghijklm', 'kim')).toBe('repetitive');
    expect(passwordProblem('ZYXWVUTSRQPO', 'kim')).toBe('repetitive');
  });

  test('the user name inside the password is refused, in any case (regression)', () => {
    expect(passwordProblem('my-kimberly-secret-2026', 'kimberly')).toBe('contains_username');
    expect(passwordProblem('xxKIMBERLYxxyy', 'Kimberly')).toBe('contains_username');
  });

  test('a breached or common password is refused case-insensitively, also with digits added', () => {
    expect(commonPasswords().size).toBeGreaterThan(40_000);
    const longCommon = [...commonPasswords()].find((p) => p.length >= 12 && !/^(.)\1+$/.test(p))!;
    expect(longCommon).toBeDefined();
    expect(passwordProblem(longCommon, null)).toBe('common');
    expect(passwordProblem(longCommon.toUpperCase(), null)).toBe('common');
    expect(passwordProblem('Password1234', null)).toBe('common');
    expect(passwordProblem('Sommerfugl!!', null)).not.toBe('too_short');
    expect(passwordProblem('sagsgang-login', null)).toBe('common');
  });

  test('length counts characters, and no composition rule is asked for', () => {
    expect(passwordProblem('æøåæøåæøåæø', null)).toBe('too_short');
    expect(passwordProblem('lange dage ved fjorden', 'kim')).toBeUndefined();
    expect(passwordProblem('blæksprutte på cykel', 'kim')).toBeUndefined();
  });
});
