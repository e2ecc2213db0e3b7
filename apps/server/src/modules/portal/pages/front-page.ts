import { html, type SafeHtml } from '../../../platform/html/html.js';
import { icon } from '../portal-components.js';
import type { PageContext } from '../portal-page.js';

/** One thing an applicant can apply for, as the front page lists it. */
export interface ApplyEntry {
  name: string;
  summary?: string;
  /** Where the guided application starts. */
  href: string;
  /** The service goal in plain words, e.g. "3 måneder". */
  serviceGoal?: string;
}

function applyList(page: PageContext, entries: ApplyEntry[] | undefined): SafeHtml {
  const { t } = page;
  if (!entries || entries.length === 0) return html`<p>${t('portal:applyNone')}</p>`;
  return html`<ul class="nobullet-list">
  ${entries.map(
    (e) => html`<li class="mb-6">
    <h3 class="h4 mb-1"><a href="${e.href}">${e.name}</a></h3>
    ${e.summary ? html`<p class="mt-0 mb-1">${e.summary}</p>` : null}
    ${e.serviceGoal ? html`<p class="mt-0 mb-0">${t('portal:applyServiceGoal', { goal: e.serviceGoal })}</p>` : null}
  </li>`,
  )}
</ul>`;
}

/** The portal's front page: what it is for, the way into "Mine sager", and what can be applied for. */
export function frontPage(page: PageContext, entries: ApplyEntry[] | undefined): SafeHtml {
  const { t, config, principal } = page;
  const myCasesHref = principal ? '/mine-sager' : `/login?returnTo=${encodeURIComponent('/mine-sager')}`;
  return html`<div class="row">
  <div class="col-12 col-lg-8">
    <h1>${t('portal:frontTitle', { authority: config.authorityName })}</h1>
    <p class="font-lead">${t('portal:frontIntro')}</p>
  </div>
</div>
<div class="row portal-entries">
  <div class="col-12 col-md-6 mb-6">
    <a class="card" href="${myCasesHref}">
      <div class="card-content">
        <h2 class="card-heading">${t('portal:myCasesHeading')}</h2>
        <p>${t('portal:myCasesText')}</p>
        ${principal ? null : html`<p class="mb-0"><strong>${t('portal:signIn')}</strong></p>`}
      </div>
      ${icon('arrow-forward', { classes: 'card-icon' })}
    </a>
  </div>
  <div class="col-12 col-md-6 mb-6">
    <section class="card" aria-labelledby="help-heading">
      <div class="card-content">
        <h2 class="card-heading" id="help-heading">${t('portal:helpHeading')}</h2>
        <p class="mb-0">${t('portal:helpText')}</p>
      </div>
    </section>
  </div>
</div>
<div class="row">
  <section class="col-12 col-lg-8" aria-labelledby="apply-heading">
    <h2 id="apply-heading">${t('portal:applyHeading')}</h2>
    ${applyList(page, entries)}
  </section>
</div>`;
}
