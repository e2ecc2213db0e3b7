import type { Locale } from '@sagsgang/contracts';
import { html, type SafeHtml } from '../../platform/html/html.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import { formatDate } from '../notifications/index.js';
import type { ExpectedDecision } from '../cases/index.js';

/** The public page that says how often the forecast's promises held for a case type. */
export const calibrationPath = (caseTypeCode: string): string => `/forventet-tid/${encodeURIComponent(caseTypeCode)}`;

/**
 * The honest expected decision date: the service-goal date, and beside it the range learned from the authority's
 * own similar cases ("9 of 10 similar cases were decided by …; half by …"), with how sure that is. Where the cases
 * seen do not yet show when 9 of 10 are decided, it says "more than N days", never a made-up date; and it links to
 * how often the promise held for this case type.
 */
export function expectedBlock(
  t: Translate,
  locale: Locale,
  e: ExpectedDecision,
  caseType: string,
  caseTypeCode?: string,
): SafeHtml {
  const f = e.forecast;
  const goal = e.goalDate
    ? html`<p>${t('myCases:expectedGoal', { date: formatDate(locale, e.goalDate) })}</p>`
    : html`<p>${t('myCases:expectedGoalNotStarted')}</p>`;
  const paused = e.paused ? html`<p>${t('myCases:expectedPaused')}</p>` : null;
  const range = f ? rangeText(t, locale, f) : null;
  if (!f || !range)
    return html`<div class="expected-decision">${goal}${paused}<p>${t('myCases:expectedNone')}</p></div>`;
  const basisKey = e.basis === 'weekday' ? 'myCases:expectedBasisWeekday' : 'myCases:expectedBasisType';
  const basis = t(basisKey, { caseType, n: f.conditionalSampleSize, months: e.windowMonths ?? 12 });
  const link = caseTypeCode
    ? html`<p><a href="${calibrationPath(caseTypeCode)}">${t('myCases:expectedCalibrationLink', { caseType })}</a></p>`
    : null;
  return html`<div class="expected-decision">${goal}${paused}
<p><strong>${range}</strong></p>
<p>${basis}${f.confidence === 'low' ? html` ${t('myCases:expectedLowConfidence')}` : null}</p>${link}
</div>`;
}

/** The range in words: two dates, or "more than N days" where the curve does not tell when. */
function rangeText(t: Translate, locale: Locale, f: NonNullable<ExpectedDecision['forecast']>): string | null {
  const days = Math.floor(f.upperRemainingDays ?? 0);
  if (f.medianOpen) return t('myCases:expectedRangeOpen', { days: Math.floor(f.medianRemainingDays ?? 0) });
  if (!f.medianDate) return null;
  if (f.upperOpen) return t('myCases:expectedRangeUpperOpen', { medianDate: formatDate(locale, f.medianDate), days });
  if (!f.upperDate) return null;
  return t('myCases:expectedRange', {
    upperDate: formatDate(locale, f.upperDate),
    medianDate: formatDate(locale, f.medianDate),
  });
}

/** One line for lists: "by 28 March (9 of 10 similar cases)" or the goal date. */
export function expectedShort(t: Translate, locale: Locale, e: ExpectedDecision): string | undefined {
  if (e.forecast?.upperDate) return t('myCases:expectedShort', { date: formatDate(locale, e.forecast.upperDate) });
  if (e.goalDate) return t('myCases:expectedShortGoal', { date: formatDate(locale, e.goalDate) });
  return undefined;
}
