import { html, type SafeHtml } from '../../../platform/html/html.js';
import type { PageContext } from '../portal-page.js';

/** One of the applicant's own cases (or drafts), as "Mine sager" lists it. */
export interface MyCaseEntry {
  title: string;
  href: string;
  status: string;
  /** The honest expected decision, already phrased (a range, or the service-goal date). */
  expected?: string;
}

function caseTable(page: PageContext, cases: MyCaseEntry[]): SafeHtml {
  const { t } = page;
  if (cases.length === 0) return html`<p>${t('portal:myCasesNone')}</p>`;
  return html`<div class="table--responsive-scroll">
<table class="table table--zebra">
  <caption class="sr-only">${t('portal:myCasesTitle')}</caption>
  <thead><tr>
    <th scope="col">${t('portal:myCasesColumnCase')}</th>
    <th scope="col">${t('portal:myCasesColumnStatus')}</th>
    <th scope="col">${t('portal:myCasesColumnExpected')}</th>
  </tr></thead>
  <tbody>
    ${cases.map((c) => html`<tr><td><a href="${c.href}">${c.title}</a></td><td>${c.status}</td><td>${c.expected ?? '–'}</td></tr>`)}
  </tbody>
</table>
</div>`;
}

/**
 * "Mine sager": the applicant's own cases. `cases` is undefined when there are none to read for this person, and
 * the page says so plainly instead of claiming the person has none.
 */
export function myCasesPage(page: PageContext, cases: MyCaseEntry[] | undefined): SafeHtml {
  const { t, principal, config } = page;
  const body =
    principal?.kind === 'staff'
      ? html`<p>${t('portal:myCasesStaff')}</p><p><a class="button button-primary" href="/app/">${t('portal:navBackOffice')}</a></p>`
      : cases === undefined
        ? html`<p>${t('portal:myCasesNotAvailable')}</p>`
        : caseTable(page, cases);
  return html`<div class="row"><div class="col-12 col-lg-10">
  <h1>${t('portal:myCasesTitle')}</h1>
  <p class="font-lead">${t('portal:myCasesIntro', { authority: config.authorityName })}</p>
  ${body}
</div></div>`;
}
