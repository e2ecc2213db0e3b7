/**
 * The complainant's account of their complaints on a case, in plain language, for the portal's case page: each
 * step the authority and the appeal body took, with the reasons given. Only the complainant's own complaints.
 */
import { localDateOf } from '@sagsgang/clock';
import type { Locale } from '@sagsgang/contracts';
import { html, type SafeHtml } from '../../platform/html/html.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { TComplaintView } from '@sagsgang/contracts';
import { complaintsRepository as repo } from './complaints.repository.js';
import { complaintView } from './complaint-views.js';

/** The applicant's own complaints on one of their cases, oldest first. */
export async function ownComplaintsOfCase(db: Executor, principal: Principal, caseId: string, now = new Date()) {
  const rows = await repo.list(db, { units: [], complainantId: principal.userId }, { limit: 500 });
  const today = localDateOf(now);
  return rows
    .filter((r) => r.case_id === caseId)
    .reverse()
    .map((r) => complaintView(r, today));
}

function day(locale: Locale, iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : locale === 'sv' ? 'sv-SE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Copenhagen',
  }).format(d);
}

/** The steps of one complaint as sentences, in order. */
export function complaintSteps(t: Translate, locale: Locale, c: TComplaintView): { text: string; detail?: string }[] {
  const steps: { text: string; detail?: string }[] = [
    { text: t('complaints:receivedOn', { date: day(locale, c.receivedAt) }) },
  ];
  const body = c.appealBody ?? '';
  if (c.state === 'received') {
    if (c.kind === 'decision') steps.push({ text: t('complaints:step_reconsidering') });
    if (c.responseDeadline) steps.push({ text: t('complaints:deadline', { date: day(locale, c.responseDeadline) }) });
    return steps;
  }
  if (c.reconsideration && c.reconsideration !== 'upheld' && c.reconsideredAt)
    steps.push({
      text: t(`complaints:step_${c.reconsideration}`, { date: day(locale, c.reconsideredAt) }),
      detail: c.reconsiderationReasons ?? undefined,
    });
  if (c.forwardedAt) steps.push({ text: t('complaints:step_forwarded', { date: day(locale, c.forwardedAt), body }) });
  if (c.appealOutcome && c.appealDecidedOn)
    steps.push({
      text: t(`complaints:appeal_${c.appealOutcome}`, { body, date: day(locale, c.appealDecidedOn) }),
      detail: c.appealReasons ?? undefined,
    });
  if (c.answeredAt)
    steps.push({
      text: `${t('complaints:answered', { date: day(locale, c.answeredAt) })} ${c.procedureOutcome ? t(`complaints:outcome_${c.procedureOutcome}`) : ''}`.trim(),
      detail: c.answerLetter ?? undefined,
    });
  return steps;
}

/** The section of the case page; nothing when the applicant has not complained about the case. */
export function complaintsSection(t: Translate, locale: Locale, list: readonly TComplaintView[]): SafeHtml | null {
  if (list.length === 0) return null;
  return html`<section aria-labelledby="complaints-heading" class="mt-7"><h2 id="complaints-heading">${t('complaints:heading')}</h2>
${list.map(
  (c, i) => html`<h3 id="complaint-${i + 1}">${t(`complaints:kind_${c.kind}`)}</h3>
<ol class="complaint-steps">${complaintSteps(t, locale, c).map(
    (s) =>
      html`<li class="mb-3">${s.text}${s.detail ? html`<br><span class="form-hint">${t('complaints:reasonsLabel')}: ${s.detail}</span>` : null}</li>`,
  )}</ol>`,
)}
</section>`;
}
