import { html, type SafeHtml } from '../../../platform/html/html.js';
import type { OidcProviderConfig } from '../../../platform/config.js';
import { alert, errorSummary, icon, textInput, type FieldError } from '../portal-components.js';
import type { PageContext } from '../portal-page.js';

export interface LoginPageInput {
  /** The error flag the sign-in route sent the browser back with. */
  error?: string;
  username?: string;
  returnTo: string;
  signedOut: boolean;
  /** Back from choosing a password through a one-time link. */
  passwordSet?: boolean;
  /** With the `rate_limited` flag: in how many minutes the next attempt may be made. */
  retryMinutes?: number;
}

/**
 * Maps the sign-in route's error flags to messages on the field they concern. `username` is what the route sent
 * back, if anything: empty means it was missing; unknown means the credentials as a whole were wrong.
 */
export function loginErrors(
  page: PageContext,
  error: string | undefined,
  username: string | undefined,
  retryMinutes?: number,
): FieldError[] {
  const { t } = page;
  switch (error) {
    case undefined:
    case '':
      return [];
    case 'invalid':
    case 'invalid_credentials':
      if (username === undefined) return [{ fieldId: 'username', message: t('portal:errorInvalidCredentials') }];
      return username.trim() === ''
        ? [{ fieldId: 'username', message: t('portal:errorUsernameMissing') }]
        : [{ fieldId: 'password', message: t('portal:errorInvalidCredentials') }];
    case 'missing':
      return [
        ...(username?.trim() ? [] : [{ fieldId: 'username', message: t('portal:errorUsernameMissing') }]),
        { fieldId: 'password', message: t('portal:errorPasswordMissing') },
      ];
    case 'rate_limited':
      return [
        {
          fieldId: 'username',
          message: retryMinutes
            ? t('portal:errorRateLimitedMinutes', { minutes: retryMinutes })
            : t('portal:errorRateLimited'),
        },
      ];
    case 'expired':
    case 'csrf':
      return [{ fieldId: 'username', message: t('portal:errorExpired') }];
    case 'oidc':
      return [{ fieldId: 'username', message: t('portal:errorOidc') }];
    case 'oidc_mfa':
      return [{ fieldId: 'username', message: t('portal:errorOidcMfa') }];
    default:
      return [{ fieldId: 'username', message: t('portal:errorGeneric') }];
  }
}

type SignInProvider = Pick<OidcProviderConfig, 'id' | 'label' | 'audience'> & { protocol: 'oidc' | 'saml' };

function providerButtons(page: PageContext, providers: SignInProvider[], returnTo: string): SafeHtml | undefined {
  if (providers.length === 0) return undefined;
  // Citizens' eID first: most people who arrive here are applicants.
  const ordered = [...providers].sort((a, b) => (a.audience === b.audience ? 0 : a.audience === 'applicant' ? -1 : 1));
  const query = `?returnTo=${encodeURIComponent(returnTo)}`;
  return html`<section aria-labelledby="providers-heading">
  <h2 id="providers-heading">${page.t('portal:loginProvidersHeading')}</h2>
  <ul class="portal-provider-list">
    ${ordered.map(
      (p) =>
        html`<li><a class="button button-primary" href="/auth/${p.protocol}/${encodeURIComponent(p.id)}/start${query}">${page.t('portal:loginWith', { label: p.label })}</a></li>`,
    )}
  </ul>
</section>`;
}

function passwordForm(page: PageContext, input: LoginPageInput, errors: FieldError[]): SafeHtml {
  const { t } = page;
  const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  return html`<section aria-labelledby="local-heading">
  <h2 id="local-heading">${t('portal:loginLocalHeading')}</h2>
  <form method="post" action="/api/auth/login" novalidate>
    <input type="hidden" name="_csrf" value="${page.csrfToken}">
    <input type="hidden" name="returnTo" value="${input.returnTo}">
    ${textInput({ id: 'username', name: 'username', label: t('portal:username'), value: input.username, autocomplete: 'username', error: errorFor('username'), errorPrefix: t('portal:errorPrefix') })}
    ${textInput({ id: 'password', name: 'password', label: t('portal:password'), type: 'password', autocomplete: 'current-password', error: errorFor('password'), errorPrefix: t('portal:errorPrefix') })}
    <button type="submit" class="button button-primary">${t('portal:loginSubmit')}</button>
  </form>
</section>`;
}

/** One sign-in page for applicants and staff; a plain form that works without scripts. */
export function loginPage(page: PageContext, input: LoginPageInput): SafeHtml {
  const { t, principal, config } = page;
  if (principal) {
    return html`<div class="row"><div class="col-12 col-lg-8">
  <h1>${t('portal:loginTitle')}</h1>
  <p>${t('portal:alreadySignedIn', { name: principal.displayName })}</p>
  <p><a class="button button-primary" href="${input.returnTo}">${t('portal:continue')}${icon('arrow-forward')}</a></p>
</div></div>`;
  }
  const errors = loginErrors(page, input.error, input.username, input.retryMinutes);
  return html`<div class="row"><div class="col-12 col-lg-8">
  ${errorSummary(t('portal:errorSummaryHeading'), errors)}
  ${input.signedOut && errors.length === 0 ? alert(t, 'success', t('portal:signedOut')) : null}
  ${input.passwordSet && errors.length === 0 ? alert(t, 'success', t('portal:passwordSetDone')) : null}
  <h1>${t('portal:loginTitle')}</h1>
  <p class="font-lead">${t('portal:loginIntro')}</p>
  ${providerButtons(
    page,
    [
      ...config.oidc.map((p) => ({ ...p, protocol: 'oidc' as const })),
      ...config.saml.map((p) => ({ ...p, protocol: 'saml' as const })),
    ],
    input.returnTo,
  )}
  ${passwordForm(page, input, errors)}
</div></div>`;
}
