import { html, type SafeHtml } from '../../../platform/html/html.js';
import { alert, errorSummary, textInput, type FieldError } from '../portal-components.js';
import type { PageContext } from '../portal-page.js';

export interface PasswordSetupPageInput {
  token: string;
  /** The user name the link is for; undefined when the link is used, expired or unknown. */
  username: string | undefined;
  /** The error flag the form's route sent the browser back with. */
  error?: string;
}

function setupErrors(page: PageContext, error: string | undefined): FieldError[] {
  const { t } = page;
  switch (error) {
    case undefined:
    case '':
    case 'link':
      return [];
    case 'too_short':
      return [{ fieldId: 'password', message: t('portal:errorPasswordTooShort') }];
    case 'contains_username':
      return [{ fieldId: 'password', message: t('portal:errorPasswordHasUsername') }];
    case 'common':
      return [{ fieldId: 'password', message: t('portal:errorPasswordCommon') }];
    case 'repetitive':
      return [{ fieldId: 'password', message: t('portal:errorPasswordRepetitive') }];
    case 'mismatch':
      return [{ fieldId: 'repeat', message: t('portal:errorPasswordMismatch') }];
    case 'expired':
      return [{ fieldId: 'password', message: t('portal:errorExpired') }];
    default:
      return [{ fieldId: 'password', message: t('portal:errorGeneric') }];
  }
}

/** The page a one-time link opens: the holder chooses their password, in a plain form that works without scripts. */
export function passwordSetupPage(page: PageContext, input: PasswordSetupPageInput): SafeHtml {
  const { t } = page;
  if (input.username === undefined) {
    return html`<div class="row"><div class="col-12 col-lg-8">
  <h1>${t('portal:passwordSetupTitle')}</h1>
  ${alert(t, 'error', t('portal:passwordSetupInvalidLink'))}
</div></div>`;
  }
  const errors = setupErrors(page, input.error);
  const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  const field = (id: 'password' | 'repeat', label: string) =>
    textInput({
      id,
      name: id,
      label,
      type: 'password',
      autocomplete: 'new-password',
      error: errorFor(id),
      errorPrefix: t('portal:errorPrefix'),
    });
  return html`<div class="row"><div class="col-12 col-lg-8">
  ${errorSummary(t('portal:errorSummaryHeading'), errors)}
  <h1>${t('portal:passwordSetupTitle')}</h1>
  <p class="font-lead">${t('portal:passwordSetupIntro')}</p>
  <p>${t('portal:passwordSetupUser', { username: input.username })}</p>
  <form method="post" action="/api/auth/password-setup" novalidate>
    <input type="hidden" name="_csrf" value="${page.csrfToken}">
    <input type="hidden" name="token" value="${input.token}">
    <input type="text" name="username" value="${input.username}" autocomplete="username" hidden>
    ${field('password', t('portal:passwordNew'))}
    ${field('repeat', t('portal:passwordRepeat'))}
    <button type="submit" class="button button-primary">${t('portal:passwordSetupSubmit')}</button>
  </form>
</div></div>`;
}
