import type { Locale } from '@sagsgang/contracts';
import { html, type SafeHtml } from '../../platform/html/html.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import { formatDate } from '../notifications/index.js';
import type { ExpectedDecision } from '../cases/index.js';

/**
 * The honest expected decision date: the service-goal date, and beside it the range learned from the authority's
 * own similar cases ("9 of 10 similar cases were decided by …; half by …"), with how sure that is.
 */
export function expectedBlock(t: Translate, locale: Locale, e: ExpectedDecision, caseType: string): SafeHtml {
  const f = e.forecast;
  const goal = e.goalDate
    ? html`<p>${t('myCases:expectedGoal', { date: formatDate(locale, e.goalDate) })}</p>`
    : html`<p>${t('myCases:expectedGoalNotStarted')}</p>`;
  const paused = e.paused ? html`<p>${t('myCases:expectedPaused')}</p>` : null;
  if (!f || !f.upperDate || !f.medianDate)
    return html`<div class="expected-decision">${goal}${paused}<p>${t('myCases:expectedNone')}</p></div>`;
  const basis = t(e.basis === 'phase' ? 'myCases:expectedBasisPhase' : 'myCases:expectedBasisType', {
    caseType,
    n: f.conditionalSampleSize,
  });
  return html`<div class="expected-decision">${goal}${paused}
<p><strong>${t('myCases:expectedRange', { upperDate: formatDate(locale, f.upperDate), medianDate: formatDate(locale, f.medianDate) })}</strong></p>
<p>${basis}${f.confidence === 'low' ? html` ${t('myCases:expectedLowConfidence')}` : null}</p>
</div>`;
}

/** One line for lists: "by 28 March (9 of 10 similar cases)" or the goal date. */
export function expectedShort(t: Translate, locale: Locale, e: ExpectedDecision): string | undefined {
  if (e.forecast?.upperDate) return t('myCases:expectedShort', { date: formatDate(locale, e.forecast.upperDate) });
  if (e.goalDate) return t('myCases:expectedShortGoal', { date: formatDate(locale, e.goalDate) });
  return undefined;
}
