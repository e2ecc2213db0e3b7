import type { TCaseTypeDefinition, TRequirement } from '@sagsgang/contracts';
import { html, type HtmlValue, type SafeHtml } from '../../../platform/html/html.js';
import { formatDate } from '../../notifications/index.js';
import { alert, errorSummary, icon, type FieldError } from '../portal-components.js';
import { acceptedFilesText, fileInputGroup, formatBytes, lt, radioGroup } from '../apply-components.js';
import type { PageContext } from '../portal-page.js';

export interface CaseDocumentRow {
  title: string;
  date: string;
  from: 'you' | 'us';
  href?: string;
  sizeBytes?: number;
}

export interface MyCaseInput {
  reference: string;
  definition: TCaseTypeDefinition;
  state: string;
  phaseCode: string | null;
  expected: HtmlValue;
  request: { message: string; items: string[]; dueDate: string | null; pausesClock: boolean } | null;
  missing: { text: string; requirement?: TRequirement }[];
  timeline: { date: string; text: string }[];
  decision: {
    outcome: string;
    reasons: string;
    legalRules: string[];
    appealGuidance?: string;
    appealBody?: string;
    appealBy?: string;
  } | null;
  documents: CaseDocumentRow[];
  letters: { date: string; subject: string }[];
  notices: string[];
  errors: FieldError[];
  answerText?: string;
  complaint?: { kind?: string; text?: string };
  /** The applicant's own complaints on the case and every step taken on them. */
  complaints?: SafeHtml | null;
}

function phases(page: PageContext, input: MyCaseInput): SafeHtml {
  const { t, locale } = page;
  const ordered = [...input.definition.phases].sort((a, b) => a.order - b.order);
  const decided = input.state === 'decided' || input.state === 'closed';
  const currentIndex = decided ? ordered.length : ordered.findIndex((p) => p.code === input.phaseCode);
  return html`<ol class="portal-phases">
${ordered.map((p, i) => {
  const status =
    i < currentIndex
      ? t('myCases:phaseDone')
      : i === currentIndex
        ? t('myCases:phaseCurrent')
        : t('myCases:phaseUpcoming');
  return html`<li${i === currentIndex ? html` aria-current="step"` : null}><strong>${lt(p.name, locale)}</strong> <span class="badge">${status}</span><br>${lt(p.applicantText, locale)}</li>`;
})}
</ol>`;
}

function answerForm(page: PageContext, input: MyCaseInput): SafeHtml {
  const { t, locale } = page;
  const fileReqs = input.missing.map((m) => m.requirement).filter((r): r is TRequirement => r?.kind === 'document');
  const action = `/mine-sager/${encodeURIComponent(input.reference)}/svar`;
  const answerError = input.errors.find((e) => e.fieldId === 'answer')?.message;
  const fileInput = (id: string, name: string, label: string, accepted: string[], maxBytes: number) =>
    fileInputGroup({
      t,
      id,
      name,
      label,
      hint: html`<span class="form-hint" id="${id}-hint">${acceptedFilesText(t, locale, accepted, maxBytes)}</span>`,
      accepted,
      error: input.errors.find((e) => e.fieldId === id)?.message,
    });
  const all = ['application/pdf', 'image/png', 'image/jpeg'];
  return html`<section aria-labelledby="answer-heading" class="mt-7">
<h2 id="answer-heading">${t('myCases:answerHeading')}</h2>
<form method="post" action="${action}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="_csrf" value="${page.csrfToken}">
<div class="form-group${answerError ? ' form-error' : ''}">
<label class="form-label" for="answer">${t('myCases:answerLabel')}</label>
<span class="form-hint" id="answer-hint">${t('myCases:answerHint')}</span>
${answerError ? html`<span class="form-error-message" id="answer-error"><span class="sr-only">${t('applications:errorPrefix')} </span>${answerError}</span>` : null}
<textarea class="form-input" id="answer" name="answer" rows="5" aria-describedby="answer-hint${answerError ? ' answer-error' : ''}"${answerError ? html` aria-invalid="true"` : null}>${input.answerText ?? ''}</textarea>
</div>
${fileReqs.map((r) => fileInput(`file-${r.code}`, `document.${r.code}`, t('myCases:answerFileFor', { label: lt(r.label, locale) }), r.files?.acceptedTypes ?? all, r.files?.maxBytes ?? 10 * 1024 * 1024))}
${fileInput('file-other', 'document.other', t('myCases:answerFileOther'), all, 10 * 1024 * 1024)}
<button type="submit" class="button button-primary">${t('myCases:answerButton')}</button>
</form>
</section>`;
}

