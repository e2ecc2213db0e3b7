/**
 * Form pieces of the guided application, in DKFDS markup: step indicator, questions by answer type, the
 * "does this apply to you" radios and file fields. Each input carries its hint and inline error through
 * aria-describedby, and works without scripts.
 */
import type { Locale, TLocalizedText, TRequirement } from '@sagsgang/contracts';
import { html, type HtmlValue, type SafeHtml } from '../../platform/html/html.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import { icon } from './portal-components.js';

/** A text in the reader's language: Swedish falls back to English, anything missing to Danish. */
export function lt(text: TLocalizedText | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'sv' ? (text.sv ?? text.en) : text[locale]) ?? text.da;
}

// Building an Intl.NumberFormat costs far more than formatting with one: a case page lists many sizes.
const byteFormats = new Map<Locale, Intl.NumberFormat>();

export function formatBytes(bytes: number, locale: Locale): string {
  const mb = bytes / (1024 * 1024);
  let n = byteFormats.get(locale);
  if (!n) {
    n = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : locale === 'sv' ? 'sv-SE' : 'da-DK', {
      maximumFractionDigits: 1,
    });
    byteFormats.set(locale, n);
  }
  return mb >= 1 ? `${n.format(mb)} MB` : `${n.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

export const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
};
export const ACCEPT_ATTR: Record<string, string> = {
  'application/pdf': '.pdf,application/pdf',
  'image/png': '.png,image/png',
  'image/jpeg': '.jpg,.jpeg,image/jpeg',
};

export interface StepLink {
  title: string;
  href: string;
  state: 'done' | 'current' | 'todo';
}

/** The DKFDS step indicator; steps not reached yet are not links. */
export function stepIndicator(t: Translate, steps: StepLink[]): SafeHtml {
  const current = steps.findIndex((s) => s.state === 'current') + 1;
  return html`<nav aria-label="${t('applications:stepsLabel')}">
<p class="step-subheading">${t('applications:stepOf', { n: current, total: steps.length })}</p>
<ol class="step-indicator">
${steps.map((s, i) => {
  const marker =
    s.state === 'done'
      ? html`<span class="step-icon">${icon('check', { label: t('applications:stepCompleted') })}</span>`
      : html`<span class="step-number"><span>${i + 1}</span></span>`;
  const inner = html`${marker}<div><span class="step-title">${s.title}</span></div>`;
  if (s.state === 'current')
    return html`<li class="current"><a class="step" href="${s.href}" aria-current="step">${inner}</a></li>`;
  if (s.state === 'done') return html`<li><a class="step" href="${s.href}">${inner}</a></li>`;
  return html`<li class="disabled"><div class="step">${inner}</div></li>`;
})}
</ol>
</nav>`;
}

function describedBy(...ids: (string | false | undefined)[]): HtmlValue {
  const list = ids.filter(Boolean).join(' ');
  return list ? html` aria-describedby="${list}"` : null;
}

function errorLine(t: Translate, id: string, error: string | undefined): HtmlValue {
  return error
    ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${t('applications:errorPrefix')} </span>${error}</span>`
    : null;
}

/** The hint under a question: why we ask and an example, as the requirement states them. */
export function requirementHint(t: Translate, locale: Locale, r: TRequirement, id: string, extra?: string): SafeHtml {
  return html`<span class="form-hint" id="${id}-hint">${extra ? html`${extra} ` : null}<strong>${t('applications:whyLabel')}</strong> ${lt(r.why, locale)}${r.example ? html` <strong>${t('applications:exampleLabel')}</strong> ${lt(r.example, locale)}` : null}</span>`;
}

/** One information question, rendered by its answer type. Field names are `a.<requirement code>`. */
export function questionField(o: {
  t: Translate;
  locale: Locale;
  r: TRequirement;
  value?: string;
  error?: string;
  hintExtra?: string;
}): SafeHtml {
  const { t, locale, r } = o;
  const id = `q-${r.code}`;
  const name = `a.${r.code}`;
  const aria = html`${describedBy(`${id}-hint`, o.error && `${id}-error`)}${o.error ? html` aria-invalid="true"` : null}`;
  const type = r.answer?.type ?? 'longtext';
  if (type === 'yesno' || type === 'choice') {
    const options =
      type === 'yesno'
        ? [
            { value: 'yes', label: t('applications:yes') },
            { value: 'no', label: t('applications:no') },
          ]
        : (r.answer?.options ?? []).map((op) => ({ value: op.value, label: lt(op.label, locale) }));
    return radioGroup({
      t,
      id,
      name,
      legend: lt(r.label, locale),
      hint: requirementHint(t, locale, r, id, o.hintExtra),
      options,
      value: o.value,
      error: o.error,
    });
  }
  const label = html`<label class="form-label" for="${id}">${lt(r.label, locale)}</label>`;
  const hint = requirementHint(t, locale, r, id, o.hintExtra);
  const input =
    type === 'longtext'
      ? html`<textarea class="form-input" id="${id}" name="${name}" rows="5"${aria}>${o.value ?? ''}</textarea>`
      : html`<input class="form-input${type === 'date' || type === 'number' ? ' input-width-s' : ''}" type="${type === 'email' ? 'email' : type === 'date' ? 'date' : 'text'}" id="${id}" name="${name}" value="${o.value ?? ''}"${type === 'number' ? html` inputmode="decimal"` : null}${aria}>`;
  return html`<div class="form-group${o.error ? ' form-error' : ''}">${label}${hint}${errorLine(t, id, o.error)}${input}</div>`;
}

