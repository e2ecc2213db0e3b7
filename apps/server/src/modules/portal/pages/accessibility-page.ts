import { html, type SafeHtml } from '../../../platform/html/html.js';
import type { PageContext } from '../portal-page.js';

/** When this statement was last reviewed against the portal; update it with each review. */
export const STATEMENT_PREPARED = '2026-11-23';

function formatDate(locale: string, isoDate: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** The accessibility statement the Danish web accessibility act asks every public self-service to publish. */
export function accessibilityPage(page: PageContext): SafeHtml {
  const { t, config } = page;
  const authority = config.authorityName;
  const email = config.authorityContact.email;
  const contact = email ? html`<a href="mailto:${email}">${email}</a>` : html`${t('portal:a11yContactFallback')}`;
  // The contact is markup (a link), so the sentence is split around it instead of interpolated as text.
  const [before, after] = t('portal:a11yFeedbackText', { contact: '\u0000' }).split('\u0000');
  return html`<div class="row"><div class="col-12 col-lg-8">
  <h1>${t('portal:a11yTitle')}</h1>
  <p class="font-lead">${t('portal:a11yIntro', { authority, url: config.publicUrl })}</p>
  <h2>${t('portal:a11yStatusHeading')}</h2>
  <p>${t('portal:a11yStatusText')}</p>
  <h2>${t('portal:a11yKnownHeading')}</h2>
  <ul>
    <li>${t('portal:a11yKnownDocuments')}</li>
    <li>${t('portal:a11yKnownTexts')}</li>
    <li>${t('portal:a11yKnownManual')}</li>
  </ul>
  <h2>${t('portal:a11yHowHeading')}</h2>
  <p>${t('portal:a11yHowText')}</p>
  <h2>${t('portal:a11yFeedbackHeading')}</h2>
  <p>${before}${contact}${after}</p>
  <h2>${t('portal:a11yEnforcementHeading')}</h2>
  <p>${t('portal:a11yEnforcementText')}</p>
  <p><a href="https://digst.dk/">${t('portal:a11yEnforcementLink')}</a></p>
  <h2>${t('portal:a11yPreparedHeading')}</h2>
  <p>${t('portal:a11yPreparedText', { date: formatDate(page.locale, STATEMENT_PREPARED) })}</p>
</div></div>`;
}
