/**
 * The case as the applicant may see it: each event in plain words, and the journal that goes into the access-to-
 * file export. Internal working notes are listed but not shown (they are exempt from access); everything else is.
 */
import type { Locale, TCaseTypeDefinition, TLocalizedText } from '@sagsgang/contracts';
import { html, type SafeHtml } from '../../platform/html/html.js';
import { t } from '../../platform/i18n/i18n.js';
import { APPLICANT_EVENTS, type EventRow } from '../cases/index.js';
import { formatDate } from '../notifications/index.js';

const text = (v: TLocalizedText | undefined, locale: Locale) =>
  v ? ((locale === 'sv' ? (v.sv ?? v.en) : v[locale]) ?? v.da) : '';
const dateOf = (d: Date) => new Date(d).toISOString().slice(0, 10);

const JOURNAL_ONLY = new Set(['reassigned', 'note_recorded']);

/** One event as a sentence in the reader's language. */
export function describeEvent(
  locale: Locale,
  definition: TCaseTypeDefinition,
  e: Pick<EventRow, 'activity' | 'attributes'>,
): string {
  const a = e.attributes;
  switch (e.activity) {
    case 'phase_changed':
      return t(locale, 'myCases:event_phase_changed', {
        phase: text(definition.phases.find((p) => p.code === a.to)?.name, locale) || String(a.to),
      });
    case 'extended':
      return t(locale, 'myCases:event_extended', { date: formatDate(locale, String(a.newDeadline ?? '')) });
    case 'document_added':
      return t(locale, 'myCases:event_document_added', { title: String(a.title ?? '') });
    default:
      return APPLICANT_EVENTS.has(e.activity) || JOURNAL_ONLY.has(e.activity)
        ? t(locale, `myCases:event_${e.activity}`)
        : e.activity.replace(/_/g, ' ');
  }
}

function details(locale: Locale, e: EventRow): SafeHtml | null {
  const a = e.attributes;
  const items = Array.isArray(a.items) ? (a.items as { text?: string }[]).map((i) => i.text ?? '') : [];
  switch (e.activity) {
    case 'information_requested':
      return html`<p>${String(a.message ?? '')}</p>${items.length ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : null}`;
    case 'information_received':
    case 'hearing_replied':
      return a.summary ? html`<p style="white-space: pre-line">${String(a.summary)}</p>` : null;
    case 'extended':
      return html`<p>${String(a.applicantMessage ?? a.reason ?? '')}</p>`;
    case 'decided':
      return html`<p>${t(locale, `myCases:outcome_${String(a.outcome)}`)}</p><p style="white-space: pre-line">${String(a.reasons ?? '')}</p>
${Array.isArray(a.legalRules) ? html`<ul>${(a.legalRules as string[]).map((r) => html`<li>${r}</li>`)}</ul>` : null}
${a.appealGuidance ? html`<p style="white-space: pre-line">${String(a.appealGuidance)}</p>` : null}`;
    case 'note_recorded':
      return a.kind === 'internal'
        ? html`<p>${t(locale, 'myCases:journalInternalNote')}</p>`
        : html`<p>${String(a.who ?? '')}: ${String(a.what ?? '')}</p>`;
    default:
      return null;
  }
}

/** The case journal as a standalone HTML document (it opens in any browser and prints). */
export function renderJournal(o: {
  locale: Locale;
  reference: string;
  caseTypeName: TLocalizedText;
  definition: TCaseTypeDefinition;
  events: EventRow[];
  applicantName: string;
  authorityName: string;
  documents: { path: string; fileName: string; uploadedAt: Date }[];
  now: Date;
}): string {
  const { locale } = o;
  const title = t(locale, 'myCases:journalTitle', { reference: o.reference });
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}table{border-collapse:collapse;width:100%}td,th{border-top:1px solid #ccc;padding:.5em;text-align:left;vertical-align:top}</style></head>
<body>
<h1>${title}</h1>
<p>${o.authorityName} – ${text(o.caseTypeName, locale)} – ${o.applicantName}</p>
<p>${t(locale, 'myCases:journalGenerated', { date: formatDate(locale, dateOf(o.now)) })}</p>
<h2>${t(locale, 'myCases:eventsHeading')}</h2>
<table><thead><tr><th scope="col">${t(locale, 'myCases:colDate')}</th><th scope="col">${t(locale, 'myCases:eventsHeading')}</th></tr></thead>
<tbody>${o.events.map((e) => html`<tr><td>${formatDate(locale, dateOf(e.occurredAt))}</td><td>${describeEvent(locale, o.definition, e)}${details(locale, e)}</td></tr>`)}</tbody></table>
<h2>${t(locale, 'myCases:documentsHeading')}</h2>
${
  o.documents.length
    ? html`<ul>${o.documents.map((d) => html`<li><a href="${d.path}">${d.fileName}</a> (${formatDate(locale, dateOf(d.uploadedAt))})</li>`)}</ul>`
    : html`<p>${t(locale, 'myCases:documentsNone')}</p>`
}
</body></html>
`.toString();
}
