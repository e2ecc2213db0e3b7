import { describe, expect, test } from 'vitest';
import { applicantProfileFromClaims, meetsFactorClaims } from './oidc-claims.js';

describe('applicantProfileFromClaims', () => {
  test('keeps a name, a verified e-mail and a language, and nothing else', () => {
    const profile = applicantProfileFromClaims({
      name: ' Karen Jensen ',
      email: 'k@example.dk',
      email_verified: true,
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

  test('an e-mail without an email_verified claim, or with one that is not true, is not kept', () => {
    for (const verified of [undefined, 'true', 1, null]) {
      const claims: Record<string, unknown> = { name: 'Ida Holm', email: 'ida@example.dk' };
      if (verified !== undefined) claims.email_verified = verified;
      expect(applicantProfileFromClaims(claims).email).toBeNull();
    }
    expect(applicantProfileFromClaims({ email: 'ida@example.dk', email_verified: true }).email).toBe('ida@example.dk');
  });

  test('falls back to a neutral name', () => {
    expect(applicantProfileFromClaims({}).displayName).toBe('Borger');
  });
});

describe('the identity provider’s multi-factor claim for staff', () => {
  test('nothing required: any token will do', () => {
    expect(meetsFactorClaims({}, {})).toBe(true);
  });

  test('a required acr must be the token’s acr', () => {
    const provider = { requiredAcr: ['http://schemas.openid.net/pape/policies/2007/06/multi-factor'] };
    expect(meetsFactorClaims(provider, { acr: provider.requiredAcr[0] })).toBe(true);
    expect(meetsFactorClaims(provider, { acr: '1' })).toBe(false);
    expect(meetsFactorClaims(provider, {})).toBe(false);
  });

  test('a required amr must be among the token’s amr values', () => {
    const provider = { requiredAmr: ['mfa', 'otp'] };
    expect(meetsFactorClaims(provider, { amr: ['pwd', 'mfa'] })).toBe(true);
    expect(meetsFactorClaims(provider, { amr: ['pwd'] })).toBe(false);
    expect(meetsFactorClaims(provider, { amr: 'mfa' })).toBe(false);
  });
});