function decisionBlock(page: PageContext, d: NonNullable<MyCaseInput['decision']>): SafeHtml {
  const { t, locale } = page;
  return html`<section aria-labelledby="decision-heading" class="mt-7">
<h2 id="decision-heading">${t('myCases:decisionHeading')}</h2>
<p class="font-lead">${t(`myCases:outcome_${d.outcome}`)}</p>
<h3>${t('myCases:reasonsHeading')}</h3>
<p style="white-space: pre-line">${d.reasons}</p>
${d.legalRules.length ? html`<h3>${t('myCases:legalRulesHeading')}</h3><ul>${d.legalRules.map((r) => html`<li>${r}</li>`)}</ul>` : null}
${
  d.appealGuidance
    ? html`<h3>${t('myCases:appealHeading')}</h3>
<p style="white-space: pre-line">${d.appealGuidance}</p>
${d.appealBody ? html`<p>${t('myCases:appealBody', { body: d.appealBody })}</p>` : null}
${d.appealBy ? html`<p><strong>${t('myCases:appealBy', { date: formatDate(locale, d.appealBy) })}</strong></p>` : null}`
    : null
}
</section>`;
}

function documentsTable(page: PageContext, docs: CaseDocumentRow[]): SafeHtml {
  const { t, locale } = page;
  if (docs.length === 0) return html`<p>${t('myCases:documentsNone')}</p>`;
  return html`<div class="table--responsive-scroll"><table class="table table--zebra">
<caption class="sr-only">${t('myCases:documentsHeading')}</caption>
<thead><tr><th scope="col">${t('myCases:colDocument')}</th><th scope="col">${t('myCases:colDate')}</th><th scope="col">${t('myCases:colFrom')}</th></tr></thead>
<tbody>${docs.map((d) => html`<tr><td>${d.href ? html`<a href="${d.href}">${d.title}</a>` : d.title}${d.sizeBytes ? html` (${formatBytes(d.sizeBytes, locale)})` : null}</td><td>${formatDate(locale, d.date)}</td><td>${d.from === 'you' ? t('myCases:fromYou') : t('myCases:fromUs')}</td></tr>`)}</tbody>
</table></div>`;
}

function complaintForm(page: PageContext, input: MyCaseInput): SafeHtml {
  const { t } = page;
  const decided = input.state === 'decided' || input.state === 'closed';
  const kindError = input.errors.find((e) => e.fieldId === 'complaint-kind')?.message;
  const textError = input.errors.find((e) => e.fieldId === 'complaint-text')?.message;
  const options = [
    { value: 'procedure', label: t('myCases:complainKindProcedure') },
    ...(decided ? [{ value: 'decision', label: t('myCases:complainKindDecision') }] : []),
  ];
  return html`<section aria-labelledby="complain-heading" class="mt-7">
<h2 id="complain-heading">${t('myCases:complainHeading')}</h2>
<p>${t('myCases:complainIntro')}${decided ? null : html` ${t('myCases:complainDecisionNotYet')}`}</p>
<form method="post" action="/mine-sager/${encodeURIComponent(input.reference)}/klage" novalidate>
<input type="hidden" name="_csrf" value="${page.csrfToken}">
${radioGroup({ t, id: 'complaint-kind', name: 'kind', legend: t('myCases:complainKindLegend'), options, value: input.complaint?.kind, error: kindError })}
<div class="form-group${textError ? ' form-error' : ''}">
<label class="form-label" for="complaint-text">${t('myCases:complainText')}</label>
${textError ? html`<span class="form-error-message" id="complaint-text-error"><span class="sr-only">${t('applications:errorPrefix')} </span>${textError}</span>` : null}
<textarea class="form-input" id="complaint-text" name="text" rows="5"${textError ? html` aria-invalid="true" aria-describedby="complaint-text-error"` : null}>${input.complaint?.text ?? ''}</textarea>
</div>
<button type="submit" class="button button-secondary">${t('myCases:complainButton')}</button>
</form>
</section>`;
}

