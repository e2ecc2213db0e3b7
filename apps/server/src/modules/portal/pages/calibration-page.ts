import type { TCalibrationBand, TForecastCalibration } from '@sagsgang/contracts';
import { html, type SafeHtml } from '../../../platform/html/html.js';
import { formatDate } from '../../notifications/index.js';
import { lt } from '../apply-components.js';
import type { PageContext } from '../portal-page.js';

const pct = (x: number | null): string => (x === null ? '–' : `${Math.round(x * 1000) / 10} %`);

/** The public page per case type: how often the expected-decision promise held over the last 12 months. */
export function calibrationPage(page: PageContext, c: TForecastCalibration): SafeHtml {
  const { t, locale } = page;
  const caseType = lt(c.caseTypeName, locale);
  const all = c.all;
  const band = (b: TCalibrationBand) =>
    b.toDays === null
      ? t('calibration:bandOpen', { from: b.fromDays })
      : t('calibration:band', { from: b.fromDays, to: b.toDays });
  const shareOf = (s: TCalibrationBand['upper']) =>
    s.due ? t('calibration:shareOf', { share: pct(s.share), due: s.due }) : '–';
  const headline =
    all.upper.due > 0
      ? html`<p class="font-lead"><strong>${t('calibration:upperHeld', { share: pct(all.upper.share), due: all.upper.due })}</strong></p>
<p>${t('calibration:medianHeld', { share: pct(all.median.share), due: all.median.due })}</p>`
      : html`<p class="font-lead">${t('calibration:noneDue')}</p>`;
  return html`<div class="row"><div class="col-12 col-lg-8">
<h1>${t('calibration:title', { caseType })}</h1>
<p>${t('calibration:intro', { caseType, from: formatDate(locale, c.fromDate), to: formatDate(locale, c.asOfDate) })}</p>
${headline}
<p>${t('calibration:behind', { forecasts: all.forecasts, cases: all.cases, open: all.upperOpen })}</p>
<div class="table--responsive-scroll"><table class="table table--compact">
<caption>${t('calibration:bandsCaption')}</caption>
<thead><tr><th scope="col">${t('calibration:colBand')}</th><th scope="col">${t('calibration:colCases')}</th><th scope="col">${t('calibration:colUpper')}</th><th scope="col">${t('calibration:colMedian')}</th></tr></thead>
<tbody>${c.bands
    .filter((b) => b.forecasts > 0)
    .map(
      (b) =>
        html`<tr><th scope="row">${band(b)}</th><td>${b.cases}</td><td>${shareOf(b.upper)}</td><td>${shareOf(b.median)}</td></tr>`,
    )}</tbody>
</table></div>
<h2>${t('calibration:methodHeading')}</h2>
<p>${t('calibration:method')}</p>
</div></div>`;
}
