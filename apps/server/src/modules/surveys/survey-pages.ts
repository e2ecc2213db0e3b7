// The answer pages: plain server-rendered forms in the portal frame, usable without scripts.
import type { Locale, TSurveyDefinition, TSurveyQuestion } from '@sagsgang/contracts';
import { html, type SafeHtml } from '../../platform/html/html.js';
import { alert, errorSummary, type FieldError, type PageContext } from '../portal/index.js';
import { formatDate } from '../notifications/index.js';
import type { AnswerProblem } from './survey-answers.js';
import type { ClosedReason, OpenSurveyItem } from './survey-answering.service.js';

/** How the form proves it may answer: the link's token, or a signed-in citizen's invitation id. */
export type FormCredential = { token: string } | { invitationId: string };

export interface SurveyFormInput {
  definition: TSurveyDefinition;
  credential: FormCredential;
  /** What the person sent last time, when the page comes back with errors. */
  values?: Record<string, string | string[]>;
  problems?: AnswerProblem[];
}

const fieldId = (q: TSurveyQuestion) => `q-${q.id}`;

function credentialFields(c: FormCredential): SafeHtml {
  return 'token' in c
    ? html`<input type="hidden" name="token" value="${c.token}">`
    : html`<input type="hidden" name="invitation" value="${c.invitationId}">`;
}

function problemText(page: PageContext, p: AnswerProblem): string {
  return page.t(`surveys:problem_${p.reason}`);
}

function conditionHint(page: PageContext, q: TSurveyQuestion, d: TSurveyDefinition): SafeHtml | null {
  if (!q.condition) return null;
  const earlier = d.questions.find((x) => x.id === q.condition!.questionId);
  const n = earlier ? d.questions.indexOf(earlier) + 1 : 0;
  return html`<span class="form-hint" id="${fieldId(q)}-hint">${page.t('surveys:conditionHint', { number: n, values: q.condition.values.join(', ') })}</span>`;
}

