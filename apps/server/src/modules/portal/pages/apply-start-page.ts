import type { TCaseTypeDefinition, TRequirement } from '@sagsgang/contracts';
import { html, type SafeHtml } from '../../../platform/html/html.js';
import { formatDate } from '../../notifications/index.js';
import { formatBytes, lt, TYPE_NAMES } from '../apply-components.js';
import type { PageContext } from '../portal-page.js';
import { serviceGoalText } from './apply-texts.js';

export interface ApplyStartInput {
  definition: TCaseTypeDefinition;
  /** Set when the applicant already has a draft of this case type. */
  draft?: { id: string; updatedAt: string };
  defaultMaxBytes: number;
}

function requirementItem(page: PageContext, r: TRequirement, maxBytes: number): SafeHtml {
  const { t, locale } = page;
  const files =
    r.kind === 'document'
      ? t('applications:acceptedFiles', {
          types: (r.files?.acceptedTypes ?? ['application/pdf', 'image/png', 'image/jpeg'])
            .map((x) => TYPE_NAMES[x])
            .join(', '),
          size: formatBytes(r.files?.maxBytes ?? maxBytes, locale),
        })
      : undefined;
  return html`<li class="mb-4">
  <strong>${lt(r.label, locale)}</strong>
  ${r.necessity === 'conditional' ? html`<br><span>${t('applications:onlyIf', { condition: lt(r.condition, locale) })}</span>` : null}
  <br><span>${t('applications:whyLabel')} ${lt(r.why, locale)}</span>
  ${r.example ? html`<br><span>${t('applications:exampleLabel')} ${lt(r.example, locale)}</span>` : null}
  ${files ? html`<br><span>${files}</span>` : null}
</li>`;
}

/** What an application needs, before the applicant starts: the package with its reasons, and the service goal. */
export function applyStartPage(page: PageContext, input: ApplyStartInput): SafeHtml {
  const { t, locale, principal } = page;
  const d = input.definition;
  const info = d.requirements.filter((r) => r.kind === 'information');
  const docs = d.requirements.filter((r) => r.kind === 'document');
  const start = `/ansoeg/${encodeURIComponent(d.code)}`;
  const action = !principal
    ? html`<a class="button button-primary" href="/login?returnTo=${encodeURIComponent(start)}">${t('applications:signInToApply')}</a>`
    : html`<form method="post" action="${start}">
  <input type="hidden" name="_csrf" value="${page.csrfToken}">
  ${input.draft ? html`<p>${t('applications:resumeNote', { date: formatDate(locale, input.draft.updatedAt.slice(0, 10)) })}</p>` : null}
  <button type="submit" class="button button-primary">${input.draft ? t('applications:continueButton') : t('applications:startButton')}</button>
</form>`;
  return html`<div class="row"><div class="col-12 col-lg-8">
<h1>${t('applications:startTitle', { caseType: lt(d.name, locale) })}</h1>
<p class="font-lead">${t('applications:startIntro')}</p>
<p>${t('applications:serviceGoal', { goal: serviceGoalText(t, d.serviceGoal) })}</p>
<h2>${t('applications:whatYouNeed')}</h2>
${info.length ? html`<h3>${t('applications:informationHeading')}</h3><ul>${info.map((r) => requirementItem(page, r, input.defaultMaxBytes))}</ul>` : null}
${docs.length ? html`<h3>${t('applications:documentsHeading')}</h3><ul>${docs.map((r) => requirementItem(page, r, input.defaultMaxBytes))}</ul>` : null}
${action}
</div></div>`;
}
