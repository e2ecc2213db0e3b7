import './cases.css';
import { useEffect, useState } from 'react';
import type { TCalibrationBand, TCaseTypeSummary, TForecastCalibration } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { casesApi } from './cases-api.js';
import { caseTypesApi } from '../case-types/case-types-api.js';
import { localized } from '../../i18n/localized-text.js';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

/**
 * How often the expected-decision promises of one case type held over the last 12 months, by how long the case
 * had waited when the promise was made. The server keeps the figures; opening the page does not recompute them.
 */
export function CalibrationPage() {
  const { t, locale } = useT();
  const [types, setTypes] = useState<TCaseTypeSummary[]>([]);
  const [caseTypeId, setCaseTypeId] = useState('');
  const [figures, setFigures] = useState<TForecastCalibration | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(
    () =>
      void caseTypesApi.list().then((list) => {
        setTypes(list);
        setCaseTypeId((id) => id || list[0]?.id || '');
      }, setError),
    [],
  );
  useEffect(() => {
    if (!caseTypeId) return;
    const ctl = new AbortController();
    setError(null);
    casesApi.forecastCalibration(caseTypeId, ctl.signal).then(setFigures, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [caseTypeId]);
  const band = (b: TCalibrationBand) =>
    b.toDays === null
      ? t('calibration:bandOpen', { from: b.fromDays })
      : t('calibration:band', { from: b.fromDays, to: b.toDays });
  const shareOf = (s: TCalibrationBand['upper']) =>
    s.due ? t('calibration:shareOf', { share: pct(s.share), due: s.due }) : '–';
  const caseType = figures ? localized(figures.caseTypeName, locale) : '';
  return (
    <>
      <h1>{t('calibration:backOfficeTitle')}</h1>
      <div className="bo-filter">
        <div className="form-group">
          <label className="form-label" htmlFor="cal-type">
            {t('calibration:selectCaseType')}
          </label>
          <select
            className="form-select"
            id="cal-type"
            value={caseTypeId}
            onChange={(e) => setCaseTypeId(e.target.value)}
          >
            {types.map((c) => (
              <option key={c.id} value={c.id}>
                {localized(c.name, locale)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error != null && <ErrorAlert error={error} t={t} />}
      {figures && figures.caseTypeId === caseTypeId && (
        <section aria-labelledby="cal-heading">
          <h2 id="cal-heading">{caseType}</h2>
          <p>{t('calibration:intro', { caseType, from: figures.fromDate, to: figures.asOfDate })}</p>
          {figures.all.upper.due > 0 ? (
            <>
              <p className="font-lead">
                <strong data-testid="upper-held">
                  {t('calibration:upperHeld', { share: pct(figures.all.upper.share), due: figures.all.upper.due })}
                </strong>
              </p>
              <p>
                {t('calibration:medianHeld', { share: pct(figures.all.median.share), due: figures.all.median.due })}
              </p>
            </>
          ) : (
            <p className="font-lead">{t('calibration:noneDue')}</p>
          )}
          <p>
            {t('calibration:behind', {
              forecasts: figures.all.forecasts,
              cases: figures.all.cases,
              open: figures.all.upperOpen,
            })}
          </p>
          <div className="table--responsive-scroll">
            <table className="table table--compact">
              <caption>{t('calibration:bandsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calibration:colBand')}</th>
                  <th scope="col">{t('calibration:colForecasts')}</th>
                  <th scope="col">{t('calibration:colCases')}</th>
                  <th scope="col">{t('calibration:colUpper')}</th>
                  <th scope="col">{t('calibration:colMedian')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.bands.map((b) => (
                  <tr key={b.fromDays}>
                    <th scope="row">{band(b)}</th>
                    <td>{b.forecasts}</td>
                    <td>{b.cases}</td>
                    <td>{shareOf(b.upper)}</td>
                    <td>{shareOf(b.median)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('calibration:methodHeading')}</h3>
          <p>{t('calibration:method')}</p>
          <p className="bo-muted">
            {t('calibration:computedFor', { date: figures.asOfDate, cases: figures.historyCases })}
          </p>
        </section>
      )}
    </>
  );
}
