import { html, type SafeHtml } from '../../../platform/html/html.js';
import type { TotpEnrolment } from '../../auth/index.js';
import { alert, errorSummary, icon, textInput, type FieldError } from '../portal-components.js';
import type { PageContext } from '../portal-page.js';
import { PASSKEY_JS } from '../portal-assets.js';

/** The code field's error for the flag a form post came back with. */
function codeErrors(page: PageContext, error: string | undefined, retryMinutes?: number): FieldError[] {
  const { t } = page;
  switch (error) {
    case undefined:
    case '':
      return [];
    case 'wrong_code':
      return [{ fieldId: 'code', message: t('portal:errorFactorCode') }];
    case 'missing':
      return [{ fieldId: 'code', message: t('portal:errorFactorMissing') }];
    case 'rate_limited':
      return [
        {
          fieldId: 'code',
          message: retryMinutes
            ? t('portal:errorRateLimitedMinutes', { minutes: retryMinutes })
            : t('portal:errorRateLimited'),
        },
      ];
    case 'expired':
      return [{ fieldId: 'code', message: t('portal:errorExpired') }];
    default:
      return [{ fieldId: 'code', message: t('portal:errorGeneric') }];
  }
}

function codeForm(page: PageContext, o: { action: string; returnTo: string; errors: FieldError[]; submit: string }) {
  const { t } = page;
  return html`<form method="post" action="${o.action}" novalidate>
    <input type="hidden" name="_csrf" value="${page.csrfToken}">
    <input type="hidden" name="returnTo" value="${o.returnTo}">
    ${textInput({ id: 'code', name: 'code', label: t('portal:factorCode'), autocomplete: 'one-time-code', error: o.errors[0]?.message, errorPrefix: t('portal:errorPrefix') })}
    <button type="submit" class="button button-primary">${o.submit}</button>
  </form>`;
}

/**
 * A passkey button for passkey.js, hidden until the script has found WebAuthn in the browser (nothing to press
 * without it). The script fetches the options, calls the browser, posts the answer and goes on to `returnTo`.
 */
function passkeyButton(
  page: PageContext,
  o: { ceremony: 'register' | 'authenticate'; optionsUrl: string; verifyUrl: string; returnTo: string; label: string },
) {
  const { t } = page;
  return html`<div class="passkey" data-passkey="${o.ceremony}" data-options-url="${o.optionsUrl}"
    data-verify-url="${o.verifyUrl}" data-csrf="${page.csrfToken}" data-return-to="${o.returnTo}" hidden>
    <p class="form-error-message" id="passkey-error" role="alert" hidden>${t('portal:passkeyFailed')}</p>
    <button type="button" class="button button-secondary" id="passkey-button">${o.label}</button>
  </div>
  <script src="${PASSKEY_JS}" defer></script>`;
}

/** The second step of sign-in: a code from the authenticator app, a recovery code, or a passkey. */
export function secondFactorPage(
  page: PageContext,
  input: { returnTo: string; error?: string; retryMinutes?: number; totp: boolean; passkey: boolean },
): SafeHtml {
  const { t } = page;
  const errors = codeErrors(page, input.error, input.retryMinutes);
  const passkey = input.passkey
    ? passkeyButton(page, {
        ceremony: 'authenticate',
        optionsUrl: '/api/auth/second-factor/passkey/options',
        verifyUrl: '/api/auth/second-factor/passkey',
        returnTo: input.returnTo,
        label: t('portal:passkeyUse'),
      })
    : null;
  if (!input.totp)
    return html`<div class="row"><div class="col-12 col-lg-8">
  <h1>${t('portal:factorTitle')}</h1>
  <p class="font-lead">${t('portal:passkeyOnlyIntro')}</p>
  ${passkey}
</div></div>`;
  return html`<div class="row"><div class="col-12 col-lg-8">
  ${errorSummary(t('portal:errorSummaryHeading'), errors)}
  <h1>${t('portal:factorTitle')}</h1>
  <p class="font-lead">${t('portal:factorIntro')}</p>
  ${codeForm(page, { action: '/login/faktor', returnTo: input.returnTo, errors, submit: t('portal:factorSubmit') })}
  <p>${t('portal:factorRecoveryHint')}</p>
  ${input.passkey ? html`<p>${t('portal:passkeyIntro')}</p>${passkey}` : null}
</div></div>`;
}

/** Setting up an authenticator app: the QR code, the key to type by hand, and a code to confirm it. */
export function enrolFactorPage(
  page: PageContext,
  input: { enrolment: TotpEnrolment; returnTo: string; required: boolean; error?: string },
): SafeHtml {
  const { t } = page;
  const errors = codeErrors(page, input.error);
  const key = input.enrolment.secret.match(/.{1,4}/g)!.join(' ');
  return html`<div class="row"><div class="col-12 col-lg-8">
  ${errorSummary(t('portal:errorSummaryHeading'), errors)}
  <h1>${t('portal:enrolTitle')}</h1>
  ${input.required ? alert(t, 'info', t('portal:enrolRequired')) : null}
  <ol>
    <li>${t('portal:enrolStepApp')}</li>
    <li>${t('portal:enrolStepScan')}
      <p><img src="${input.enrolment.qrDataUrl}" width="200" height="200" alt="${t('portal:enrolQrAlt')}"></p>
      <p>${t('portal:enrolManualKey')} <code id="totp-secret" data-secret="${input.enrolment.secret}">${key}</code></p>
    </li>
    <li>${t('portal:enrolStepCode')}</li>
  </ol>
  ${codeForm(page, { action: '/login/faktor/ny', returnTo: input.returnTo, errors, submit: t('portal:enrolSubmit') })}
  <h2>${t('portal:passkeyHeading')}</h2>
  <p>${t('portal:passkeyEnrolIntro')}</p>
  ${addPasskeyButton(page, input.returnTo)}
</div></div>`;
}

/** The button that creates a passkey on this device and adds it to the account. */
const addPasskeyButton = (page: PageContext, returnTo: string): SafeHtml =>
  passkeyButton(page, {
    ceremony: 'register',
    optionsUrl: '/api/auth/passkeys/options',
    verifyUrl: '/api/auth/passkeys',
    returnTo,
    label: page.t('portal:passkeyAdd'),
  });

/** Adding a passkey for someone signed in who has an authenticator app already. */
export function addPasskeyPage(page: PageContext, input: { returnTo: string }): SafeHtml {
  const { t } = page;
  return html`<div class="row"><div class="col-12 col-lg-8">
  <h1>${t('portal:passkeyAdd')}</h1>
  <p class="font-lead">${t('portal:passkeyEnrolIntro')}</p>
  ${addPasskeyButton(page, input.returnTo)}
  <p><a href="${input.returnTo}">${t('portal:continue')}</a></p>
</div></div>`;
}

/** The recovery codes, shown once right after the authenticator app is confirmed. */
export function recoveryCodesPage(page: PageContext, input: { codes: string[]; returnTo: string }): SafeHtml {
  const { t } = page;
  return html`<div class="row"><div class="col-12 col-lg-8">
  ${alert(t, 'success', t('portal:enrolDone'))}
  <h1>${t('portal:recoveryTitle')}</h1>
  <p class="font-lead">${t('portal:recoveryIntro')}</p>
  <ul class="nobullet-list" id="recovery-codes">
    ${input.codes.map((c) => html`<li><code>${c}</code></li>`)}
  </ul>
  <p><a class="button button-primary" href="${input.returnTo}">${t('portal:continue')}${icon('arrow-forward')}</a></p>
</div></div>`;
}
