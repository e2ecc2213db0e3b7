import type { TRequirement } from '@sagsgang/contracts';
import { html, type SafeHtml } from '../../../platform/html/html.js';
import { formatDate } from '../../notifications/index.js';
import { alert } from '../portal-components.js';
import { formatBytes, lt, stepIndicator, type StepLink, type UploadedFile } from '../apply-components.js';
import type { PageContext } from '../portal-page.js';

export interface CheckSection {
  title: string;
  href: string;
  requirements: TRequirement[];
}

export interface ApplyCheckInput {
  applicationId: string;
  caseTypeName: string;
  steps: StepLink[];
  sections: CheckSection[];
  answers: Record<string, string>;
  files: Record<string, UploadedFile[]>;
  /** Labels of what the screening would find missing if sent now. */
  missing: string[];
  idempotencyKey: string;
}

function answerText(page: PageContext, r: TRequirement, value: string | undefined): string {
  const { t, locale } = page;
  if (value === undefined || value.trim() === '') return t('applications:notAnswered');
  const type = r.answer?.type;
  if (type === 'yesno') return value === 'yes' ? t('applications:yes') : value === 'no' ? t('applications:no') : value;
  if (type === 'choice') return lt(r.answer?.options?.find((o) => o.value === value)?.label, locale) || value;
  if (type === 'date') return formatDate(locale, value);
  return value;
}

function row(page: PageContext, section: CheckSection, r: TRequirement, input: ApplyCheckInput): SafeHtml {
  const { t, locale } = page;
  const label = lt(r.label, locale);
  const notApplicable = r.necessity === 'conditional' && input.answers[`applies:${r.code}`] === 'no';
  const value = notApplicable
    ? t('applications:notApplicable')
    : r.kind === 'document'
      ? (input.files[r.code] ?? []).map((f) => `${f.fileName} (${formatBytes(f.sizeBytes, locale)})`).join(', ') ||
        t('applications:noFileYet')
      : answerText(page, r, input.answers[r.code]);
  return html`<tr><th scope="row">${label}</th><td style="white-space: pre-line">${value}</td><td><a href="${section.href}">${t('applications:change')}<span class="sr-only"> ${label}</span></a></td></tr>`;
}

/** Check your answers, then send. The form carries the idempotency key, so a second click finds the first case. */
export function applyCheckPage(page: PageContext, input: ApplyCheckInput): SafeHtml {
  const { t } = page;
  return html`<div class="row">
<div class="col-12 col-lg-4">${stepIndicator(t, input.steps)}</div>
<div class="col-12 col-lg-8">
<h1>${t('applications:checkTitle')}</h1>
<p class="font-lead">${input.caseTypeName}</p>
${input.sections.map(
  (s) => html`<h2 class="h3">${s.title}</h2>
<div class="table--responsive-scroll">
<table class="table structured-list">
<tbody>${s.requirements.map((r) => row(page, s, r, input))}</tbody>
</table>
</div>`,
)}
${
  input.missing.length > 0
    ? html`<div class="alert alert-warning" role="region" aria-labelledby="missing-heading"><div class="alert-body">
<h2 class="alert-heading h3" id="missing-heading">${t('applications:missingHeading')}</h2>
<ul class="alert-text">${input.missing.map((m) => html`<li>${m}</li>`)}</ul>
<p class="alert-text">${t('applications:missingText')}</p></div></div>`
    : alert(t, 'info', t('applications:completeNote'))
}
<form method="post" action="/ansoegning/${input.applicationId}/send">
  <input type="hidden" name="_csrf" value="${page.csrfToken}">
  <input type="hidden" name="idempotencyKey" value="${input.idempotencyKey}">
  <p>${t('applications:declaration')}</p>
  <button type="submit" class="button button-primary">${t('applications:submitButton')}</button>
</form>
</div>
</div>`;
}
