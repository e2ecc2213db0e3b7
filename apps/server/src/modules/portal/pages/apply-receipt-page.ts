import { html, type HtmlValue, type SafeHtml } from '../../../platform/html/html.js';
import { alert } from '../portal-components.js';
import type { PageContext } from '../portal-page.js';

export interface ApplyReceiptInput {
  reference: string;
  caseTypeName: string;
  /** The next phase's plain-language text from the case type. */
  nextStep: string;
  missing: string[];
  email: string | null;
  /** The expected-decision block (service goal and the range from similar cases), already rendered. */
  expected: HtmlValue;
}

/** The receipt: case number, what happens next, what is still missing and when to expect a decision. */
export function applyReceiptPage(page: PageContext, input: ApplyReceiptInput): SafeHtml {
  const { t } = page;
  const href = `/mine-sager/${encodeURIComponent(input.reference)}`;
  return html`<div class="row"><div class="col-12 col-lg-8">
${alert(t, 'success', html`<strong>${t('applications:receiptTitle')}.</strong> ${t('applications:receiptCaseNumber', { reference: input.reference })}`)}
<h1>${t('applications:receiptTitle')}</h1>
<p class="font-lead">${input.caseTypeName} – ${t('applications:receiptCaseNumber', { reference: input.reference })}</p>
<p>${input.email ? t('applications:receiptEmailSent', { email: input.email }) : t('applications:receiptNoEmail')}</p>
<h2>${t('applications:receiptWhatNext')}</h2>
<p>${input.nextStep}</p>
${
  input.missing.length > 0
    ? html`<h2>${t('applications:receiptMissingHeading')}</h2><ul>${input.missing.map((m) => html`<li>${m}</li>`)}</ul><p>${t('applications:receiptMissingText')}</p>`
    : html`<p>${t('applications:receiptComplete')}</p>`
}
<h2>${t('applications:expectedHeading')}</h2>
${input.expected}
<p><a class="button button-primary" href="${href}">${t('applications:goToCase')}</a></p>
</div></div>`;
}