/** One of the applicant's cases: status, what is missing and how to send it, phases, decision, documents, actions. */
export function myCasePage(page: PageContext, input: MyCaseInput): SafeHtml {
  const { t, locale } = page;
  const d = input.definition;
  const open = input.state !== 'decided' && input.state !== 'closed';
  return html`<div class="row"><div class="col-12 col-lg-9">
<p class="mb-2"><a class="back-link" href="/mine-sager">${t('myCases:backToMyCases')}</a></p>
${errorSummary(t('applications:errorSummaryHeading'), input.errors) ?? null}
${input.notices.map((n) => alert(t, 'success', n))}
<h1>${t('myCases:caseTitle', { caseType: lt(d.name, locale) })}</h1>
<p class="font-lead">${t('myCases:caseNumber', { reference: input.reference })} – ${t('myCases:statusHeading')}: <strong>${t(`myCases:state_${input.state}`)}</strong></p>
${
  input.request
    ? html`<div class="alert alert-warning" role="region" aria-labelledby="request-heading">${icon('warning', { classes: 'alert-icon', label: t('portal:alertWarning') })}<div class="alert-body">
<h2 class="alert-heading h3" id="request-heading">${t('myCases:requestHeading')}</h2>
<p class="alert-text">${input.request.message}</p>
${input.request.items.length ? html`<ul class="alert-text">${input.request.items.map((i) => html`<li>${i}</li>`)}</ul>` : null}
${input.request.dueDate ? html`<p class="alert-text"><strong>${t('myCases:requestDue', { date: formatDate(locale, input.request.dueDate) })}</strong></p>` : null}
${input.request.pausesClock ? html`<p class="alert-text">${t('myCases:requestPaused')}</p>` : null}
</div></div>`
    : null
}
${
  open
    ? html`<section aria-labelledby="missing-heading"><h2 id="missing-heading">${t('myCases:missingHeading')}</h2>
${input.missing.length ? html`<ul>${input.missing.map((m) => html`<li>${m.requirement ? lt(m.requirement.label, locale) : m.text}${m.requirement ? html`<br><span class="form-hint">${t('applications:whyLabel')} ${lt(m.requirement.why, locale)}</span>` : null}</li>`)}</ul><p>${t('myCases:missingHow')}</p>` : html`<p>${t('myCases:missingFully')}</p>`}
</section>
<section aria-labelledby="expected-heading"><h2 id="expected-heading">${t('myCases:expectedHeading')}</h2>${input.expected}</section>`
    : null
}
${input.decision ? decisionBlock(page, input.decision) : null}
${open ? answerForm(page, input) : null}
<section aria-labelledby="phases-heading" class="mt-7"><h2 id="phases-heading">${t('myCases:phasesHeading')}</h2>${phases(page, input)}</section>
<section aria-labelledby="events-heading" class="mt-7"><h2 id="events-heading">${t('myCases:eventsHeading')}</h2>
<ul class="nobullet-list">${input.timeline.map((e) => html`<li class="mb-3"><strong>${formatDate(locale, e.date)}</strong>: ${e.text}</li>`)}</ul></section>
<section aria-labelledby="documents-heading" class="mt-7"><h2 id="documents-heading">${t('myCases:documentsHeading')}</h2>${documentsTable(page, input.documents)}</section>
${
  input.letters.length
    ? html`<section aria-labelledby="letters-heading" class="mt-7"><h2 id="letters-heading">${t('myCases:lettersHeading')}</h2>
<ul>${input.letters.map((l) => html`<li>${formatDate(locale, l.date)}: ${l.subject}</li>`)}</ul></section>`
    : null
}
${input.complaints ?? null}
${complaintForm(page, input)}
<section aria-labelledby="access-heading" class="mt-7"><h2 id="access-heading">${t('myCases:accessHeading')}</h2>
<p>${t('myCases:accessIntro')}</p>
<form method="post" action="/mine-sager/${encodeURIComponent(input.reference)}/aktindsigt">
<input type="hidden" name="_csrf" value="${page.csrfToken}">
<button type="submit" class="button button-secondary">${t('myCases:accessButton')}</button>
</form></section>
</div></div>`;
}