function errorLine(page: PageContext, id: string, message: string | undefined): SafeHtml | null {
  return message
    ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${page.t('portal:errorPrefix')} </span>${message}</span>`
    : null;
}

function describedBy(ids: (string | null)[]): SafeHtml | null {
  const list = ids.filter(Boolean).join(' ');
  return list ? html` aria-describedby="${list}"` : null;
}

function choiceList(
  q: TSurveyQuestion,
  type: 'radio' | 'checkbox',
  options: { value: string; label: string }[],
  chosen: string[],
): SafeHtml[] {
  const id = fieldId(q);
  return options.map(
    (o, i) =>
      html`<div class="form-group-${type}"><input type="${type}" class="form-${type}" id="${i === 0 ? id : `${id}-${o.value}`}" name="q.${q.id}" value="${o.value}"${chosen.includes(o.value) ? html` checked` : null}><label class="form-label" for="${i === 0 ? id : `${id}-${o.value}`}">${o.label}</label></div>`,
  );
}

function questionBlock(
  page: PageContext,
  d: TSurveyDefinition,
  q: TSurveyQuestion,
  index: number,
  value: string | string[] | undefined,
  error: string | undefined,
): SafeHtml {
  const locale = page.locale;
  const id = fieldId(q);
  const number = `${index + 1}. `;
  const legend = html`${number}${q.text[locale]}${q.required ? null : html` <span class="weight-normal">(${page.t('surveys:optional')})</span>`}`;
  const hint = conditionHint(page, q, d);
  const aria = describedBy([hint ? `${id}-hint` : null, error ? `${id}-error` : null]);
  const chosen = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const group = (content: SafeHtml) =>
    html`<div class="form-group${error ? ' form-error' : ''}">
<fieldset${aria}>
<legend class="form-label">${legend}</legend>
${hint}${errorLine(page, id, error)}
${content}
</fieldset>
</div>`;
  switch (q.kind) {
    case 'scale':
      return group(
        html`${choiceList(
          q,
          'radio',
          [1, 2, 3, 4, 5].map((n) => ({
            value: String(n),
            label: n === 1 ? `1 – ${q.lowLabel[locale]}` : n === 5 ? `5 – ${q.highLabel[locale]}` : String(n),
          })),
          chosen,
        )}`,
      );
    case 'yes_no':
      return group(
        html`${choiceList(
          q,
          'radio',
          [
            { value: 'yes', label: page.t('surveys:yes') },
            { value: 'no', label: page.t('surveys:no') },
          ],
          chosen,
        )}`,
      );
    case 'single':
    case 'multiple':
      return group(
        html`${choiceList(
          q,
          q.kind === 'single' ? 'radio' : 'checkbox',
          q.options.map((o) => ({ value: o.value, label: o.text[locale] })),
          chosen,
        )}`,
      );
    case 'text':
      return html`<div class="form-group${error ? ' form-error' : ''}">
<label class="form-label" for="${id}">${legend}</label>
${hint}${errorLine(page, id, error)}
<textarea class="form-input" id="${id}" name="q.${q.id}" rows="5" maxlength="${q.maxLength}"${aria}>${chosen[0] ?? ''}</textarea>
</div>`;
  }
}

/** The survey as a form; answers and errors come back on it after a refused post. */
export function surveyFormPage(page: PageContext, input: SurveyFormInput): SafeHtml {
  const d = input.definition;
  const locale: Locale = page.locale;
  const errors: FieldError[] = (input.problems ?? [])
    .filter((p) => d.questions.some((q) => q.id === p.questionId))
    .map((p) => ({ fieldId: `q-${p.questionId}`, message: problemText(page, p) }));
  const errorOf = (id: string) => errors.find((e) => e.fieldId === `q-${id}`)?.message;
  return html`<div class="row"><div class="col-12 col-lg-8">
  ${errorSummary(page.t('portal:errorSummaryHeading'), errors)}
  <h1>${d.title[locale]}</h1>
  <p class="font-lead">${d.intro[locale]}</p>
  <form method="post" action="/undersoegelse" novalidate>
    <input type="hidden" name="_csrf" value="${page.csrfToken}">
    ${credentialFields(input.credential)}
    ${d.questions.map((q, i) => questionBlock(page, d, q, i, input.values?.[`q.${q.id}`], errorOf(q.id)))}
    <button type="submit" class="button button-primary">${page.t('surveys:submit')}</button>
  </form>
  <h2 class="h3">${page.t('surveys:declineHeading')}</h2>
  <form method="post" action="/undersoegelse/afvis">
    <input type="hidden" name="_csrf" value="${page.csrfToken}">
    ${credentialFields(input.credential)}
    <p>${page.t('surveys:declineText')}</p>
    <button type="submit" class="button button-secondary">${page.t('surveys:decline')}</button>
  </form>
</div></div>`;
}

/** A link that opens nothing: forged, expired, answered or declined. Nothing is stored. */
export function surveyClosedPage(page: PageContext, reason: ClosedReason | 'rate_limited'): SafeHtml {
  return html`<div class="row"><div class="col-12 col-lg-8">
  <h1>${page.t(`surveys:closedTitle_${reason}`)}</h1>
  ${alert(page.t, reason === 'answered' ? 'info' : 'warning', page.t(`surveys:closed_${reason}`))}
  <p><a href="/">${page.t('surveys:toFrontPage')}</a></p>
</div></div>`;
}

export function surveyDonePage(page: PageContext, declined: boolean): SafeHtml {
  return html`<div class="row"><div class="col-12 col-lg-8">
  <h1>${page.t(declined ? 'surveys:declinedTitle' : 'surveys:thanksTitle')}</h1>
  ${alert(page.t, 'success', page.t(declined ? 'surveys:declinedText' : 'surveys:thanksText'))}
  <p><a href="/">${page.t('surveys:toFrontPage')}</a></p>
</div></div>`;
}

/** A signed-in citizen's open surveys. */
export function mySurveysPage(page: PageContext, items: OpenSurveyItem[]): SafeHtml {
  return html`<div class="row"><div class="col-12 col-lg-8">
  <h1>${page.t('surveys:mySurveysTitle')}</h1>
  ${
    items.length === 0
      ? html`<p>${page.t('surveys:mySurveysNone')}</p>`
      : html`<ul class="nobullet-list">${items.map(
          (i) =>
            html`<li><a href="/mine-undersoegelser/${i.invitationId}">${i.title[page.locale]}</a> – ${page.t('surveys:openUntil', { date: formatDate(page.locale, i.expiresAt.toISOString().slice(0, 10)) })}</li>`,
        )}</ul>`
  }
</div></div>`;
}
