import type { Locale } from '@sagsgang/contracts';
import { html, type SafeHtml } from '../../platform/html/html.js';
import { t } from '../../platform/i18n/i18n.js';
import { formatDate, isIsoDateString } from './format-date.js';

export const NOTIFICATION_KINDS = ['receipt', 'information_request', 'phase_change', 'extension', 'decision'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Values for a template: ISO dates (YYYY-MM-DD) are formatted for the reader's locale; lists render as bullets. */
export interface NotificationValues {
  reference: string;
  caseType: string;
  [name: string]: string | string[] | undefined;
}

/** A paragraph is left out unless every value it names is present; a list renders under its heading key. */
type Block = { key: string; needs?: string[] } | { list: string; heading: string };

const BODY: Record<NotificationKind, { subject: string; blocks: Block[] }> = {
  receipt: {
    subject: 'notifications:receiptSubject',
    blocks: [
      { key: 'notifications:receiptIntro', needs: ['receivedDate'] },
      { key: 'notifications:receiptNext', needs: ['nextStep'] },
      { list: 'missing', heading: 'notifications:receiptMissing' },
      { key: 'notifications:receiptComplete', needs: ['complete'] },
      { key: 'notifications:receiptGoal', needs: ['goalDate'] },
      { key: 'notifications:receiptForecast', needs: ['likelyDate', 'lateDate'] },
    ],
  },
  information_request: {
    subject: 'notifications:informationRequestSubject',
    blocks: [
      { list: 'items', heading: 'notifications:informationRequestIntro' },
      { key: 'notifications:informationRequestMessage', needs: ['message'] },
      { key: 'notifications:informationRequestDue', needs: ['dueDate'] },
      { key: 'notifications:informationRequestPause', needs: ['paused'] },
    ],
  },
  phase_change: {
    subject: 'notifications:phaseChangeSubject',
    blocks: [
      { key: 'notifications:phaseChangeIntro', needs: ['phaseName'] },
      { key: 'notifications:phaseChangeText', needs: ['phaseText'] },
    ],
  },
  extension: {
    subject: 'notifications:extensionSubject',
    blocks: [
      { key: 'notifications:extensionIntro' },
      { key: 'notifications:extensionMessage', needs: ['message'] },
      { key: 'notifications:extensionNewDate', needs: ['newDate'] },
    ],
  },
  decision: {
    subject: 'notifications:decisionSubject',
    blocks: [
      { key: 'notifications:decisionIntro' },
      { key: 'notifications:decisionRead' },
      { key: 'notifications:decisionAppeal', needs: ['appealBy'] },
    ],
  },
};

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Part = { kind: 'p'; text: string } | { kind: 'list'; heading: string; items: string[] };

function scalarValues(locale: Locale, values: NotificationValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string') out[k] = isIsoDateString(v) ? formatDate(locale, v) : v;
  }
  return out;
}

function bodyParts(
  kind: NotificationKind,
  locale: Locale,
  values: NotificationValues,
  scalars: Record<string, string>,
): Part[] {
  const parts: Part[] = [];
  for (const block of BODY[kind].blocks) {
    if ('list' in block) {
      const items = values[block.list];
      if (Array.isArray(items) && items.length > 0)
        parts.push({ kind: 'list', heading: t(locale, block.heading, scalars), items });
    } else if ((block.needs ?? []).every((n) => scalars[n] !== undefined && scalars[n] !== '')) {
      parts.push({ kind: 'p', text: t(locale, block.key, scalars) });
    }
  }
  return parts;
}

/** Renders one e-mail in the recipient's language, as plain text and as HTML with the same content. */
export function renderNotification(input: {
  kind: NotificationKind;
  locale: Locale;
  recipientName: string;
  authorityName: string;
  portalUrl: string;
  values: NotificationValues;
}): RenderedMail {
  const { kind, locale } = input;
  const scalars = scalarValues(locale, input.values);
  const greeting = t(locale, 'notifications:greeting', { name: input.recipientName });
  const parts: Part[] = [
    ...bodyParts(kind, locale, input.values, scalars),
    { kind: 'p', text: t(locale, 'notifications:followLink', { url: input.portalUrl }) },
    { kind: 'p', text: t(locale, 'notifications:signature', { authority: input.authorityName }) },
    { kind: 'p', text: t(locale, 'notifications:doNotReply') },
  ];
  const text = [
    greeting,
    ...parts.map((p) => (p.kind === 'p' ? p.text : [p.heading, ...p.items.map((i) => `- ${i}`)].join('\n'))),
  ].join('\n\n');
  const htmlParts: SafeHtml[] = parts.map((p) =>
    p.kind === 'p'
      ? html`<p>${lines(p.text)}</p>`
      : html`<p>${p.heading}</p><ul>${p.items.map((i) => html`<li>${i}</li>`)}</ul>`,
  );
  const subject = t(locale, BODY[kind].subject, scalars);
  const body = html`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${subject}</title></head><body><p>${greeting}</p>${htmlParts}</body></html>`;
  return { subject, text, html: body.toString() };
}

function lines(text: string): SafeHtml[] {
  return text.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`));
}