export function radioGroup(o: {
  t: Translate;
  id: string;
  name: string;
  legend: string;
  hint?: SafeHtml;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
}): SafeHtml {
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
<fieldset${describedBy(o.hint && `${o.id}-hint`, o.error && `${o.id}-error`)}>
<legend class="form-label">${o.legend}</legend>
${o.hint ?? null}${errorLine(o.t, o.id, o.error)}
${o.options.map((op, i) => html`<div class="form-group-radio"><input type="radio" class="form-radio" id="${i === 0 ? o.id : `${o.id}-${op.value}`}" name="${o.name}" value="${op.value}"${o.value === op.value ? html` checked` : null}><label class="form-label" for="${i === 0 ? o.id : `${o.id}-${op.value}`}">${op.label}</label></div>`)}
</fieldset>
</div>`;
}

/** The yes/no question in front of a conditional requirement. Field name `a.applies:<code>`. */
export function appliesField(o: {
  t: Translate;
  locale: Locale;
  r: TRequirement;
  value?: string;
  error?: string;
}): SafeHtml {
  const { t, locale, r } = o;
  return radioGroup({
    t,
    id: `applies-${r.code}`,
    name: `a.applies:${r.code}`,
    legend: t('applications:appliesLegend', { condition: lt(r.condition, locale) }),
    options: [
      { value: 'yes', label: t('applications:yes') },
      { value: 'no', label: t('applications:no') },
    ],
    value: o.value,
    error: o.error,
  });
}

export interface UploadedFile {
  id: string;
  fileName: string;
  sizeBytes: number;
}

/**
 * A file input with its label, hint and inline error: the one markup of every file field in the portal. `received`
 * (the files already sent for it) goes between the error and the input; the hint must carry the id `<id>-hint`.
 */
export function fileInputGroup(o: {
  t: Translate;
  id: string;
  name: string;
  label: string;
  hint: SafeHtml;
  accepted: string[];
  error?: string;
  received?: SafeHtml;
}): SafeHtml {
  const { t, id } = o;
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
<label class="form-label" for="${id}">${o.label}</label>
${o.hint}
${errorLine(t, id, o.error)}
${o.received ?? null}
<input type="file" id="${id}" name="${o.name}" accept="${o.accepted.map((a) => ACCEPT_ATTR[a] ?? a).join(',')}"${describedBy(`${id}-hint`, o.error && `${id}-error`)}${o.error ? html` aria-invalid="true"` : null}>
</div>`;
}

/** What a file field accepts, for its hint: "PDF, PNG or JPEG, at most 10 MB". */
export function acceptedFilesText(t: Translate, locale: Locale, accepted: string[], maxBytes: number): string {
  const types = accepted.map((a) => TYPE_NAMES[a] ?? a).join(', ');
  return t('applications:acceptedFiles', { types, size: formatBytes(maxBytes, locale) });
}

/**
 * A document requirement: why, what is accepted, the files received so far and a file input. Remove buttons
 * belong to a separate form (`form="remove-document"`), so pressing Enter in the main form never removes a file.
 */
export function fileField(o: {
  t: Translate;
  locale: Locale;
  r: TRequirement;
  accepted: string[];
  maxBytes: number;
  files: UploadedFile[];
  error?: string;
  removable: boolean;
}): SafeHtml {
  const { t, locale, r } = o;
  const id = `file-${r.code}`;
  const received =
    o.files.length > 0
      ? html`<p class="mb-2">${t('applications:filesReceived')}</p><ul class="nobullet-list">${o.files.map((f) => html`<li>${icon('check')} ${f.fileName} (${formatBytes(f.sizeBytes, locale)})${o.removable ? html` <button type="submit" class="function-link" form="remove-document" name="documentId" value="${f.id}">${t('applications:removeFile')}<span class="sr-only"> ${f.fileName}</span></button>` : null}</li>`)}</ul>`
      : html`<p class="form-hint">${t('applications:noFileYet')}</p>`;
  return fileInputGroup({
    t,
    id,
    name: `document.${r.code}`,
    label: lt(r.label, locale),
    hint: requirementHint(t, locale, r, id, acceptedFilesText(t, locale, o.accepted, o.maxBytes)),
    accepted: o.accepted,
    error: o.error,
    received,
  });
}
