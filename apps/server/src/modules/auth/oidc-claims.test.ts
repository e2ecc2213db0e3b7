import { describe, expect, test } from 'vitest';
import { applicantProfileFromClaims } from './oidc-claims.js';

describe('applicantProfileFromClaims', () => {
  test('keeps a name, a verified e-mail and a language, and nothing else', () => {
    const profile = applicantProfileFromClaims({
      name: ' Karen Jensen ',
      email: 'k@example.dk',
      locale: 'en-GB',
      cpr: '0101901234',
      'dk:gov:cpr': '0101901234',
    });
    expect(profile).toEqual({ displayName: 'Karen Jensen', email: 'k@example.dk', locale: 'en' });
    expect(JSON.stringify(profile)).not.toContain('0101901234');
  });

  test('builds the name from its parts and drops an unverified e-mail', () => {
    expect(
      applicantProfileFromClaims({
        given_name: 'Per',
        family_name: 'Hansen',
        email: 'p@example.dk',
        email_verified: false,
      }),
    ).toEqual({
      displayName: 'Per Hansen',
      email: null,
      locale: 'da',
    });
  });

  test('falls back to a neutral name', () => {
    expect(applicantProfileFromClaims({}).displayName).toBe('Borger');
  });
});
