import type { TLocale } from '@sagsgang/contracts';
import type { OidcProviderConfig } from '../../platform/config.js';

export interface ApplicantProfile {
  displayName: string;
  email: string | null;
  locale: TLocale;
}

const LOCALES: readonly TLocale[] = ['da', 'en', 'sv'];

function text(value: unknown, max = 300): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
}

/**
 * What we keep of an eID broker's claims when an applicant signs in for the first time: a name to address them by,
 * a verified e-mail and a language. Everything else is dropped on purpose: brokers may send a CPR number (e.g.
 * `dk:gov:cpr`, `cpr`, `nationalIdentifier`), and a CPR number in clear must never be stored or logged; the case
 * files carry identity through the user id and the broker's (issuer, subject) link.
 */
export function applicantProfileFromClaims(claims: Record<string, unknown>): ApplicantProfile {
  const joined = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  const displayName = text(claims.name) ?? (joined || undefined) ?? text(claims.preferred_username) ?? 'Borger';
  // Only an e-mail the provider vouches for: a missing `email_verified` (or a string "true") is not a yes.
  const email = claims.email_verified === true ? (text(claims.email, 320) ?? null) : null;
  const locale =
    LOCALES.find((l) => typeof claims.locale === 'string' && claims.locale.toLowerCase().startsWith(l)) ?? 'da';
  return { displayName, email, locale };
}

/**
 * Whether an ID token shows the multi-factor sign-in a provider is configured to require (`requiredAcr`,
 * `requiredAmr`): true when nothing is required, or the token's `acr` and `amr` claims meet what is.
 */
export function meetsFactorClaims(
  provider: Pick<OidcProviderConfig, 'requiredAcr' | 'requiredAmr'>,
  claims: Record<string, unknown>,
): boolean {
  const acr = typeof claims.acr === 'string' ? claims.acr : undefined;
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
  if (provider.requiredAcr?.length && !(acr && provider.requiredAcr.includes(acr))) return false;
  if (provider.requiredAmr?.length && !amr.some((m) => provider.requiredAmr!.includes(m))) return false;
  return true;
}
